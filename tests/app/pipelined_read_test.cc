// pipelined_read hands a file over in runs of whole lines whose
// concatenation is the file; the socket listing that uses it on a directory
// root (reads on a second thread) must print exactly what the whole-file path
// prints on an in-memory root, bogus lines, NUL bytes and fgets-split long
// lines included, over many runs.
#include "src/pipelined_read.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "replay/memory_root.h"
#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

class PipelinedRead : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("netstat-pipelined-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "proc/net");
  }
  void TearDown() override { fs::remove_all(m_dir); }
  void write(const std::string& rel, const std::string& text) {
    std::ofstream(m_dir / rel, std::ios::binary) << text;
  }
  std::unique_ptr<Root> dir_root() {
    Result<std::unique_ptr<Root>> r = open_root(m_dir.string());
    EXPECT_TRUE(r.ok());
    return std::move(*r);
  }
  fs::path m_dir;
};

std::string tcp_table(int rows) {
  std::string t =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
      "retrnsmt   uid  timeout inode\n";
  char buf[256];
  for (int i = 0; i < rows; ++i) {
    std::snprintf(buf, sizeof buf,
                  "%4d: 0100007F:%04X 0200007F:%04X 01 00000000:00000000 "
                  "00:00000000 00000000  1000        0 %d 1 0000000000000000 "
                  "20 4 30 10 -1\n",
                  i, 1000 + i % 60000, 2000 + i % 50000, 100000 + i);
    t += buf;
    if (i == 1234) t += "garbage that is not a socket row\n";
    if (i == 4321) t += std::string(20000, 'x') + "\n";  // three fgets pieces
    if (i == 7777) t += std::string("  77: 0100007F:0016\0trailing\n", 29);
  }
  return t;
}

TEST_F(PipelinedRead, RunsAreWholeLinesAndConcatenateToTheFile) {
  std::string file = tcp_table(3000);
  write("proc/net/tcp", file);
  std::unique_ptr<Root> root = dir_root();
  ASSERT_TRUE(root->concurrent_reads());
  for (size_t batch : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
    std::string got;
    size_t runs = 0;
    bool partial_before_end = false;
    Result<void> r = pipelined_read(*root, "/proc/net/tcp", [&](std::string_view text) {
      if (!got.empty() && got.back() != '\n') partial_before_end = true;
      got.append(text);
      ++runs;
    }, batch);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(file, got) << "batch " << batch;
    EXPECT_FALSE(partial_before_end) << "batch " << batch;
  }
}

// Lines longer than the 64 KiB chunks the reader fills, a file that ends
// without '\n', and files much larger than the chunk pool: the runs still
// split only after a '\n' and add up to the file.
TEST_F(PipelinedRead, LinesLongerThanAChunkAndNoFinalNewline) {
  std::string file = tcp_table(2000);
  file += std::string(150000, 'y') + "\n";
  file += tcp_table(20000);
  file += std::string(70000, 'z');  // no '\n' at the end
  write("proc/net/tcp", file);
  std::unique_ptr<Root> root = dir_root();
  for (size_t batch : {size_t{1}, size_t{65536}}) {
    std::string got;
    bool partial_before_end = false;
    size_t longest = 0;
    Result<void> r = pipelined_read(*root, "/proc/net/tcp", [&](std::string_view text) {
      if (!got.empty() && got.back() != '\n') partial_before_end = true;
      got.append(text);
      longest = std::max(longest, text.size());
    }, batch);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(file.size(), got.size()) << "batch " << batch;
    EXPECT_TRUE(file == got) << "batch " << batch;
    EXPECT_FALSE(partial_before_end) << "batch " << batch;
    EXPECT_GE(longest, size_t{150001}) << "the long line is one run";
  }
}

// A source slower than its reader: pieces of 1000 bytes, 2 ms apart, so
// the consumer is handed many runs, each cut after a '\n'.
class SlowRoot : public MemoryRoot {
 public:
  bool concurrent_reads() const override { return true; }
  Result<void> read_file_pieces(
      std::string_view path, const std::function<void(std::string_view)>& sink) const override {
    Result<std::string> whole = read_file(path);
    if (!whole.ok()) return whole.error();
    std::string_view rest = *whole;
    while (!rest.empty()) {
      size_t n = std::min<size_t>(rest.size(), 1000);
      sink(rest.substr(0, n));
      rest.remove_prefix(n);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return Result<void>();
  }
};

TEST(PipelinedReadRuns, ManyRunsEachOfWholeLines) {
  SlowRoot root;
  std::string file = tcp_table(300);  // ~43 KB: ~43 pieces
  root.add_file("/proc/net/tcp", file);
  std::string got;
  size_t runs = 0;
  bool partial_before_end = false;
  Result<void> r = pipelined_read(root, "/proc/net/tcp", [&](std::string_view text) {
    if (!got.empty() && got.back() != '\n') partial_before_end = true;
    got.append(text);
    ++runs;
  }, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(file, got);
  EXPECT_FALSE(partial_before_end);
  EXPECT_GT(runs, 5u);
  // The listing over such a root equals the one read whole.
  MemoryRoot whole;
  whole.add_file("/proc/net/tcp", file);
  Output out_slow, err_slow, out_whole, err_whole;
  EXPECT_EQ(run({"netstat", "-tan"}, out_whole, err_whole, &whole),
            run({"netstat", "-tan"}, out_slow, err_slow, &root));
  EXPECT_EQ(out_whole.str(), out_slow.str());
  EXPECT_EQ(err_whole.str(), err_slow.str());
}

// A small table is handed over on the calling thread (no thread started);
// past the first 64 KiB the runs come from one other thread, in order; what
// the consumer throws there reaches the caller.
TEST_F(PipelinedRead, SmallTablesStayOnTheCallingThreadBigOnesMove) {
  write("proc/net/small", tcp_table(10));
  write("proc/net/big", tcp_table(5000));  // ~700 KB
  std::unique_ptr<Root> root = dir_root();
  const std::thread::id self = std::this_thread::get_id();
  std::vector<std::thread::id> ids;
  ASSERT_TRUE(pipelined_read(*root, "/proc/net/small", [&](std::string_view) {
    ids.push_back(std::this_thread::get_id());
  }).ok());
  ASSERT_FALSE(ids.empty());
  for (std::thread::id id : ids) EXPECT_EQ(self, id);
  ids.clear();
  std::string got;
  ASSERT_TRUE(pipelined_read(*root, "/proc/net/big", [&](std::string_view text) {
    ids.push_back(std::this_thread::get_id());
    got.append(text);
  }).ok());
  EXPECT_EQ(tcp_table(5000), got);
  ASSERT_GT(ids.size(), 2u);
  EXPECT_EQ(self, ids.front());
  EXPECT_NE(self, ids.back());
  size_t runs = 0;
  EXPECT_THROW(pipelined_read(*root, "/proc/net/big", [&](std::string_view) {
                 if (++runs == 3) throw std::runtime_error("consumer failed");
               }),
               std::runtime_error);
  EXPECT_EQ(3u, runs);  // nothing handed over after the failure
}

TEST_F(PipelinedRead, MissingFileIsTheReadError) {
  std::unique_ptr<Root> root = dir_root();
  bool called = false;
  Result<void> r = pipelined_read(*root, "/proc/net/tcp", [&](std::string_view) { called = true; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::not_found, r.code());
  EXPECT_FALSE(called);
}

TEST_F(PipelinedRead, ListingOnADirectoryRootEqualsTheWholeFileListing) {
  std::string tcp = tcp_table(12000);  // ~1.6 MB: several 256 KiB runs
  std::string tcp6 =
      "  sl  local_address                         remote_address                        st "
      "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
      "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A "
      "00000000:00000000 00:00000000 00000000     0        0 555 1 0000000000000000 100 0 0 10 0\n";
  write("proc/net/tcp", tcp);
  write("proc/net/tcp6", tcp6);
  MemoryRoot mem;
  mem.add_file("/proc/net/tcp", tcp);
  mem.add_file("/proc/net/tcp6", tcp6);
  ASSERT_FALSE(mem.concurrent_reads());
  for (const char* flags : {"-tan", "-tn", "-tln", "-tanW", "-tane"}) {
    Output out_dir, err_dir, out_mem, err_mem;
    int rc_dir = run({"netstat", "--root=" + m_dir.string(), flags}, out_dir, err_dir);
    int rc_mem = run({"netstat", flags}, out_mem, err_mem, &mem);
    EXPECT_EQ(rc_mem, rc_dir) << flags;
    EXPECT_EQ(out_mem.str(), out_dir.str()) << flags;
    EXPECT_EQ(err_mem.str(), err_dir.str()) << flags;
    if (std::string(flags) == "-tan") {
      EXPECT_NE(std::string::npos, err_dir.str().find("warning, got bogus tcp line."));
      EXPECT_GT(out_dir.str().size(), size_t{512} << 10);
    }
  }
}

}  // namespace
}  // namespace netstat
