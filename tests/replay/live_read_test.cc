// LiveRoot::read_file on procfs, where the size is unknown until EOF: small
// files come through a stack buffer, bigger ones through a growing string;
// both must equal what a plain stream read gets.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "replay/live_root.h"

namespace netstat {
namespace {

std::string stream_read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(LiveRead, SmallProcFileIsWhole) {
  LiveRoot root;
  Result<std::string> got = root.read_file("/proc/version");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(stream_read("/proc/version"), *got);
  EXPECT_FALSE(got->empty());
}

TEST(LiveRead, ProcFileLargerThanTheFirstBufferIsWhole) {
  // Megabytes of stable text where the kernel keeps its symbol table.
  std::string want = stream_read("/proc/kallsyms");
  if (want.size() <= (size_t{1} << 17)) {
    GTEST_SKIP() << "/proc/kallsyms is missing or small here";
  }
  LiveRoot root;
  Result<std::string> got = root.read_file("/proc/kallsyms");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(want.size(), got->size());
  EXPECT_TRUE(want == *got);
}

}  // namespace
}  // namespace netstat
