// parse_proc_net_dev: the three counter layouts, 2.10's bounded name reader
// (cases confirmed against /usr/bin/netstat with a bound /proc), fgets
// pieces and sscanf's partial reads.
#include "formats/proc_net_dev.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat::formats {
namespace {

constexpr const char* kV3Header =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
    "packets errs drop fifo colls carrier compressed\n";
constexpr const char* kV2Header =
    "Inter-|   Receive                            |  Transmit\n"
    " face |bytes    packets errs drop fifo frame|bytes    packets errs drop "
    "fifo colls carrier\n";
constexpr const char* kV1Header =
    "Inter-|   Receive                            |  Transmit\n"
    " face |packets errs drop fifo frame|packets errs drop fifo colls carrier\n";

TEST(ProcNetDev, V3KernelSample) {
  ProcNetDev d = parse_proc_net_dev(
      std::string(kV3Header) +
      "    lo:    3267      29    0    0    0     0          0         0     "
      "3267      29    0    0    0     0       0          0\n"
      "  eth0: 18716280     484    1    2    3     4          5         6    "
      "24203     285    7    8    9    10      11         12\n");
  EXPECT_EQ(d.version, ProcNetDevVersion::v3);
  EXPECT_TRUE(d.issues.empty());
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].name, "lo");
  EXPECT_EQ(d.rows[0].fields, 16);
  DevCounters c = row_counters(d.rows[1], d.version);
  EXPECT_EQ(d.rows[1].name, "eth0");
  EXPECT_EQ(c.rx_bytes, 18716280u);
  EXPECT_EQ(c.rx_packets, 484u);
  EXPECT_EQ(c.rx_errors, 1u);
  EXPECT_EQ(c.rx_dropped, 2u);
  EXPECT_EQ(c.rx_fifo_errors, 3u);
  EXPECT_EQ(c.rx_frame_errors, 4u);
  EXPECT_EQ(c.rx_compressed, 5u);
  EXPECT_EQ(c.rx_multicast, 6u);
  EXPECT_EQ(c.tx_bytes, 24203u);
  EXPECT_EQ(c.tx_packets, 285u);
  EXPECT_EQ(c.tx_errors, 7u);
  EXPECT_EQ(c.tx_dropped, 8u);
  EXPECT_EQ(c.tx_fifo_errors, 9u);
  EXPECT_EQ(c.collisions, 10u);
  EXPECT_EQ(c.tx_carrier_errors, 11u);
  EXPECT_EQ(c.tx_compressed, 12u);
}

TEST(ProcNetDev, V2LayoutHasNoCompressedOrMulticast) {
  ProcNetDev d = parse_proc_net_dev(
      std::string(kV2Header) +
      "    lo: 100 2 3 4 5 6 200 8 9 10 11 12 13 14 15\n");
  EXPECT_EQ(d.version, ProcNetDevVersion::v2);
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_EQ(d.rows[0].fields, 13);  // extra columns are not read
  DevCounters c = row_counters(d.rows[0], d.version);
  EXPECT_EQ(c.rx_bytes, 100u);
  EXPECT_EQ(c.rx_packets, 2u);
  EXPECT_EQ(c.rx_frame_errors, 6u);
  EXPECT_EQ(c.tx_bytes, 200u);
  EXPECT_EQ(c.tx_packets, 8u);
  EXPECT_EQ(c.collisions, 12u);
  EXPECT_EQ(c.tx_carrier_errors, 13u);
  EXPECT_EQ(c.rx_compressed, 0u);
  EXPECT_EQ(c.tx_compressed, 0u);
}

TEST(ProcNetDev, V1LayoutHasNoBytes) {
  ProcNetDev d = parse_proc_net_dev(
      std::string(kV1Header) +
      "    lo: 100 2 3 4 5 6 200 8 9 10 11 12 13 14 15\n");
  EXPECT_EQ(d.version, ProcNetDevVersion::v1);
  DevCounters c = row_counters(d.rows.at(0), d.version);
  EXPECT_EQ(c.rx_packets, 100u);
  EXPECT_EQ(c.rx_frame_errors, 5u);
  EXPECT_EQ(c.tx_packets, 6u);
  EXPECT_EQ(c.tx_errors, 200u);
  EXPECT_EQ(c.collisions, 10u);
  EXPECT_EQ(c.tx_carrier_errors, 11u);
  EXPECT_EQ(c.rx_bytes, 0u);
  EXPECT_EQ(c.tx_bytes, 0u);
}

TEST(ProcNetDev, HeaderOnly) {
  ProcNetDev d = parse_proc_net_dev(kV3Header);
  EXPECT_EQ(d.version, ProcNetDevVersion::v3);
  EXPECT_TRUE(d.rows.empty());
  EXPECT_TRUE(d.issues.empty());
}

TEST(ProcNetDev, EmptyAndOneLineFiles) {
  EXPECT_TRUE(parse_proc_net_dev("").rows.empty());
  // fgets leaves the first line in the buffer: it decides the layout.
  ProcNetDev d = parse_proc_net_dev("only one line compressed\n");
  EXPECT_EQ(d.version, ProcNetDevVersion::v3);
  EXPECT_TRUE(d.rows.empty());
}

TEST(ProcNetDev, UnknownHeaderMeansV1) {
  ProcNetDev d = parse_proc_net_dev("h1\nh2\nlo: 1 2 3 4 5 6 7 8 9 10 11\n");
  EXPECT_EQ(d.version, ProcNetDevVersion::v1);
  EXPECT_EQ(d.rows.at(0).fields, 11);
}

TEST(ProcNetDev, ShortLineInTheMiddleKeepsNeighbours) {
  ProcNetDev d = parse_proc_net_dev(std::string(kV2Header) +
                                    "a: 1 2 3 4 5 6 7 8 9 10 11 12 13\n"
                                    "b:1 2 3\n"
                                    "c: 1 2 3 4 5 6 7 8 9 10 11 12 13\n");
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.rows[1].name, "b");
  EXPECT_EQ(d.rows[1].fields, 3);
  EXPECT_EQ(d.rows[2].fields, 13);
  ASSERT_EQ(d.issues.size(), 1u);
  EXPECT_EQ(d.issues[0], (ProcNetDevIssue{4, "interface b: 3 of 13 counters"}));
}

TEST(ProcNetDev, CountersStopAtTheFirstNonNumber) {
  // "e:f: 10": the colon is not an alias (no digits), the counters start at
  // "f" and none are read.
  ProcNetDev d = parse_proc_net_dev("h1\nh2 bytes\ne:f: 10\nx: 5 y 6\n");
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].name, "e");
  EXPECT_EQ(d.rows[0].fields, 0);
  EXPECT_EQ(d.rows[1].fields, 1);
  EXPECT_EQ(d.rows[1].values[0], 5u);
}

TEST(ProcNetDev, NumbersBehaveLikeStrtoull) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 compressed\n"
      "lo: 18446744073709551615 99999999999999999999999 -1 +4 0\n");
  const ProcNetDevRow& r = d.rows.at(0);
  EXPECT_EQ(r.fields, 5);
  EXPECT_EQ(r.values[0], UINT64_MAX);
  EXPECT_EQ(r.values[1], UINT64_MAX);  // saturates
  EXPECT_EQ(r.values[2], UINT64_MAX);  // -1 wraps
  EXPECT_EQ(r.values[3], 4u);
  EXPECT_EQ(r.values[4], 0u);
}

TEST(ProcNetDev, AliasNamesAndSeparators) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 bytes\n"
      "  eth0:1: 5 6\n"      // alias kept
      "g:12:13 14\n"         // alias, then counters "13 14"
      "\tc:\t8 8\n"          // tabs
      "d 9 9\n"              // no colon: the name ends at the blank
      "eth0:7\n");           // old kernels: counters glued to the colon
  ASSERT_EQ(d.rows.size(), 5u);
  EXPECT_EQ(d.rows[0].name, "eth0:1");
  EXPECT_EQ(d.rows[0].values[0], 5u);
  EXPECT_EQ(d.rows[1].name, "g:12");
  EXPECT_EQ(d.rows[1].values[0], 13u);
  EXPECT_EQ(d.rows[2].name, "c");
  EXPECT_EQ(d.rows[2].values[1], 8u);
  EXPECT_EQ(d.rows[3].name, "d");
  EXPECT_EQ(d.rows[3].values[0], 9u);
  EXPECT_EQ(d.rows[4].name, "eth0");
  EXPECT_EQ(d.rows[4].values[0], 7u);
}

// Debian's bounded reader stops wherever the name reaches 15 bytes; the
// counters are then read from there (observed with /usr/bin/netstat).
TEST(ProcNetDev, NamesAreCutAtFifteenBytes) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 bytes\n"
      "aaaaaaaaaaaaaaab: 5 5\n"        // 16 bytes: counters start at "b:"
      "bbbbbbbbbbbbbbb: 6 6\n"         // exactly 15: counters start at ":"
      "eeeeeeeeeeeee:123: 9 9\n"       // cut inside the alias digits
      "ffffffffffffff:5: 1 1\n"        // cut right after the alias colon
      "hhhhhhhhhhhhh:1: 3 3\n"         // 15 bytes with the alias: fine
      "iiiiiiiiiiiiii:x: 4 4\n");      // 14 + ':' + non-digit: backs up
  ASSERT_EQ(d.rows.size(), 6u);
  EXPECT_EQ(d.rows[0].name, "aaaaaaaaaaaaaaa");
  EXPECT_EQ(d.rows[0].fields, 0);
  EXPECT_EQ(d.rows[1].name, "bbbbbbbbbbbbbbb");
  EXPECT_EQ(d.rows[1].fields, 0);
  EXPECT_EQ(d.rows[2].name, "eeeeeeeeeeeee:1");
  EXPECT_EQ(d.rows[2].fields, 1);
  EXPECT_EQ(d.rows[2].values[0], 23u);
  EXPECT_EQ(d.rows[3].name, "ffffffffffffff:");
  EXPECT_EQ(d.rows[3].values[0], 5u);
  EXPECT_EQ(d.rows[4].name, "hhhhhhhhhhhhh:1");
  EXPECT_EQ(d.rows[4].fields, 2);
  EXPECT_EQ(d.rows[4].values[1], 3u);
  EXPECT_EQ(d.rows[5].name, "iiiiiiiiiiiiii");
  EXPECT_EQ(d.rows[5].fields, 0);
}

// A ':' followed by digits but no second ':' is not an alias, however long
// the digits are (counters glued to the colon).
TEST(ProcNetDev, DigitsWithoutSecondColonAreCounters) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 compressed\n"
      "abc:12345678901234 5 6\n"
      "abcdefghijklmn:1 5 6\n"
      "a:1:2: 5 6\n"
      "a::5 6\n");
  ASSERT_EQ(d.rows.size(), 4u);
  EXPECT_EQ(d.rows[0].name, "abc");
  EXPECT_EQ(d.rows[0].values[0], 12345678901234u);
  EXPECT_EQ(d.rows[1].name, "abcdefghijklmn");
  EXPECT_EQ(d.rows[1].values[0], 1u);
  EXPECT_EQ(d.rows[2].name, "a:1");  // "a:1" is the alias, "2:" the counters
  EXPECT_EQ(d.rows[2].values[0], 2u);
  EXPECT_EQ(d.rows[2].fields, 1);
  EXPECT_EQ(d.rows[3].name, "a:");  // empty alias digits
  EXPECT_EQ(d.rows[3].values[1], 6u);
}

TEST(ProcNetDev, BlankLineIsAnEmptyName) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 bytes\nlo: 1 2 3 4 5 6 7 8 9 10 11 12 13\n   \n");
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[1].name, "");
  ASSERT_EQ(d.issues.size(), 1u);
  EXPECT_EQ(d.issues[0], (ProcNetDevIssue{4, "no interface name"}));
}

TEST(ProcNetDev, LongLinesArriveAsFgetsPieces) {
  // 2.10 reads with fgets(buf, 512): the 512th byte starts a new "line".
  std::string line = "k: " + std::string(500, '0') + " 1 12345 5\n";
  ProcNetDev d = parse_proc_net_dev("h1\nh2 compressed\n" + line);
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].name, "k");
  EXPECT_EQ(d.rows[0].fields, 3);
  EXPECT_EQ(d.rows[0].values[2], 12345u);
  EXPECT_EQ(d.rows[1].name, "5");
}

TEST(ProcNetDev, TextAfterNulIsInvisible) {
  ProcNetDev d = parse_proc_net_dev(
      std::string("h1\nh2 compressed\nlo: 1 2 3\0 4 5 6\nk: 7\n", 39));
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].fields, 3);
  EXPECT_EQ(d.rows[1].name, "k");
}

TEST(ProcNetDev, MergeWritesOnlyTheParsedCounters) {
  ProcNetDev d = parse_proc_net_dev(
      "h1\nh2 compressed\n"
      "lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
      "lo: 99 -1 +4\n");
  DevCounters c = row_counters(d.rows.at(0), d.version);
  merge_counters(c, d.rows.at(1), d.version);
  EXPECT_EQ(c.rx_bytes, 99u);
  EXPECT_EQ(c.rx_packets, UINT64_MAX);
  EXPECT_EQ(c.rx_errors, 4u);
  EXPECT_EQ(c.rx_dropped, 4u);  // from the first line
  EXPECT_EQ(c.tx_compressed, 16u);
}

TEST(ProcNetDev, CounterCounts) {
  EXPECT_EQ(counter_count(ProcNetDevVersion::v1), 11);
  EXPECT_EQ(counter_count(ProcNetDevVersion::v2), 13);
  EXPECT_EQ(counter_count(ProcNetDevVersion::v3), 16);
}

}  // namespace
}  // namespace netstat::formats
