// sos_process_table: the owner table a sosreport's saved netstat/ss/lsof
// text gives, built straight into a ProcessTable.
#include "replay/sos_owners.h"

#include <gtest/gtest.h>

#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

// The fds of \a pid as "inode inode ...", or "absent".
std::string fds_of(const ProcessTable& t, std::string_view pid) {
  const ProcessTable::Process* p = t.find(pid);
  if (p == nullptr) return "absent";
  std::string out;
  for (const ProcessTable::Fd* f = t.fds_begin(*p); f != t.fds_end(*p); ++f) {
    if (!out.empty()) out += ' ';
    out += std::string(f->name) + "=" + std::string(f->target);
  }
  return out;
}

// netstat -neopa names inodes first; ss and lsof add only inodes it did not
// name; a process holding a socket twice lists it once; PIDs in numeric
// order, each with the program its first row named.
TEST(SosOwners, SourcesInOrderPidsNumericSocketsOnce) {
  std::string netstat =
      "Active Internet connections (servers and established)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer\n"
      "tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN      0          100        50/python3           off (0.00/0/0)\n"
      "tcp        0      0 127.0.0.1:8081          0.0.0.0:*               LISTEN      0          101        9/sshd               off (0.00/0/0)\n"
      "tcp        0      0 127.0.0.1:8082          0.0.0.0:*               LISTEN      0          100        50/python3           off (0.00/0/0)\n"
      "Active UNIX domain sockets (servers and established)\n"
      "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n"
      "unix  2      [ ACC ]     STREAM     LISTENING     102      50/python3           @zoo\n";
  std::string ss =
      "tcp   LISTEN 0      128        127.0.0.1:8080          0.0.0.0:*     users:((\"other\",pid=3,fd=3)) ino:100 sk:1 <->\n"
      "tcp   LISTEN 0      128        127.0.0.1:9090          0.0.0.0:*     users:((\"my prog\",pid=3,fd=4),(\"child\",pid=200,fd=4)) ino:103 sk:2 <->\n";
  std::vector<testing::TreeNode> tree = {
      {"sos_commands/networking/netstat_-W_-neopa", FileType::regular, netstat},
      {"sos_commands/networking/ss_-peaonmi", FileType::regular, ss},
      {"proc/net/tcp", FileType::regular, ""}};
  std::unique_ptr<MemoryRoot> root = testing::to_memory_root(tree);
  std::vector<std::string> used;
  std::optional<ProcessTable> t = sos_process_table(*root, &used);
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->processes().size(), 4u);
  EXPECT_EQ(t->processes()[0].pid, "3");
  EXPECT_EQ(t->processes()[1].pid, "9");
  EXPECT_EQ(t->processes()[2].pid, "50");
  EXPECT_EQ(t->processes()[3].pid, "200");
  EXPECT_EQ(fds_of(*t, "50"), "0=socket:[100] 1=socket:[102]");
  EXPECT_EQ(fds_of(*t, "9"), "0=socket:[101]");
  EXPECT_EQ(fds_of(*t, "3"), "0=socket:[103]");  // 100 was netstat's
  EXPECT_EQ(fds_of(*t, "200"), "0=socket:[103]");
  EXPECT_EQ(t->find("3")->cmdline, std::string_view("my prog\0", 8));
  EXPECT_EQ(t->find("50")->cmdline, std::string_view("python3\0", 8));
  EXPECT_TRUE(t->find("50")->cmdline_read);
  EXPECT_EQ(used, (std::vector<std::string>{"/sos_commands/networking/netstat_-W_-neopa",
                                            "/sos_commands/networking/ss_-peaonmi"}));
}

TEST(SosOwners, NoSourceNoTable) {
  std::unique_ptr<MemoryRoot> root =
      testing::to_memory_root({{"proc/net/tcp", FileType::regular, ""}});
  EXPECT_FALSE(sos_process_table(*root).has_value());
}

}  // namespace
}  // namespace netstat
