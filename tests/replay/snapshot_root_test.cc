// SnapshotRoot: answers from the process table, recorded failures, absent
// versus never-probed paths, identity and names from the bundle, and
// pass-through for plain trees.
#include "replay/snapshot_root.h"

#include <gtest/gtest.h>

#include "replay/archive_reader.h"

#include "replay/bundle_manifest.h"
#include "replay/memory_root.h"
#include "replay/recorded_names.h"
#include "replay/snapshot_interfaces.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

using std::string_literals::operator""s;

std::unique_ptr<MemoryRoot> bundle_tree() {
  auto t = std::make_unique<MemoryRoot>();
  Manifest m;
  m.hostname = "web1";
  m.kernel_release = "6.1.0-18-amd64";
  m.euid = 1000;
  m.clk_tck = 250;
  m.absent = {"proc/net/sctp", "proc/net/udplite6"};
  m.unreadable = {{"proc/net/snmp", Error{Errc::permission_denied, 13, {}}}};
  t->add_file("manifest.json", manifest_to_json(m));
  t->add_file("proc/net/tcp", "tcp text");
  t->add_file("proc/net/udplite", "");
  t->add_file("netstat/processes.tsv",
              "netstat-processes\t1\n"
              "P\t1\tpermission_denied:13\t-\t\n"
              "P\t214\tok\tok\t/usr/sbin/sshd\\x00\n"
              "F\t3\tsocket:[1234]\n"
              "F\t4\tsocket:[1235]\n"
              "P\t300\tok\t-\t\n"
              "P\t301\tnot_found:2\t-\t\n");
  RecordedNames names;
  names.users[0] = "root";
  names.users[1000] = "alice";
  names.users[4242] = std::nullopt;
  t->add_file("netstat/names.json", recorded_names_to_json(names));
  return t;
}

std::unique_ptr<SnapshotRoot> open_snapshot(std::unique_ptr<Root> base) {
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(base), "snap");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : nullptr;
}

std::vector<std::string> names_of(const std::vector<DirEntry>& v) {
  std::vector<std::string> out;
  for (const DirEntry& e : v) out.push_back(e.name);
  return out;
}

TEST(SnapshotRoot, ListsProcFilesThenRecordedPids) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<DirEntry>> r = s->list_dir("/proc");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(names_of(*r), (std::vector<std::string>{"net", "1", "214", "300", "301"}));
  EXPECT_EQ((*r)[2].type, FileType::directory);
}

TEST(SnapshotRoot, FdLinksFromTheTable) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/214/fd");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].name, "3");
  EXPECT_EQ(*(*r)[0].target, "socket:[1234]");
  Result<std::string> l = s->read_link("/proc/214/fd/4");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(*l, "socket:[1235]");
  Result<std::vector<DirEntry>> d = s->list_dir("/proc/214/fd");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(names_of(*d), (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ((*d)[0].type, FileType::symlink);
}

TEST(SnapshotRoot, MissingFdIsNotFound) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> l = s->read_link("/proc/214/fd/9");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.code(), Errc::not_found);
}

TEST(SnapshotRoot, ProcessWithoutSocketsHasAnEmptyFdDir) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/300/fd");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  Result<std::string> c = s->read_file("/proc/300/cmdline");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.code(), Errc::not_captured);
}

TEST(SnapshotRoot, DeniedFdDirReplaysPermissionDenied) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/1/fd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::permission_denied);
  EXPECT_EQ(error_text(r.error()), "Permission denied");
  Result<std::vector<DirEntry>> d = s->list_dir("/proc/1/fd");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.code(), Errc::permission_denied);
}

TEST(SnapshotRoot, VanishedProcessReplaysNotFound) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/301/fd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
}

TEST(SnapshotRoot, UnrecordedPidIsNotFound) {
  auto s = open_snapshot(bundle_tree());
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/999/fd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
}

TEST(SnapshotRoot, CmdlineFromTheTable) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> c = s->read_file("/proc/214/cmdline");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "/usr/sbin/sshd\0"s);
}

TEST(SnapshotRoot, OtherPidFilesWereNotCaptured) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> r = s->read_file("/proc/214/environ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_captured);
}

TEST(SnapshotRoot, RecordedFailureReplays) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> r = s->read_file("/proc/net/snmp");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::permission_denied);
  EXPECT_EQ(r.error().sys_errno, 13);
}

TEST(SnapshotRoot, AbsentPathsAreNotFound) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> a = s->read_file("/proc/net/udplite6");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.code(), Errc::not_found);
  Result<std::string> b = s->read_file("/proc/net/sctp/eps");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.code(), Errc::not_found);
}

TEST(SnapshotRoot, NeverProbedPathsAreNotCaptured) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> r = s->read_file("/proc/net/wireless");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_captured);
  EXPECT_EQ(error_text(r.error()), "No such file or directory");
}

TEST(SnapshotRoot, PresentButEmptyStaysEmpty) {
  auto s = open_snapshot(bundle_tree());
  Result<std::string> r = s->read_file("/proc/net/udplite");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "");
}

TEST(SnapshotRoot, IdentityFromTheManifest) {
  auto s = open_snapshot(bundle_tree());
  SystemIdentity id = s->identity();
  EXPECT_EQ(id.euid, 1000u);
  EXPECT_EQ(id.clk_tck, 250);
  EXPECT_EQ(id.hostname, "web1");
  EXPECT_EQ(id.kernel_release, "6.1.0-18-amd64");
}

TEST(SnapshotRoot, RecordedUserNamesComeFirst) {
  auto s = open_snapshot(bundle_tree());
  EXPECT_EQ(s->names().user_by_uid(1000), std::optional<std::string>("alice"));
  EXPECT_EQ(s->names().user_by_uid(4242), std::nullopt);
}

TEST(SnapshotRoot, PlainTreePassesThrough) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("proc/net/tcp", "x");
  t->add_symlink("proc/7/fd/1", "socket:[5]");
  t->add_symlink("proc/7/fd/2", "/dev/null");
  auto s = open_snapshot(std::move(t));
  Result<std::vector<LinkEntry>> r = s->read_links("/proc/7/fd");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 2u);
  Result<std::string> missing = s->read_file("/proc/net/udp");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.code(), Errc::not_found);
  EXPECT_EQ(s->manifest(), nullptr);
}

TEST(SnapshotRoot, MalformedManifestNamesBundleAndFile) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", "{not json");
  t->add_dir("netstat");  // a damaged bundle, not a foreign tree
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b.tar.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("b.tar.zst: manifest.json: malformed manifest: ", 0), 0u)
      << r.error().message;
}

TEST(SnapshotRoot, TruncatedManifestWithMarkerIsRefused) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", "{\"format\": \"netstat-bundle\", \"format_v");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b.tar.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("b.tar.zst: manifest.json: malformed manifest: ", 0), 0u)
      << r.error().message;
}

TEST(SnapshotRoot, ForeignTreeWithBrokenManifestIsAPlainTree) {
  // No netstat/ folder: another tool's manifest.json, whatever it holds.
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", "{not json");
  t->add_file("proc/net/tcp", "x");
  auto s = open_snapshot(std::move(t));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->manifest(), nullptr);
}

TEST(SnapshotRoot, NewerFormatIsRefused) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", R"({"format": "netstat-bundle", "format_version": 3})");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b.tar.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "b.tar.zst: manifest.json: bundle format version 3 is newer than "
            "this netstat reads (2)");
}

TEST(SnapshotRoot, MalformedProcessTableNamesTheLine) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", manifest_to_json(Manifest{}));
  t->add_file("netstat/processes.tsv", "netstat-processes\t1\nP\tx\tok\t-\t\n");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "b: netstat/processes.tsv: line 2: bad pid 'x'");
}


// --- Foreign trees: our member names count only in a real bundle ---------

TEST(SnapshotRoot, MarkerDecidesWhatIsABundle) {
  EXPECT_TRUE(looks_like_bundle_manifest(manifest_to_json(Manifest{})));
  EXPECT_TRUE(looks_like_bundle_manifest("{\"format\" :\n \"netstat-bundle\", tr"));
  EXPECT_FALSE(looks_like_bundle_manifest(""));
  EXPECT_FALSE(looks_like_bundle_manifest("{not json"));
  EXPECT_FALSE(looks_like_bundle_manifest(R"({"version": "4.0", "cmdline": "sos report"})"));
  EXPECT_FALSE(looks_like_bundle_manifest(R"({"format": "netstat-bundle-2"})"));
  EXPECT_FALSE(looks_like_bundle_manifest(R"({"format": ["netstat-bundle"]})"));
  EXPECT_FALSE(looks_like_bundle_manifest(R"({"note": "netstat-bundle"})"));
}

TEST(SnapshotRoot, ForeignManifestAndNetstatFolderAreIgnored) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", R"({"version": "4.0"})");
  t->add_file("netstat/processes.tsv", "garbage");
  t->add_file("netstat/interfaces.json", "garbage");
  t->add_file("netstat/names.json", "garbage");
  t->add_file("proc/net/tcp", "x");
  auto s = open_snapshot(std::move(t));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->manifest(), nullptr);
  EXPECT_EQ(s->processes(), nullptr);
  (void)s->names();
  (void)s->interface_labels();
  EXPECT_TRUE(s->notes().empty());
  Result<std::string> r = s->read_file("/netstat/processes.tsv");
  ASSERT_TRUE(r.ok());  // the tree's own file, read as such
  EXPECT_EQ(*r, "garbage");
}

// The sos layout: `netstat` at the top is a symlink to a command output.
std::vector<testing::TreeNode> sos_tree() {
  using testing::TreeNode;
  return {
      {"sos_commands", FileType::directory, ""},
      {"sos_commands/networking", FileType::directory, ""},
      {"sos_commands/networking/netstat_-W_-neopa", FileType::regular,
       "Active Internet connections (servers and established)\n"},
      {"netstat", FileType::symlink, "sos_commands/networking/netstat_-W_-neopa"},
      {"sos_reports", FileType::directory, ""},
      {"sos_reports/manifest.json", FileType::regular, R"({"version": "4.0"})"},
      {"proc", FileType::directory, ""},
      {"proc/214", FileType::directory, ""},
      {"proc/214/net", FileType::directory, ""},
      {"proc/214/net/tcp", FileType::regular,
       "  sl  local_address rem_address   st\n"
       "   0: 0100007F:0016 00000000:0000 0A\n"},
      {"proc/self", FileType::symlink, "214"},
      {"proc/net", FileType::symlink, "self/net"},
  };
}

void expect_sos_tree_reads(const Root& r) {
  Result<std::string> tcp = r.read_file("/proc/net/tcp");
  ASSERT_TRUE(tcp.ok()) << tcp.error().message;
  EXPECT_NE(tcp->find("0100007F:0016"), std::string::npos);
  Result<std::string> link = r.read_file("/netstat");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->rfind("Active Internet", 0), 0u);
  EXPECT_TRUE(r.notes().empty());
}

TEST(SnapshotRoot, SosNetstatSymlinkInMemory) {
  auto s = open_snapshot(testing::to_memory_root(sos_tree()));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->processes(), nullptr);
  expect_sos_tree_reads(*s);
}

TEST(SnapshotRoot, SosNetstatSymlinkFolder) {
  testing::TempDir tmp;
  testing::to_directory(sos_tree(), tmp.path() / "sosreport-h-2026");
  Result<std::unique_ptr<Root>> r = open_root((tmp.path() / "sosreport-h-2026").string());
  ASSERT_TRUE(r.ok()) << r.error().message;
  expect_sos_tree_reads(**r);
}

TEST(SnapshotRoot, SosNetstatSymlinkArchive) {
  for (testing::Compression c : {testing::Compression::xz, testing::Compression::gzip}) {
    testing::TempDir tmp;
    std::filesystem::path file = tmp.path() / "sosreport-h-2026.tar.xz";
    testing::write_file(file, testing::to_tar(sos_tree(), c, "sosreport-h-2026/"));
    Result<std::unique_ptr<Root>> r = open_root(file.string());
    ASSERT_TRUE(r.ok()) << r.error().message;
    expect_sos_tree_reads(**r);
  }
}

// --- A real bundle's optional members: any read error is absence + note --

struct MemberCase {
  std::string_view member;
  std::string what;  // ENOTDIR, ELOOP, EACCES, EISDIR
};

std::unique_ptr<MemoryRoot> bundle_with_broken(const MemberCase& c) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", manifest_to_json(Manifest{}));
  t->add_file("proc/net/tcp", "x");
  std::string path(c.member);
  if (c.what == "ENOTDIR") {
    t->add_file("netstat", "a file where the folder was");
  } else if (c.what == "ELOOP") {
    t->add_symlink(path, "../" + path);
  } else if (c.what == "EACCES") {
    t->add_error(path, Errc::permission_denied);
  } else {
    t->add_dir(path);
  }
  return t;
}

std::string expected_text(const std::string& what) {
  if (what == "ENOTDIR") return "Not a directory";
  if (what == "ELOOP") return "Too many levels of symbolic links";
  if (what == "EACCES") return "Permission denied";
  return "Is a directory";
}

TEST(SnapshotRoot, UnreadableBundleMembersAreAbsentWithANote) {
  for (std::string_view member : {kProcessTablePath, kInterfacesPath, kNamesPath}) {
    for (const char* what : {"ENOTDIR", "ELOOP", "EACCES", "EISDIR"}) {
      SCOPED_TRACE(std::string(member) + " " + what);
      Result<std::unique_ptr<SnapshotRoot>> r =
          SnapshotRoot::open(bundle_with_broken({member, what}), "b.tar.zst");
      ASSERT_TRUE(r.ok()) << r.error().message;
      SnapshotRoot& s = **r;
      ASSERT_NE(s.manifest(), nullptr);
      EXPECT_EQ(s.processes(), nullptr);
      std::string note = "b.tar.zst: " + std::string(member) + ": " +
                         expected_text(what) + "; read as absent";
      // The note appears once what the member feeds is consulted.
      (void)s.names();
      EXPECT_TRUE(s.notes().empty());
      if (member == kProcessTablePath) (void)s.list_dir("/proc");
      if (member == kInterfacesPath) (void)s.interface_labels();
      if (member == kNamesPath) (void)s.names().user_by_uid(0);
      EXPECT_EQ(s.notes(), std::vector<std::string>{note});
      Result<std::string> tcp = s.read_file("/proc/net/tcp");
      EXPECT_TRUE(tcp.ok());
    }
  }
}

TEST(SnapshotRoot, UnreadableManifestIsAPlainTreeWithANote) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_error("manifest.json", Errc::permission_denied);
  t->add_file("proc/net/tcp", "x");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "d");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->manifest(), nullptr);
  EXPECT_EQ((*r)->notes(),
            std::vector<std::string>{"d: manifest.json: Permission denied; read as absent"});
}

TEST(SnapshotRoot, UnreadableMembersOnDisk) {
  // The same cases through the directory root: real ENOTDIR and ELOOP.
  testing::TempDir tmp;
  std::filesystem::path d = tmp.path() / "b";
  testing::to_directory({{"proc", FileType::directory, ""},
                         {"proc/net", FileType::directory, ""},
                         {"proc/net/tcp", FileType::regular, "x"},
                         {"netstat", FileType::symlink, "netstat"}},
                        d);
  testing::write_file(d / "manifest.json", manifest_to_json(Manifest{}));
  Result<std::unique_ptr<Root>> r = open_root(d.string());
  ASSERT_TRUE(r.ok()) << r.error().message;
  (void)(*r)->list_dir("/proc");
  (void)(*r)->interface_labels();
  (void)(*r)->names().services();
  std::vector<std::string> notes = (*r)->notes();
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0], d.string() + ": netstat/processes.tsv: "
                      "Too many levels of symbolic links; read as absent");
}

}  // namespace
}  // namespace netstat
