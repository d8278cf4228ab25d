// Tests for the /proc/net/snmp6 and /proc/net/sctp/snmp parsers.
#include "formats/proc_net_sctp_snmp.h"
#include "formats/proc_net_snmp6.h"

#include <gtest/gtest.h>

namespace netstat::formats {
namespace {

TEST(ProcNetSnmp6, ParsesNameValueLines) {
  auto c = parse_proc_net_snmp6(
      "Ip6InReceives                   \t7\nIcmp6InMsgs\t1\n");
  ASSERT_EQ(2u, c.size());
  EXPECT_EQ("Ip6InReceives", c[0].name);
  EXPECT_EQ(7u, c[0].value);
  EXPECT_EQ("Icmp6InMsgs", c[1].name);
}

TEST(ProcNetSnmp6, MissingValueAndBlankLinesCarryOver) {
  auto c = parse_proc_net_snmp6(
      "Icmp6InType134 62\nIp6InDiscards\n\n   \nIp6X -1\nIp InReceives 5\n");
  ASSERT_EQ(6u, c.size());
  EXPECT_EQ(62u, c[1].value);  // value-less: previous value
  EXPECT_EQ("Ip6InDiscards", c[2].name);
  EXPECT_EQ(62u, c[3].value);
  EXPECT_EQ(UINT64_MAX, c[4].value);
  EXPECT_EQ("Ip", c[5].name);
  EXPECT_EQ(UINT64_MAX, c[5].value);
}

TEST(ProcNetSnmp6, LeadingBlankLineIsEmptyCounter) {
  auto c = parse_proc_net_snmp6("\nIp6InReceives\n");
  ASSERT_EQ(2u, c.size());
  EXPECT_EQ("", c[0].name);
  EXPECT_EQ(0u, c[1].value);
}

TEST(ProcNetSnmp6, SectionOfName) {
  EXPECT_EQ("Ip6", snmp6_section_of("Ip6InReceives"));
  EXPECT_EQ("Icmp6", snmp6_section_of("Icmp6InMsgs"));
  EXPECT_EQ("UdpLite6", snmp6_section_of("UdpLite6InDatagrams"));
  EXPECT_EQ("FooBar", snmp6_section_of("FooBar"));
  EXPECT_EQ("", snmp6_section_of(""));
}

TEST(ProcNetSctpSnmp, SplitsAtFirstBlank) {
  auto c = parse_proc_net_sctp_snmp(
      "SctpCurrEstab                   \t5\n"
      "SctpBar\n"
      "SctpPassiveEstabs   -1\n"
      "   \n\n"
      "SctpOutOfBlues x\n"
      "SctpAborteds 12abc\n"
      " 5\n"
      "SctpFoo\t \t10 11\n"
      "SctpX:5\n"
      "SctpCurrEstab \n");
  ASSERT_EQ(6u, c.size());
  EXPECT_EQ("SctpCurrEstab", c[0].name);
  EXPECT_EQ(5u, c[0].value);
  EXPECT_EQ(UINT64_MAX, c[1].value);
  EXPECT_EQ("SctpOutOfBlues", c[2].name);
  EXPECT_EQ(0u, c[2].value);
  EXPECT_EQ(12u, c[3].value);
  EXPECT_EQ("", c[4].name);
  EXPECT_EQ(5u, c[4].value);
  EXPECT_EQ(10u, c[5].value);
}

}  // namespace
}  // namespace netstat::formats
