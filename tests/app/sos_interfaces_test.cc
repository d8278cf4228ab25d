// -i on a sosreport: a real sos 4.0 report (testdata/sos/sos4-ifaces, made
// by scripts/make-sos-iface-fixture.sh in a namespace holding a veth pair
// with an alias label and a secondary address, a point-to-point address, a
// bridge, a macvlan, a NOARP/PROMISC/ALLMULTI end with its own MTU and
// txqueuelen, a 15-character name, down interfaces, a tun and a vxlan).
// The goldens are /usr/bin/netstat's -i/-ie/-ia/-iea/-ian, run live in that
// namespace right after the report (its counters checked unchanged); the
// replay rebuilds the ioctl answers from the report's iproute2 text and
// sys/class/net.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/app.h"
#include "tests/app/sos_test_support.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::TreeNode;
using sos_test::run_netstat;
using sos_test::slurp;
using sos_test::tree_nodes;
using IfRun = sos_test::Run;

const fs::path kTree = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/sos4-ifaces";
const fs::path kGolden = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/golden/sos4-ifaces";
const char* const kModes[] = {"i", "ie", "ia", "iea", "ian"};

void expect_goldens(const std::string& root) {
  for (const char* m : kModes) {
    SCOPED_TRACE(root + " -" + m);
    IfRun r = run_netstat({"--root=" + root, std::string("-") + m});
    EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
    EXPECT_EQ(r.err, slurp(kGolden / (std::string(m) + ".err")));
    EXPECT_EQ(std::to_string(r.rc) + "\n", slurp(kGolden / (std::string(m) + ".rc")));
  }
}

TEST(SosInterfaces, FolderEqualsNetToolsLive) { expect_goldens(kTree.string()); }

TEST(SosInterfaces, TarXzEqualsNetToolsLive) {
  testing::TempDir tmp;
  fs::path xz = tmp.path() / "sosreport-vm-ifaces-2026-12-03-abcdefg.tar.xz";
  testing::write_file(xz, testing::to_tar(tree_nodes(kTree), testing::Compression::xz,
                                          "sosreport-vm-ifaces-2026-12-03-abcdefg/"));
  expect_goldens(xz.string());
}

// Without `ip -d address` the link text (flags, MTU, link address, qlen)
// and `ip -o addr` (addresses, labels) give the same answers.
TEST(SosInterfaces, LinkTextAndOneLineAddressesSuffice) {
  testing::TempDir tmp;
  std::vector<TreeNode> nodes;
  for (TreeNode& n : tree_nodes(kTree)) {
    if (n.path.find("ip_-d_address") == std::string::npos) nodes.push_back(std::move(n));
  }
  testing::to_directory(nodes, tmp.path() / "r");
  expect_goldens((tmp.path() / "r").string());
}

// The report's sysfs flags say PROMISC for veth1 (a macvlan holds it) and
// no RUNNING; iproute2's flags, which are SIOCGIFFLAGS's, win.
TEST(SosInterfaces, Iproute2FlagsWinOverSysfs) {
  EXPECT_EQ(slurp(kTree / "sys/class/net/veth1/flags"), "0x1103\n");
  IfRun r = run_netstat({"--root=" + kTree.string(), "-ie"});
  EXPECT_NE(r.out.find("veth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>"), std::string::npos)
      << r.out;
}

// No iproute2 text: sys/class/net's flags, operstate, mtu, address, type and
// tx_queue_len (a /host mount has them all) answer.
TEST(SosInterfaces, SysfsAloneAnswers) {
  testing::TempDir tmp;
  std::vector<TreeNode> nodes;
  for (TreeNode& n : tree_nodes(kTree)) {
    if (n.path.find("sos_commands") == std::string::npos) nodes.push_back(std::move(n));
  }
  auto attr = [&](const std::string& dev, const std::string& file, const std::string& v) {
    nodes.push_back({"sys/devices/virtual/net/" + dev + "/" + file, FileType::regular, v});
  };
  attr("veth0", "operstate", "up\n");
  attr("veth0", "mtu", "1500\n");
  attr("veth0", "type", "1\n");
  attr("veth0", "address", "82:2c:a3:76:bb:c5\n");
  attr("veth0", "tx_queue_len", "1000\n");
  attr("tun0", "operstate", "down\n");  // NO-CARRIER
  testing::to_directory(nodes, tmp.path() / "r");
  IfRun r = run_netstat({"--root=" + (tmp.path() / "r").string(), "-ie"});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("veth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                       "        inet6 fe80::802c:a3ff:fe76:bbc5  prefixlen 64  scopeid 0x20<link>\n"
                       "        ether 82:2c:a3:76:bb:c5  txqueuelen 1000  (Ethernet)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("tun0: flags=4241<UP,POINTOPOINT,NOARP,MULTICAST>"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("veth0:1"), std::string::npos) << "no addresses without ip text";
}

// A tree with proc/net/dev but no interface state at all (no iproute2
// text, no sys/class/net): every interface with its counters, MTU and flags
// shown as "-", one note (docs/compat.md; 2.10 has no equivalent).
TEST(UnknownInterfaceState, CountersAloneWithOneNote) {
  testing::TempDir tmp;
  const std::string dev =
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
      "    lo:     172       3    0    0    0     0          0         0      172       3    0    0    0     0       0          0\n"
      "  eth0: 1234567    8910    1    2    3     4          0         5    98765     432    6    7    8     9      10          0\n";
  std::vector<TreeNode> nodes = {
      {"proc", FileType::directory, ""},
      {"proc/net", FileType::directory, ""},
      {"proc/net/dev", FileType::regular, dev},
      {"proc/net/if_inet6", FileType::regular,
       "00000000000000000000000000000001 01 80 10 80       lo\n"},
  };
  testing::to_directory(nodes, tmp.path() / "t");
  std::string root = (tmp.path() / "t").string();
  const std::string note = "netstat: " + root +
                           ": no interface state in the tree (no ioctl answers, "
                           "sos_commands/networking/ip_* text or sys/class/net): every "
                           "interface of /proc/net/dev is listed, MTU and flags unknown\n";
  IfRun r = run_netstat({"--root=" + root, "-i"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.out,
            "Kernel Interface table\n"
            "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
            "eth0                -     8910      1      2 3           432      6      7      8 -\n"
            "lo                  -        3      0      0 0             3      0      0      0 -\n");
  EXPECT_EQ(r.err, note);
  IfRun e = run_netstat({"--root=" + root, "-ie"});
  EXPECT_EQ(e.rc, 0);
  EXPECT_EQ(e.out,
            "Kernel Interface table\n"
            "eth0: flags unknown  mtu unknown\n"
            "        RX packets 8910  bytes 1234567 (1.1 MiB)\n"
            "        RX errors 1  dropped 2  overruns 3  frame 4\n"
            "        TX packets 432  bytes 98765 (96.4 KiB)\n"
            "        TX errors 6  dropped 7 overruns 8  carrier 10  collisions 9\n"
            "\n"
            "lo: flags unknown  mtu unknown\n"
            "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
            "        RX packets 3  bytes 172 (172.0 B)\n"
            "        RX errors 0  dropped 0  overruns 0  frame 0\n"
            "        TX packets 3  bytes 172 (172.0 B)\n"
            "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
            "\n");
  EXPECT_EQ(e.err, note);
  // Without /proc/net/dev either: nothing honest to print.
  testing::to_directory({{"proc", FileType::directory, ""},
                         {"proc/net", FileType::directory, ""},
                         {"proc/net/tcp", FileType::regular, ""}},
                        tmp.path() / "bare");
  IfRun b = run_netstat({"--root=" + (tmp.path() / "bare").string(), "-i"});
  EXPECT_EQ(b.rc, 1);
  EXPECT_EQ(b.out, "");
  EXPECT_EQ(b.err, "netstat: " + (tmp.path() / "bare").string() +
                       ": no interface information was captured\n");
}

}  // namespace
}  // namespace netstat
