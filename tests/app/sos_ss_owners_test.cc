// -p on a sosreport without a saved `netstat -p` (a host without net-tools):
// a real sos 4.0 report (testdata/sos/sos4-ss, made by
// scripts/make-sos-owners-fixture.sh with ss and lsof, its netstat output
// left out) against /usr/bin/netstat's -tanp/-uanp/-xap/-tlnp run live in
// the namespace right after the report. Owners come from ss -peaonmi, else
// lsof.
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
using SsRun = sos_test::Run;

const fs::path kTree = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/sos4-ss";
const fs::path kGolden = fs::path(NETSTAT_SOURCE_DIR) / "testdata/sos/golden/sos4-ss";

std::vector<TreeNode> nodes_without(const std::string& cut) { return tree_nodes(kTree, cut); }

void expect_goldens(const std::string& root) {
  for (const char* m : {"tanp", "uanp", "xap", "tlnp"}) {
    SCOPED_TRACE(root + " -" + m);
    SsRun r = run_netstat({"--root=" + root, std::string("-") + m});
    EXPECT_EQ(r.out, slurp(kGolden / (std::string(m) + ".out")));
    EXPECT_EQ(r.err, slurp(kGolden / (std::string(m) + ".err")));
    EXPECT_EQ(std::to_string(r.rc) + "\n", slurp(kGolden / (std::string(m) + ".rc")));
  }
}

TEST(SosSsOwners, FolderEqualsNetToolsLive) { expect_goldens(kTree.string()); }

TEST(SosSsOwners, TarXzEqualsNetToolsLive) {
  testing::TempDir tmp;
  fs::path xz = tmp.path() / "sosreport-vm-ss-2026-12-03-abcdefg.tar.xz";
  testing::write_file(xz, testing::to_tar(nodes_without(""), testing::Compression::xz,
                                          "sosreport-vm-ss-2026-12-03-abcdefg/"));
  expect_goldens(xz.string());
}

TEST(SosSsOwners, SsAloneAndLsofAloneSuffice) {
  for (const char* cut : {"lsof", "ss_-peaonmi"}) {
    SCOPED_TRACE(cut);
    testing::TempDir tmp;
    testing::to_directory(nodes_without(cut), tmp.path() / "r");
    expect_goldens((tmp.path() / "r").string());
  }
}

TEST(SosSsOwners, NeitherGivesDashesAndOneNote) {
  testing::TempDir tmp;
  std::vector<TreeNode> nodes;
  for (TreeNode& n : nodes_without("lsof")) {
    if (n.path.find("ss_-peaonmi") == std::string::npos) nodes.push_back(std::move(n));
  }
  testing::to_directory(nodes, tmp.path() / "r");
  std::string root = (tmp.path() / "r").string();
  SsRun r = run_netstat({"--root=" + root, "-tlnp"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("LISTEN      -                   \n"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "netstat: " + root +
                       ": the sosreport names no socket owners (no saved netstat -p, "
                       "ss -p or lsof output); PID/Program name shows -\n");
}

}  // namespace
}  // namespace netstat
