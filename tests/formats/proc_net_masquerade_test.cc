// Tests for the /proc/net/ip_masquerade parser (2.10 ip_masq_info input).
#include "formats/proc_net_masquerade.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

constexpr std::string_view kHeader10 =
    "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires "
    "(free=0,0,0)\n";
constexpr std::string_view kHeader9 =
    "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta Expires\n";

TEST(ProcNetMasquerade, TenFieldRows) {
  MasqTable t = parse_proc_net_masquerade(
      std::string(kHeader10) +
      "TCP 0A010203:0401 0A090909:0017 F3C1 00001234      0      0  123456\n"
      "UDP 0A010203:10401 C0A84702:0035 F3C2 FFFFFFFF  70000  -5 -5\n"
      "   \n");
  ASSERT_EQ(MasqTable::Status::ok, t.status);
  EXPECT_TRUE(t.has_pdelta);
  ASSERT_EQ(2u, t.entries.size());
  EXPECT_EQ("tcp", t.entries[0].proto);
  EXPECT_EQ(0x0A010203u, t.entries[0].source);
  EXPECT_EQ(1025, t.entries[0].source_port);
  EXPECT_EQ(23, t.entries[0].destination_port);
  EXPECT_EQ(0xF3C1, t.entries[0].masq_port);
  EXPECT_EQ(0x1234u, t.entries[0].initseq);
  EXPECT_EQ(123456u, t.entries[0].expires);
  EXPECT_EQ(1025, t.entries[1].source_port);  // %hX wraps
  EXPECT_EQ(4464, t.entries[1].delta);         // %hd wraps
  EXPECT_EQ(-5, t.entries[1].pdelta);
  EXPECT_EQ(UINT64_MAX - 4, t.entries[1].expires);  // %lu of -5
}

TEST(ProcNetMasquerade, NineFieldRows) {
  MasqTable t = parse_proc_net_masquerade(
      std::string(kHeader9) +
      "ESP 0A010203:0001 0A090909:0002 0003 00000001  1 5\n");
  ASSERT_EQ(MasqTable::Status::ok, t.status);
  EXPECT_FALSE(t.has_pdelta);
  ASSERT_EQ(1u, t.entries.size());
  EXPECT_EQ("esp", t.entries[0].proto);
  EXPECT_EQ(5u, t.entries[0].expires);
}

TEST(ProcNetMasquerade, HeaderOnlyAndEmpty) {
  EXPECT_TRUE(parse_proc_net_masquerade(kHeader10).entries.empty());
  EXPECT_EQ(MasqTable::Status::ok, parse_proc_net_masquerade(kHeader10).status);
  EXPECT_EQ(MasqTable::Status::no_header,
            parse_proc_net_masquerade("").status);
}

TEST(ProcNetMasquerade, FieldCountMustMatchHeader) {
  const char* bad[] = {
      "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 7 5 junk\n",
      "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 7 5x\n",
      "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 7\n",
      "TCP 0A010203 0401 0A090909:0017 F3C1 00001234 0 7 5\n",
      "TCP 10.1.2.3:0401 0A090909:0017 F3C1 00001234 0 7 5\n",
      "x\n",
  };
  for (const char* row : bad) {
    MasqTable t = parse_proc_net_masquerade(std::string(kHeader10) + row);
    EXPECT_EQ(MasqTable::Status::format_error, t.status) << row;
    EXPECT_EQ(2u, t.bad_line);
  }
  // Nine-field header, ten-field row.
  EXPECT_EQ(MasqTable::Status::format_error,
            parse_proc_net_masquerade(
                std::string(kHeader9) +
                "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 0 123456\n")
                .status);
}

TEST(ProcNetMasquerade, UnknownProtocol) {
  MasqTable t = parse_proc_net_masquerade(
      std::string(kHeader10) +
      "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 7 5\n"
      "esp 0A010203:0401 0A090909:0017 F3C1 00001234 0 7 5\n");
  EXPECT_EQ(MasqTable::Status::unknown_type, t.status);
  EXPECT_EQ(3u, t.bad_line);
}

}  // namespace
}  // namespace netstat::formats
