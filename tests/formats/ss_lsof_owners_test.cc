#include <gtest/gtest.h>

#include "formats/netstat_owners.h"

namespace netstat::formats {
namespace {

TEST(SsOwners, InetByInoUnixByLocalPortEveryUser) {
  constexpr std::string_view kSs =
      "Netid State  Recv-Q Send-Q Local Address:Port     Peer Address:Port Process\n"
      "nl    UNCONN 0      0                  0:0                    *      sk=0 cb=0 groups=0x00000000\t skmem:(r0)\n"
      "u_str LISTEN 0      128     @netstat-zoo 13318667            * 0     users:((\"python3\",pid=9604,fd=8)) skmem:(r0)\n"
      "u_str ESTAB  0      0      /run/a b.sock 2001            * 2002     users:((\"systemd\",pid=1,fd=21),(\"dbus-daemon\",pid=700,fd=5))\n"
      "udp   UNCONN 0      0            0.0.0.0:5353          0.0.0.0:*     users:((\"python3\",pid=9604,fd=7)) ino:13318666 sk:6033 cgroup:unreachable:1 <->\n"
      "\t skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)\n"
      "tcp   TIME-WAIT 0   0          127.0.0.1:1          127.0.0.1:2     timer:(timewait,59sec,0) ino:0 sk:1\n"
      "tcp   LISTEN 0      128        127.0.0.1:9090          0.0.0.0:*     users:((\"my prog\",pid=9605,fd=3)) ino:13323197 sk:6035 <->\n";
  std::vector<SocketOwner> o = parse_ss_owners(kSs);
  ASSERT_EQ(o.size(), 5u);
  EXPECT_EQ(o[0], (SocketOwner{13318667, "9604", "python3"}));
  EXPECT_EQ(o[1], (SocketOwner{2001, "1", "systemd"}));
  EXPECT_EQ(o[2], (SocketOwner{2001, "700", "dbus-daemon"}));
  EXPECT_EQ(o[3], (SocketOwner{13318666, "9604", "python3"}));
  EXPECT_EQ(o[4], (SocketOwner{13323197, "9605", "my prog"}));
}

TEST(LsofOwners, SocketRowsOnly) {
  constexpr std::string_view kLsof =
      "COMMAND     PID   TID TASKCMD       USER   FD      TYPE             DEVICE  SIZE/OFF     NODE NAME\n"
      "python3    9604                        0  cwd       DIR              254,0      4096  5366482 /work\n"
      "python3    9604                        0    3u     IPv4           13318662       0t0      TCP 127.0.0.1:8080 (LISTEN)\n"
      "python3    9604                        0    6u     IPv6           13318665       0t0      TCP [::1]:8443 (LISTEN)\n"
      "python3    9604                        0    8u     unix 0x00000000cdd5e9c9       0t0 13318667 @netstat-zoo type=STREAM (LISTEN)\n"
      "python3    9604  9610 worker             0    8u     unix 0x00000000cdd5e9c9       0t0 13318667 @netstat-zoo type=STREAM (LISTEN)\n"
      "sshd        812                        0    3u     sock                0,9       0t0 11816044 protocol: TCP\n"
      "systemd       1                        0   15u  netlink                         0t0    14305 KOBJECT_UEVENT\n"
      "garbage line\n";
  std::vector<SocketOwner> o = parse_lsof_owners(kLsof);
  ASSERT_EQ(o.size(), 5u);
  EXPECT_EQ(o[0], (SocketOwner{13318662, "9604", "python3"}));
  EXPECT_EQ(o[1], (SocketOwner{13318665, "9604", "python3"}));
  EXPECT_EQ(o[2], (SocketOwner{13318667, "9604", "python3"}));
  EXPECT_EQ(o[3], (SocketOwner{13318667, "9604", "python3"})) << "a thread row";
  EXPECT_EQ(o[4], (SocketOwner{11816044, "812", "sshd"}));
}

}  // namespace
}  // namespace netstat::formats
