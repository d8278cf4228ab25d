// LiveRoot::read_file on procfs, where the size is unknown until EOF: small
// files come through a stack buffer, bigger ones through a growing string;
// both must equal what a plain stream read gets.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
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

/// The process's read(2) count so far (/proc/self/io "syscr", which
/// counts this read too), or nullopt without task I/O accounting.
std::optional<long> read_syscalls() {
  int fd = ::open("/proc/self/io", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buf[512];
  ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return std::nullopt;
  buf[n] = '\0';
  const char* at = std::strstr(buf, "syscr:");
  if (at == nullptr) return std::nullopt;
  return std::strtol(at + 6, nullptr, 10);
}

/// read(2) calls LiveRoot::read_file makes for \a path.
std::optional<long> reads_for(const LiveRoot& root, const char* path) {
  std::optional<long> a = read_syscalls();
  std::optional<long> b = read_syscalls();
  Result<std::string> got = root.read_file(path);
  std::optional<long> c = read_syscalls();
  if (!a || !b || !c || !got.ok()) return std::nullopt;
  return (*c - *b) - (*b - *a);  // minus the counter's own read
}

TEST(LiveRead, SmallFilesTakeOneReadAndTheEndOfFile) {
  LiveRoot root;
  // procfs (no size: the stack buffer) and a regular file (sized by fstat).
  // A string grown from its short-string capacity took ~8 reads for
  // /proc/self/status's ~1.5 KiB.
  for (const char* path : {"/proc/self/status", "/proc/net/snmp", "/etc/passwd"}) {
    std::optional<long> reads = reads_for(root, path);
    if (!reads) GTEST_SKIP() << "no /proc/self/io read counter here";
    EXPECT_EQ(2, *reads) << path;
  }
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
