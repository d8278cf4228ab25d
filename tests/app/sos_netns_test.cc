// A real sosreport of a container host (sos 4.0 on Debian 12, made by
// scripts/make-sos-netns-fixture.sh in a private namespace holding two named
// namespaces, nu-a with a socket zoo and nu-b; trimmed, testdata/sos/
// sos4-netns): each named namespace is a view (--netns=NAME, --netns=all,
// `netstat info`), and its socket modes, rebuilt from the netstat text sos
// saved in it, equal /usr/bin/netstat run inside that namespace at the
// report's moment (golden files, never ours), on the folder and the .tar.xz.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "replay/sos_netns.h"
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
using NsRun = sos_test::Run;

const fs::path kTree = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/sos4-netns";
const fs::path kGolden = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/golden/sos4-netns";

class SosNetns : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = new testing::TempDir();
    s_xz = s_tmp->path() / "sosreport-vm-netns-2026-12-03-abcdefg.tar.xz";
    testing::write_file(s_xz, testing::to_tar(tree_nodes(kTree), testing::Compression::xz,
                                              "sosreport-vm-netns-2026-12-03-abcdefg/"));
  }
  static void TearDownTestSuite() {
    delete s_tmp;
    s_tmp = nullptr;
  }
  static std::vector<fs::path> roots() { return {kTree, s_xz}; }
  static testing::TempDir* s_tmp;
  static fs::path s_xz;
};
testing::TempDir* SosNetns::s_tmp = nullptr;
fs::path SosNetns::s_xz;

TEST_F(SosNetns, SocketModesEqualNetToolsInsideEachNamespace) {
  size_t compared = 0;
  for (const fs::path& root : roots()) {
    for (const char* ns : {"nu-a", "nu-b"}) {
      for (const fs::directory_entry& e : fs::directory_iterator(kGolden / ns)) {
        if (e.path().extension() != ".out") continue;
        std::string m = e.path().stem().string();
        SCOPED_TRACE(root.filename().string() + " --netns=" + ns + " -" + m);
        NsRun r = run_netstat({"--root=" + root.string(), std::string("--netns=") + ns, "-" + m});
        EXPECT_EQ(r.out, slurp(e.path()));
        EXPECT_EQ(r.err, slurp(kGolden / ns / (m + ".err")));
        EXPECT_EQ(std::to_string(r.rc) + "\n", slurp(kGolden / ns / (m + ".rc")));
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 60u);
}

TEST_F(SosNetns, TheSavedTextComesBackAsPrinted) {
  // `netstat -W -neopa` of a view is the very text sos saved.
  for (const char* ns : {"nu-a", "nu-b"}) {
    NsRun r = run_netstat({"--root=" + kTree.string(), std::string("--netns=") + ns, "-W", "-neopa"});
    EXPECT_EQ(r.out, slurp(kTree / "sos_commands/networking" /
                           (std::string("ip_netns_exec_") + ns + "_netstat_-W_-neopa")));
    EXPECT_EQ(r.rc, 0);
  }
}

TEST_F(SosNetns, AllViewsInTurnWithHeaders) {
  for (const fs::path& root : roots()) {
    NsRun r = run_netstat({"--root=" + root.string(), "--netns=all", "-tln"});
    EXPECT_EQ(r.rc, 0) << r.err;
    const std::string head =
        "Active Internet connections (only servers)\n"
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n";
    EXPECT_EQ(r.out,
              "== netns self ==\n" + head +
                  "tcp        0      0 127.0.0.1:9999          0.0.0.0:*               LISTEN     \n"
                  "== netns nu-b ==\n" + head +
                  "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \n"
                  "== netns nu-a ==\n" + head +
                  "tcp        0      0 0.0.0.0:7778            0.0.0.0:*               LISTEN     \n"
                  "tcp        0      0 127.0.0.1:7777          0.0.0.0:*               LISTEN     \n"
                  "tcp6       0      0 :::7443                 :::*                    LISTEN     \n");
    // The default view is still the host's alone.
    NsRun self = run_netstat({"--root=" + root.string(), "-tln"});
    EXPECT_EQ(self.out, head + "tcp        0      0 127.0.0.1:9999          0.0.0.0:*"
                               "               LISTEN     \n");
  }
}

TEST_F(SosNetns, UnknownNamespaceNamesTheOnesThereAre) {
  NsRun r = run_netstat({"--root=" + kTree.string(), "--netns=nu-c", "-tan"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "netstat: " + kTree.string() +
                       ": no network namespace 'nu-c' in the sosreport (it has: self, nu-b, "
                       "nu-a)\n");
}

TEST_F(SosNetns, ModesTheReportCannotGiveSaySoOnce) {
  const std::string ns = "netstat: network namespace nu-a of the sosreport: ";
  const std::string saved = "sos_commands/networking/ip_netns_exec_nu-a_";
  NsRun s = run_netstat({"--root=" + kTree.string(), "--netns=nu-a", "-s"});
  EXPECT_EQ(s.rc, 0);  // as 2.10 without /proc/net/snmp
  EXPECT_EQ(s.out, "");
  EXPECT_EQ(s.err, "cannot open /proc/net/snmp: No such file or directory\n" + ns +
                       "statistics (-s) cannot be replayed: the report holds no /proc/net/snmp, "
                       "netstat or snmp6 of it, only the text " + saved + "netstat_-s\n");
  NsRun i = run_netstat({"--root=" + kTree.string(), "--netns=nu-a", "-i"});
  EXPECT_EQ(i.rc, 1);
  EXPECT_NE(i.err.find(ns + "interfaces (-i) cannot be replayed"), std::string::npos) << i.err;
  EXPECT_EQ(i.out.find("lo "), std::string::npos) << "no interface of the host";
  NsRun r6 = run_netstat({"--root=" + kTree.string(), "--netns=nu-a", "-6rn"});
  EXPECT_EQ(r6.rc, 1);
  EXPECT_EQ(r6.out, "INET6 (IPv6) not configured in this system.\n");
  EXPECT_EQ(r6.err, "/proc/net/ipv6_route: No such file or directory\n" + ns +
                        "IPv6 routes (-6r) cannot be replayed: the report holds no "
                        "/proc/net/ipv6_route of it (IPv4 routes come from " + saved +
                        "ip_route_show_table_all)\n");
}

TEST_F(SosNetns, RoutesAndGroupsNeedTheirSavedText) {
  // Without ip route / netstat -agn text, -r and -g read their files as
  // absent, and say which text is missing.
  testing::TempDir tmp;
  std::vector<TreeNode> nodes;
  for (TreeNode& n : tree_nodes(kTree)) {
    if (n.path.find("nu-a_ip_route") == std::string::npos &&
        n.path.find("nu-a_netstat_-W_-agn") == std::string::npos) {
      nodes.push_back(std::move(n));
    }
  }
  testing::to_directory(nodes, tmp.path() / "r");
  std::string root = "--root=" + (tmp.path() / "r").string();
  const std::string ns = "netstat: network namespace nu-a of the sosreport: ";
  NsRun r = run_netstat({root, "--netns=nu-a", "-rn"});
  EXPECT_EQ(r.rc, 1);
  EXPECT_EQ(r.out, "INET (IPv4) not configured in this system.\n");
  EXPECT_EQ(r.err, "/proc/net/route: No such file or directory\n" + ns +
                       "routes (-r) cannot be replayed: the report holds no "
                       "sos_commands/networking/ip_netns_exec_nu-a_ip_route_show_table_all\n");
  NsRun g = run_netstat({root, "--netns=nu-a", "-gn"});
  EXPECT_EQ(g.rc, 1);
  EXPECT_NE(g.err.find(ns + "group memberships (-g) cannot be replayed: the report holds no "
                            "sos_commands/networking/ip_netns_exec_nu-a_netstat_-W_-agn"),
            std::string::npos)
      << g.err;
  // The sockets are still there.
  EXPECT_EQ(run_netstat({root, "--netns=nu-a", "-tanp"}).out,
            slurp(kGolden / "nu-a" / "tanp.out"));
  // A multipath route cannot be rebuilt exactly: refused, with the line.
  testing::write_file(tmp.path() / "r/sos_commands/networking/ip_netns_exec_nu-a_ip_route_show_table_all",
                      "default proto static metric 10 \n\tnexthop via 10.9.0.2 dev va0 weight 1 \n");
  NsRun m = run_netstat({root, "--netns=nu-a", "-rn"});
  EXPECT_EQ(m.rc, 1);
  EXPECT_NE(m.err.find("cannot be rebuilt exactly (several next hops: nexthop via 10.9.0.2 dev va0 weight 1)"),
            std::string::npos)
      << m.err;
}

TEST_F(SosNetns, InfoListsTheNamespaces) {
  for (const fs::path& root : roots()) {
    NsRun r = run_netstat({"info", root.string()});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("netns:    3\n\nNETNS  SOURCE\nself   proc/net\n"
                         "nu-b   sos_commands/networking/ip_netns_exec_nu-b_netstat_-W_-neopa\n"
                         "nu-a   sos_commands/networking/ip_netns_exec_nu-a_netstat_-W_-neopa\n"),
              std::string::npos)
        << r.out;
    NsRun j = run_netstat({"info", "--json", root.string()});
    EXPECT_NE(j.out.find("{\"netns\":\"sos:nu-a\",\"names\":[\"nu-a\"],\"source\":"
                         "\"sos_commands/networking/ip_netns_exec_nu-a_netstat_-W_-neopa\"}"),
              std::string::npos)
        << j.out;
  }
}

TEST_F(SosNetns, JsonNamesTheViewItCameFrom) {
  // A namespace's rows say which namespace they are; with --netns=all the
  // host's document says it is the host's.
  const std::string nu_a =
      "\"view\":{\"id\":\"sos-netns-nu-a\",\"netns\":\"sos:nu-a\",\"names\":[\"nu-a\"],\"frame\":0}";
  const std::string self = "\"view\":{\"id\":\"default\",\"netns\":\"self\",\"names\":[],\"frame\":0}";
  for (const fs::path& root : roots()) {
    NsRun one = run_netstat({"--root=" + root.string(), "--netns=nu-a", "--json", "-tln"});
    EXPECT_EQ(one.rc, 0) << one.err;
    EXPECT_NE(one.out.find(nu_a), std::string::npos) << one.out;
    NsRun all = run_netstat({"--root=" + root.string(), "--netns=all", "--json", "-tln"});
    EXPECT_EQ(all.rc, 0) << all.err;
    size_t s = all.out.find(self);
    size_t a = all.out.find(nu_a);
    EXPECT_NE(s, std::string::npos) << all.out;
    EXPECT_NE(a, std::string::npos) << all.out;
    EXPECT_LT(s, a);
    // Without --netns a sosreport is one tree, as before: no view member.
    NsRun host = run_netstat({"--root=" + root.string(), "--json", "-tln"});
    EXPECT_EQ(host.out.find("\"view\""), std::string::npos) << host.out;
  }
}

TEST_F(SosNetns, RedactedNamespacesKeepNoName) {
  // A namespace's name is an identity (a container, a customer's service):
  // redacted, it is the same pseudonym in the view's names and its netns
  // text, and the rows of every view stay.
  testing::TempDir tmp;
  testing::write_file(tmp.path() / "key",
                      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  fs::path out = tmp.path() / "r.tar.zst";
  NsRun r = run_netstat({"redact", kTree.string(), "-o", out.string(), "--key-file",
                         (tmp.path() / "key").string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  NsRun info = run_netstat({"info", "--json", out.string()});
  EXPECT_EQ(info.rc, 0) << info.err;
  NsRun all = run_netstat({"--root=" + out.string(), "--netns=all", "-tan"});
  EXPECT_EQ(all.rc, 0) << all.err;
  for (const char* name : {"nu-a", "nu-b"}) {
    EXPECT_EQ(info.out.find(name), std::string::npos) << info.out;
    EXPECT_EQ(all.out.find(name), std::string::npos) << all.out;
  }
  NsRun orig = run_netstat({"--root=" + kTree.string(), "--netns=all", "-tan"});
  EXPECT_EQ(std::count(orig.out.begin(), orig.out.end(), '\n'),
            std::count(all.out.begin(), all.out.end(), '\n'));
  // Each pseudonym selects its view, as the name did.
  size_t at = all.out.find("== netns ", all.out.find("== netns self ==") + 1);
  ASSERT_NE(at, std::string::npos) << all.out;
  std::string label = all.out.substr(at + 9, all.out.find(" ==", at + 9) - at - 9);
  NsRun one = run_netstat({"--root=" + out.string(), "--netns=" + label, "-tan"});
  EXPECT_EQ(one.rc, 0) << one.err;
  EXPECT_NE(all.out.find(one.out), std::string::npos);
}

TEST(SosNetnsFile, NamedAsSosMangledTheCommand) {
  EXPECT_EQ(sos_netns_file("nu-a", "netstat -W -neopa"),
            "/sos_commands/networking/ip_netns_exec_nu-a_netstat_-W_-neopa");
  // Runs of other characters become one '_'; '.' and '-' stay.
  EXPECT_EQ(sos_netns_file("a:b", "ip route show table all"),
            "/sos_commands/networking/ip_netns_exec_a_b_ip_route_show_table_all");
  EXPECT_EQ(sos_netns_file("x..y@@z", "netstat -W -agn"),
            "/sos_commands/networking/ip_netns_exec_x..y_z_netstat_-W_-agn");
  // Cut to 255 bytes as sos cuts its file names.
  std::string longname(300, 'n');
  std::string f = sos_netns_file(longname, "netstat -W -neopa");
  EXPECT_EQ(f.size(), std::string("/sos_commands/networking/").size() + 255);
}

TEST_F(SosNetns, ATreeWithoutNamespacesKeepsItsMessage) {
  NsRun r = run_netstat({"--root=" + (fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/sos4-zoo").string(),
                       "--netns=nu-a", "-tan"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("no network namespace 'nu-a' (not a bundle: the tree is one view, self)"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace netstat
