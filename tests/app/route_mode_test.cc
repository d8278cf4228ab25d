// Routing-table mode (-r) on in-memory roots: the layouts, REJECT dashes,
// signed numbers, name cuts, the AF list walk and the error paths, plus
// what fixture trees cannot show (EACCES, which files are read). Expected
// texts were taken from /usr/bin/netstat 2.10 on equivalent trees.
#include <gtest/gtest.h>

#include <memory>

#include "replay/memory_root.h"
#include "src/app.h"

namespace netstat {
namespace {

struct RunResult {
  std::string out, err;
  int rc;
};

RunResult run_on(const MemoryRoot& root, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  int rc = run(args, out, err, &root);
  return {out.str(), err.str(), rc};
}

constexpr const char* kHeader =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\t"
    "Window\tIRTT\n";
constexpr const char* kTitle = "Kernel IP routing table\n";
constexpr const char* kMss =
    "Destination     Gateway         Genmask         Flags   MSS Window  irtt "
    "Iface\n";
constexpr const char* kMetric =
    "Destination     Gateway         Genmask         Flags Metric Ref    Use "
    "Iface\n";
constexpr const char* kWide =
    "Destination     Gateway         Genmask         Flags Metric Ref    Use "
    "Iface    MSS   Window irtt\n";

std::unique_ptr<MemoryRoot> route_root() {
  auto owned = std::make_unique<MemoryRoot>();
  MemoryRoot& root = *owned;
  root.add_file("/proc/net/route",
                std::string(kHeader) +
                    "eth0\t00000000\t0247A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                    "lo\t0000030A\t00000000\t0201\t0\t7\t4294967295\t0000FFFF\t0\t0\t0\n"
                    "lo\t0000040A\t00000000\t03F3\t0\t3\t1\t0000FFFF\t0\t0\t0\n"
                    "averylongifnam1\t0000070A\t0202010A\t0003\t-5\t4294967295\t-1\t00FFFFFF\t65536\t12345\t99\n"
                    "eth0\t0000060A\t00000000\t0000\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
  root.add_file("/etc/hosts",
                "192.168.71.2 gateway.lab.example\n"
                "10.1.2.2 averyveryverylonghostname.example.org\n");
  root.add_file("/etc/networks", "tennet 10.7.0.0\n");
  return owned;
}

TEST(RouteMode, MssLayoutWithRejectDashes) {
  RunResult r = run_on(*route_root(), {"-rn"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ("", r.err);
  EXPECT_EQ(std::string(kTitle) + kMss +
                "0.0.0.0         192.168.71.2    0.0.0.0         UG        0 0  "
                "        0 eth0\n"
                "10.3.0.0        -               255.255.0.0     !         - -  "
                "        - -\n"
                "10.4.0.0        -               255.255.0.0     !DMuwi     - - "
                "         - -\n"
                "10.7.0.0        10.1.2.2        255.255.255.0   UG    65536 "
                "12345     99 averylongifnam1\n",
            r.out);
}

TEST(RouteMode, MetricLayoutPrintsSignedValues) {
  RunResult r = run_on(*route_root(), {"-rne"});
  EXPECT_EQ(std::string(kTitle) + kMetric +
                "0.0.0.0         192.168.71.2    0.0.0.0         UG    100    "
                "0        0 eth0\n"
                "10.3.0.0        -               255.255.0.0     !     -1     - "
                "       7 -\n"
                "10.4.0.0        -               255.255.0.0     !DMuwi 1      "
                "-        3 -\n"
                "10.7.0.0        10.1.2.2        255.255.255.0   UG    -1     -5 "
                "     -1 averylongifnam1\n",
            r.out);
}

TEST(RouteMode, WideLayoutCutsIfaceToSix) {
  RunResult r = run_on(*route_root(), {"-rnee"});
  EXPECT_EQ(std::string(kTitle) + kWide +
                "0.0.0.0         192.168.71.2    0.0.0.0         UG    100    "
                "0        0 eth0     0     0      0\n"
                "10.3.0.0        -               255.255.0.0     !     -1     - "
                "       7 -        -     -      -\n"
                "10.4.0.0        -               255.255.0.0     !DMuwi 1      "
                "-        3 -        -     -      -\n"
                "10.7.0.0        10.1.2.2        255.255.255.0   UG    -1     -5 "
                "     -1 averyl   65536 12345  99\n",
            r.out);
}

TEST(RouteMode, ExtendCountCycles) {
  auto owned = route_root();
  MemoryRoot& root = *owned;
  EXPECT_EQ(kTitle, run_on(root, {"-rneee"}).out);
  EXPECT_NE(std::string::npos, run_on(root, {"-rneeee"}).out.find(kMetric));
  EXPECT_NE(std::string::npos, run_on(root, {"-rneeeee"}).out.find(kMss));
  EXPECT_NE(std::string::npos, run_on(root, {"-rneeeeee"}).out.find(kWide));
}

TEST(RouteMode, NamesAreCutTo15AndDefaultIsNamed) {
  RunResult r = run_on(*route_root(), {"-r"});
  EXPECT_NE(std::string::npos,
            r.out.find("default         gateway.lab.exa 0.0.0.0         UG"));
  EXPECT_NE(std::string::npos,
            r.out.find("tennet          averyveryverylo 255.255.255.0"));
  // -N is numeric for routes, like -n and --numeric-hosts.
  EXPECT_EQ(run_on(*route_root(), {"-rn"}).out, run_on(*route_root(), {"-rN"}).out);
  EXPECT_EQ(run_on(*route_root(), {"-rn"}).out,
            run_on(*route_root(), {"-r", "--numeric-hosts"}).out);
  EXPECT_EQ(r.out, run_on(*route_root(), {"-r", "--numeric-ports"}).out);
}

TEST(RouteMode, DuplicatedFamilyPrintsTwice) {
  auto owned = route_root();
  MemoryRoot& root = *owned;
  std::string once = run_on(root, {"-rn"}).out;
  EXPECT_EQ(once + once, run_on(root, {"-4", "-4", "-rn"}).out);
}

TEST(RouteMode, FamilyErrors) {
  auto owned = route_root();
  MemoryRoot& root = *owned;
  RunResult r = run_on(root, {"-rn", "-A", "inet,unix,inet"});
  EXPECT_EQ(3, r.rc);
  EXPECT_EQ("No routing for address family `unix'.\n", r.err);
  EXPECT_EQ(run_on(root, {"-rn"}).out, r.out);
  r = run_on(root, {"-r", "--bluetooth"});
  EXPECT_EQ(3, r.rc);
  EXPECT_EQ("Address family `bluetooth' not supported.\n", r.err);
  r = run_on(root, {"-r", "-A", "ax25"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("AX.25 not configured in this system.\n", r.out);
  EXPECT_EQ("/proc/net/ax25_route: No such file or directory\n", r.err);
  r = run_on(root, {"-r", "-A", "x25"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("X.25 not configured in this system.\n", r.out);
  EXPECT_EQ("", r.err);
}

TEST(RouteMode, MissingAndUnreadableFiles) {
  MemoryRoot root;
  root.add_dir("/proc/net");
  RunResult r = run_on(root, {"-r"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("INET (IPv4) not configured in this system.\n", r.out);
  EXPECT_EQ("/proc/net/route: No such file or directory\n", r.err);
  root.add_error("/proc/net/ipv6_route", Errc::permission_denied,
                 FileType::regular);
  r = run_on(root, {"-6r"});
  EXPECT_EQ("INET6 (IPv6) not configured in this system.\n", r.out);
  EXPECT_EQ("/proc/net/ipv6_route: Permission denied\n", r.err);
}

TEST(RouteMode, HeaderProblems) {
  MemoryRoot root;
  root.add_file("/proc/net/route",
                "Iface Destination Gateway Flags RefCnt Use Mask MTU Window IRTT\n");
  RunResult r = run_on(root, {"-rn"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ(std::string(kTitle) + kMss, r.out);
  EXPECT_EQ("warning: /proc/net/route does not contain required field Metric\n",
            r.err);
  root.add_file("/proc/net/route", "");
  r = run_on(root, {"-rn"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("", r.err);
}

TEST(RouteMode, ReadsOnlyTheRouteFile) {
  auto owned = route_root();
  MemoryRoot& root = *owned;
  (void)run_on(root, {"-rn"});
  std::vector<std::string> proc;
  for (const std::string& p : root.accessed()) {
    if (p.rfind("/proc", 0) == 0) proc.push_back(p);
  }
  EXPECT_EQ(std::vector<std::string>{"/proc/net/route"}, proc);
}

TEST(RouteMode, RoutingCache) {
  MemoryRoot root;
  root.add_file("/proc/net/rt_cache",
                "Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\t"
                "Source\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n"
                "lo\t0100007F\t00000000\t80000001\t2\t17\t0\t0100007F\t16436\t0\t"
                "0\t10\t2\t1\t0100007F\n");
  RunResult r = run_on(root, {"-rnCee"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ(
      "Kernel IP routing cache\n"
      "Source          Destination     Gateway         Flags Metric Ref    Use "
      "Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"
      "127.0.0.1       127.0.0.1       0.0.0.0         -l    0      2       17 "
      "lo       16436 0      0     10  2     1         127.0.0.1\n",
      r.out);
  root.add_file("/proc/net/rt_cache", "IRTT\n");
  r = run_on(root, {"-rnC"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ(
      "Kernel IP routing cache\n"
      "ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: 1\n"
      "Source          Destination     Gateway         Flags   MSS Window  irtt "
      "Iface\n",
      r.out);
  root.add_file("/proc/net/rt_cache", "");
  r = run_on(root, {"-rnC"});
  EXPECT_EQ(255, r.rc);
  EXPECT_EQ("Kernel IP routing cache\n", r.out);
}

TEST(RouteMode, Ipv6TableAndCacheViews) {
  MemoryRoot root;
  const std::string z = "00000000000000000000000000000000";
  root.add_file(
      "/proc/net/ipv6_route",
      "00000000000000000000ffff0a000000 60 " + z + " 00 " + z +
          " 00000100 00000001 00000000 00000201       lo\n" + z + " 00 " + z +
          " 00 fe800000000000000000000000000001 ffffffff 00000001 00000000 "
          "07630013 averylongifname\n");
  const std::string head =
      "Destination                    Next Hop                   Flag Met Ref  "
      "Use If\n";
  RunResult r = run_on(root, {"-6rn"});
  EXPECT_EQ("Kernel IPv6 routing table\n" + head +
                "10.0.0.0/96                    ::                         U!   "
                "256 1      0 lo\n",
            r.out);
  r = run_on(root, {"-6r", "-C"});
  EXPECT_EQ("Kernel IPv6 routing cache\n" + head +
                "[::]/0                         fe80::1                    "
                "UGDCaenf -1  1      0 averylongifname\n",
            r.out);
}

}  // namespace
}  // namespace netstat

// --safe-strings in the non-socket renderers: untrusted names are escaped
// with the option and printed raw (as 2.10 does) without it.
namespace netstat {
namespace {

constexpr std::string_view kEsc = "\x1b[2J";

TEST(SafeStrings, RouteInterfaceAndNames) {
  MemoryRoot root;
  root.add_file("/proc/net/route",
                std::string(kHeader) + "e\x1b[2J\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n");
  root.add_file("/etc/networks", "n\xff\x01t 10.0.0.0\n");
  RunResult raw = run_on(root, {"-r"});
  EXPECT_NE(std::string::npos, raw.out.find("e\x1b[2J\n"));
  EXPECT_NE(std::string::npos, raw.out.find("n\xff\x01t ")) << raw.out;
  RunResult safe = run_on(root, {"-r", "--safe-strings"});
  EXPECT_EQ(std::string::npos, safe.out.find(kEsc));
  EXPECT_NE(std::string::npos, safe.out.find("e\\x1b[2J\n"));
  EXPECT_NE(std::string::npos, safe.out.find("n\\xff\\x01t ")) << safe.out;
}

TEST(SafeStrings, Ipv6RouteInterface) {
  MemoryRoot root;
  const std::string z = "00000000000000000000000000000000";
  root.add_file("/proc/net/ipv6_route", z + " 00 " + z + " 00 " + z +
                                            " 00000100 00000001 00000000 "
                                            "00000001 x\x07y\n");
  EXPECT_NE(std::string::npos, run_on(root, {"-6rn"}).out.find(" x\x07y\n"));
  EXPECT_NE(std::string::npos,
            run_on(root, {"-6rn", "--safe-strings"}).out.find(" x\\x07y\n"));
}

TEST(SafeStrings, LegacyRouteTables) {
  MemoryRoot root;
  root.add_file("/proc/net/ax25_route",
                "callsign  dev  mode digipeaters\nN0\x1b" "CALL   a\x9b" "0     *\n");
  root.add_file("/proc/net/atalk_route",
                "Target        Router  Flags Dev\nDefault FF00:01 1 e\x07th0\n");
  RunResult raw = run_on(root, {"-r", "-A", "ax25,ddp"});
  EXPECT_EQ(
      "Kernel AX.25 routing table\nDestination  Iface    Use\n"
      "N0\x1b" "CALL      a\x9b" "0        0\n"
      "Destination     Gateway         Device          Flags\n"
      "Default         FF00:01         e\x07th0           U\n",
      raw.out);
  RunResult safe = run_on(root, {"-r", "-A", "ax25,ddp", "--safe-strings"});
  EXPECT_EQ(
      "Kernel AX.25 routing table\nDestination  Iface    Use\n"
      "N0\\x1bCALL      a\\x9b0        0\n"
      "Destination     Gateway         Device          Flags\n"
      "Default         FF00:01         e\\x07th0        U\n",
      safe.out);
}

TEST(SafeStrings, StatisticsNames) {
  MemoryRoot root;
  root.add_file("/proc/net/snmp", "X\x1b[1m: Na\xc3me\nX\x1b[1m: 5\n");
  RunResult raw = run_on(root, {"-s"});
  EXPECT_EQ("X\x1b[1m:\n    Na\xc3me: 5\n", raw.out);
  RunResult safe = run_on(root, {"-s", "--safe-strings"});
  EXPECT_EQ("X\\x1b[1m:\n    Na\\xc3me: 5\n", safe.out);
}

TEST(SafeStrings, InterfaceNames) {
  MemoryRoot root;
  IfaceInfo info;
  info.name = "ev\x1b[0m";
  info.flags = 0x41;  // UP RUNNING
  info.mtu = 1500;
  root.set_interfaces({info.name}, {info});
  RunResult raw = run_on(root, {"-i"});
  EXPECT_NE(std::string::npos, raw.out.find("\nev\x1b[0m     ")) << raw.out;
  RunResult safe = run_on(root, {"-i", "--safe-strings"});
  EXPECT_NE(std::string::npos, safe.out.find("\nev\\x1b[0m  ")) << safe.out;
  RunResult safe_long = run_on(root, {"-ie", "--safe-strings"});
  EXPECT_NE(std::string::npos, safe_long.out.find("\nev\\x1b[0m: flags="))
      << safe_long.out;
}

}  // namespace
}  // namespace netstat
