// Tests for the -p cache (2.10's prg_cache_load): first PID wins, 19-byte
// entries and the non-root notes (link and cmdline rules: fd_walk_test.cc).
#include <gtest/gtest.h>

#include "replay/memory_root.h"
#include "src/model/owners.h"
#include "src/programs.h"

namespace netstat {
namespace {

class ProgramCacheTest : public testing::Test {
 protected:
  void proc(const std::string& pid, const std::string& cmdline,
            std::vector<std::pair<std::string, std::string>> fds) {
    root.add_dir("/proc/" + pid + "/fd");
    root.add_file("/proc/" + pid + "/cmdline", cmdline);
    for (auto& [fd, target] : fds) {
      root.add_symlink("/proc/" + pid + "/fd/" + fd, target);
    }
  }
  MemoryRoot root;
  Output err;
};

TEST_F(ProgramCacheTest, FirstPidInListingOrderWins) {
  proc("300", std::string("/bin/late\0", 10), {{"3", "socket:[100]"}});
  proc("20", std::string("/bin/early\0", 11), {{"3", "socket:[100]"}, {"4", "socket:[101]"}});
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ("300/late", c.get(100));
  EXPECT_EQ("20/early", c.get(101));
  EXPECT_EQ("-", c.get(102));
  EXPECT_EQ("", err.str());
}

TEST_F(ProgramCacheTest, EntryCutTo19Bytes) {
  proc("4000000000", "/opt/very/long/path/to/a/binary-with-a-long-name",
       {{"3", "socket:[1001]"}});
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ("4000000000/binary-w", c.get(1001));
}

TEST_F(ProgramCacheTest, SkipsNonDigitNamesNonLinksAndMissingCmdline) {
  proc("self", "/bin/self", {{"3", "socket:[200]"}});
  proc("41", "/bin/fds", {{"x3", "socket:[201]"}, {"4", "/dev/null"}, {"5", "socket:[202]"}});
  root.add_dir("/proc/42/fd");
  root.add_symlink("/proc/42/fd/3", "socket:[203]");  // no cmdline file
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ("-", c.get(200));
  EXPECT_EQ("-", c.get(201));
  EXPECT_EQ("41/fds", c.get(202));
  EXPECT_EQ("-", c.get(203));
}

TEST_F(ProgramCacheTest, NotAllProcessesNote) {
  root.set_identity({1000, 100, "", ""});
  proc("10", "/bin/mine", {{"3", "socket:[300]"}});
  root.add_error("/proc/11/fd", Errc::permission_denied);
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ("10/mine", c.get(300));
  EXPECT_EQ(
      "(Not all processes could be identified, non-owned process info\n"
      " will not be shown, you would have to be root to see it all.)\n",
      err.str());
}

TEST_F(ProgramCacheTest, NoInfoNoteWhenNothingFound) {
  root.set_identity({1000, 100, "", ""});
  proc("10", "/bin/mine", {{"3", "/dev/null"}});
  root.add_error("/proc/11/fd", Errc::permission_denied);
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ(
      "(No info could be read for \"-p\": geteuid()=1000 but you should be "
      "root.)\n",
      err.str());
}

TEST_F(ProgramCacheTest, NoInfoNoteWhenProcUnreadable) {
  MemoryRoot empty;
  empty.set_identity({4242, 100, "", ""});
  ProgramCache c;
  c.load(empty, err);
  EXPECT_EQ(
      "(No info could be read for \"-p\": geteuid()=4242 but you should be "
      "root.)\n",
      err.str());
}

TEST_F(ProgramCacheTest, OtherErrorsAreSilentAndLoadIsOnce) {
  root.add_error("/proc/12/fd", Errc::io_error);
  proc("13", "/bin/x", {{"3", "socket:[400]"}});
  ProgramCache c;
  c.load(root, err);
  c.load(root, err);
  EXPECT_EQ("", err.str());
  EXPECT_EQ(1u, c.size());
}

TEST_F(ProgramCacheTest, OneWalkFillsOwnersInPidOrderAndTheCache) {
  proc("300", std::string("/bin/late\0", 10), {{"3", "socket:[100]"}});
  proc("20", std::string("/bin/early\0", 11), {{"3", "socket:[100]"}, {"4", "socket:[101]"}});
  ProgramCache c;
  model::OwnerTable owners = model::load_owners(root, &c);
  EXPECT_EQ("300/late", c.get(100));  // listing order, as -p
  EXPECT_EQ("20/early", c.get(101));
  const std::vector<model::Owner>* o = owners.find(100);
  ASSERT_NE(o, nullptr);
  ASSERT_EQ(2u, o->size());
  EXPECT_EQ(20u, (*o)[0].pid);  // PID order
  EXPECT_EQ("early", (*o)[0].program);
  EXPECT_EQ(300u, (*o)[1].pid);
  EXPECT_EQ(c.size(), 2u);
}


TEST_F(ProgramCacheTest, ManyInodesAndSharedOnesAnswerAsTheFirstProcess) {
  // Past the table's growth steps, with inodes shared between processes in
  // both orders and inode 0: the first process in walk order owns each.
  std::vector<std::pair<std::string, std::string>> a, b;
  for (int i = 0; i < 3000; ++i) a.push_back({std::to_string(i + 3), "socket:[" + std::to_string(5000 + i) + "]"});
  for (int i = 0; i < 3000; ++i) b.push_back({std::to_string(i + 3), "socket:[" + std::to_string(6500 + i) + "]"});
  b.push_back({"9000", "socket:[00]"});
  proc("7", std::string("/bin/a\0", 7), a);
  proc("8", std::string("/bin/b\0", 7), b);
  ProgramCache c;
  c.load(root, err);
  EXPECT_EQ(4501u, c.size());
  for (int i = 5000; i < 8000; ++i) EXPECT_EQ("7/a", c.get(static_cast<uint64_t>(i))) << i;
  for (int i = 8000; i < 9500; ++i) EXPECT_EQ("8/b", c.get(static_cast<uint64_t>(i))) << i;
  EXPECT_EQ("8/b", c.get(0));
  EXPECT_EQ("-", c.get(4999));
  EXPECT_EQ("-", c.get(9500));
  EXPECT_EQ("-", c.get(UINT64_MAX));
}

TEST(ProgramCacheEmpty, AnswersDash) {
  ProgramCache c;
  EXPECT_EQ("-", c.get(0));
  EXPECT_EQ("-", c.get(5));
  EXPECT_EQ(0u, c.size());
}

}  // namespace
}  // namespace netstat
