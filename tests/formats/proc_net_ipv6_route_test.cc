// Tests for the /proc/net/ipv6_route parser.
#include "formats/proc_net_ipv6_route.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

constexpr std::string_view kZero = "00000000000000000000000000000000";

std::string row(std::string_view dest, std::string_view plen,
                std::string_view hop, std::string_view tail) {
  return std::string(dest) + " " + std::string(plen) + " " +
         std::string(kZero) + " 00 " + std::string(hop) + " " +
         std::string(tail) + "\n";
}

TEST(ProcNetIpv6Route, ParsesKernelRows) {
  Ipv6RouteTable t = parse_proc_net_ipv6_route(
      row("fe800000000000000000000000000000", "40", kZero,
          "00000100 00000001 00000000 00000001    ens33") +
      row(kZero, "00", "FE800000000000000000000000000001",
          "ffffffff 80000000 ffffffff 01200200       lo"));
  ASSERT_TRUE(t.bad_lines.empty());
  ASSERT_EQ(2u, t.routes.size());
  EXPECT_EQ(0xfe, t.routes[0].destination[0]);
  EXPECT_EQ(0x40u, t.routes[0].destination_plen);
  EXPECT_EQ(256, t.routes[0].metric);
  EXPECT_EQ("ens33", t.routes[0].iface);
  EXPECT_EQ(-1, t.routes[1].metric);
  EXPECT_EQ(INT32_MIN, t.routes[1].refcnt);
  EXPECT_EQ(-1, t.routes[1].use);
  EXPECT_EQ(0x01200200u, t.routes[1].flags);
  EXPECT_EQ(1, t.routes[1].next_hop[15]);
  EXPECT_NE(0u, t.routes[1].flags & kRtf6Cache);
}

TEST(ProcNetIpv6Route, EmptyFile) {
  Ipv6RouteTable t = parse_proc_net_ipv6_route("");
  EXPECT_TRUE(t.routes.empty());
  EXPECT_TRUE(t.bad_lines.empty());
}

TEST(ProcNetIpv6Route, LongDeviceCutAndExtraColumnsIgnored) {
  Ipv6RouteTable t = parse_proc_net_ipv6_route(
      row(kZero, "ff", kZero,
          "00000100 00000001 00000000 00000003 averylongifname16 extra"));
  ASSERT_EQ(1u, t.routes.size());
  EXPECT_EQ("averylongifname", t.routes[0].iface);
  EXPECT_EQ(255u, t.routes[0].destination_plen);
}

TEST(ProcNetIpv6Route, MalformedLinesAreReportedNotGuessed) {
  Ipv6RouteTable t = parse_proc_net_ipv6_route(
      "garbage\n" + std::string("\n") +
      row("2001:db8", "80", kZero, "00000100 00000001 00000000 00000003 eth1") +
      row(kZero, "80", kZero, "00000100 00000001 00000000 00000003") +
      row(kZero, "80", kZero, "00000100 00000001 00000000 00000003 eth0"));
  ASSERT_EQ(1u, t.routes.size());
  EXPECT_EQ((std::vector<size_t>{1, 2, 3, 4}), t.bad_lines);
}

}  // namespace
}  // namespace netstat::formats
