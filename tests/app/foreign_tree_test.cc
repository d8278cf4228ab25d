// --root= on trees that are not our bundle, and on bundles whose optional
// members cannot be read: every mode runs, and a note on stderr says what
// was read as absent, only where it changed the output.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "replay/bundle_manifest.h"
#include "src/app.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

using testing::TreeNode;

struct NetstatRun {
  int rc;
  std::string out, err;
};

NetstatRun run_netstat(std::vector<std::string> args) {
  Output out, err;
  args.insert(args.begin(), "netstat");
  int rc = run(args, out, err);
  return {rc, out.str(), err.str()};
}

const char* kTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n"
    "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0  "
    "      0 49095 1 0000000000000000 100 0 0 10 0\n";

std::vector<TreeNode> sos_like() {
  return {
      {"proc", FileType::directory, ""},
      {"proc/7", FileType::directory, ""},
      {"proc/7/net", FileType::directory, ""},
      {"proc/7/net/tcp", FileType::regular, kTcp},
      {"proc/self", FileType::symlink, "7"},
      {"proc/net", FileType::symlink, "self/net"},
      {"sos_commands", FileType::directory, ""},
      {"sos_commands/networking", FileType::directory, ""},
      {"sos_commands/networking/netstat_-W_-neopa", FileType::regular, "Active\n"},
      {"netstat", FileType::symlink, "sos_commands/networking/netstat_-W_-neopa"},
  };
}

TEST(ForeignTree, SosNetstatSymlinkFolderAndArchive) {
  testing::TempDir tmp;
  std::filesystem::path dir = tmp.path() / "sosreport-h-2026";
  testing::to_directory(sos_like(), dir);
  std::filesystem::path xz = tmp.path() / "sosreport-h-2026.tar.xz";
  testing::write_file(xz, testing::to_tar(sos_like(), testing::Compression::xz,
                                          "sosreport-h-2026/"));
  for (const std::filesystem::path& root : {dir, xz}) {
    for (const char* mode : {"-tan", "-tanp", "-tanpe"}) {
      SCOPED_TRACE(root.string() + " " + mode);
      NetstatRun r = run_netstat({"--root=" + root.string(), mode});
      EXPECT_EQ(r.rc, 0) << r.err;
      EXPECT_NE(r.out.find("127.0.0.1:8080"), std::string::npos) << r.out;
      // (as a non-root reader, -p adds 2.10's own note; no other)
      EXPECT_EQ(r.err.find("netstat: "), std::string::npos) << r.err;
    }
  }
}

TEST(ForeignTree, BundleWithUnreadableProcessTable) {
  testing::TempDir tmp;
  std::filesystem::path dir = tmp.path() / "b";
  std::vector<TreeNode> t = sos_like();
  t.pop_back();
  t.push_back({"netstat", FileType::regular, "not a folder"});
  testing::to_directory(t, dir);
  testing::write_file(dir / "manifest.json", manifest_to_json(Manifest{}));
  NetstatRun plain = run_netstat({"--root=" + dir.string(), "-tan"});
  EXPECT_EQ(plain.rc, 0);
  EXPECT_EQ(plain.err, "") << "no -p: the process table changes nothing";
  NetstatRun owners = run_netstat({"--root=" + dir.string(), "-tanp"});
  EXPECT_EQ(owners.rc, 0);
  EXPECT_NE(owners.out.find("127.0.0.1:8080"), std::string::npos);
  EXPECT_NE(owners.err.find("netstat: " + dir.string() +
                            ": netstat/processes.tsv: Not a directory; read as absent\n"),
            std::string::npos)
      << owners.err;
  NetstatRun json = run_netstat({"--root=" + dir.string(), "-tanp", "--json"});
  EXPECT_EQ(json.rc, 0);
  EXPECT_NE(json.out.find("netstat/processes.tsv: Not a directory; read as absent"),
            std::string::npos);
}

}  // namespace
}  // namespace netstat
