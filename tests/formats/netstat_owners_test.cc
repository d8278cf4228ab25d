// Socket owners from saved `netstat -p` text (a sosreport's
// sos_commands/networking/netstat_-W_-neopa).
#include "formats/netstat_owners.h"

#include <gtest/gtest.h>

namespace netstat::formats {
namespace {

// As net-tools 2.10 printed it in a sosreport (sos 4.0, Debian 12), plus
// rows for the shapes a real machine adds.
constexpr std::string_view kNeopa =
    "Active Internet connections (servers and established)\n"
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer\n"
    "tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN      0          49095      13835/python3        off (0.00/0/0)\n"
    "tcp        0      0 127.0.0.1:41354         127.0.0.1:8080          ESTABLISHED 1000       49096      13835/python3        keepalive (7175.09/0/0)\n"
    "tcp        0      0 10.0.0.1:22             10.0.0.2:50000          TIME_WAIT   0          0          -                    timewait (59.88/0/0)\n"
    "tcp6       0      0 :::22                   :::*                    LISTEN      0          20123      612/sshd: /usr/sbin  off (0.00/0/0)\n"
    "udp        0      0 0.0.0.0:5353            0.0.0.0:*                           0          49098      13835/python3        off (0.00/0/0)\n"
    "raw6       0      0 :::58                   :::*                    7           0          31000      900/NetworkManager   off (0.00/0/0)\n"
    "Active UNIX domain sockets (servers and established)\n"
    "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n"
    "unix  2      [ ACC ]     STREAM     LISTENING     49099    13835/python3        @zoo\n"
    "unix  3      [ ]         STREAM     CONNECTED     49100    1/systemd            /run/systemd/journal/stdout\n"
    "unix  2      [ ]         DGRAM                    49101    -                    \n"
    "unix  2      [ ]         DGRAM                    49102    77/rsyslogd          \n"
    "Active Bluetooth connections (servers and established)\n"
    "Proto  Destination       Source            State         PSM DCID   SCID      IMTU    OMTU Security\n"
    "l2cap  00:00:00:00:00:00 11:22:33:44:55:66 LISTEN        1   0x0000 0x0000    672     0    LOW\n";

TEST(NetstatOwners, SosNeopa) {
  std::vector<SocketOwner> o = parse_netstat_owners(kNeopa);
  std::vector<SocketOwner> want = {
      {49095, "13835", "python3"}, {49096, "13835", "python3"},
      {20123, "612", "sshd: /usr/sbin"}, {49098, "13835", "python3"},
      {31000, "900", "NetworkManager"}, {49099, "13835", "python3"},
      {49100, "1", "systemd"},     {49102, "77", "rsyslogd"},
  };
  EXPECT_EQ(o, want);
}

TEST(NetstatOwners, NeedsInodeAndOwnerColumns) {
  // `netstat -anp` (no -e): no inode to match on.
  EXPECT_TRUE(parse_netstat_owners(
                  "Active Internet connections (servers and established)\n"
                  "Proto Recv-Q Send-Q Local Address Foreign Address State PID/Program name\n"
                  "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 612/sshd\n")
                  .empty());
  // -e without -p.
  EXPECT_TRUE(parse_netstat_owners(
                  "Active Internet connections (servers and established)\n"
                  "Proto Recv-Q Send-Q Local Address Foreign Address State User Inode\n"
                  "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 0 20123\n")
                  .empty());
}

TEST(NetstatOwners, NoTimerColumn) {
  // `netstat -neap`: no -o, the owner is the last column.
  std::vector<SocketOwner> o = parse_netstat_owners(
      "Active Internet connections (servers and established)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name    \n"
      "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      0          20123      612/sshd            \n");
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0], (SocketOwner{20123, "612", "sshd"}));
}

TEST(NetstatOwners, GarbageGivesNothing) {
  EXPECT_TRUE(parse_netstat_owners("").empty());
  EXPECT_TRUE(parse_netstat_owners("tcp 0 0 a b LISTEN 0 1 2/x\n").empty());  // no header
  EXPECT_TRUE(parse_netstat_owners(
                  "Active Internet connections\nProto Inode PID/Program name\n"
                  "tcp 1 2 3 4 5 99999999999999999999 1/x\n"
                  "tcp 1 2 3 4 5 6 x/y\nunix\n\n")
                  .empty());
  EXPECT_TRUE(parse_netstat_owners(
                  "Active UNIX domain sockets\nProto RefCnt Flags Type State I-Node PID/Program name Path\n"
                  "unix 2 [ ACC STREAM\nunix 2 [ ] STREAM LISTENING 5\n")
                  .empty());
}

}  // namespace
}  // namespace netstat::formats
