// Tests for the /proc/net/{tcp,udp,raw}{,6} parser: field conversions as
// 2.10's sscanf makes them, bogus-line thresholds, address decoding.
#include <gtest/gtest.h>

#include "formats/proc_net_inet.h"

namespace netstat::formats {
namespace {

constexpr const char* kHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
    "retrnsmt   uid  timeout inode\n";

std::array<uint8_t, 16> v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return {a, b, c, d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

TEST(ProcNetInet, Ipv4HappyPath) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0277 00000000:0000 0A 00000001:00000002 02:0000000A "
      "00000003  1000        5 34523 1 0000000000000000 100 0 0 10 0\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_TRUE(t.issues.empty());
  ASSERT_EQ(1u, t.rows.size());
  const InetRow& r = t.rows[0];
  EXPECT_EQ(1u, r.line);
  EXPECT_EQ(InetFamily::inet, r.family);
  EXPECT_EQ(v4(127, 0, 0, 1), r.local);
  EXPECT_EQ(v4(0, 0, 0, 0), r.remote);
  EXPECT_EQ(0x277u, r.local_port);
  EXPECT_EQ(0u, r.remote_port);
  EXPECT_EQ(10u, r.state);
  EXPECT_EQ(1u, r.tx_queue);
  EXPECT_EQ(2u, r.rx_queue);
  EXPECT_EQ(2u, r.timer_active);
  EXPECT_EQ(10u, r.timer_when);
  EXPECT_EQ(3u, r.retransmits);
  EXPECT_EQ(1000, r.uid);
  EXPECT_EQ(5, r.timeout);
  EXPECT_EQ(34523u, r.inode);
  EXPECT_EQ(14, r.fields);
}

TEST(ProcNetInet, Ipv6AndMappedAddresses) {
  std::string text = std::string(kHeader) +
      "   0: 00000000000000000000000001000000:0016 "
      "0000000000000000FFFF00000100007F:D431 01 00000000:00000000 "
      "00:00000000 00000000     0        0 2002 1\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_TRUE(t.issues.empty());
  ASSERT_EQ(1u, t.rows.size());
  const InetRow& r = t.rows[0];
  EXPECT_EQ(InetFamily::inet6, r.family);
  std::array<uint8_t, 16> loop{};
  loop[15] = 1;
  EXPECT_EQ(loop, r.local);
  std::array<uint8_t, 16> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
  EXPECT_EQ(mapped, r.remote);
  EXPECT_EQ(0xD431u, r.remote_port);
}

TEST(ProcNetInet, HeaderOnlyAndEmpty) {
  EXPECT_TRUE(parse_proc_net_inet(kHeader, InetKind::tcp).rows.empty());
  EXPECT_TRUE(parse_proc_net_inet(kHeader, InetKind::tcp).issues.empty());
  EXPECT_TRUE(parse_proc_net_inet("", InetKind::udp).rows.empty());
}

TEST(ProcNetInet, FirstLineIsSkippedWhateverItHolds) {
  std::string row =
      "   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 1 1\n";
  InetTable t = parse_proc_net_inet(row + row, InetKind::tcp);
  ASSERT_EQ(1u, t.rows.size());
  EXPECT_EQ(1u, t.rows[0].line);
}

TEST(ProcNetInet, TruncatedLineInTheMiddleIsBogus) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0001 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 11 1\n"
      "   1: 0100007F:0002 00000000:0000 0A 00000000:00000000 00:00000000\n"
      "\n"
      "   3: 0100007F:0003 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 13 1\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(11u, t.rows[0].inode);
  EXPECT_EQ(13u, t.rows[1].inode);
  ASSERT_EQ(2u, t.issues.size());
  EXPECT_EQ(2u, t.issues[0].line);
  EXPECT_EQ(InetIssueKind::bogus_line, t.issues[0].kind);
  EXPECT_EQ(3u, t.issues[1].line);
}

TEST(ProcNetInet, UdpNeedsTenFieldsTcpEleven) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0001 00000000:0000 07 00000000:00000000 00:00000000\n";
  EXPECT_EQ(1u, parse_proc_net_inet(text, InetKind::udp).rows.size());
  EXPECT_EQ(1u, parse_proc_net_inet(text, InetKind::raw).rows.size());
  InetTable tcp = parse_proc_net_inet(text, InetKind::tcp);
  EXPECT_TRUE(tcp.rows.empty());
  EXPECT_EQ(1u, tcp.issues.size());
  // Missing uid/timeout/inode read as 0.
  InetRow r = parse_proc_net_inet(text, InetKind::udp).rows[0];
  EXPECT_EQ(10, r.fields);
  EXPECT_EQ(0, r.uid);
  EXPECT_EQ(0u, r.inode);
}

TEST(ProcNetInet, ExtraColumnsFromNewerKernelsIgnored) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0001 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 77 1 ffff8c7a0de93a80 100 0 0 10 0 extra more\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_EQ(1u, t.rows.size());
  EXPECT_EQ(77u, t.rows[0].inode);
}

TEST(ProcNetInet, Boundaries) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:FFFF 00000000:0000 0F FFFFFFFFFFFFFFFF:FFFFFFFF "
      "00:00000000 00000000 4294967295 0 18446744073709551615 1\n"
      "   1: 0100007F:10016 00000000:0000 FFFFFFFF 00000000:00000000 "
      "00:00000000 00000000 -2 0 0 1\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(0xFFFFu, t.rows[0].local_port);
  EXPECT_EQ(15u, t.rows[0].state);
  EXPECT_EQ(UINT64_MAX, t.rows[0].tx_queue);
  EXPECT_EQ(0xFFFFFFFFu, t.rows[0].rx_queue);
  EXPECT_EQ(-1, t.rows[0].uid);
  EXPECT_EQ(UINT64_MAX, t.rows[0].inode);
  EXPECT_EQ(0x10016u, t.rows[1].local_port);  // cut to 16 bits when shown
  EXPECT_EQ(0xFFFFFFFFu, t.rows[1].state);
  EXPECT_EQ(-2, t.rows[1].uid);
  EXPECT_EQ(0u, t.rows[1].inode);
}

TEST(ProcNetInet, HalfIpv6AddressIsMalformed) {
  std::string text = std::string(kHeader) +
      "   0: 0000000000000001:0016 00000000000000000000000000000000:0000 0A "
      "00000000:00000000 00:00000000 00000000 0 0 1 1\n"
      "   1: 00000000000000000000000001000000:0016 00000000:0000 0A "
      "00000000:00000000 00:00000000 00000000 0 0 2 1\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  EXPECT_TRUE(t.rows.empty());
  ASSERT_EQ(2u, t.issues.size());
  EXPECT_EQ(InetIssueKind::bad_address, t.issues[0].kind);
  EXPECT_EQ(InetIssueKind::bad_address, t.issues[1].kind);
}

TEST(ProcNetInet, LongRemoteForIpv4LocalSaturates) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0016 FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0001 01 "
      "00000000:00000000 00:00000000 00000000 0 0 1 1\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  ASSERT_EQ(1u, t.rows.size());
  EXPECT_EQ(v4(255, 255, 255, 255), t.rows[0].remote);
}

TEST(ProcNetInet, LongLinesAreSplitLikeFgets) {
  std::string row =
      "   0: 0100007F:0001 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 5 1";
  std::string text = std::string(kHeader) + row + std::string(9000, ' ') + "\n";
  InetTable t = parse_proc_net_inet(text, InetKind::tcp);
  // The first 8191 bytes hold a complete row; the rest is one blank piece.
  ASSERT_EQ(1u, t.rows.size());
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_EQ(2u, t.issues[0].line);
}

TEST(ProcNetInet, StreamingMatchesCollected) {
  std::string text = std::string(kHeader) +
      "   0: 0100007F:0001 00000000:0000 0A 00000000:00000000 00:00000000 "
      "00000000     0        0 5 1\nbogus\n";
  int rows = 0, issues = 0;
  scan_proc_net_inet(
      text, InetKind::tcp, [&](const InetRow&) { ++rows; },
      [&](const InetIssue&) { ++issues; });
  EXPECT_EQ(1, rows);
  EXPECT_EQ(1, issues);
}

}  // namespace
}  // namespace netstat::formats
