// Tests for the proc_gen_fmt/sscanf emulation shared by the route and
// rt_cache parsers.
#include "formats/proc_header_format.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace netstat::formats {
namespace {

const std::vector<WantedColumn> kWanted = {
    {"Iface", ScanKind::string, 15},
    {"Flags", ScanKind::hex},
    {"Metric", ScanKind::dec},
};

TEST(HeaderFormat, SkipsUnknownColumnsBetweenWantedOnes) {
  HeaderFormat f = make_header_format("Iface\tX|Flags Y Metric Z", kWanted);
  ASSERT_EQ(HeaderFormat::Status::ok, f.status);
  // Trailing columns after the last wanted one are not part of the format.
  ASSERT_EQ(5u, f.steps.size());
  EXPECT_EQ(ScanKind::skip, f.steps[1].kind);
  EXPECT_EQ(ScanKind::skip, f.steps[3].kind);
}

TEST(HeaderFormat, ReportsFirstMissingOrOutOfOrderName) {
  HeaderFormat f = make_header_format("Iface Metric Flags", kWanted);
  EXPECT_EQ(HeaderFormat::Status::missing_field, f.status);
  EXPECT_EQ("Metric", f.missing);
  f = make_header_format("iface Flags Metric", kWanted);
  EXPECT_EQ("Iface", f.missing);
  f = make_header_format("", kWanted);
  EXPECT_EQ("Iface", f.missing);
}

TEST(HeaderFormat, NamesAreWholeTokens) {
  HeaderFormat f = make_header_format("Iface,Flags Metric", kWanted);
  EXPECT_EQ(HeaderFormat::Status::missing_field, f.status);
  EXPECT_EQ("Iface", f.missing);
}

TEST(HeaderFormat, FormatBufferOverflowAt509Bytes) {
  // 11-column route header: pieces "%15s " "%127s "x3 "%X " "%d "x6 = 44
  // bytes, each skipped column "%*s " adds 4: 116 skips = 508 (fits),
  // 117 = 512 (overflow), as /usr/bin/netstat reports.
  const std::vector<WantedColumn> route = {
      {"Iface", ScanKind::string, 15},    {"Destination", ScanKind::string, 127},
      {"Gateway", ScanKind::string, 127}, {"Flags", ScanKind::hex},
      {"RefCnt", ScanKind::dec},          {"Use", ScanKind::dec},
      {"Metric", ScanKind::dec},          {"Mask", ScanKind::string, 127},
      {"MTU", ScanKind::dec},             {"Window", ScanKind::dec},
      {"IRTT", ScanKind::dec}};
  std::string names =
      "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window";
  std::string skips116, skips117;
  for (int i = 0; i < 116; ++i) skips116 += "a ";
  skips117 = skips116 + "a ";
  EXPECT_EQ(HeaderFormat::Status::ok,
            make_header_format(skips116 + names + " IRTT", route).status);
  EXPECT_EQ(HeaderFormat::Status::format_overflow,
            make_header_format(skips117 + names + " IRTT", route).status);
  // Without IRTT the 117-skip format is 509 bytes: still an overflow, which
  // wins over the missing field.
  EXPECT_EQ(HeaderFormat::Status::format_overflow,
            make_header_format(skips117 + names, route).status);
  EXPECT_EQ(HeaderFormat::Status::missing_field,
            make_header_format(skips116 + names, route).status);
}

TEST(ScanLine, WidthLimitedStringLeavesRestForNextField) {
  HeaderFormat f = make_header_format("Iface Flags Metric", kWanted);
  ScanValue v[3];
  EXPECT_EQ(3, scan_line("averylongifname16 0x1F -7", f, v));
  EXPECT_EQ("averylongifname", v[0].text);
  // "16" was read by %X as 0x16, "0x1F" then fails %d after the 0.
  EXPECT_EQ(0x16u, v[1].u);
  EXPECT_EQ(0, v[2].i);
}

TEST(ScanLine, NumbersWrapLikeGlibc) {
  HeaderFormat f = make_header_format("Iface Flags Metric", kWanted);
  ScanValue v[3];
  ASSERT_EQ(3, scan_line("eth0 -1 4294967295", f, v));
  EXPECT_EQ(0xffffffffu, v[1].u);
  EXPECT_EQ(-1, v[2].i);
  ASSERT_EQ(3, scan_line("eth0 1 99999999999", f, v));
  EXPECT_EQ(1215752191, v[2].i);
  ASSERT_EQ(3, scan_line("eth0 1 99999999999999999999999", f, v));
  EXPECT_EQ(-1, v[2].i);  // LONG_MAX truncated
}

TEST(ScanLine, StopsAtFirstFailure) {
  HeaderFormat f = make_header_format("Iface Flags Metric", kWanted);
  ScanValue v[3];
  v[2].i = 42;
  EXPECT_EQ(1, scan_line("eth0 zz 5", f, v));
  EXPECT_EQ(42, v[2].i);
  EXPECT_EQ(0, scan_line("   ", f, v));
  EXPECT_EQ(0, scan_line("", f, v));
}

TEST(FgetsChunks, ChunksLongLinesLikeFgets) {
  std::string text = std::string(5, 'a') + "\n" + std::string(4, 'b') + "\nc";
  FgetsChunks lines(text, 4);
  std::string_view l;
  std::vector<std::string> got;
  while (lines.next(l)) got.emplace_back(l);
  // "aaaaa\n": 4 bytes, then "a" with its newline; "bbbb\n": 4 bytes, then
  // the lone newline as an empty line; "c" without newline.
  EXPECT_EQ((std::vector<std::string>{"aaaa", "a", "bbbb", "", "c"}), got);
}

TEST(ParseHexAddr, FirstEightHexDigits) {
  uint32_t a = 7;
  EXPECT_TRUE(parse_hex_addr("0102A8C0", a));
  EXPECT_EQ(0x0102A8C0u, a);
  EXPECT_TRUE(parse_hex_addr("0000000D00", a));
  EXPECT_EQ(0x0Du, a);
  EXPECT_FALSE(parse_hex_addr("01010", a));
  EXPECT_FALSE(parse_hex_addr("zz00000A", a));
  EXPECT_EQ(0x0Du, a);  // unchanged on failure
}

}  // namespace
}  // namespace netstat::formats
