// scan_archive_members (the header pass `netstat verify` uses for duplicate
// names and empty archives) and open_archive_root on archives without
// members. The command line's caps over the environment:
// tests/app/archive_limit_options_test.cc.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "replay/archive_reader.h"
#include "tests/replay/hostile_tar.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::HostileMember;
using Kind = HostileMember::Kind;

class ArchiveScan : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("netstat-scan-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string write(const std::string& name, const std::string& bytes) {
    fs::path p = m_dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  fs::path m_dir;
};

TEST_F(ArchiveScan, CountsMembersAndDuplicatesInFirstUseOrder) {
  std::string b = write("d.tar", testing::hostile_tar({
                                     {Kind::dir, "proc", ""},
                                     {Kind::file, "proc/net/udp", "1"},
                                     {Kind::file, "proc/net/tcp", "1"},
                                     {Kind::file, "./proc/net/tcp", "2"},
                                     {Kind::fifo, "proc/net/udp", ""},
                                     {Kind::dir, "proc/", ""},
                                     {Kind::dir, "./", ""},
                                 }));
  Result<ArchiveMemberScan> s = scan_archive_members(b, ArchiveLimits{});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(7u, s->members);
  ASSERT_EQ(3u, s->duplicates.size());
  EXPECT_EQ("proc", s->duplicates[0].first);
  EXPECT_EQ(2u, s->duplicates[0].second);
  EXPECT_EQ("proc/net/udp", s->duplicates[1].first);
  EXPECT_EQ(2u, s->duplicates[1].second);
  EXPECT_EQ("proc/net/tcp", s->duplicates[2].first);
  EXPECT_EQ(2u, s->duplicates[2].second);
}

TEST_F(ArchiveScan, EmptyTarHasNoMembersAndIsNotABundle) {
  std::string zeros = write("z.tar", std::string(10240, '\0'));
  Result<ArchiveMemberScan> s = scan_archive_members(zeros, ArchiveLimits{});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(0u, s->members);
  EXPECT_TRUE(s->duplicates.empty());
  Result<std::unique_ptr<MemoryRoot>> root = open_archive_root(zeros, ArchiveLimits{});
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(Errc::invalid, root.code());
  EXPECT_EQ(zeros + ": not a bundle: no entries", root.error().message);
}

TEST_F(ArchiveScan, RefusesWhatDecodeRefuses) {
  std::string evil = write("e.tar", testing::hostile_tar({{Kind::file, "../evil", "x"}}));
  Result<ArchiveMemberScan> s = scan_archive_members(evil, ArchiveLimits{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(evil + ": refusing member name with '..': '../evil'", s.error().message);

  std::string many = write("m.tar", testing::hostile_tar({{Kind::file, "a", ""},
                                                          {Kind::file, "b", ""},
                                                          {Kind::file, "c", ""}}));
  ArchiveLimits l;
  l.max_entries = 2;
  s = scan_archive_members(many, l);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(many + ": more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)",
            s.error().message);

  std::string junk = write("j.bin", std::string(4096, '\x9b'));
  s = scan_archive_members(junk, ArchiveLimits{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(0u, s.error().message.find(junk + ": "));
}

}  // namespace
}  // namespace netstat
