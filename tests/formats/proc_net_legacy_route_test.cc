// Legacy route-table parsers: kernel-format lines, the fixed-offset and
// token quirks 2.10 shows for odd lines (checked against /usr/bin/netstat
// on fixture trees), and the sane results where 2.10 reads stale bytes.
#include "formats/proc_net_legacy_route.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

TEST(IpxRoute, KernelLinesAndTokens) {
  auto rows = parse_proc_net_ipx_route(
      "Network    Router_Net   Router_Node\n"
      "00000001   Directly     Connected\n"
      "0000ABCD   00000001     0A1B2C3D4E5F\n"
      "00000001 00000002\n"          // fewer than 3 tokens: skipped
      "\n"
      "-1 FFFFFFFF 123\n");
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ(1u, rows[0].network);
  EXPECT_EQ(0xDu, rows[0].router_network);  // "Directly" read as hex
  EXPECT_EQ(0xC0, rows[0].router_node[0]);  // "Connected" nibble-wise
  EXPECT_EQ(0xABCDu, rows[1].network);
  EXPECT_EQ(0x5F, rows[1].router_node[5]);
  EXPECT_EQ(0xFFFFFFFFu, rows[2].network);  // strtoul("-1") cut to 32 bits
  EXPECT_EQ(0u, rows[2].router_network);    // exactly FFFFFFFF: rejected
  EXPECT_EQ(0x12, rows[2].router_node[0]);
  EXPECT_EQ(0x30, rows[2].router_node[1]);
}

TEST(IpxRoute, HeaderOnlyAndEmpty) {
  EXPECT_TRUE(parse_proc_net_ipx_route("").empty());
  EXPECT_TRUE(parse_proc_net_ipx_route("Network Router_Net Router_Node\n").empty());
}

TEST(IpxRoute, LongTokenParsedWhole) {
  // 2.10 overruns its 128-byte field buffers here; we read the token.
  std::string net(200, '0');
  net.back() = '7';
  auto rows = parse_proc_net_ipx_route("h\n" + net + " 2 3\n");
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ(7u, rows[0].network);
}

TEST(Ax25Route, FixedColumns) {
  auto rows = parse_proc_net_ax25_route(
      "callsign  dev  mode digipeaters\n"
      "N0CALL-1  ax0    vc\n"
      "a b 1234567890123\n"
      "Y         ab     123456789012\n");
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ("N0CALL-1 ", rows[0].dest);
  EXPECT_EQ("ax0 ", rows[0].device);
  EXPECT_EQ(0, rows[0].use);
  EXPECT_EQ("a b 12345", rows[1].dest);
  EXPECT_EQ("7890", rows[1].device);
  EXPECT_EQ(23, rows[1].use);
  EXPECT_EQ(-1097262572, rows[2].use);  // atoi truncation
}

TEST(Ax25Route, ShortLineReadsNothingPastItsEnd) {
  // 2.10 prints the '\n' and the previous line's bytes here.
  auto rows = parse_proc_net_ax25_route("h\nlongerline-with-use  77\nAB\n");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ("AB", rows[1].dest);
  EXPECT_EQ("", rows[1].device);
  EXPECT_EQ(0, rows[1].use);
}

TEST(Ax25Route, LongLineIsSplitLikeFgets) {
  auto rows = parse_proc_net_ax25_route("h\n" + std::string(300, 'A') + "\n");
  EXPECT_EQ(2u, rows.size());
}

constexpr const char* kNrNeigh =
    "addr  callsign  dev  qual lock count failed digipeaters\n"
    "00001 GB7BPQ-1  ax0   200    0     1      0\n"
    "00002 G4KLX     bpq0  150    1     2      0 WIDE1-1\n";

TEST(NetromRoute, LastRouteAndNeighbour) {
  auto rows = parse_proc_net_nr_nodes(
      "callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n"
      "GB7BPQ-1  BPQNOD  0 1 200   6 00001\n"
      "GB7XYZ    *       0 2 192   5 00001 150   4 00002\n"
      "GB7XYZ    *       X2 192   5 00001 150   6 00002\n",
      kNrNeigh);
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ("GB7BPQ-1 ", rows[0].dest);
  EXPECT_EQ("BPQNOD ", rows[0].mnemonic);
  EXPECT_EQ(0, rows[0].quality);  // atoi of the last digit of "200"
  ASSERT_TRUE(rows[0].found);
  EXPECT_EQ("GB7BPQ-1 ", rows[0].neigh_call);
  EXPECT_EQ("ax0 ", rows[0].neigh_device);
  EXPECT_EQ(4, rows[1].quality);  // the obs count of the last route
  EXPECT_EQ("bpq0", rows[1].neigh_device);
  EXPECT_EQ(6, rows[2].quality);  // count read at byte 19
}

TEST(NetromRoute, MissingNeighbourAndOutOfBufferOffsets) {
  auto rows = parse_proc_net_nr_nodes(
      "h\n"
      "GB7XYZ    *       0 0\n"          // w = -1: bytes 9 and 17, both cut
      "GB7XYZ    *       0 99 1 2 3\n"   // offsets past the 256-byte buffer
      "GB7XYZ    *       0 1 192   5 00009\n",
      kNrNeigh);
  ASSERT_EQ(3u, rows.size());
  for (const auto& r : rows) EXPECT_FALSE(r.found);
  EXPECT_EQ(0, rows[1].quality);
}

TEST(RoseRoute, NeighbourColumns) {
  auto rows = parse_proc_net_rose_nodes(
      "address    mask n neigh neigh neigh\n"
      "5050123400 0005 3 00001 00009 000021\n"
      "ABCDEFGHIJKLMNOP\n",
      "addr  callsign  dev  count use mode restart  t0  tf digipeaters\n"
      "00001 RSLOOP-0  ???      1   0   DTE     no   0   0\n"
      "00002 F6FBB-1   ax0      2   1   DCE    yes 180   0\n");
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ("5050123400", rows[0].dest);
  ASSERT_EQ(3u, rows[0].neighbours.size());
  EXPECT_TRUE(rows[0].neighbours[0].found);
  EXPECT_EQ("RSLOOP-0 ", rows[0].neighbours[0].call);
  EXPECT_EQ("???  ", rows[0].neighbours[0].device);
  EXPECT_FALSE(rows[0].neighbours[1].found);
  EXPECT_EQ(9, rows[0].neighbours[1].number);
  EXPECT_EQ(2, rows[0].neighbours[2].number);  // 5-byte column
  EXPECT_EQ("ax0  ", rows[0].neighbours[2].device);
  EXPECT_TRUE(rows[1].neighbours.empty());
}

TEST(RoseRoute, CountBeyondBufferIsCapped) {
  auto rows = parse_proc_net_rose_nodes("h\n5050123400 0005 100000 00001\n", "");
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ(40u, rows[0].neighbours.size());
}

TEST(X25Route, DigitsAndDevice) {
  auto rows = parse_proc_net_x25_route(
      "Address          Digits  Device\n"
      "2342             4       x25tap\n"
      "23 42           4       x25tap\n"
      "ABCDEFGHIJKLMNOPQ-2      d\n"
      "2342              4     x25tapABCDEFGHIJKL\n"
      "2342\n");
  ASSERT_EQ(5u, rows.size());
  EXPECT_EQ("2342", rows[0].address);
  EXPECT_EQ(4, rows[0].digits);
  EXPECT_EQ("x25tap", rows[0].device);
  EXPECT_EQ(0, rows[1].digits);
  EXPECT_EQ("25tap", rows[1].device);
  EXPECT_EQ(15, rows[2].digits);
  EXPECT_EQ("ABCDEFGHIJKLMNO", rows[2].address);
  EXPECT_EQ("25tapABCDE", rows[3].device);
  EXPECT_EQ(0, rows[4].digits);  // 2.10: stale header bytes
  EXPECT_EQ("", rows[4].device);
}

TEST(DdpRoute, TokenStream) {
  auto rows = parse_proc_net_atalk_route(
      "Target        Router  Flags Dev\n"
      "Default     FF00:01  3     eth0\n"
      "1 2 3 4 5\n"
      "6 7 8\n"
      "q r\n");
  ASSERT_EQ(3u, rows.size());
  EXPECT_EQ("Default", rows[0].target);
  EXPECT_EQ(3, rows[0].flags);
  EXPECT_EQ("eth0", rows[0].device);
  EXPECT_EQ("4", rows[1].device);
  EXPECT_EQ("5", rows[2].target);  // groups of four across lines
  EXPECT_EQ("6", rows[2].gateway);
  EXPECT_EQ("8", rows[2].device);
  EXPECT_EQ(7, rows[2].flags);
}

}  // namespace
}  // namespace netstat::formats
