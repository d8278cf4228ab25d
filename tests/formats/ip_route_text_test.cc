// The IPv4 main table from `ip route show table all` text, as the kernel's
// /proc/net/route would list it.
#include "formats/ip_route_text.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

TEST(IpRouteText, MainTableRoutesAsTheFileHoldsThem) {
  std::optional<std::vector<Ipv4Route>> t = parse_ip_route_main(
      "default via 10.9.0.2 dev va0 metric 50 \n"
      "10.9.0.0/24 dev va0 proto kernel scope link src 10.9.0.1 \n"
      "unreachable 203.0.113.0/24 \n"
      "blackhole 192.0.2.0/25 \n"
      "192.0.2.128/25 dev va0 advmss 1400 window 65535 \n"
      "198.51.100.7 via 10.9.0.2 dev va0 onlink linkdown \n"
      "broadcast 10.9.0.255 dev va0 table local proto kernel scope link src 10.9.0.1 \n"
      "local 10.9.0.1 dev va0 table local proto kernel scope host src 10.9.0.1 \n"
      "10.1.0.0/16 dev va0 table 100 \n"
      "fe80::/64 dev va0 proto kernel metric 256 pref medium\n"
      "multicast ff00::/8 dev va0 table local proto kernel metric 256 pref medium\n");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 6u);
  const std::vector<Ipv4Route>& r = *t;
  EXPECT_EQ(r[0].iface, "va0");
  EXPECT_EQ(r[0].destination, 0u);
  EXPECT_EQ(r[0].gateway, 0x0200090Au);  // 10.9.0.2 as the kernel prints it
  EXPECT_EQ(r[0].flags, 0x3u);           // UG
  EXPECT_EQ(r[0].metric, 50);
  EXPECT_EQ(r[1].destination, 0x0000090Au);
  EXPECT_EQ(r[1].mask, 0x00FFFFFFu);
  EXPECT_EQ(r[1].flags, 0x1u);
  EXPECT_EQ(r[2].iface, "*");
  EXPECT_EQ(r[2].flags, 0x201u);  // U + RTF_REJECT
  EXPECT_EQ(r[3].flags, 0x1u);    // blackhole: no flag of its own
  EXPECT_EQ(r[4].mtu, 1440);
  EXPECT_EQ(r[4].window, 65535);
  EXPECT_EQ(r[5].mask, 0xFFFFFFFFu);
  EXPECT_EQ(r[5].flags, 0x7u);  // UGH

  std::string file = proc_net_route_text(r);
  EXPECT_EQ(file.substr(0, 128),
            std::string("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU"
                        "\tWindow\tIRTT") +
                std::string(55, ' ') + "\n");
  EXPECT_NE(file.find("va0\t00000000\t0200090A\t0003\t0\t0\t50\t00000000\t0\t0\t0 "),
            std::string::npos)
      << file;
  EXPECT_NE(file.find("*\t007100CB\t00000000\t0201\t0\t0\t0\t00FFFFFF\t0\t0\t0 "), std::string::npos)
      << file;
}

TEST(IpRouteText, WhatCannotBeRebuiltExactlyIsRefused) {
  std::string why;
  EXPECT_FALSE(parse_ip_route_main("default proto static metric 10 \n"
                                   "\tnexthop via 10.0.0.1 dev a weight 1 \n"
                                   "\tnexthop via 10.0.0.2 dev b weight 1 \n",
                                   &why));
  EXPECT_NE(why.find("next hops"), std::string::npos) << why;
  EXPECT_FALSE(parse_ip_route_main("10.0.0.0/8 via inet6 fe80::1 dev a\n"));
  EXPECT_FALSE(parse_ip_route_main("10.0.0.0/8 dev a rtt 10ms\n"));
  EXPECT_FALSE(parse_ip_route_main("10.0.0.0/99 dev a\n"));
  EXPECT_FALSE(parse_ip_route_main("bogus dev a\n"));
  EXPECT_FALSE(parse_ip_route_main("10.0.0.0/8 dev averyverylongname16\n"));
  ASSERT_TRUE(parse_ip_route_main(""));
  EXPECT_TRUE(parse_ip_route_main("")->empty());
}

TEST(IpRouteText, DeviceNameThatCannotGoBackIsRefused) {
  // /proc/net/route's Iface is read with "%15s" from a C string: a NUL or
  // white space words() keeps (\v, \f, \r) would come back cut. Found by
  // fuzz_ip_route_text (testdata/fuzz/ip_route_text/regress-device-name-nul).
  constexpr char kNul[] = "10.9.0.0/24 dev v\x01\0a0 proto kernel scope link\n";
  std::string why;
  EXPECT_FALSE(parse_ip_route_main(std::string(kNul, sizeof kNul - 1), &why));
  EXPECT_NE(why.find("device"), std::string::npos) << why;
  EXPECT_FALSE(parse_ip_route_main("10.9.0.0/24 dev va\v0\n"));
  EXPECT_FALSE(parse_ip_route_main("10.9.0.0/24 dev va\f0\n"));
  EXPECT_FALSE(parse_ip_route_main("10.9.0.0/24 dev va\r0\n"));
  // Other bytes a kernel allows in a name go back as they are.
  std::optional<std::vector<Ipv4Route>> ok =
      parse_ip_route_main("10.9.0.0/24 dev v\x01" "a-\xc3\xa9.x\n");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->size(), 1u);
  Ipv4RouteTable back = parse_proc_net_route(proc_net_route_text(*ok));
  ASSERT_EQ(back.status, Ipv4RouteTable::Status::ok);
  ASSERT_EQ(back.routes.size(), 1u);
  EXPECT_EQ(back.routes[0], (*ok)[0]);
  EXPECT_EQ(back.routes[0].iface, "v\x01" "a-\xc3\xa9.x");
}

TEST(IpRouteText, AddressMissingOrCutByNulIsRefused) {
  // "via" as the line's last word handed memcpy a null pointer (UBSan;
  // testdata/fuzz/ip_route_text/regress-via-at-end-of-line), and inet_pton
  // stopped at a NUL, taking the address before it for the whole word.
  std::string why;
  EXPECT_FALSE(parse_ip_route_main("default via\n", &why));
  EXPECT_NE(why.find("gateway"), std::string::npos) << why;
  constexpr char kGateway[] = "default via 10.9.0.2\0junk dev va0\n";
  EXPECT_FALSE(parse_ip_route_main(std::string(kGateway, sizeof kGateway - 1)));
  constexpr char kDestination[] = "10.9.0.0\0x/24 dev va0\n";
  EXPECT_FALSE(parse_ip_route_main(std::string(kDestination, sizeof kDestination - 1)));
}

}  // namespace
}  // namespace netstat::formats
