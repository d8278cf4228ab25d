// Socket rows from saved `netstat -W -neopa` text (a sosreport's, for the
// host and for each named namespace), and the /proc/net values behind them.
#include "formats/netstat_sockets.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace netstat::formats {
namespace {

constexpr std::string_view kText =
    "Active Internet connections (servers and established)\n"
    "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer\n"
    "tcp        0      0 127.0.0.1:7777          0.0.0.0:*               LISTEN      0          18866675   31419/python3        off (0.00/0/0)\n"
    "tcp      100      0 127.0.0.1:7777          127.0.0.1:41354         ESTABLISHED 65534      49096      -                    keepalive (7175.09/2/3)\n"
    "tcp        0      1 10.0.0.1:22             10.0.0.2:50000          TIME_WAIT   0          0          -                    timewait (59.88/0/0)\n"
    "tcp6       0      0 :::22                   :::*                    LISTEN      0          20123      612/sshd: /usr/sbin  off (0.00/0/0)\n"
    "tcp6       0      0 127.0.0.1:41000         ::ffff:127.0.0.1:7777   CONN SENT   0          20124      -                    on (0.20/1/0)\n"
    "udp        0      0 0.0.0.0:5353            0.0.0.0:*                           0          49098      13835/python3        off (0.00/0/0)\n"
    "udp        0      0 127.0.0.1:40000         127.0.0.1:5353          ESTABLISHED 0          49099      13835/python3        on2 (1.50/0/0)\n"
    "raw6       0      0 :::58                   :::*                    7           0          31000      900/NetworkManager   off (0.00/0/0)\n"
    "udpl       0      0 0.0.0.0:9                0.0.0.0:*                          0          31001      -                    off (0.00/0/0)\n"
    "Active UNIX domain sockets (servers and established)\n"
    "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n"
    "unix  2      [ ACC ]     STREAM     LISTENING     49099    13835/python3        @zoo\n"
    "unix  3      [ ]         STREAM     CONNECTED     123456789 1/systemd            /run/systemd/journal/stdout\n"
    "unix  2      [ ]         DGRAM                    49101    -                    \n"
    "unix  2      [ ACC W N ] SEQPACKET  LISTENING     49102    77/sshd: root@pts    /run/x\n"
    "Active Bluetooth connections (servers and established)\n"
    "Proto  Destination       Source            State         PSM DCID   SCID      IMTU    OMTU Security\n"
    "l2cap  00:00:00:00:00:00 11:22:33:44:55:66 LISTEN        1   0x0000 0x0000    672     0    LOW\n";

std::array<uint8_t, 16> v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return {a, b, c, d};
}

TEST(NetstatSockets, InetCellsAndValues) {
  SavedSockets s = parse_netstat_sockets(kText);
  EXPECT_TRUE(s.inet_section);
  EXPECT_TRUE(s.unix_section);
  EXPECT_EQ(s.unreadable, 0u);
  ASSERT_EQ(s.inet.size(), 9u);

  const SavedInetRow& l = s.inet[0];
  EXPECT_EQ(l.proto, "tcp");
  EXPECT_EQ(l.state, "LISTEN");
  EXPECT_EQ(l.owner, "31419/python3");
  EXPECT_EQ(l.timer, "off (0.00/0/0)");
  ASSERT_TRUE(l.numeric);
  EXPECT_EQ(l.row.family, InetFamily::inet);
  EXPECT_EQ(l.row.local, v4(127, 0, 0, 1));
  EXPECT_EQ(l.row.local_port, 7777u);
  EXPECT_EQ(l.row.remote_port, 0u);
  EXPECT_EQ(l.row.state, 10u);
  EXPECT_EQ(l.row.inode, 18866675u);

  const SavedInetRow& e = s.inet[1];
  ASSERT_TRUE(e.numeric);
  EXPECT_EQ(e.row.rx_queue, 100u);
  EXPECT_EQ(e.row.uid, 65534);
  EXPECT_EQ(e.owner, "-");
  EXPECT_EQ(e.row.timer_active, 2u);
  EXPECT_EQ(e.row.timer_when, 717509u);
  EXPECT_EQ(e.row.retransmits, 2u);
  EXPECT_EQ(e.row.timeout, 3);
  EXPECT_EQ(e.row.remote_port, 41354u);

  EXPECT_EQ(s.inet[2].row.state, 6u);  // TIME_WAIT
  EXPECT_EQ(s.inet[2].row.tx_queue, 1u);
  EXPECT_EQ(s.inet[2].row.timer_active, 3u);

  const SavedInetRow& six = s.inet[3];
  EXPECT_EQ(six.owner, "612/sshd: /usr/sbin");  // a name with a blank
  ASSERT_TRUE(six.numeric);
  EXPECT_EQ(six.row.family, InetFamily::inet6);
  EXPECT_EQ(six.row.local, (std::array<uint8_t, 16>{}));
  EXPECT_EQ(six.row.local_port, 22u);

  const SavedInetRow& mapped = s.inet[4];
  EXPECT_EQ(mapped.state, "CONN SENT");  // 2.10 reads past its table: state 13
  ASSERT_TRUE(mapped.numeric);
  EXPECT_EQ(mapped.row.state, 13u);
  EXPECT_EQ(mapped.row.local[10], 0xff);
  EXPECT_EQ(mapped.row.local[12], 127);  // 2.10 prints a mapped address as IPv4
  EXPECT_EQ(mapped.row.remote[11], 0xff);
  EXPECT_EQ(mapped.row.timer_when, 20u);

  EXPECT_EQ(s.inet[5].row.state, 7u);  // udp, blank: TCP_CLOSE
  EXPECT_EQ(s.inet[5].state, "");
  EXPECT_EQ(s.inet[6].row.state, 1u);
  EXPECT_EQ(s.inet[6].row.timer_active, 2u);  // on2
  EXPECT_EQ(s.inet[6].row.timer_when, 150u);
  EXPECT_EQ(s.inet[7].row.state, 7u);  // raw: the number
  EXPECT_EQ(s.inet[7].row.local_port, 58u);
  EXPECT_EQ(proc_file_of(s.inet[8].proto), "udplite");
}

TEST(NetstatSockets, UnixCellsAndValues) {
  SavedSockets s = parse_netstat_sockets(kText);
  ASSERT_EQ(s.unix_sockets.size(), 4u);
  const UnixRow& l = s.unix_sockets[0].row;
  EXPECT_EQ(l.flags, kUnixAcceptCon);
  EXPECT_EQ(l.type, 1u);
  EXPECT_EQ(l.state, 1u);
  EXPECT_EQ(l.inode, 49099u);
  EXPECT_EQ(l.path, "@zoo");
  EXPECT_EQ(s.unix_sockets[0].owner, "13835/python3");

  const SavedUnixRow& c = s.unix_sockets[1];  // a 9-digit inode widens its cell
  EXPECT_EQ(c.row.refcount, 3u);
  EXPECT_EQ(c.row.state, 3u);
  EXPECT_EQ(c.row.inode, 123456789u);
  EXPECT_EQ(c.owner, "1/systemd");
  EXPECT_EQ(c.row.path, "/run/systemd/journal/stdout");

  const SavedUnixRow& d = s.unix_sockets[2];
  EXPECT_EQ(d.row.type, 2u);
  EXPECT_EQ(d.row.state, 1u);  // blank: unconnected
  EXPECT_EQ(d.owner, "-");
  EXPECT_TRUE(d.row.path.empty());

  const SavedUnixRow& q = s.unix_sockets[3];
  EXPECT_EQ(q.row.flags, kUnixAcceptCon | kUnixWaitData | kUnixNoSpace);
  EXPECT_EQ(q.row.type, 5u);
  EXPECT_EQ(q.owner, "77/sshd: root@pts");
  EXPECT_EQ(q.row.path, "/run/x");
}

TEST(NetstatSockets, NamesAreNotNumbers) {
  // `netstat -eap` (no -n): the rows are there, but cannot be read back.
  SavedSockets s = parse_netstat_sockets(
      "Active Internet connections (servers and established)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name\n"
      "tcp        0      0 localhost:ipp           0.0.0.0:*               LISTEN      root       20123      612/cupsd\n");
  ASSERT_EQ(s.inet.size(), 1u);
  EXPECT_FALSE(s.inet[0].numeric);
  EXPECT_TRUE(s.inet[0].has_inode);
  EXPECT_EQ(s.inet[0].owner, "612/cupsd");
}

TEST(NetstatSockets, WithoutExtendedColumns) {
  SavedSockets s = parse_netstat_sockets(
      "Active Internet connections (servers and established)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n"
      "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN     \n");
  ASSERT_EQ(s.inet.size(), 1u);
  EXPECT_FALSE(s.inet[0].has_inode);
  EXPECT_FALSE(s.inet[0].numeric);
  EXPECT_EQ(s.inet[0].state, "LISTEN");
}

TEST(NetstatSockets, GarbageIsCountedNotFatal) {
  SavedSockets s = parse_netstat_sockets(
      "Active Internet connections (servers and established)\n"
      "Proto Recv-Q Send-Q Local Address Foreign Address State User Inode PID/Program name Timer\n"
      "tcp x y\n"
      "tcp 0 0 1.2.3.4:99999 0.0.0.0:* LISTEN 0 5 - off (0.00/0/0)\n"
      "tcp 0 0 1.2.3.4:1 0.0.0.0:* LISTEN 0 5 - off (bad)\n"
      "raw\n"
      "Active UNIX domain sockets (servers and established)\n"
      "unix 2 [ ACC STREAM\n"
      "unix 2 [ ] STREAM LISTENING 5 - x\n"
      "unix 2 [ BOGUS ] STREAM CONNECTED 5 - x\n");
  EXPECT_EQ(s.unreadable, 5u);
  ASSERT_EQ(s.inet.size(), 2u);
  EXPECT_FALSE(s.inet[0].numeric);  // port out of range
  EXPECT_FALSE(s.inet[1].numeric);  // timer unreadable
  EXPECT_TRUE(s.unix_sockets.empty());
  EXPECT_TRUE(parse_netstat_sockets("").inet.empty());
  EXPECT_TRUE(parse_netstat_sockets("tcp 0 0 a:1 b:2 LISTEN 0 1 -\n").inet.empty());  // no header
}

TEST(NetstatSockets, UnixPathThatCannotGoBackIsUnreadable) {
  // sos_netns rebuilds /proc/net/unix from these rows and 2.10 reads the
  // path back with "%s": a path with a NUL or with white space words()
  // keeps (\v, \f, \r) would come back cut, and one longer than
  // sun_path is no kernel's. Found by fuzz_netstat_sockets
  // (testdata/fuzz/netstat_sockets/regress-unix-path-vertical-tab).
  auto row = [](std::string_view path) {
    return "unix  2      [ ACC ]     STREAM     LISTENING     22133693 26804/python3        " +
           std::string(path) + "\n";
  };
  std::string text =
      "Active UNIX domain sockets (servers and established)\n"
      "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n";
  for (std::string_view bad : {std::string_view("/mnt/zo\v-a.sock"), std::string_view("/run/a\fb"),
                               std::string_view("/run/a\rb"), std::string_view("/run/a\0b", 8)}) {
    text += row(bad);
  }
  text += row("/" + std::string(108, 'x'));  // 109 bytes
  const std::string longest = "@" + std::string(107, 'y');
  text += row(longest);
  text += row("/run/caf\xc3\xa9.sock");
  SavedSockets s = parse_netstat_sockets(text);
  EXPECT_EQ(s.unreadable, 5u);
  ASSERT_EQ(s.unix_sockets.size(), 2u);
  EXPECT_EQ(s.unix_sockets[0].row.path, longest);
  EXPECT_EQ(s.unix_sockets[1].row.path, "/run/caf\xc3\xa9.sock");
  // What is kept reads back from a /proc/net/unix line as it was.
  for (const SavedUnixRow& r : s.unix_sockets) {
    // The table's rows view the text: it must outlive them.
    const std::string line =
        "Num       RefCount Protocol Flags    Type St Inode Path\n"
        "0000000000000000: 00000002 00000000 00010000 0001 01 22133693 " +
        std::string(r.row.path) + "\n";
    UnixTable t = parse_proc_net_unix(line);
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].path, r.row.path);
  }
}

}  // namespace
}  // namespace netstat::formats

namespace netstat::formats {
namespace {

TEST(NetstatGroups, RowsOfTheSavedTable) {
  SavedGroups g = parse_netstat_groups(
      "IPv6/IPv4 Group Memberships\n"
      "Interface       RefCnt Group\n"
      "--------------- ------ ---------------------\n"
      "lo              1      224.0.0.1\n"
      "va0             2      239.1.2.3\n"
      "lo              1      ff02::1\n");
  EXPECT_TRUE(g.table);
  EXPECT_EQ(g.unreadable, 0u);
  ASSERT_EQ(g.rows.size(), 3u);
  EXPECT_EQ(g.rows[1].device, "va0");
  EXPECT_EQ(g.rows[1].refcount, 2);
  EXPECT_FALSE(g.rows[1].v6);
  EXPECT_EQ(g.rows[1].group[0], 239);
  EXPECT_TRUE(g.rows[2].v6);
  EXPECT_EQ(g.rows[2].group[0], 0xff);
  EXPECT_EQ(g.rows[2].group[15], 1);

  SavedGroups named = parse_netstat_groups(
      "IPv6/IPv4 Group Memberships\nInterface RefCnt Group\n----- ------ -----\nlo 1 all-systems.mcast.net\n");
  EXPECT_EQ(named.unreadable, 1u);
  EXPECT_FALSE(parse_netstat_groups("lo 1 224.0.0.1\n").table);
}

}  // namespace
}  // namespace netstat::formats
