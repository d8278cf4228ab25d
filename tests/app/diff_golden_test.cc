// Golden tests for `netstat diff`: every line of testdata/diff/<pair>/cases.tsv
// runs `netstat diff <pair>/a <pair>/b ARGS` in process and compares stdout,
// stderr and the exit status with testdata/diff/<pair>/expected/<slug>.*.
// These are our own formats (no oracle exists), so NETSTAT_UPDATE_GOLDEN=1
// rewrites the expected files from this binary; every change to them is
// reviewed by hand. The source directory is written as "@SRC@".
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

std::string source_dir() {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return env != nullptr ? env : NETSTAT_SOURCE_DIR;
}

struct DiffCase {
  std::string pair, slug, args;
};

std::vector<DiffCase> all_cases() {
  std::vector<DiffCase> out;
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(fs::path(source_dir()) / "testdata/diff", ec)) {
    if (fs::exists(e.path() / "cases.tsv")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) {
    std::ifstream in(d / "cases.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      out.push_back({d.filename().string(), line.substr(0, tab),
                     tab == std::string::npos ? "" : line.substr(tab + 1)});
    }
  }
  return out;
}

std::string slurp(const fs::path& p, bool* found) {
  std::ifstream in(p, std::ios::binary);
  *found = static_cast<bool>(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string normalize(std::string s) {
  const std::string src = source_dir();
  for (size_t pos = 0; (pos = s.find(src, pos)) != std::string::npos;) {
    s.replace(pos, src.size(), "@SRC@");
    pos += 5;
  }
  return s;
}

class DiffGoldenTest : public testing::TestWithParam<DiffCase> {};

TEST_P(DiffGoldenTest, MatchesExpected) {
  const DiffCase& c = GetParam();
  fs::path pair = fs::path(source_dir()) / "testdata/diff" / c.pair;
  std::vector<std::string> args{"netstat", "diff", (pair / "a").string(),
                                (pair / "b").string()};
  std::istringstream words(c.args);
  std::string w;
  while (words >> w) args.push_back(w);
  Output out, err;
  int rc = run(args, out, err);
  std::string got_out = normalize(out.str()), got_err = normalize(err.str());
  fs::path expected = pair / "expected";
  if (std::getenv("NETSTAT_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(expected);
    std::ofstream(expected / (c.slug + ".out"), std::ios::binary) << got_out;
    std::ofstream(expected / (c.slug + ".err"), std::ios::binary) << got_err;
    std::ofstream(expected / (c.slug + ".rc"), std::ios::binary) << rc << "\n";
    return;
  }
  bool ho = false, he = false, hr = false;
  std::string want_out = slurp(expected / (c.slug + ".out"), &ho);
  std::string want_err = slurp(expected / (c.slug + ".err"), &he);
  std::string want_rc = slurp(expected / (c.slug + ".rc"), &hr);
  ASSERT_TRUE(ho && he && hr) << "no expected output for " << c.pair << "/"
                              << c.slug << "; run with NETSTAT_UPDATE_GOLDEN=1";
  EXPECT_EQ(want_out, got_out) << "stdout of netstat diff " << c.args;
  EXPECT_EQ(want_err, got_err) << "stderr of netstat diff " << c.args;
  EXPECT_EQ(std::atoi(want_rc.c_str()), rc) << "status of netstat diff " << c.args;
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, DiffGoldenTest, testing::ValuesIn(all_cases()),
    [](const testing::TestParamInfo<DiffCase>& p) {
      std::string n = p.param.pair + "_" + p.param.slug;
      for (char& ch : n) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return n;
    });

TEST(DiffExitTest, UnreadableRootIsTrouble) {
  Output out, err;
  int rc = run({"netstat", "diff", "/nonexistent/a", "/nonexistent/b"}, out, err);
  EXPECT_EQ(2, rc);
  EXPECT_EQ("", out.str());
  EXPECT_EQ("netstat diff: /nonexistent/a: No such file or directory\n", err.str());
}

TEST(DiffExitTest, MissingOperandIsUsageError) {
  Output out, err;
  int rc = run({"netstat", "diff", "/"}, out, err);
  EXPECT_EQ(2, rc);
  EXPECT_NE(std::string::npos, err.str().find("B is required"));
}

TEST(DiffExitTest, SameRootTwiceHasNoDifferences) {
  std::string tree = source_dir() + "/testdata/diff/changes/b";
  for (const char* mode : {"-an", "-rn", "-ia", "-s", "-g"}) {
    Output out, err;
    EXPECT_EQ(0, run({"netstat", "diff", tree, tree, mode}, out, err)) << mode;
    EXPECT_EQ("", err.str()) << mode;
  }
}

}  // namespace
}  // namespace netstat
