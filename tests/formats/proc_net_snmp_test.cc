// Tests for the paired-line /proc/net/snmp and /proc/net/netstat parser.
#include "formats/proc_net_snmp.h"

#include <gtest/gtest.h>

namespace netstat::formats {
namespace {

TEST(ProcNetSnmp, ParsesPairs) {
  SnmpFile f = parse_proc_net_snmp(
      "Ip: Forwarding DefaultTTL InReceives\n"
      "Ip: 1 64 58470\n"
      "IcmpMsg: InType3 OutType3\n"
      "IcmpMsg: 171 170\n");
  ASSERT_FALSE(f.parse_error);
  ASSERT_EQ(2u, f.sections.size());
  EXPECT_EQ("Ip", f.sections[0].title);
  EXPECT_EQ((std::vector<std::string>{"Forwarding", "DefaultTTL", "InReceives"}),
            f.sections[0].names);
  EXPECT_EQ((std::vector<uint64_t>{1, 64, 58470}), f.sections[0].values);
  EXPECT_EQ("IcmpMsg", f.sections[1].title);
}

TEST(ProcNetSnmp, EmptyFileAndTitleWithoutNames) {
  EXPECT_TRUE(parse_proc_net_snmp("").sections.empty());
  SnmpFile f = parse_proc_net_snmp("Ip:\nIp:\nFoo:\nFoo:\n");
  ASSERT_EQ(2u, f.sections.size());
  EXPECT_TRUE(f.sections[1].names.empty());
}

TEST(ProcNetSnmp, UnequalLinesPadWithZeroAndDropExtras) {
  SnmpFile f = parse_proc_net_snmp(
      "TcpExt: A B C\nTcpExt: 1 2\nIpExt: A\nIpExt: 5 6 7\n");
  EXPECT_EQ((std::vector<uint64_t>{1, 2, 0}), f.sections[0].values);
  EXPECT_EQ((std::vector<uint64_t>{5}), f.sections[1].values);
}

TEST(ProcNetSnmp, ValuesReadLikeStrtoull) {
  SnmpFile f = parse_proc_net_snmp(
      "Ip: A B C D\nIp: 1 -1 +5 0x10\n"
      "Ip: A B C D\nIp: 1 abc 5 6\n"
      "Ip: A B\nIp: 99999999999999999999999 1.5\n"
      "Ip: A\tB\nIp:\t5\t6\n");
  EXPECT_EQ((std::vector<uint64_t>{1, UINT64_MAX, 5, 0}), f.sections[0].values);
  // A word stops the line: every later value is 0.
  EXPECT_EQ((std::vector<uint64_t>{1, 0, 0, 0}), f.sections[1].values);
  EXPECT_EQ((std::vector<uint64_t>{UINT64_MAX, 1}), f.sections[2].values);
  EXPECT_EQ((std::vector<uint64_t>{5, 6}), f.sections[3].values);
}

TEST(ProcNetSnmp, SkipsBlankFirstLineOnly) {
  SnmpFile f = parse_proc_net_snmp("\nIp: A\nIp: 1\n");
  ASSERT_EQ(1u, f.sections.size());
  // A blank values line is a format error.
  f = parse_proc_net_snmp("Ip: A B\n\nIcmp: InMsgs\nIcmp: 4\n");
  EXPECT_TRUE(f.parse_error);
  EXPECT_TRUE(f.sections.empty());
  EXPECT_EQ(1u, f.error_line);
}

TEST(ProcNetSnmp, MissingColonStopsTheFile) {
  SnmpFile f = parse_proc_net_snmp(
      "Ip: A\nIp: 1\nUdp InDatagrams\nUdp: 3\nTcp: X\nTcp: 1\n");
  EXPECT_TRUE(f.parse_error);
  EXPECT_EQ(3u, f.error_line);
  ASSERT_EQ(1u, f.sections.size());
  f = parse_proc_net_snmp("Ip: A\nIp 1\n");
  EXPECT_TRUE(f.parse_error);
}

TEST(ProcNetSnmp, NamesLineWithoutValuesEndsSilently) {
  SnmpFile f = parse_proc_net_snmp("Ip: A\nXx: 1 5\nIcmp: InMsgs\n");
  EXPECT_FALSE(f.parse_error);
  ASSERT_EQ(1u, f.sections.size());
  EXPECT_EQ("Ip", f.sections[0].title);  // the values line's title is not checked
}

TEST(ProcNetSnmp, TitleKeepsLeadingBlanks) {
  SnmpFile f = parse_proc_net_snmp("  Ip: InReceives\nIp: 5\nTcp:x A\nTcp: 5 6\n");
  EXPECT_EQ("  Ip", f.sections[0].title);
  EXPECT_EQ((std::vector<std::string>{"x", "A"}), f.sections[1].names);
}

}  // namespace
}  // namespace netstat::formats
