// SnapshotRoot: answers from the process table, recorded failures, absent
// versus never-probed paths, identity and names from the bundle, and
// pass-through for plain trees.
#include "replay/snapshot_root.h"

#include <gtest/gtest.h>

#include "replay/bundle_manifest.h"
#include "replay/memory_root.h"
#include "replay/recorded_names.h"

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
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b.tar.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("b.tar.zst: manifest.json: malformed manifest: ", 0), 0u)
      << r.error().message;
}

TEST(SnapshotRoot, NewerFormatIsRefused) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("manifest.json", R"({"format": "netstat-bundle", "format_version": 2})");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b.tar.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "b.tar.zst: manifest.json: bundle format version 2 is newer than "
            "this netstat reads (1)");
}

TEST(SnapshotRoot, MalformedProcessTableNamesTheLine) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("netstat/processes.tsv", "netstat-processes\t1\nP\tx\tok\t-\t\n");
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "b");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "b: netstat/processes.tsv: line 2: bad pid 'x'");
}

}  // namespace
}  // namespace netstat
