// Capture of sysfs against the network namespace, and names that are not
// printable ASCII: sysfs follows the mount namespace, so under `unshare -n` it still
// shows the host's interfaces; capture keeps sys/class/net only when its
// interfaces are the ones /proc/net/dev and SIOCGIFCONF name. Interface (and
// folder) names may be any bytes; paths that manifest.json cannot name are
// left out so that every bundle passes its own `netstat verify` (and the
// writer never meets a name libarchive must convert).
#include <gtest/gtest.h>

#include <algorithm>

#include "capture/bundle_writer.h"
#include "capture/manifest.h"
#include "capture/recorder.h"
#include "replay/archive_reader.h"
#include "replay/snapshot_root.h"
#include "tests/capture/source_fixture.h"

namespace netstat {
namespace {

RecordOptions fixed_options() {
  RecordOptions o;
  o.clock = testing::fixed_time;
  o.tool = "netstat-replay";
  o.tool_version = "test";
  o.source = "memory";
  return o;
}

Recording recorded(const Root& root) {
  Result<Recording> rec = record(root, fixed_options());
  EXPECT_TRUE(rec.ok()) << (rec.ok() ? "" : rec.error().message);
  return rec.ok() ? std::move(*rec) : Recording{};
}

std::string to_bytes(const Recording& rec) {
  std::string bytes;
  Result<void> w = write_bundle(rec, [&bytes](std::string_view d) -> Result<void> {
    bytes.append(d);
    return {};
  });
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
  return bytes;
}

std::vector<std::string> paths_under(const Recording& rec, std::string_view prefix) {
  std::vector<std::string> out;
  for (const BundleMember& m : rec.members) {
    if (m.path.rfind(prefix, 0) == 0) out.push_back(m.path);
  }
  return out;
}

bool unreadable_as(const Recording& rec, const std::string& path, Errc code) {
  return std::any_of(rec.manifest.unreadable.begin(), rec.manifest.unreadable.end(),
                     [&](const RecordedError& u) {
                       return u.path == path && u.error.code == code;
                     });
}

TEST(CaptureNetns, SysfsOfThisNamespaceIsKept) {
  std::unique_ptr<MemoryRoot> src = testing::source_root();
  Recording rec = recorded(*src);
  std::vector<std::string> sys = paths_under(rec, "sys/class/net/");
  EXPECT_NE(std::find(sys.begin(), sys.end(), "sys/class/net/lo/mtu"), sys.end());
  EXPECT_NE(std::find(sys.begin(), sys.end(), "sys/class/net/eth0/mtu"), sys.end());
  EXPECT_FALSE(unreadable_as(rec, "sys/class/net", Errc::not_captured));
}

TEST(CaptureNetns, SysfsOfAnotherNamespaceIsLeftOut) {
  // /proc/net/dev and the ioctls know lo and eth0; sysfs also shows the
  // host's veth0: it is not this namespace's sysfs, and even its "lo" is
  // another namespace's lo.
  std::unique_ptr<MemoryRoot> src = testing::source_root();
  src->add_file("sys/class/net/veth0/mtu", "1500\n");
  Recording rec = recorded(*src);
  EXPECT_EQ(paths_under(rec, "sys/"), std::vector<std::string>{});
  EXPECT_TRUE(unreadable_as(rec, "sys/class/net", Errc::not_captured));
  // The namespace's own interface answers are still recorded.
  std::unique_ptr<SnapshotRoot> bundle;
  {
    Result<std::vector<ArchiveEntry>> e =
        decode_archive(to_bytes(rec), "bundle", ArchiveLimits{});
    ASSERT_TRUE(e.ok());
    Result<std::unique_ptr<SnapshotRoot>> s =
        SnapshotRoot::open(make_memory_root(std::move(*e), "bundle"), "bundle");
    ASSERT_TRUE(s.ok()) << s.error().message;
    bundle = std::move(*s);
  }
  Result<IfaceInfo> eth0 = bundle->interface_info("eth0");
  ASSERT_TRUE(eth0.ok());
  EXPECT_EQ(eth0->mtu, 1500);
  Result<std::vector<DirEntry>> sys = bundle->list_dir("/sys/class/net");
  ASSERT_FALSE(sys.ok());
  EXPECT_EQ(sys.code(), Errc::not_captured);
}

TEST(CaptureNetns, InterfaceKnownOnlyToTheIoctlsOrAsAnAliasStillMatches) {
  std::unique_ptr<MemoryRoot> src = testing::source_root();
  src->add_file("sys/class/net/tun5/mtu", "1400\n");
  src->set_interfaces({"lo", "eth0:1", "tun5"},
                      {testing::iface("lo", 0x49, 65536), testing::iface("eth0", 0x1043, 1500),
                       testing::iface("tun5", 0x1051, 1400)});
  Recording rec = recorded(*src);
  std::vector<std::string> sys = paths_under(rec, "sys/class/net/");
  EXPECT_NE(std::find(sys.begin(), sys.end(), "sys/class/net/tun5/mtu"), sys.end());
  EXPECT_NE(std::find(sys.begin(), sys.end(), "sys/class/net/eth0/mtu"), sys.end());
}

TEST(CaptureNetns, NoDevFileAndNoIoctlsKeepsSysfsAsFound) {
  // A tree with sysfs but no /proc/net/dev and no interface answers: nothing
  // tells which namespace sysfs shows.
  MemoryRoot src;
  src.add_file("proc/net/tcp", "  sl  local_address\n");
  src.add_file("sys/class/net/lo/mtu", "65536\n");
  Recording rec = recorded(src);
  std::vector<std::string> sys = paths_under(rec, "sys/class/net/");
  EXPECT_NE(std::find(sys.begin(), sys.end(), "sys/class/net/lo/mtu"), sys.end());
}

TEST(CaptureNonAscii, InterfaceAndFolderNamesThatAreNotAsciiStillVerify) {
  // Linux interface names may hold any byte but '/', ':' and blanks.
  const std::string odd = "d\xff\xfe";
  std::unique_ptr<MemoryRoot> src = testing::source_root();
  src->add_file("proc/net/dev",
                "Inter-|   Receive                                                |  Transmit\n"
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                "    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0\n"
                "  eth0:     200       2    0    0    0     0          0         0      200       2    0    0    0     0       0          0\n"
                "  " + odd + ":     0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n");
  src->add_file("sys/class/net/" + odd + "/mtu", "1500\n");
  src->add_error("sys/class/net/" + odd + "/carrier", Errc::invalid, FileType::regular);
  src->add_file("proc/net/sctp/\xc3\x28", "bad\n");  // an invalid 2-byte sequence
  src->add_file("proc/net/sctp/caf\xc3\xa9", "utf8\n");
  src->add_file("proc/net/sctp/plain", "ok\n");
  src->set_interfaces({"lo", "eth0"},
                      {testing::iface("lo", 0x49, 65536), testing::iface("eth0", 0x1043, 1500),
                       testing::iface(odd, 0x1002, 1500)});
  Recording rec = recorded(*src);
  for (const BundleMember& m : rec.members) {
    EXPECT_EQ(m.path.find('\xff'), std::string::npos) << m.path;
    EXPECT_EQ(m.path.find('\xc3'), std::string::npos) << m.path;
  }
  for (const std::string& a : rec.manifest.absent) {
    EXPECT_EQ(a.find('\xff'), std::string::npos) << a;
  }
  for (const RecordedError& u : rec.manifest.unreadable) {
    EXPECT_EQ(u.path.find('\xff'), std::string::npos) << u.path;
  }
  std::vector<std::string> sctp = paths_under(rec, "proc/net/sctp/");
  EXPECT_NE(std::find(sctp.begin(), sctp.end(), "proc/net/sctp/plain"), sctp.end());

  std::string bytes = to_bytes(rec);
  Result<VerifyReport> v = verify_bytes(bytes, "bundle");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->problems, std::vector<std::string>{});

  // The ioctl answers for the odd name survive (interfaces.json hex-encodes it).
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "bundle", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<std::unique_ptr<SnapshotRoot>> s =
      SnapshotRoot::open(make_memory_root(std::move(*e), "bundle"), "bundle");
  ASSERT_TRUE(s.ok()) << s.error().message;
  Result<IfaceInfo> info = (*s)->interface_info(odd);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->flags, 0x1002);
}

}  // namespace
}  // namespace netstat
