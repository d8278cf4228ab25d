// capture -> bundle bytes -> archive root: every read, listing and readlink
// the recorder made on the source is answered the same way by the bundle
// (with the documented privacy filters: fd listings hold socket links only,
// cmdline holds argv[0] only, /proc lists its pids and net only), and the
// identity, names and interface answers come back unchanged.
#include <gtest/gtest.h>

#include <algorithm>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "replay/archive_reader.h"
#include "replay/fd_walk.h"
#include "replay/snapshot_interfaces.h"
#include "replay/snapshot_root.h"
#include "replay/live_root.h"
#include "tests/capture/source_fixture.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

using testing::CallLog;
using std::string_literals::operator""s;

RecordOptions fixed_options() {
  RecordOptions o;
  o.clock = testing::fixed_time;
  o.tool = "netstat-replay";
  o.tool_version = "test";
  o.source = "memory";
  return o;
}

std::string bundle_bytes(const Root& root, const RecordOptions& o = fixed_options()) {
  Result<Recording> rec = record(root, o);
  EXPECT_TRUE(rec.ok()) << (rec.ok() ? "" : rec.error().message);
  std::string bytes;
  Result<void> w = write_bundle(*rec, [&bytes](std::string_view d) -> Result<void> {
    bytes.append(d);
    return {};
  });
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
  return bytes;
}

std::unique_ptr<SnapshotRoot> load(const std::string& bytes) {
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "bundle", ArchiveLimits{});
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  if (!e.ok()) return nullptr;
  Result<std::unique_ptr<SnapshotRoot>> s =
      SnapshotRoot::open(make_memory_root(std::move(*e), "bundle"), "bundle");
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(*s) : nullptr;
}

// The links the fd walk keeps: named by a digit, a target 2.10 takes for a
// socket.
bool is_socket(const LinkEntry& l) {
  return !l.name.empty() && l.name[0] >= '0' && l.name[0] <= '9' && l.target.ok() &&
         socket_inode_from_link(*l.target).has_value();
}

template <typename T>
void expect_same_error(const Result<T>& want, const Result<T>& got, const std::string& what) {
  ASSERT_FALSE(got.ok()) << what << " should fail";
  EXPECT_EQ(static_cast<int>(got.code()), static_cast<int>(want.code())) << what;
}

class CaptureRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    m_source = testing::source_root();
    m_log = std::make_unique<CallLog>(*m_source);
    m_bytes = bundle_bytes(*m_log);
    m_bundle = load(m_bytes);
    ASSERT_NE(m_bundle, nullptr);
  }
  std::unique_ptr<MemoryRoot> m_source;
  std::unique_ptr<CallLog> m_log;
  std::string m_bytes;
  std::unique_ptr<SnapshotRoot> m_bundle;
};

TEST_F(CaptureRoundTrip, EveryRecordedReadAnswersTheSame) {
  size_t checked = 0;
  for (const CallLog::Call& c : m_log->calls()) {
    const std::string& p = c.path;
    SCOPED_TRACE(p);
    ++checked;
    switch (c.op) {
      case CallLog::Op::read_file: {
        Result<std::string> want = m_source->read_file(p);
        Result<std::string> got = m_bundle->read_file(p);
        if (!want.ok()) {
          expect_same_error(want, got, p);
        } else if (p.size() > 8 && p.substr(p.size() - 8) == "/cmdline") {
          ASSERT_TRUE(got.ok());
          EXPECT_EQ(*got, want->substr(0, want->find('\0') + 1));  // argv[0]
        } else {
          ASSERT_TRUE(got.ok()) << got.error().message;
          EXPECT_EQ(*got, *want);
        }
        break;
      }
      case CallLog::Op::list_dir: {
        Result<std::vector<DirEntry>> want = m_source->list_dir(p);
        Result<std::vector<DirEntry>> got = m_bundle->list_dir(p);
        if (!want.ok()) {
          expect_same_error(want, got, p);
          break;
        }
        ASSERT_TRUE(got.ok());
        if (p == "/proc/net") {
          // Only captured members: wanted names that could be read.
          const std::vector<std::string>& wanted = recorded_proc_net_names();
          std::vector<DirEntry> kept;
          for (const DirEntry& e : *want) {
            Result<std::string> f = m_source->read_file(p + "/" + e.name);
            bool denied = !f.ok() && f.code() == Errc::permission_denied;
            if (std::find(wanted.begin(), wanted.end(), e.name) != wanted.end() && !denied) {
              kept.push_back(e);
            }
          }
          EXPECT_EQ(*got, kept);
        } else if (p == "/proc") {
          std::vector<DirEntry> kept;
          for (const DirEntry& e : *want) {
            if (e.name == "net" || (e.name[0] >= '0' && e.name[0] <= '9')) kept.push_back(e);
          }
          EXPECT_EQ(*got, kept);
        } else {
          EXPECT_EQ(*got, *want);
        }
        break;
      }
      case CallLog::Op::read_link: {
        Result<std::string> want = m_source->read_link(p);
        Result<std::string> got = m_bundle->read_link(p);
        if (!want.ok()) {
          expect_same_error(want, got, p);
        } else {
          ASSERT_TRUE(got.ok());
          EXPECT_EQ(*got, *want);
        }
        break;
      }
      case CallLog::Op::read_links: {
        Result<std::vector<LinkEntry>> want = m_source->read_links(p);
        Result<std::vector<LinkEntry>> got = m_bundle->read_links(p);
        if (!want.ok()) {
          expect_same_error(want, got, p);
          break;
        }
        ASSERT_TRUE(got.ok());
        std::vector<std::pair<std::string, std::string>> w;
        std::vector<std::pair<std::string, std::string>> g;
        for (const LinkEntry& l : *want) {
          if (is_socket(l)) w.emplace_back(l.name, *l.target);
        }
        for (const LinkEntry& l : *got) {
          ASSERT_TRUE(l.target.ok());
          g.emplace_back(l.name, *l.target);
        }
        EXPECT_EQ(g, w);
        // Each recorded link also answers readlink on its own.
        for (const auto& [name, target] : w) {
          Result<std::string> one = m_bundle->read_link(p + "/" + name);
          ASSERT_TRUE(one.ok());
          EXPECT_EQ(*one, target);
        }
        break;
      }
    }
  }
  EXPECT_GT(checked, 40u);
}

TEST_F(CaptureRoundTrip, NonSocketFdTargetsAreNotRecorded) {
  Result<std::string> r = m_bundle->read_link("/proc/214/fd/0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
  Result<std::string> t = m_bundle->read_file("/netstat/processes.tsv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->find("/dev/null"), std::string::npos);
  EXPECT_EQ(t->find("pipe:"), std::string::npos);
  EXPECT_EQ(t->find("--secret-flag"), std::string::npos);
}

TEST_F(CaptureRoundTrip, EnvironIsNeverRecorded) {
  Result<std::string> r = m_bundle->read_file("/proc/214/environ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_captured);
}

TEST_F(CaptureRoundTrip, UnwantedProcFilesAreNotCaptured) {
  Result<std::string> a = m_bundle->read_file("/proc/cpuinfo");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.code(), Errc::not_captured);
  Result<std::string> b = m_bundle->read_file("/proc/net/wireless");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.code(), Errc::not_captured);
}

TEST_F(CaptureRoundTrip, AbsentFilesStayAbsent) {
  for (const char* p : {"/proc/net/udp6", "/proc/net/raw", "/proc/net/ipx/socket",
                        "/proc/net/sctp6/eps", "/etc/group"}) {
    Result<std::string> r = m_bundle->read_file(p);
    ASSERT_FALSE(r.ok()) << p;
    EXPECT_EQ(r.code(), Errc::not_found) << p;
  }
}

TEST_F(CaptureRoundTrip, DeniedFdFolderReplaysDenied) {
  Result<std::vector<LinkEntry>> r = m_bundle->read_links("/proc/1/fd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::permission_denied);
}

TEST_F(CaptureRoundTrip, IdentityNamesAndInterfaces) {
  SystemIdentity id = m_bundle->identity();
  EXPECT_EQ(id.euid, 1000u);
  EXPECT_EQ(id.clk_tck, 100);
  EXPECT_EQ(id.hostname, "src-host");
  EXPECT_EQ(id.kernel_release, "6.1.0-18-amd64");
  EXPECT_EQ(m_bundle->names().user_by_uid(0), std::optional<std::string>("root"));
  EXPECT_EQ(m_bundle->names().user_by_uid(1000), std::optional<std::string>("alice"));
  EXPECT_EQ(m_bundle->names().user_by_uid(4242), std::nullopt);
  if (!snapshot_interfaces_supported()) GTEST_SKIP() << "interfaces.json not in this build";
  Result<std::vector<std::string>> labels = m_bundle->interface_labels();
  ASSERT_TRUE(labels.ok());
  EXPECT_EQ(*labels, (std::vector<std::string>{"lo", "eth0"}));
  Result<IfaceInfo> eth0 = m_bundle->interface_info("eth0");
  ASSERT_TRUE(eth0.ok());
  EXPECT_EQ(eth0->flags, 0x1043);
  EXPECT_EQ(eth0->mtu, 1500);
  Result<IfaceInfo> gone = m_bundle->interface_info("eth9");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.code(), Errc::not_found);
}

TEST_F(CaptureRoundTrip, ManifestListsWhatCouldNotBeRead) {
  const Manifest* m = m_bundle->manifest();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->capture_start, "2024-05-01T12:00:00.000Z");
  auto has = [&](const std::string& p, Errc c) {
    return std::any_of(m->unreadable.begin(), m->unreadable.end(),
                       [&](const RecordedError& r) { return r.path == p && r.error.code == c; });
  };
  EXPECT_TRUE(has("proc/net/snmp", Errc::permission_denied));
  EXPECT_TRUE(has("sys/class/net/lo/carrier", Errc::invalid));
  EXPECT_NE(std::find(m->absent.begin(), m->absent.end(), "proc/net/udp6"), m->absent.end());
  EXPECT_EQ(std::find(m->absent.begin(), m->absent.end(), "proc/net/tcp6"), m->absent.end());
}

// The names derived from the read plan are the bundle format's list
// (docs/bundle-format.md), in its order: a file added to the plan shows up
// here, and the order of a bundle's "absent" list does not move.
TEST(CaptureNames, ProbedNamesComeFromTheReadPlan) {
  const std::vector<std::string> want = {
      "tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6",
      "unix", "sctp", "sctp6", "igmp", "igmp6", "route", "ipv6_route",
      "rt_cache", "ndisc", "dev", "if_inet6", "snmp", "snmp6", "netstat",
      "ip_masquerade", "nf_conntrack", "ipx", "ipx_route", "ax25",
      "ax25_route", "nr", "nr_nodes", "nr_neigh", "rose", "rose_nodes",
      "rose_neigh", "rose_routes", "x25", "x25_routes", "atalk_route"};
  EXPECT_EQ(recorded_proc_net_names(), want);
}

TEST(CaptureReproducible, SameSourceSameBytes) {
  auto a = testing::source_root();
  auto b = testing::source_root();
  std::string first = bundle_bytes(*a);
  std::string second = bundle_bytes(*b);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST(CaptureReproducible, RecapturingABundleGivesTheSameBytes) {
  auto src = testing::source_root();
  std::string first = bundle_bytes(*src);
  std::unique_ptr<SnapshotRoot> bundle = load(first);
  ASSERT_NE(bundle, nullptr);
  std::string second = bundle_bytes(*bundle);
  EXPECT_EQ(first, second);
}

TEST(CaptureReproducible, FullCmdlineKeepsEveryArgument) {
  auto src = testing::source_root();
  RecordOptions o = fixed_options();
  o.cmdline = CmdlineScope::full;
  std::unique_ptr<SnapshotRoot> bundle = load(bundle_bytes(*src, o));
  ASSERT_NE(bundle, nullptr);
  Result<std::string> c = bundle->read_file("/proc/214/cmdline");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "/usr/sbin/sshd\0-D\0--secret-flag\0"s);
  EXPECT_TRUE(bundle->manifest()->full_cmdline);
}

TEST(CaptureReproducible, TwoThreadsGiveTheSameBytesAsOne) {
  testing::TempDir dir;
  testing::to_directory(testing::sample_tree(), dir.path() / "tree");
  Result<std::unique_ptr<LiveRoot>> tree = LiveRoot::open_dir((dir.path() / "tree").string());
  ASSERT_TRUE(tree.ok());
  RecordOptions one = fixed_options();
  RecordOptions two = fixed_options();
  two.threads = Threads::two;
  std::string a = bundle_bytes(**tree, one);
  std::string b = bundle_bytes(**tree, two);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  std::unique_ptr<SnapshotRoot> bundle = load(b);
  ASSERT_NE(bundle, nullptr);
  Result<std::string> link = bundle->read_link("/proc/214/fd/3");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(*link, "socket:[1234]");
}

TEST(Capture, FailsWithoutProcNet) {
  MemoryRoot empty;
  empty.set_description("/tmp/empty");
  Result<Recording> r = record(empty, fixed_options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "/tmp/empty: cannot capture /proc/net: No such file or directory");
}

TEST(Capture, MembersComeInAFixedOrder) {
  auto src = testing::source_root();
  Result<Recording> r = record(*src, fixed_options());
  ASSERT_TRUE(r.ok());
  std::vector<std::string> paths;
  for (const BundleMember& m : r->members) paths.push_back(m.path);
  ASSERT_GE(paths.size(), 6u);
  EXPECT_EQ(paths[0], "proc");
  EXPECT_EQ(paths[1], "proc/net");
  EXPECT_EQ(paths[2], "proc/net/tcp");  // source listing order
  EXPECT_EQ(paths.back(), "netstat/names.json");
  for (const ManifestEntry& e : r->manifest.entries) {
    if (e.type == "file") {
      EXPECT_EQ(e.sha256.size(), 64u) << e.path;
    }
  }
}

}  // namespace
}  // namespace netstat
