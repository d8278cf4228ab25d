// A format 1 bundle (written by this project's capture before format 2,
// committed in testdata/bundles/v1-netns/) still replays, verifies and
// shows in `info`. The expected outputs are /usr/bin/netstat's, run inside
// the captured namespace right after the capture (oracle, not our binary).
#include <gtest/gtest.h>

#include <fstream>

#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

const std::string kDir = std::string(NETSTAT_SOURCE_DIR) + "/testdata/bundles/v1-netns/";

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Invocation {
  int status;
  std::string out;
  std::string err;
};

Invocation run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out;
  Output err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

TEST(BundleV1, ReplaysAsTheOraclePrinted) {
  const std::string b = "--root=" + kDir + "v1.tar.zst";
  for (const auto& [flag, golden] : {std::pair{"-tanpu", "tanpu.out"},
                                     std::pair{"-rn", "rn.out"}, std::pair{"-s", "s.out"}}) {
    Invocation r = run_args({b, flag});
    EXPECT_EQ(r.status, 0) << flag << ": " << r.err;
    EXPECT_EQ(r.out, slurp(kDir + golden)) << flag;
  }
  // Selectors work on it: its one view is self, frame 0.
  EXPECT_EQ(run_args({b, "-tanpu", "--netns=self", "--frame=-1"}).out, slurp(kDir + "tanpu.out"));
}

TEST(BundleV1, VerifiesAsFormat1) {
  Invocation v = run_args({"verify", kDir + "v1.tar.zst"});
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_NE(v.out.find(": OK (format 1, "), std::string::npos) << v.out;
}

TEST(BundleV1, InfoShowsWholeSecondTimes) {
  Invocation i = run_args({"info", kDir + "v1.tar.zst"});
  EXPECT_EQ(i.status, 0) << i.err;
  EXPECT_NE(i.out.find("format:   1\n"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("captured: 2026-12-03T07:12:14Z .. 2026-12-03T07:12:14Z\n"),
            std::string::npos)
      << i.out;
  EXPECT_NE(i.out.find("frames:   1\n"), std::string::npos) << i.out;
}

}  // namespace
}  // namespace netstat
