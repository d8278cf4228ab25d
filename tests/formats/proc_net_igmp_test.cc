// Tests for the igmp/igmp6 state machine (2.10's shared static state).
#include <gtest/gtest.h>

#include "formats/proc_net_igmp.h"

namespace netstat::formats {
namespace {

TEST(ProcNetIgmp, Ipv4IndexLayout) {
  IgmpState st;
  IgmpTable t = parse_proc_net_igmp(
      "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
      "1\tlo        :     1      V3\n"
      "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
      "2\tx:y:z     :     1      V3\n"
      "\t\t\t\t010000E0     3 0:00000000\t\t0\n",
      st);
  ASSERT_TRUE(t.issues.empty());
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ("lo        ", t.rows[0].device());
  EXPECT_EQ(224, t.rows[0].group[0]);
  EXPECT_EQ(1, t.rows[0].group[3]);
  EXPECT_EQ("x:y:z     ", t.rows[1].device());
  EXPECT_EQ(3, t.rows[1].refcount);
  EXPECT_TRUE(st.index_layout);
  EXPECT_FALSE(st.v6_layout);
}

TEST(ProcNetIgmp, StaleDeviceBytesAndBogusLines) {
  IgmpState st;
  IgmpTable t = parse_proc_net_igmp(
      "Idx\tDevice\n"
      "1\tabcdefghijklmnopq\n"
      "\t\t\t\t010000E0     1\n"
      "2\tab\n"
      "\t\t\t\t010000E0     2\n"
      "bad line\n"
      "\t\t\t\tZZ 1\n",
      st);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ("abcdefghijklmno", t.rows[0].device());
  EXPECT_EQ("ab\ndefghijklmno", t.rows[1].device());
  ASSERT_EQ(2u, t.issues.size());
  EXPECT_EQ(5u, t.issues[0].line);
  EXPECT_FALSE(t.issues[0].v6);
  EXPECT_EQ(6u, t.issues[1].line);
}

TEST(ProcNetIgmp, Ipv6NoHeader) {
  IgmpState st;
  IgmpTable t = parse_proc_net_igmp(
      "1    lo              ff020000000000000000000000000001     1 0000000C 0\n"
      "2    ens33           ff0200000000000000000001ffa4e315     2 00000004 0\n"
      "x\n",
      st);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_TRUE(t.rows[0].v6);
  EXPECT_EQ("lo", t.rows[0].device());
  EXPECT_EQ(0xff, t.rows[0].group[0]);
  EXPECT_EQ(0x02, t.rows[0].group[1]);
  EXPECT_EQ(0x15, t.rows[1].group[15]);
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_TRUE(t.issues[0].v6);
  EXPECT_EQ(2u, t.issues[0].line);
}

TEST(ProcNetIgmp, Ipv4FileWithoutDeviceHeaderSwitchesToIpv6) {
  IgmpState st;
  IgmpTable t = parse_proc_net_igmp(
      "junk\n1    lo    ff020000000000000000000000000001     1 0000000C 0\n", st);
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_EQ(0u, t.issues[0].line);
  EXPECT_TRUE(t.issues[0].v6);
  ASSERT_EQ(1u, t.rows.size());
  EXPECT_TRUE(st.v6_layout);
}

}  // namespace
}  // namespace netstat::formats
