// A real sosreport (sos 4.0 on Debian 12, made in a private namespace with a
// socket zoo; trimmed, testdata/sos/sos4-zoo, see testdata/sos/README.md),
// read as the unpacked folder and as a .tar.xz: every mode's output equals
// net-tools' on the same machine (golden files from /usr/bin/netstat: on
// the tree for the numeric modes, live at the report's moment for -p), and
// the report's host and time reach --json and verify.
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
using SosRun = sos_test::Run;

const fs::path kTree = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/sos4-zoo";
const fs::path kGolden = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/golden/sos4-zoo";

class SosFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = new testing::TempDir();
    s_xz = s_tmp->path() / "sosreport-vm-zoo-2026-12-03-xnaidhp.tar.xz";
    testing::write_file(s_xz, testing::to_tar(tree_nodes(kTree), testing::Compression::xz,
                                              "sosreport-vm-zoo-2026-12-03-xnaidhp/"));
  }
  static void TearDownTestSuite() {
    delete s_tmp;
    s_tmp = nullptr;
  }
  static std::vector<fs::path> roots() { return {kTree, s_xz}; }
  static testing::TempDir* s_tmp;
  static fs::path s_xz;
};
testing::TempDir* SosFixture::s_tmp = nullptr;
fs::path SosFixture::s_xz;

TEST_F(SosFixture, NumericModesEqualNetToolsOnTheTree) {
  for (const fs::path& root : roots()) {
    for (const char* m : {"tan", "uan", "xa", "wan", "tane", "rn", "6rn", "gn", "s"}) {
      SCOPED_TRACE(root.filename().string() + " -" + m);
      SosRun r = run_netstat({"--root=" + root.string(), std::string("-") + m});
      EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
      EXPECT_EQ(r.err, slurp(kGolden / (std::string(m) + ".err")));
      EXPECT_EQ(std::to_string(r.rc) + "\n", slurp(kGolden / (std::string(m) + ".rc")));
    }
  }
}

TEST_F(SosFixture, OwnersEqualNetToolsLiveAtTheReport) {
  for (const fs::path& root : roots()) {
    for (const char* m : {"tanp", "uanp", "xap"}) {
      SCOPED_TRACE(root.filename().string() + " -" + m);
      SosRun r = run_netstat({"--root=" + root.string(), std::string("-") + m});
      EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
      EXPECT_EQ(r.err, "");
      EXPECT_EQ(r.rc, 0);
    }
  }
}

TEST_F(SosFixture, JsonCarriesTheReportsHostAndTime) {
  for (const fs::path& root : roots()) {
    SCOPED_TRACE(root.filename().string());
    SosRun r = run_netstat({"--root=" + root.string(), "-tanp", "--json"});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("\"host\":\"vm\""), std::string::npos) << r.out.substr(0, 400);
    EXPECT_NE(r.out.find("\"captured_at\":\"2026-12-03T07:11:26.993764\""), std::string::npos)
        << r.out.substr(0, 400);
    EXPECT_NE(r.out.find("\"tool\":\"sos 4.0\""), std::string::npos) << r.out.substr(0, 400);
    EXPECT_NE(r.out.find("python3"), std::string::npos);
  }
}

TEST_F(SosFixture, VerifySaysWhatItIs) {
  for (const fs::path& root : roots()) {
    SosRun r = run_netstat({"verify", root.string()});
    EXPECT_EQ(r.rc, 1);
    EXPECT_EQ(r.err, "netstat verify: " + root.string() +
                         ": not a netstat bundle: sosreport, sos 4.0, host vm, taken "
                         "2026-12-03T07:11:26.993764\n");
  }
}

TEST_F(SosFixture, InfoSaysWhatItIsAndWhatItKnows) {
  for (const fs::path& root : roots()) {
    SCOPED_TRACE(root.filename().string());
    SosRun r = run_netstat({"info", root.string()});
    EXPECT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.out, "bundle:   " + root.string() +
                         "\nformat:   none (a tree without manifest.json: one view, self, frame 0)\n"
                         "kind:     sosreport, sos 4.0, host vm, taken 2026-12-03T07:11:26.993764\n"
                         "host:     vm\nkernel:   -\ncaptured: 2026-12-03T07:11:26.993764\n"
                         "tool:     sos 4.0\n");
    SosRun j = run_netstat({"info", "--json", root.string()});
    EXPECT_EQ(j.rc, 0) << j.err;
    EXPECT_NE(j.out.find("\"host\":\"vm\""), std::string::npos) << j.out;
    EXPECT_NE(j.out.find("\"format_version\":null"), std::string::npos) << j.out;
  }
}

TEST_F(SosFixture, WithoutSavedNetstatOwnersAreDashesAndOneNote) {
  testing::TempDir tmp;
  std::vector<TreeNode> nodes;
  for (TreeNode& n : tree_nodes(kTree)) {
    if (n.path.find("netstat_-W_-neopa") == std::string::npos && n.path != "netstat") {
      nodes.push_back(std::move(n));
    }
  }
  testing::to_directory(nodes, tmp.path() / "r");
  std::string root = (tmp.path() / "r").string();
  SosRun r = run_netstat({"--root=" + root, "-tanp"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("LISTEN      -                   \n"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "netstat: " + root +
                       ": the sosreport names no socket owners (no saved netstat -p, "
                       "ss -p or lsof output); PID/Program name shows -\n");
  SosRun n = run_netstat({"--root=" + root, "-tan"});
  EXPECT_EQ(n.err, "") << "no -p, no note";
}

// `netstat redact SOSREPORT`: a customer may share a report's network data
// only redacted. Folder and archive give a bundle that verifies, replays
// every mode with the same rows and exit status, keeps the report's time
// (not the host name, the link-local interface ids or the program names),
// and says on stderr that only the network data netstat reads is in it.
TEST_F(SosFixture, RedactsIntoABundleThatReplays) {
  testing::TempDir tmp;
  testing::write_file(tmp.path() / "key",
                      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  int n = 0;
  for (const fs::path& root : roots()) {
    fs::path out = tmp.path() / ("r" + std::to_string(n++) + ".tar.zst");
    SosRun r = run_netstat({"redact", root.string(), "-o", out.string(), "--key-file",
                            (tmp.path() / "key").string()});
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.err.find("a report made by sos 4.0: the redacted bundle holds the network data"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(run_netstat({"verify", out.string()}).rc, 0);
    for (const char* mode : {"-tan", "-tanp", "-uanp", "-xap", "-wan", "-rn", "-6rn", "-gn",
                             "-s", "-i", "-tane"}) {
      SosRun o = run_netstat({"--root=" + root.string(), mode});
      SosRun x = run_netstat({"--root=" + out.string(), mode});
      EXPECT_EQ(o.rc, x.rc) << mode;
      EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'),
                std::count(x.out.begin(), x.out.end(), '\n'))
          << mode << "\n" << o.out << "---\n" << x.out;
      auto unnamed = [](std::string e, const std::string& path) {
        for (size_t at; (at = e.find(path)) != std::string::npos;) e.replace(at, path.size(), "B");
        return e;
      };
      EXPECT_EQ(unnamed(o.err, root.string()), unnamed(x.err, out.string())) << mode;
    }
    SosRun j = run_netstat({"--root=" + out.string(), "--json", "-tanp"});
    EXPECT_NE(j.out.find("\"captured_at\":\"2026-12-03T07:11:26.993764\""), std::string::npos)
        << j.out.substr(0, 300);
    EXPECT_EQ(j.out.find("\"host\":\"vm\""), std::string::npos);
    EXPECT_EQ(j.out.find("python3"), std::string::npos);
    SosRun g = run_netstat({"--root=" + out.string(), "-gn"});
    EXPECT_EQ(g.out.find("fe80::2430:dfff:fec1:e23f"), std::string::npos);
    SosRun orig_g = run_netstat({"--root=" + root.string(), "-6rn"});
    EXPECT_NE(orig_g.out.find("fe80::"), std::string::npos);
  }
}

// sos 3.x layout. No sos 3.x runs here (Debian 12 packages sos 4.0), so
// this report is CONSTRUCTED, not captured: sos4-zoo's tree (the same
// proc/net tables, so net-tools' answers on it are the same golden files)
// rearranged into the layout sos 3.x documents and writes: no
// sos_reports/manifest.json (sos 4.0 introduced it; 3.x writes
// sos_reports/sos.txt and sos.html), version.txt "sosreport: 3.9", the
// host name in sos_commands/general/hostname behind the top-level
// `hostname` link (3.x's general plugin; 4.x moved it to host/), the
// owners in netstat_-neopa (3.x before 3.6 ran netstat without -W) behind
// the top-level `netstat` link, the capture time only in sos_logs/sos.log.
std::vector<TreeNode> sos3_nodes() {
  std::vector<TreeNode> out;
  for (TreeNode& n : tree_nodes(kTree)) {
    if (n.path == "sos_reports/manifest.json" || n.path == "etc/hostname" ||
        n.path == "netstat" || n.path == "version.txt") {
      continue;
    }
    if (n.path == "sos_commands/networking/netstat_-W_-neopa") {
      n.path = "sos_commands/networking/netstat_-neopa";
    }
    out.push_back(std::move(n));
  }
  out.push_back({"version.txt", FileType::regular, "sosreport: 3.9\n"});
  out.push_back({"sos_reports/sos.txt", FileType::regular,
                 "sosreport (version 3.9)\n\nnetworking\nprocess\n"});
  out.push_back({"sos_commands/general", FileType::directory, ""});
  out.push_back({"sos_commands/general/hostname", FileType::regular, "vm\n"});
  out.push_back({"hostname", FileType::symlink, "sos_commands/general/hostname"});
  out.push_back({"netstat", FileType::symlink, "sos_commands/networking/netstat_-neopa"});
  return out;
}

// Every mode on the constructed 3.x report, folder, .tar.xz and .tar.gz,
// equals net-tools' answers on the same tables; -p owners come from the
// 3.x owners file; identity comes from 3.x's files. The same with the
// top-level hostname link missing (a copy that dropped links): the host
// name is read from sos_commands/general/hostname itself.
TEST(SosThreeLayout, EveryModeAndIdentity) {
  testing::TempDir tmp;
  std::vector<TreeNode> nodes = sos3_nodes();
  const std::string top = "sosreport-vm-zoo-2026-12-03-abcdefg";
  testing::to_directory(nodes, tmp.path() / top);
  fs::path xz = tmp.path() / (top + ".tar.xz");
  fs::path gz = tmp.path() / (top + ".tar.gz");
  testing::write_file(xz, testing::to_tar(nodes, testing::Compression::xz, top + "/"));
  testing::write_file(gz, testing::to_tar(nodes, testing::Compression::gzip, top + "/"));
  std::vector<TreeNode> unlinked;
  for (const TreeNode& n : nodes) {
    if (n.path != "hostname") unlinked.push_back(n);
  }
  testing::to_directory(unlinked, tmp.path() / "unlinked");
  for (const fs::path& root : {tmp.path() / top, xz, gz, tmp.path() / "unlinked"}) {
    for (const char* m : {"tan", "uan", "xa", "wan", "tane", "rn", "6rn", "gn", "s"}) {
      SCOPED_TRACE(root.filename().string() + " -" + m);
      SosRun r = run_netstat({"--root=" + root.string(), std::string("-") + m});
      EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
      EXPECT_EQ(r.err, slurp(kGolden / (std::string(m) + ".err")));
      EXPECT_EQ(std::to_string(r.rc) + "\n", slurp(kGolden / (std::string(m) + ".rc")));
    }
    for (const char* m : {"tanp", "uanp", "xap"}) {
      SCOPED_TRACE(root.filename().string() + " -" + m);
      SosRun r = run_netstat({"--root=" + root.string(), std::string("-") + m});
      EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
      EXPECT_EQ(r.err, "");
    }
    SosRun v = run_netstat({"verify", root.string()});
    EXPECT_EQ(v.err, "netstat verify: " + root.string() +
                         ": not a netstat bundle: sosreport, sos 3.9, host vm, taken "
                         "2026-12-03T07:11:29.197\n");
    SosRun j = run_netstat({"--root=" + root.string(), "-tan", "--json"});
    EXPECT_NE(j.out.find("\"tool\":\"sos 3.9\""), std::string::npos) << j.out.substr(0, 400);
  }
}

}  // namespace
}  // namespace netstat
