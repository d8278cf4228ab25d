// Golden tests: every invocation listed in testdata/hosts/<case>/cases.tsv
// (and testdata/shared-cases/<NAME>.tsv for ../shared/fixtures/<NAME>) runs
// in process against that tree through --root, and stdout, stderr and the
// exit status must equal what /usr/bin/netstat printed for the same tree
// (goldens written only by scripts/regen-golden.sh, never by this program).
#include <gtest/gtest.h>

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

struct GoldenCase {
  std::string name;   // case directory name (or shared--NAME)
  std::string tree;   // root tree to read
  std::string slug;
  std::string args;   // space separated
  bool shared = false;
};

std::string source_dir() {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return env != nullptr ? env : NETSTAT_SOURCE_DIR;
}

std::string shared_dir() {
  const char* env = std::getenv("NETSTAT_SHARED_DIR");
  return env != nullptr ? env : source_dir() + "/../shared";
}

void read_cases(const fs::path& tsv, const std::string& name,
                const std::string& tree, bool shared,
                std::vector<GoldenCase>* out) {
  std::ifstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    GoldenCase c;
    c.name = name;
    c.tree = tree;
    c.slug = line.substr(0, tab);
    c.args = tab == std::string::npos ? "" : line.substr(tab + 1);
    c.shared = shared;
    out->push_back(std::move(c));
  }
}

std::vector<GoldenCase> all_cases() {
  std::vector<GoldenCase> cases;
  std::error_code ec;
  fs::path hosts = fs::path(source_dir()) / "testdata" / "hosts";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(hosts, ec)) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) {
    if (fs::exists(d / "cases.tsv")) {
      read_cases(d / "cases.tsv", d.filename().string(), d.string(), false,
                 &cases);
    }
  }
  fs::path shared_cases = fs::path(source_dir()) / "testdata" / "shared-cases";
  std::vector<fs::path> tsvs;
  for (const auto& e : fs::directory_iterator(shared_cases, ec)) {
    if (e.path().extension() == ".tsv") tsvs.push_back(e.path());
  }
  std::sort(tsvs.begin(), tsvs.end());
  for (const fs::path& t : tsvs) {
    std::string name = t.stem().string();
    read_cases(t, "shared--" + name,
               (fs::path(shared_dir()) / "fixtures" / name).string(), true,
               &cases);
  }
  return cases;
}

std::string slurp(const fs::path& p, bool* found) {
  std::ifstream in(p, std::ios::binary);
  *found = static_cast<bool>(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, MatchesOracle) {
  const GoldenCase& c = GetParam();
  if (c.shared && !fs::is_directory(c.tree)) {
    GTEST_SKIP() << "shared fixture " << c.tree << " not present";
  }
  fs::path golden = fs::path(source_dir()) / "testdata" / "golden" / c.name;
  bool have_out = false, have_err = false, have_rc = false;
  std::string want_out = slurp(golden / (c.slug + ".out"), &have_out);
  std::string want_err = slurp(golden / (c.slug + ".err"), &have_err);
  std::string want_rc = slurp(golden / (c.slug + ".rc"), &have_rc);
  ASSERT_TRUE(have_out && have_err && have_rc)
      << "no golden for " << c.name << "/" << c.slug
      << "; run scripts/regen-golden.sh " << c.name;

  std::vector<std::string> args{"netstat", "--root=" + c.tree};
  std::istringstream words(c.args);
  std::string w;
  while (words >> w) args.push_back(w);
  Output out, err;
  int rc = run(args, out, err);
  EXPECT_EQ(want_out, out.str()) << "stdout of netstat " << c.args;
  EXPECT_EQ(want_err, err.str()) << "stderr of netstat " << c.args;
  EXPECT_EQ(std::atoi(want_rc.c_str()), rc) << "status of netstat " << c.args;
}

std::string case_name(const testing::TestParamInfo<GoldenCase>& info) {
  std::string n = info.param.name + "__" + info.param.slug;
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, testing::ValuesIn(all_cases()),
                         case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace netstat
