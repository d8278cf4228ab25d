// Statistics mode (-s) on in-memory roots: the indentation state machine,
// 2.10's unreachable labels, filters, the IPv6 pass and the error texts
// (expected outputs taken from /usr/bin/netstat 2.10 on the same files).
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

std::unique_ptr<MemoryRoot> icmp_root() {
  auto owned = std::make_unique<MemoryRoot>();
  MemoryRoot& root = *owned;
  root.add_file("/proc/net/snmp",
                "Ip: Forwarding DefaultTTL InReceives OutTransmits\n"
                "Ip: 2 64 5 0\n"
                "Icmp: InMsgs InDestUnreachs OutDestUnreachs\n"
                "Icmp: 1 2 3\n"
                "IcmpMsg: InType3 OutType3\n"
                "IcmpMsg: 2 3\n"
                "Tcp: RtoAlgorithm MaxConn ActiveOpens\n"
                "Tcp: 1 -1 4\n");
  return owned;
}

TEST(StatsMode, HistogramStateCarriesIntoUnknownSection) {
  RunResult r = run_on(*icmp_root(), {"-s"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ("", r.err);
  EXPECT_EQ(
      "Ip:\n"
      "    Forwarding: 2\n"
      "    5 total packets received\n"
      "Icmp:\n"
      "    1 ICMP messages received\n"
      "    ICMP input histogram:\n"
      "        destination unreachable: 2\n"
      "        ICMP output histogram:\n"
      "        destination unreachable: 3\n"
      "IcmpMsg:\n"
      "        InType3: 2\n"
      "        OutType3: 3\n"
      "Tcp:\n"
      "    4 active connection openings\n",
      r.out);
}

TEST(StatsMode, FilteredKnownSectionStillResetsState) {
  RunResult r = run_on(*icmp_root(), {"-s", "-t"});
  EXPECT_EQ(
      "IcmpMsg:\n"
      "    InType3: 2\n"
      "    OutType3: 3\n"
      "Tcp:\n"
      "    4 active connection openings\n",
      r.out);
  // -U is not a statistics filter: only unknown sections remain.
  EXPECT_EQ("IcmpMsg:\n    InType3: 2\n    OutType3: 3\n",
            run_on(*icmp_root(), {"-s", "-U"}).out);
}

TEST(StatsMode, UnsupportedFamily) {
  RunResult r = run_on(*icmp_root(), {"-s", "-4", "-6"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ(
      "netstat: No statistics support for specified address family: "
      "inet,inet6\n",
      r.out);
}

TEST(StatsMode, MissingFilesKeepStatusZero) {
  MemoryRoot root;
  root.add_dir("/proc/net");
  RunResult r = run_on(root, {"-s"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ("cannot open /proc/net/snmp: No such file or directory\n", r.err);
  r = run_on(root, {"-s", "-6"});
  EXPECT_EQ("cannot open /proc/net/snmp6: No such file or directory\n", r.err);
  root.add_error("/proc/net/snmp", Errc::permission_denied, FileType::regular);
  EXPECT_EQ("cannot open /proc/net/snmp: Permission denied\n",
            run_on(root, {"-s"}).err);
}

TEST(StatsMode, ParseErrorStopsOneFile) {
  MemoryRoot root;
  root.add_file("/proc/net/snmp", "Ip: InReceives\nIp: 5\nUdp InDatagrams\nUdp: 3\n");
  root.add_file("/proc/net/netstat", "TcpExt: TW TWKilled\nTcpExt: 4 2\n");
  root.add_file("/proc/net/sctp/snmp", "");
  RunResult r = run_on(root, {"-s"});
  EXPECT_EQ("Problem while parsing /proc/net/snmp\n", r.err);
  EXPECT_EQ(
      "Ip:\n"
      "    5 total packets received\n"
      "TcpExt:\n"
      "    4 TCP sockets finished time wait in fast timer\n"
      "    TWKilled: 2\n"
      "Sctp:\n",
      r.out);
}

TEST(StatsMode, Ipv6PassThenTcpSectionsOfSnmp) {
  MemoryRoot root;
  root.add_file("/proc/net/snmp6",
                "Ip6InReceives 7\n"
                "Icmp6InMsgs 1\n"
                "Icmp6InDestUnreachs 1\n"
                "Icmp6InRedirects 0\n"
                "Icmp6InMLDv2Reports 5\n"
                "Icmp6OutDestUnreachs 1\n"
                "Icmp6OutRouterAdvertisements 2\n"
                "UdpLite6InDatagrams 0\n"
                "Ip6InDiscards\n");
  root.add_file("/proc/net/snmp",
                "Ip: InReceives\nIp: 5\nTcp: ActiveOpens\nTcp: 3\n"
                "TcpFoo: A\nTcpFoo: 1\nUdp: NoPorts\nUdp 1\n");
  RunResult r = run_on(root, {"-s", "-6"});
  EXPECT_EQ("", r.err);  // the Tcp pass stops at the bad pair silently
  EXPECT_EQ(
      "Ip6:\n"
      "    7 total packets received\n"
      "Icmp6:\n"
      "    1 ICMP messages received\n"
      "    ICMP input histogram:\n"
      "        destination unreachable: 1\n"
      "        Icmp6InMLDv2Reports: 5\n"
      "        ICMP output histogram:\n"
      "        destination unreachable: 1\n"
      "        Icmp6OutRouterAdvertisements: 2\n"
      "UdpLite6:\n"
      "Ip6:\n"
      "    0 incoming packets discarded\n"
      "Tcp:\n"
      "    3 active connection openings\n"
      "TcpFoo:\n"
      "    A: 1\n",
      r.out);
}

}  // namespace
}  // namespace netstat
