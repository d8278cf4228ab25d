// Runs every file of the fuzz corpora (testdata/fuzz/<target>/: seeds from
// real files and the reproducer of every finding) through its fuzz target
// in the ordinary test suite, so they are checked on every build, gcc and
// ASan+UBSan alike, without libFuzzer. See tests/fuzz/fuzz_targets.h.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "tests/fuzz/fuzz_targets.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpora = fs::path(NETSTAT_SOURCE_DIR) / "testdata/fuzz";

std::string g_current;  // the file being run, for violation messages

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzCorpus : public ::testing::TestWithParam<fuzz::FuzzTarget> {};

TEST_P(FuzzCorpus, EveryFileRunsClean) {
  fuzz::g_violation = [](const char* what) {
    ADD_FAILURE() << g_current << ": " << what;
  };
  fs::path dir = kCorpora / std::string(GetParam().name);
  ASSERT_TRUE(fs::is_directory(dir)) << "no corpus for target " << GetParam().name
                                     << " (add seeds in " << dir << ")";
  size_t files = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    g_current = e.path().string();
    std::string data = slurp(e.path());
    GetParam().run(data);
    // Prefixes too: every truncation point of a real file is an input a
    // capture racing a writer could produce.
    for (size_t cut : {data.size() / 2, data.size() / 3, size_t{1}}) {
      if (cut < data.size() && data.size() < (1u << 16)) {
        GetParam().run(std::string_view(data).substr(0, cut));
      }
    }
    ++files;
  }
  EXPECT_GT(files, 0u) << "empty corpus " << dir;
}

INSTANTIATE_TEST_SUITE_P(
    Targets, FuzzCorpus, ::testing::ValuesIn(fuzz::kFuzzTargets),
    [](const ::testing::TestParamInfo<fuzz::FuzzTarget>& p) {
      return std::string(p.param.name);
    });

TEST(FuzzCorpusLayout, EveryCorpusFolderHasATarget) {
  std::set<std::string> targets;
  for (const fuzz::FuzzTarget& t : fuzz::kFuzzTargets) targets.emplace(t.name);
  for (const fs::directory_entry& e : fs::directory_iterator(kCorpora)) {
    if (!e.is_directory()) continue;
    EXPECT_EQ(1u, targets.count(e.path().filename().string()))
        << "testdata/fuzz/" << e.path().filename().string()
        << " has no row in kFuzzTargets";
  }
}

}  // namespace
}  // namespace netstat
