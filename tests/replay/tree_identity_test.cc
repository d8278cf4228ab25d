// read_tree_identity: host, kernel and time from a sosreport's own files
// (sos 3.x and 4.x layouts), first source wins; plain trees stay unknown.
#include "replay/tree_identity.h"

#include <gtest/gtest.h>

#include "replay/memory_root.h"
#include "replay/snapshot_root.h"

namespace netstat {
namespace {

TEST(TreeIdentity, Sos4Layout) {
  MemoryRoot t;
  t.add_file("version.txt", "sosreport: 4.0\nnetworking: unversioned\n");
  t.add_file("sos_reports/manifest.json",
             R"({"version": "4.0", "start_time": "2026-12-03 07:11:26.993764"})");
  t.add_file("sos_logs/sos.log", "2026-12-03 07:11:29,197 INFO: x\n");
  t.add_file("etc/hostname", "vm\n");
  t.add_file("proc/version", "Linux version 6.1.0-18-amd64 (x@y) #1 SMP\n");
  TreeIdentity id = read_tree_identity(t);
  EXPECT_TRUE(id.sosreport);
  EXPECT_EQ(id.sos_version, "4.0");
  EXPECT_EQ(id.hostname, "vm");
  EXPECT_EQ(id.kernel_release, "6.1.0-18-amd64");
  EXPECT_EQ(id.captured_at, "2026-12-03T07:11:26.993764");
  EXPECT_EQ(describe_tree(id),
            "sosreport, sos 4.0, host vm, taken 2026-12-03T07:11:26.993764");
}

TEST(TreeIdentity, Sos3Layout) {
  // sos 3.x: top-level hostname and uname symlinks, no sos_reports manifest.
  MemoryRoot t;
  t.add_file("version.txt", "sosreport: 3.9.1\n");
  t.add_file("sos_commands/host/hostname", "db-7.example.com\n");
  t.add_symlink("hostname", "sos_commands/host/hostname");
  t.add_file("sos_commands/kernel/uname_-a",
             "Linux db-7.example.com 3.10.0-1160.el7.x86_64 #1 SMP x86_64 GNU/Linux\n");
  t.add_symlink("uname", "sos_commands/kernel/uname_-a");
  t.add_file("etc/hostname", "stale-name\n");
  t.add_file("sos_logs/sos.log", "2021-03-04 05:06:07,891 INFO: [sos.sosreport] x\n");
  TreeIdentity id = read_tree_identity(t);
  EXPECT_TRUE(id.sosreport);
  EXPECT_EQ(id.sos_version, "3.9.1");
  EXPECT_EQ(id.hostname, "db-7.example.com");
  EXPECT_EQ(id.kernel_release, "3.10.0-1160.el7.x86_64");
  EXPECT_EQ(id.captured_at, "2021-03-04T05:06:07.891");
}

TEST(TreeIdentity, PlainTreeAndBrokenFiles) {
  MemoryRoot t;
  t.add_file("proc/net/tcp", "x");
  t.add_dir("etc/hostname");                     // a folder: skipped
  t.add_file("proc/sys/kernel/hostname", "\n");  // empty: skipped
  t.add_error("uname", Errc::permission_denied);
  t.add_file("proc/sys/kernel/osrelease", "6.5.0\n");
  TreeIdentity id = read_tree_identity(t);
  EXPECT_FALSE(id.sosreport);
  EXPECT_EQ(id.hostname, "");
  EXPECT_EQ(id.kernel_release, "6.5.0");
  EXPECT_EQ(id.captured_at, "");
  EXPECT_EQ(describe_tree(id), "");
}

TEST(TreeIdentity, SnapshotRootAnswersFromTheTree) {
  auto t = std::make_unique<MemoryRoot>();
  t->add_file("version.txt", "sosreport: 4.0\n");
  t->add_file("etc/hostname", "vm\n");
  t->add_file("sos_reports/manifest.json", R"({"start_time": "2026-12-03 07:11:26"})");
  SystemIdentity base;
  base.euid = 1000;
  base.hostname = "analyst";
  t->set_identity(base);
  Result<std::unique_ptr<SnapshotRoot>> r = SnapshotRoot::open(std::move(t), "sos");
  ASSERT_TRUE(r.ok());
  SystemIdentity id = (*r)->identity();
  EXPECT_EQ(id.hostname, "vm");
  EXPECT_EQ(id.euid, 0u) << "sos runs as root";
  SourceInfo src = (*r)->source_info();
  EXPECT_EQ(src.captured_at, "2026-12-03T07:11:26");
  EXPECT_EQ(src.kind, "sosreport, sos 4.0, host vm, taken 2026-12-03T07:11:26");
  EXPECT_EQ(src.tool, "sos 4.0");
}

}  // namespace
}  // namespace netstat
