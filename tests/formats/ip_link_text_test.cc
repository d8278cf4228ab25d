#include "formats/ip_link_text.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

namespace netstat::formats {
namespace {

uint32_t v4(const char* s) {
  in_addr a{};
  inet_pton(AF_INET, s, &a);
  return a.s_addr;
}

// Real text: sos 4.0's ip_-d_address on Debian 12 (iproute2 6.1), cut.
constexpr std::string_view kDAddress =
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 numtxqueues 1 \n"
    "    inet 127.0.0.1/8 scope host lo\n"
    "       valid_lft forever preferred_lft forever\n"
    "    inet6 ::1/128 scope host \n"
    "       valid_lft forever preferred_lft forever\n"
    "3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
    "    link/ether 26:30:df:c1:e2:3f brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n"
    "    veth numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 \n"
    "    inet 10.1.0.1/24 brd 10.1.0.255 scope global veth0\n"
    "       valid_lft forever preferred_lft forever\n"
    "    inet 10.1.0.9/24 scope global secondary veth0:1\n"
    "       valid_lft forever preferred_lft forever\n"
    "    inet 10.3.0.1 peer 10.3.0.2/32 scope global veth0\n"
    "       valid_lft forever preferred_lft forever\n"
    "    inet6 fe80::2430:dfff:fec1:e23f/64 scope link \n"
    "       valid_lft forever preferred_lft forever\n"
    "5: vpeer0@averyverylongnm: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default qlen 1000\n"
    "    link/ether b6:1d:69:14:79:7a brd ff:ff:ff:ff:ff:ff promiscuity 0\n"
    "9: tun0: <NO-CARRIER,POINTOPOINT,MULTICAST,NOARP,UP> mtu 1500 qdisc fq_codel state DOWN group default qlen 500\n"
    "    link/none \n"
    "    inet 10.9.9.1/30 scope global tun0\n"
    "       valid_lft forever preferred_lft forever\n";

TEST(IpLinkText, BlockFormLinksFlagsAndAddresses) {
  std::vector<IpLink> links = parse_ip_link_text(kDAddress);
  ASSERT_EQ(links.size(), 4u);
  const IpLink& lo = links[0];
  EXPECT_EQ(lo.index, 1);
  EXPECT_EQ(lo.name, "lo");
  EXPECT_TRUE(lo.has_flags);
  EXPECT_EQ(lo.flags, 0x1u | 0x8u | 0x40u | 0x10000u);  // UP LOOPBACK RUNNING LOWER_UP
  EXPECT_EQ(lo.mtu, 65536);
  EXPECT_EQ(lo.qlen, 1000);
  EXPECT_EQ(lo.state, "UNKNOWN");
  EXPECT_EQ(lo.link_type, "loopback");
  EXPECT_TRUE(lo.has_link_addr);
  EXPECT_EQ(lo.link_addr, std::vector<uint8_t>(6, 0));
  ASSERT_EQ(lo.inet.size(), 1u);
  EXPECT_EQ(lo.inet[0].local, v4("127.0.0.1"));
  EXPECT_EQ(lo.inet[0].prefix_len, 8);
  EXPECT_EQ(lo.inet[0].label, "lo");
  ASSERT_EQ(lo.inet6.size(), 1u);
  EXPECT_EQ(lo.inet6[0].prefix_len, 128);
  EXPECT_EQ(lo.inet6[0].scope, "host");

  const IpLink& veth = links[1];
  EXPECT_EQ(veth.name, "veth0");
  EXPECT_EQ(veth.name_field, "veth0@veth1");
  EXPECT_EQ(veth.flags, 0x2u | 0x1000u | 0x1u | 0x10000u | 0x40u);
  EXPECT_EQ(veth.link_type, "ether");
  EXPECT_EQ(veth.link_addr, (std::vector<uint8_t>{0x26, 0x30, 0xdf, 0xc1, 0xe2, 0x3f}));
  ASSERT_EQ(veth.inet.size(), 3u);
  EXPECT_TRUE(veth.inet[0].has_broadcast);
  EXPECT_EQ(veth.inet[0].broadcast, v4("10.1.0.255"));
  EXPECT_EQ(veth.inet[1].label, "veth0:1");
  EXPECT_FALSE(veth.inet[1].has_broadcast);
  EXPECT_TRUE(veth.inet[2].has_peer);
  EXPECT_EQ(veth.inet[2].peer, v4("10.3.0.2"));
  EXPECT_EQ(veth.inet[2].local, v4("10.3.0.1"));
  EXPECT_EQ(veth.inet[2].prefix_len, 32);

  EXPECT_EQ(links[2].name, "vpeer0");
  EXPECT_EQ(links[2].flags, 0x2u | 0x1000u) << "down: no RUNNING; M-DOWN is no flag";

  const IpLink& tun = links[3];
  EXPECT_EQ(tun.flags, 0x10u | 0x1000u | 0x80u | 0x1u) << "NO-CARRIER: UP without RUNNING";
  EXPECT_EQ(tun.link_type, "none");
  EXPECT_FALSE(tun.has_link_addr);
  EXPECT_EQ(tun.qlen, 500);
}

TEST(IpLinkText, StatisticsByColumnName) {
  constexpr std::string_view kLink =
      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000\n"
      "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff promiscuity 0\n"
      "    RX:  bytes packets errors dropped  missed   mcast           \n"
      "        123456     789      1       2       3       4 \n"
      "    TX:  bytes packets errors dropped carrier collsns           \n"
      "         98765     432      5       6       7       8 \n"
      "    RX errors:  length    crc   frame    fifo overrun\n"
      "                     9     10      11      12      13\n";
  std::vector<IpLink> links = parse_ip_link_text(kLink);
  ASSERT_EQ(links.size(), 1u);
  const auto& s = links[0].stats;
  EXPECT_EQ(s.at("rx_bytes"), 123456u);
  EXPECT_EQ(s.at("rx_missed"), 3u);
  EXPECT_EQ(s.at("rx_mcast"), 4u);
  EXPECT_EQ(s.at("tx_collsns"), 8u);
  EXPECT_EQ(s.at("rx_errors_frame"), 11u);
  EXPECT_EQ(s.at("rx_errors_overrun"), 13u);
  EXPECT_TRUE(links[0].inet.empty());
}

TEST(IpLinkText, OneLineFormMergesByIndex) {
  constexpr std::string_view kO =
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
      "3: veth0    inet 10.1.0.1/24 brd 10.1.0.255 scope global veth0\\       valid_lft forever preferred_lft forever\n"
      "3: veth0    inet 10.1.0.9/24 scope global secondary veth0:1\\       valid_lft forever preferred_lft forever\n"
      "3: veth0    inet6 fe80::2430:dfff:fec1:e23f/64 scope link \\       valid_lft forever preferred_lft forever\n";
  std::vector<IpLink> links = parse_ip_link_text(kO);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_FALSE(links[1].has_flags);
  ASSERT_EQ(links[1].inet.size(), 2u);
  EXPECT_EQ(links[1].inet[1].label, "veth0:1");
  EXPECT_EQ(links[1].inet6.size(), 1u);

  constexpr std::string_view kOLink =
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
  std::vector<IpLink> l = parse_ip_link_text(kOLink);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].mtu, 65536);
  EXPECT_EQ(l[0].link_type, "loopback");
}

TEST(IpLinkText, NewerAddressWordsAndTunnelAddresses) {
  constexpr std::string_view kT =
      "4: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n"
      "    link/ether 52:54:00:aa:bb:cc brd ff:ff:ff:ff:ff:ff\n"
      "    inet 192.168.1.5/24 metric 100 brd 192.168.1.255 scope global dynamic noprefixroute eth0\n"
      "       valid_lft 85000sec preferred_lft 85000sec\n"
      "    inet 127.0.0.2/8 scope host proto kernel_lo eth0\n"
      "5: gre1@NONE: <POINTOPOINT,NOARP,UP,LOWER_UP,8000000> mtu 1476 qdisc noqueue state UNKNOWN group default qlen 1000\n"
      "    link/gre 10.0.0.1 peer 10.0.0.2\n"
      "6: ip6tnl0@NONE: <NOARP> mtu 1452 qdisc noop state DOWN group default qlen 1000\n"
      "    link/tunnel6 :: brd :: permaddr 1a2b::\n";
  std::vector<IpLink> links = parse_ip_link_text(kT);
  ASSERT_EQ(links.size(), 3u);
  ASSERT_EQ(links[0].inet.size(), 2u);
  EXPECT_EQ(links[0].inet[0].label, "eth0");
  EXPECT_EQ(links[0].inet[0].broadcast, v4("192.168.1.255"));
  EXPECT_EQ(links[0].inet[1].label, "eth0");
  EXPECT_EQ(links[1].link_addr, (std::vector<uint8_t>{10, 0, 0, 1}));
  EXPECT_EQ(links[1].flags & 0x8000000u, 0x8000000u) << "unnamed bits in hex";
  EXPECT_EQ(links[2].link_addr, std::vector<uint8_t>(16, 0));
  EXPECT_EQ(arphrd_from_link_type("gre"), 778);
  EXPECT_EQ(arphrd_from_link_type("tunnel6"), 769);
  EXPECT_EQ(arphrd_from_link_type("ether"), 1);
  EXPECT_EQ(arphrd_from_link_type("none"), 65534);
  EXPECT_EQ(arphrd_from_link_type("[803]"), 803);
  EXPECT_EQ(arphrd_from_link_type("nonsense"), std::nullopt);
  EXPECT_EQ(arphrd_from_link_type("[99999]"), std::nullopt);
}

TEST(IpLinkText, GarbageIsSkippedNeverFatal) {
  constexpr std::string_view kBad =
      "x: what\n"
      "    inet 1.2.3.4/24 scope global orphan\n"  // before any link
      "7: : <UP> mtu 1\n"
      "8: ok: <UP,BOGUS> mtu 99999999999 qlen -1\n"
      "    link/ether zz:zz brd\n"
      "    inet 300.1.1.1/24 scope global ok\n"
      "    inet 1.1.1.1/99 scope global ok\n"
      "    inet6 fe80::1/200 scope link\n"
      "    RX: bytes packets\n"
      "    1 2 3 4 5\n"
      "9";
  std::vector<IpLink> links = parse_ip_link_text(kBad);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].name, "ok");
  EXPECT_EQ(links[0].flags, 0x1u | 0x40u);
  EXPECT_FALSE(links[0].mtu.has_value());
  EXPECT_EQ(links[0].qlen, -1);
  EXPECT_FALSE(links[0].has_link_addr);
  EXPECT_TRUE(links[0].inet.empty());
  EXPECT_TRUE(links[0].inet6.empty());
  EXPECT_TRUE(links[0].stats.empty()) << "more values than columns";
  EXPECT_TRUE(parse_ip_link_text("").empty());
}

// Found by fuzz_ip_link_text: a field starting with '@' gave a link with no
// name. '@' may be part of a name; only a later one starts the link's name.
TEST(IpLinkText, AtSignStartsNoName) {
  std::vector<IpLink> links = parse_ip_link_text(
      "6: @m1@dm0: <BROADCAST,MULTICAST> mtu 1500\n7: x@y@z: <UP> mtu 1\n");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].name, "@m1");
  EXPECT_EQ(links[1].name, "x");
  EXPECT_EQ(links[1].name_field, "x@y@z");
}

}  // namespace
}  // namespace netstat::formats
