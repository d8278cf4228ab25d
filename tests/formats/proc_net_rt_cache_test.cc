// Tests for the /proc/net/rt_cache parser (2.10 rprint_cache input side).
#include "formats/proc_net_rt_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

constexpr std::string_view kHeader22 =
    "Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\t"
    "MTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n";

TEST(ProcNetRtCache, ModernKernelHeaderOnly) {
  RtCacheTable t = parse_proc_net_rt_cache(
      std::string(kHeader22.substr(0, kHeader22.size() - 1)) +
      std::string(20, ' ') + "\n");
  EXPECT_EQ(RtCacheTable::Status::ok, t.status);
  EXPECT_EQ(RtCacheFormat::v2_2, t.format);
  EXPECT_EQ(63, t.guess);
  EXPECT_TRUE(t.rows.empty());
}

TEST(ProcNetRtCache, GuessIsSubstringSearch) {
  EXPECT_EQ(1, parse_proc_net_rt_cache("XIRTT\n").guess);
  EXPECT_EQ(36, parse_proc_net_rt_cache("aHHRef\n").guess);
  EXPECT_EQ(3, parse_proc_net_rt_cache("IRTT|TOS\n").guess);
  EXPECT_EQ(RtCacheFormat::unknown, parse_proc_net_rt_cache("IRTT\n").format);
  RtCacheTable t = parse_proc_net_rt_cache("IRTT HH ARP\n");
  EXPECT_EQ(RtCacheFormat::v2_0, t.format);
  EXPECT_EQ(RtCacheTable::Status::missing_field, t.status);
  EXPECT_EQ("Iface", t.missing_field);
}

TEST(ProcNetRtCache, EmptyFile) {
  EXPECT_EQ(RtCacheTable::Status::empty_file,
            parse_proc_net_rt_cache("").status);
}

TEST(ProcNetRtCache, RowsOf22Format) {
  RtCacheTable t = parse_proc_net_rt_cache(
      std::string(kHeader22) +
      "eth0\t0909090A\t0247A8C0\tFFFFFFFF\t0\t4\t0\t0302010A\t1500\t0\t0\t00\t-1\t0\t0302010A\n"
      "eth0\t0A0A0A0A\t0247A8C0\t0\t1\t4\t5\t0302010A\t1500\t7\t9\tFF\t3\t1\t0302010A\n"
      "eth1\t0100007F\t00000000\t1\t2\t17\t0\t0500007F\t16436\t0\t0\t1A\t2\t1\t0100007F\n");
  ASSERT_EQ(2u, t.rows.size());  // TOS "FF" is not decimal: 11 fields
  EXPECT_EQ(0x0909090Au, t.rows[0].destination);
  EXPECT_EQ(0x0247A8C0u, t.rows[0].gateway);
  EXPECT_EQ(0x0302010Au, t.rows[0].source);
  EXPECT_EQ(0x0302010Au, t.rows[0].spec_dst);
  EXPECT_EQ(-1, t.rows[0].hh_ref);
  // "1A": TOS reads 1, HHRef fails: 12 fields, the rest kept from line 1;
  // SpecDst was not read, the shared sockaddr still holds the source.
  EXPECT_EQ(1, t.rows[1].tos);
  EXPECT_EQ(-1, t.rows[1].hh_ref);
  EXPECT_EQ(0x0500007Fu, t.rows[1].spec_dst);
}

TEST(ProcNetRtCache, UnreadableAddressShowsPreviousConversion) {
  RtCacheTable t = parse_proc_net_rt_cache(
      std::string(kHeader22) +
      "eth6\t0600007F\t0247A8C0\t4\t2\t17\t0\t0900007F\t1\t0\t0\t14\t5\t1\t0700007F\n"
      "eth7\tzz\t0347A8C0\t4\t2\t17\t0\tzz\t1\t0\t0\t14\t5\t1\t0800007F\n");
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(0x0700007Fu, t.rows[1].destination);  // previous row's SpecDst
  EXPECT_EQ(0x0347A8C0u, t.rows[1].source);       // this row's gateway
}

TEST(ProcNetRtCache, RowsOf20Format) {
  RtCacheTable t = parse_proc_net_rt_cache(
      "Iface Destination Gateway Flags RefCnt Use Metric Source MTU Window "
      "IRTT HH ARP\n"
      "eth1 0100007F 0247A8C0 1 2 3 4 0500007F 6 7 8 9 10\n"
      "eth2 0200007F 0247A8C0 1 2 3 4 0500007F 6 7 8 9\n"
      "eth3 0300007F 0247A8C0 1 2 3 4 0500007F 6 7 8\n");
  EXPECT_EQ(RtCacheFormat::v2_0, t.format);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(9, t.rows[1].hh);
  EXPECT_EQ(10, t.rows[1].arp);  // kept from the line before
}

}  // namespace
}  // namespace netstat::formats
