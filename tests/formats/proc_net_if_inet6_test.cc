// parse_proc_net_if_inet6: 2.10's fscanf stream over the file, including its
// short reads that keep older values, plus address and scope helpers.
#include "formats/proc_net_if_inet6.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <array>
#include <string>

namespace netstat::formats {
namespace {

TEST(ProcNetIfInet6, KernelSample) {
  ProcNetIfInet6 p = parse_proc_net_if_inet6(
      "fd000000000000000000000000000002 04 40 00 82     eth0\n"
      "00000000000000000000000000000001 01 80 10 80       lo\n"
      "fe8000000000000000fc00fffe000001 104 40 20 80     eth0\n");
  EXPECT_TRUE(p.short_reads.empty());
  ASSERT_EQ(p.entries.size(), 3u);
  const IfInet6Entry& e = p.entries[0];
  EXPECT_EQ(e.address_text, "fd00:0000:0000:0000:0000:0000:0000:0002");
  EXPECT_EQ(e.ifindex, 4u);
  EXPECT_EQ(e.prefix_len, 0x40u);
  EXPECT_EQ(e.scope, 0u);
  EXPECT_EQ(e.flags, 0x82u);
  EXPECT_EQ(e.name, "eth0");
  EXPECT_EQ(e.conversions, 13);
  EXPECT_EQ(p.entries[1].name, "lo");
  EXPECT_EQ(p.entries[1].scope, 0x10u);
  EXPECT_EQ(p.entries[2].ifindex, 0x104u);
}

TEST(ProcNetIfInet6, EmptyFile) {
  EXPECT_TRUE(parse_proc_net_if_inet6("").entries.empty());
  EXPECT_TRUE(parse_proc_net_if_inet6("\n  \n").entries.empty());
}

TEST(ProcNetIfInet6, ShortReadKeepsOlderValues) {
  ProcNetIfInet6 p = parse_proc_net_if_inet6(
      "20010db8000000000000000000000001 04 40 00 80 lo\n"
      "20010db8000000000000000000000002 zz\n");
  ASSERT_EQ(p.entries.size(), 3u);
  // Call 2 stops at "zz": the name and numbers are the first line's.
  EXPECT_EQ(p.entries[1].conversions, 8);
  EXPECT_EQ(p.entries[1].address_text,
            "2001:0db8:0000:0000:0000:0000:0000:0002");
  EXPECT_EQ(p.entries[1].name, "lo");
  EXPECT_EQ(p.entries[1].prefix_len, 0x40u);
  // Call 3 reads "zz" as the first piece, then meets the end.
  EXPECT_EQ(p.entries[2].conversions, 1);
  EXPECT_EQ(p.entries[2].address_text,
            "zz:0db8:0000:0000:0000:0000:0000:0002");
  EXPECT_EQ(p.short_reads, (std::vector<size_t>{2, 3}));
}

TEST(ProcNetIfInet6, HexFieldsFollowGlibcWidths) {
  ProcNetIfInet6 p = parse_proc_net_if_inet6(
      "20010db8000000000000000000000002 0x 0x1 \n");
  ASSERT_EQ(p.entries.size(), 1u);
  // "0x" alone is 0; "%02x" then reads "0x" of "0x1" as 0 and "1" is next.
  EXPECT_EQ(p.entries[0].ifindex, 0u);
  EXPECT_EQ(p.entries[0].prefix_len, 0u);
  EXPECT_EQ(p.entries[0].scope, 1u);
  EXPECT_EQ(p.entries[0].conversions, 11);
}

TEST(ProcNetIfInet6, SignedHexWraps) {
  ProcNetIfInet6 p =
      parse_proc_net_if_inet6("20010db8000000000000000000000003 04 -1 +f 80 lo\n");
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].prefix_len, 0xffffffffu);
  EXPECT_EQ(p.entries[0].scope, 0xfu);
  EXPECT_EQ(p.entries[0].name, "lo");
}

TEST(ProcNetIfInet6, SpacedGroupsJoinIntoOneAddress) {
  ProcNetIfInet6 p = parse_proc_net_if_inet6("1 2 3 4 5 6 7 8 04 40 00 80 lo\n");
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].address_text, "1:2:3:4:5:6:7:8");
  auto a = if_inet6_address(p.entries[0]);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ((*a)[1], 1);
  EXPECT_EQ((*a)[15], 8);
}

TEST(ProcNetIfInet6, NameIsAtMostTwentyBytes) {
  ProcNetIfInet6 p = parse_proc_net_if_inet6(
      "00000000000000000000000000000001 01 80 10 80 abcdefghijklmnopqrstuvwxyz\n");
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[0].name, "abcdefghijklmnopqrst");
  EXPECT_EQ(p.entries[1].address_text.substr(0, 4), "uvwx");
}

TEST(ProcNetIfInet6, Addresses) {
  IfInet6Entry e;
  e.address_text = "0000:0000:0000:0000:0000:ffff:0102:0304";
  auto a = if_inet6_address(e);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ((*a)[10], 0xff);
  EXPECT_EQ((*a)[15], 4);
  e.address_text = "0g00:0000:0000:0000:0000:0000:0000:000e";
  EXPECT_FALSE(if_inet6_address(e).has_value());
}

// The kernel's 39-character form is decoded without inet_pton; every
// one-character change of it must still give inet_pton's answer.
TEST(ProcNetIfInet6, AddressesAgreeWithInetPton) {
  const std::string base = "fe80:0000:0000:0000:00fc:00ff:FEAB:cdef";
  const std::string alphabet("09afAFgG:.- x\0", 14);
  size_t checked = 0;
  for (size_t pos = 0; pos < base.size(); ++pos) {
    for (char c : alphabet) {
      IfInet6Entry e;
      e.address_text = base;
      e.address_text[pos] = c;
      std::array<uint8_t, 16> want{};
      bool valid = inet_pton(AF_INET6, e.address_text.c_str(), want.data()) == 1;
      auto got = if_inet6_address(e);
      ASSERT_EQ(got.has_value(), valid) << e.address_text;
      if (valid) {
        EXPECT_EQ(*got, want) << e.address_text;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, base.size() * alphabet.size());
}

TEST(ProcNetIfInet6, ScopeTags) {
  EXPECT_EQ(if_inet6_scope_tags(0x00), "<global>");
  EXPECT_EQ(if_inet6_scope_tags(0x10), "<host>");
  EXPECT_EQ(if_inet6_scope_tags(0x20), "<link>");
  EXPECT_EQ(if_inet6_scope_tags(0x40), "<site>");
  EXPECT_EQ(if_inet6_scope_tags(0x80), "<compat,global>");
  EXPECT_EQ(if_inet6_scope_tags(0xa0), "<compat,link>");
  EXPECT_EQ(if_inet6_scope_tags(0xc0), "<compat,site>");
  EXPECT_EQ(if_inet6_scope_tags(0x01), "");
  EXPECT_EQ(if_inet6_scope_tags(0x70), "<link,site,host>");
}

}  // namespace
}  // namespace netstat::formats
