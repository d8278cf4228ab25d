// Tests for the /etc database parsers (glibc "files" semantics).
#include <gtest/gtest.h>

#include "formats/etc_files.h"

namespace netstat::formats {
namespace {

TEST(EtcHosts, CanonicalNameCommentsAndConversions) {
  std::vector<HostsEntry> h = parse_hosts(
      "# comment\n"
      "127.0.0.1\tlocalhost\n"
      "  10.1.2.3   myhost.example.com myhost # trailing\n"
      "::1 ip6-localhost ip6-loopback\n"
      "::ffff:10.7.7.7 mapped\n"
      "2001:db8::5 v6host\n"
      "10.8.8.8\n"
      "10.5.5.6#x\n"
      "010.1.1.1 leadingzero\n"
      "garbage name\n");
  ASSERT_EQ(7u, h.size());
  EXPECT_EQ("localhost", h[0].name);
  EXPECT_EQ(0x0100007Fu, *h[0].v4);
  EXPECT_FALSE(h[0].v6);
  EXPECT_EQ("myhost.example.com", h[1].name);
  EXPECT_EQ("ip6-localhost", h[2].name);
  EXPECT_EQ(0x0100007Fu, *h[2].v4);  // ::1 answers AF_INET lookups of 127.0.0.1
  ASSERT_TRUE(h[2].v6);
  EXPECT_EQ("mapped", h[3].name);
  EXPECT_EQ(0x0707070Au, *h[3].v4);
  EXPECT_FALSE(h[4].v4);
  EXPECT_TRUE(h[4].v6);
  EXPECT_EQ("", h[5].name);
  EXPECT_EQ("", h[6].name);
  EXPECT_EQ(0x0605050Au, *h[6].v4);
}

TEST(EtcNetworks, PaddedNumbers) {
  std::vector<NetworkEntry> n = parse_networks(
      "default 0.0.0.0\nloopback 127\nlink-local 169.254.0.0\n"
      "weirdnet 0.1.2.3 # c\nhexnet 0x0a.1\nbad 1.2.3.4.5\n");
  ASSERT_EQ(6u, n.size());
  EXPECT_EQ(0u, n[0].net);
  EXPECT_EQ(0x7f000000u, n[1].net);
  EXPECT_EQ(0xa9fe0000u, n[2].net);
  EXPECT_EQ(0x00010203u, n[3].net);
  EXPECT_EQ(0x0a010000u, n[4].net);
  EXPECT_EQ(0xFFFFFFFFu, n[5].net);
}

TEST(EtcServices, BaseZeroPortsAndBadLines) {
  std::vector<ServiceLine> s = parse_services(
      "tcpmux\t1/tcp # TCP port service multiplexer\n"
      "hexsvc 0x1e62/tcp\n"
      "noproto 5\n"
      "slashes 7//udp alias\n"
      "big 65558/tcp\n"
      "  # indented comment\n");
  ASSERT_EQ(4u, s.size());
  EXPECT_EQ("tcpmux", s[0].name);
  EXPECT_EQ(1, s[0].port);
  EXPECT_EQ("tcp", s[0].proto);
  EXPECT_EQ(7778, s[1].port);
  EXPECT_EQ("udp", s[2].proto);
  EXPECT_EQ(22, s[3].port);  // cut to 16 bits
}

TEST(EtcProtocols, NumbersAndBadLines) {
  std::vector<ProtocolLine> p =
      parse_protocols("ip 0 IP\nicmp\t1\tICMP # c\nbad x\nudp 17\n");
  ASSERT_EQ(3u, p.size());
  EXPECT_EQ("icmp", p[1].name);
  EXPECT_EQ(1, p[1].number);
  EXPECT_EQ(17, p[2].number);
}

TEST(EtcPasswd, FirstFieldsAndNisLines) {
  std::vector<PasswdLine> p = parse_passwd(
      "root:x:0:0:root:/root:/bin/bash\n+plus:x:5:5::/:/bin/sh\n"
      "bad:x:abc:1::/:/bin/sh\n  six:x:6:6::/:/bin/sh\nshort:x:7:\n"
      "big:x:4294967296:0::/:\n");
  ASSERT_EQ(3u, p.size());
  EXPECT_EQ("root", p[0].name);
  EXPECT_EQ("six", p[1].name);
  EXPECT_EQ(6u, p[1].uid);
  EXPECT_EQ(0u, p[2].uid);  // 2^32 cut to uid_t
}

TEST(EtcNsswitch, FilesService) {
  EXPECT_TRUE(nsswitch_uses_files("hosts: files dns\n", "hosts"));
  EXPECT_FALSE(nsswitch_uses_files("hosts: dns\n", "hosts"));
  EXPECT_TRUE(nsswitch_uses_files("hosts: dns\n", "passwd"));
  EXPECT_TRUE(nsswitch_uses_files("services: db files\n", "services"));
  EXPECT_TRUE(nsswitch_uses_files("passwd: [NOTFOUND=return] files\n", "passwd"));
}

TEST(EtcNsswitch, FilesOrder) {
  using O = FilesOrder;
  EXPECT_EQ(O::files_only, nsswitch_files_order("networks: files\n", "networks"));
  EXPECT_EQ(O::files_first, nsswitch_files_order("hosts:   files dns\n", "hosts"));
  EXPECT_EQ(O::files_first,
            nsswitch_files_order("hosts: files mdns4_minimal [NOTFOUND=return] dns\n",
                                 "hosts"));
  EXPECT_EQ(O::files_only,
            nsswitch_files_order("hosts: files [NOTFOUND=return] dns\n", "hosts"));
  EXPECT_EQ(O::files_only,
            nsswitch_files_order("hosts: files[notfound = Return]dns\n", "hosts"));
  EXPECT_EQ(O::files_only,
            nsswitch_files_order("hosts: files [!SUCCESS=return] dns\n", "hosts"));
  EXPECT_EQ(O::files_first,
            nsswitch_files_order("hosts: files [!NOTFOUND=return] dns\n", "hosts"));
  EXPECT_EQ(O::files_first,
            nsswitch_files_order("hosts: files [UNAVAIL=return] dns\n", "hosts"));
  EXPECT_EQ(O::files_first,
            nsswitch_files_order("hosts: files [NOTFOUND=return NOTFOUND=continue] dns\n",
                                 "hosts"));
  EXPECT_EQ(O::not_first, nsswitch_files_order("hosts: dns files\n", "hosts"));
  EXPECT_EQ(O::not_first, nsswitch_files_order("hosts: dns\n", "hosts"));
  EXPECT_EQ(O::not_first, nsswitch_files_order("hosts: Files\n", "hosts"));
  EXPECT_EQ(O::not_first,
            nsswitch_files_order("hosts: myhostname [NOTFOUND=return] files\n", "hosts"));
  // Comments, other databases, blank lines.
  EXPECT_EQ(O::files_only,
            nsswitch_files_order("# hosts: dns\npasswd: dns\n\n  hosts: files # dns\n",
                                 "hosts"));
  // What glibc decides otherwise (built-in defaults, ignored lines) is
  // left to libc.
  EXPECT_EQ(O::unknown, nsswitch_files_order("passwd: files\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts:\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files\nhosts: dns\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files [SUCCESS=continue] dns\n",
                                             "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files [NOTFOUND=merge]\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files [NOTFOUND=return\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files [BOGUS=return]\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: files [NOTFOUND]\n", "hosts"));
  EXPECT_EQ(O::unknown, nsswitch_files_order("hosts: [NOTFOUND=return] files\n", "hosts"));
  static constexpr char kNul[] = "hosts: files\0 dns\n";  // NUL ends the line
  EXPECT_EQ(O::files_only, nsswitch_files_order(std::string_view(kNul, sizeof kNul - 1),
                                                "hosts"));
}

TEST(AddressText, InetPtonAndFriends) {
  EXPECT_EQ(0x0403020Au, *parse_ipv4_strict("10.2.3.4"));
  EXPECT_FALSE(parse_ipv4_strict("10.2.3"));
  EXPECT_FALSE(parse_ipv4_strict("10.02.3.4"));
  EXPECT_FALSE(parse_ipv4_strict("256.1.1.1"));
  std::array<uint8_t, 16> a = *parse_ipv6("2001:db8::1");
  EXPECT_EQ(0x20, a[0]);
  EXPECT_EQ(0x0d, a[2]);
  EXPECT_EQ(1, a[15]);
  std::array<uint8_t, 16> m = *parse_ipv6("::ffff:1.2.3.4");
  EXPECT_EQ(0xff, m[10]);
  EXPECT_EQ(4, m[15]);
  EXPECT_FALSE(parse_ipv6("1:2:3:4:5:6:7:8:9"));
  EXPECT_FALSE(parse_ipv6(":::"));
  EXPECT_TRUE(parse_ipv6("::"));
  EXPECT_EQ(0x0100007Fu, *parse_inet_aton("127.1"));
  EXPECT_EQ(0x0100000Au, *parse_inet_aton("0x0a.0.0.1"));
  EXPECT_FALSE(parse_inet_aton("*10.1.2.3"));
  EXPECT_FALSE(parse_inet_aton("1.2.3.256"));
  EXPECT_EQ(0x00010203u, *parse_inet_network("0.1.2.3"));
}

}  // namespace
}  // namespace netstat::formats
