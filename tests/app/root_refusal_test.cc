// Wrong roots are refused clearly: `--root=` with an empty value (an unset
// variable) never reads this machine, and a folder (or archive) that is
// neither a bundle nor holds proc/net (the folder above a sosreport, a typo)
// gets one message naming what was looked for, exit 2, nothing on stdout,
// in every mode.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "src/app.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::TreeNode;

struct Ran {
  int rc;
  std::string out, err;
};

Ran run_netstat(std::vector<std::string> args) {
  Output out, err;
  args.insert(args.begin(), "netstat");
  int rc = run(args, out, err);
  return {rc, out.str(), err.str()};
}

const char* const kModes[] = {"-tan", "-s", "-rn", "-i", "-ie", "-gn", "-M", "-xap"};

TEST(RootRefusal, EmptyRootNeverReadsThisMachine) {
  const std::string msg =
      "netstat: --root: empty path (an unset variable?); give a bundle, a sosreport "
      "or a directory, or --root=/ for this machine\n";
  for (const char* m : kModes) {
    SCOPED_TRACE(m);
    Ran r = run_netstat({"--root=", m});
    EXPECT_EQ(r.rc, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, msg);
    Ran s = run_netstat({"--root", "", m});
    EXPECT_EQ(s.rc, 2);
    EXPECT_EQ(s.err, msg);
  }
  Ran j = run_netstat({"--root=", "-tan", "--json"});
  EXPECT_EQ(j.rc, 2);
  EXPECT_EQ(j.out, "");
  Ran c = run_netstat({"capture", "--root=", "-o", "/nonexistent/never-written.tar.zst"});
  EXPECT_EQ(c.rc, 2);
  EXPECT_EQ(c.out, "");
  EXPECT_NE(c.err.find("empty path (an unset variable?)"), std::string::npos) << c.err;
  Ran c2 = run_netstat({"capture", "--root", "", "-o", "/nonexistent/never-written.tar.zst"});
  EXPECT_EQ(c2.rc, 2);
  EXPECT_NE(c2.err.find("empty path (an unset variable?)"), std::string::npos) << c2.err;
  Ran d = run_netstat({"diff", "", "/"});
  EXPECT_EQ(d.rc, 2);
  EXPECT_EQ(d.out, "");
  EXPECT_EQ(d.err,
            "netstat diff: empty path (an unset variable?); give a bundle, a directory, "
            "or / for this machine\n");
}

TEST(RootRefusal, FolderWithoutProcNetIsRefusedInEveryMode) {
  testing::TempDir tmp;
  // The folder above an unpacked sosreport.
  std::vector<TreeNode> nodes = {
      {"sosreport-web1-2026-12-03-abcdefg", FileType::directory, ""},
      {"sosreport-web1-2026-12-03-abcdefg/proc", FileType::directory, ""},
      {"sosreport-web1-2026-12-03-abcdefg/proc/net", FileType::directory, ""},
      {"sosreport-web1-2026-12-03-abcdefg/proc/net/tcp", FileType::regular, ""},
      {"notes.txt", FileType::regular, "hello\n"},
  };
  testing::to_directory(nodes, tmp.path() / "cases");
  const std::string above = (tmp.path() / "cases").string();
  // A typo'd or unrelated folder: no hint.
  testing::to_directory({{"etc", FileType::directory, ""}}, tmp.path() / "other");
  const std::string other = (tmp.path() / "other").string();
  const std::string looked =
      ": not a netstat bundle, and no proc/net in it (looked for manifest.json, then "
      "proc/net as in a sosreport or a system tree)";
  for (const char* m : kModes) {
    SCOPED_TRACE(m);
    Ran r = run_netstat({"--root=" + above, m});
    EXPECT_EQ(r.rc, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "netstat: " + above + looked + "; " + above +
                         "/sosreport-web1-2026-12-03-abcdefg has one\n");
    Ran o = run_netstat({"--root=" + other, m});
    EXPECT_EQ(o.rc, 2);
    EXPECT_EQ(o.out, "");
    EXPECT_EQ(o.err, "netstat: " + other + looked + "\n");
  }
  Ran j = run_netstat({"--root=" + other, "-s", "--json"});
  EXPECT_EQ(j.rc, 2);
  EXPECT_EQ(j.out, "");
  // The hinted folder itself reads.
  Ran ok = run_netstat({"--root=" + above + "/sosreport-web1-2026-12-03-abcdefg", "-tan"});
  EXPECT_EQ(ok.rc, 0) << ok.err;
}

TEST(RootRefusal, ArchiveWithoutProcNetIsRefused) {
  testing::TempDir tmp;
  fs::path tgz = tmp.path() / "logs.tar.gz";
  testing::write_file(tgz, testing::to_tar({{"var", FileType::directory, ""},
                                            {"var/log", FileType::directory, ""},
                                            {"var/log/syslog", FileType::regular, "x\n"}},
                                           testing::Compression::gzip, ""));
  Ran r = run_netstat({"--root=" + tgz.string(), "-s"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "netstat: " + tgz.string() +
                       ": not a netstat bundle, and no proc/net in it (looked for "
                       "manifest.json, then proc/net as in a sosreport or a system tree)\n");
}

}  // namespace
}  // namespace netstat
