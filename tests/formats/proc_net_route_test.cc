// Tests for the /proc/net/route parser (net-tools 2.10 rprint_fib input).
#include "formats/proc_net_route.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace netstat::formats {
namespace {

constexpr std::string_view kHeader =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\t"
    "Window\tIRTT                                                       \n";

std::string table(std::string_view rows) {
  return std::string(kHeader) + std::string(rows);
}

TEST(ProcNetRoute, ParsesKernelRows) {
  Ipv4RouteTable t = parse_proc_net_route(table(
      "eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0      \n"
      "eth0\t0002A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t1500\t0\t0\n"));
  ASSERT_EQ(Ipv4RouteTable::Status::ok, t.status);
  ASSERT_EQ(2u, t.routes.size());
  EXPECT_EQ("eth0", t.routes[0].iface);
  EXPECT_EQ(0u, t.routes[0].destination);
  EXPECT_EQ(0x0102A8C0u, t.routes[0].gateway);
  EXPECT_EQ(3u, t.routes[0].flags);
  EXPECT_EQ(100, t.routes[0].metric);
  EXPECT_EQ(0x00FFFFFFu, t.routes[1].mask);
  EXPECT_EQ(1500, t.routes[1].mtu);
}

TEST(ProcNetRoute, HeaderOnlyHasNoRows) {
  Ipv4RouteTable t = parse_proc_net_route(kHeader);
  EXPECT_EQ(Ipv4RouteTable::Status::ok, t.status);
  EXPECT_TRUE(t.routes.empty());
}

TEST(ProcNetRoute, EmptyFile) {
  EXPECT_EQ(Ipv4RouteTable::Status::empty_file,
            parse_proc_net_route("").status);
}

TEST(ProcNetRoute, MissingOrReorderedField) {
  Ipv4RouteTable t = parse_proc_net_route(
      "Iface Destination Gateway Flags RefCnt Use Mask MTU Window IRTT\n");
  EXPECT_EQ(Ipv4RouteTable::Status::missing_field, t.status);
  EXPECT_EQ("Metric", t.missing_field);
  t = parse_proc_net_route(
      "Iface Gateway Destination Flags RefCnt Use Metric Mask MTU Window IRTT\n");
  EXPECT_EQ("Gateway", t.missing_field);
  // A row where the header should be.
  t = parse_proc_net_route("eth0 0000000A 0101010A 0003 0 0 0 000000FF 0 0 0\n");
  EXPECT_EQ("Iface", t.missing_field);
}

TEST(ProcNetRoute, SkipsShortAndDownRowsKeepsTenFieldRows) {
  Ipv4RouteTable t = parse_proc_net_route(table(
      "eth0 0000000A 0101010A 0003 0 0 0 000000FF 0 0 77\n"
      "eth1 0000000B 0101010B 0003 0 0 0 000000FF 0 0\n"     // 10 fields
      "eth2 0000000C 0101010C 0003 0 0 0 000000FF 0\n"       // 9: skipped
      "eth3 0000000D 0101010D 0002 0 0 0 000000FF 0 0 0\n"   // not UP
      "\n"
      "eth4 0000000E 0101010E 10003 0 0 0x10 000000FF 0 0 0\n"));  // %d stops
  ASSERT_EQ(2u, t.routes.size());
  EXPECT_EQ("eth1", t.routes[1].iface);
  // IRTT not read: keeps the value of the previous line, as in 2.10.
  EXPECT_EQ(77, t.routes[1].irtt);
}

TEST(ProcNetRoute, BadHexAddressKeepsPreviousValue) {
  Ipv4RouteTable t = parse_proc_net_route(table(
      "eth0 zz00000A 0101010A 0003 0 0 0 000000FF 0 0 0\n"
      "eth0 0000000B 0101010B 0003 0 0 0 000000FF 0 0 0\n"
      "eth0 zz00000A 01010 0003 0 0 0 0000 0 0 0\n"
      "eth0 0000000D00 0101010A 0003 0 0 0 000000FF 0 0 0\n"));
  ASSERT_EQ(4u, t.routes.size());
  EXPECT_EQ(0u, t.routes[0].destination);
  EXPECT_EQ(0x0Bu, t.routes[2].destination);
  EXPECT_EQ(0x0101010Bu, t.routes[2].gateway);
  EXPECT_EQ(0x000000FFu, t.routes[2].mask);
  EXPECT_EQ(0x0Du, t.routes[3].destination);
}

TEST(ProcNetRoute, SignedColumnsAndLongIfaceShift) {
  Ipv4RouteTable t = parse_proc_net_route(
      "Foo|Iface|Destination|Bar|Gateway|Flags|RefCnt|Use|Metric|Mask|MTU|"
      "Window|IRTT|Extra\n"
      "X eth0 0000000A 7 0101010A 0003 -5 4294967295 4294967295 000000FF "
      "65536 1 2 zz\n"
      "X averylongifname16 0000000C 0101010C 0003 0 0 0 000000FF 0 0 0\n");
  ASSERT_EQ(2u, t.routes.size());
  EXPECT_EQ(-5, t.routes[0].refcnt);
  EXPECT_EQ(-1, t.routes[0].use);
  EXPECT_EQ(-1, t.routes[0].metric);
  // %15s leaves "16" as the destination (not hex: previous value kept) and
  // shifts every later column by one.
  EXPECT_EQ("averylongifname", t.routes[1].iface);
  EXPECT_EQ(0x0Au, t.routes[1].destination);
  EXPECT_EQ(0x0101010Cu, t.routes[1].gateway);
}

TEST(ProcNetRoute, HeaderBeyond510BytesContinuesAsRow) {
  std::string h =
      "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT";
  std::string text = h + std::string(510 - h.size(), ' ') +
                     "eth5 0000000E 0101010E 0003 0 0 0 000000FF 0 0 0\n";
  Ipv4RouteTable t = parse_proc_net_route(text);
  ASSERT_EQ(1u, t.routes.size());
  EXPECT_EQ("eth5", t.routes[0].iface);
  // A 511-byte header: its last byte is beyond what 2.10 reads.
  std::string prefix =
      "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window ";
  std::string late = prefix + std::string(511 - prefix.size() - 4, ' ') +
                     "IRTT\n";
  EXPECT_EQ("IRTT", parse_proc_net_route(late).missing_field);
}

TEST(ProcNetRoute, RowsLongerThan1022BytesContinue) {
  std::string row = "eth0 0000000A 0101010A 0003 0 0 0 000000FF 0 0 0";
  std::string text = std::string(kHeader) + row +
                     std::string(1022 - row.size(), ' ') +
                     "eth9 0000000E 0101010E 0003 0 0 0 000000FF 0 0 0\n";
  Ipv4RouteTable t = parse_proc_net_route(text);
  ASSERT_EQ(2u, t.routes.size());
  EXPECT_EQ("eth9", t.routes[1].iface);
}

}  // namespace
}  // namespace netstat::formats

// ProcNetRouteScanner fed the file in runs of whole lines (one line per
// run, then two) gives the whole-file rows and status for every route
// fixture: odd headers, carried-over values, long lines, bad hex, no header.
namespace netstat::formats {
namespace {

struct Parsed {
  std::vector<Ipv4Route> rows;
  Ipv4RouteTable::Status status;
  std::string missing;
};

Parsed in_runs(std::string_view text, size_t lines_per_run) {
  Parsed p;
  ProcNetRouteScanner scanner([&](const Ipv4Route& r) { p.rows.push_back(r); });
  std::string run;  // a scratch buffer reused between runs, as the pipeline does
  size_t lines = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    run.push_back(text[i]);
    if (text[i] == '\n' && ++lines % lines_per_run == 0) {
      scanner.feed(run);
      run.assign(run.size(), '#');  // what a reused buffer may hold next
      run.clear();
    }
  }
  scanner.feed(run);
  p.status = scanner.finish(p.missing);
  return p;
}

TEST(ProcNetRouteScanner, RunsEqualTheWholeFileOnEveryFixture) {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  std::filesystem::path hosts =
      std::filesystem::path(env != nullptr ? env : NETSTAT_SOURCE_DIR) / "testdata/hosts";
  size_t checked = 0;
  for (const auto& dir : std::filesystem::directory_iterator(hosts)) {
    std::filesystem::path f = dir.path() / "proc/net/route";
    if (!std::filesystem::is_regular_file(f)) continue;
    std::ifstream in(f, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Parsed whole;
    whole.status = for_each_proc_net_route(
        text, whole.missing, [&](const Ipv4Route& r) { whole.rows.push_back(r); });
    for (size_t per_run : {size_t{1}, size_t{2}}) {
      Parsed runs = in_runs(text, per_run);
      EXPECT_EQ(whole.status, runs.status) << f << " per_run " << per_run;
      EXPECT_EQ(whole.missing, runs.missing) << f;
      EXPECT_EQ(whole.rows, runs.rows) << f << " per_run " << per_run;
    }
    ++checked;
  }
  EXPECT_GT(checked, 20u);
}

TEST(ProcNetRouteScanner, NothingFedIsAnEmptyFile) {
  ProcNetRouteScanner scanner([](const Ipv4Route&) {});
  std::string missing;
  EXPECT_EQ(Ipv4RouteTable::Status::empty_file, scanner.finish(missing));
}

}  // namespace
}  // namespace netstat::formats
