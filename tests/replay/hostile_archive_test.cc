// The archive reader and the tree it builds, on archives made to hurt: hard
// link and deep-name memory bombs, devices, FIFOs, duplicates, symlink
// loops, non-UTF-8 names, non-archives. Regression tests for the fuzzing
// and hostile-bundle work (docs/hostile-input.md).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "replay/archive_reader.h"
#include "tests/replay/hostile_tar.h"

namespace netstat {
namespace {

using testing::HostileMember;
using testing::hostile_tar;
using Kind = HostileMember::Kind;

ArchiveLimits small_limits() {
  ArchiveLimits l;
  l.max_entry_size = size_t{1} << 20;
  l.max_total_size = size_t{4} << 20;
  l.max_entries = 10000;
  return l;
}

std::vector<HostileMember> hardlink_bomb(size_t links) {
  std::vector<HostileMember> m = {
      {Kind::file, "proc/net/tcp", std::string(size_t{1} << 20, 'x')}};
  for (size_t i = 0; i < links; ++i) {
    m.push_back({Kind::hardlink, "proc/net/copy" + std::to_string(i), "proc/net/tcp"});
  }
  return m;
}

// Each hard link is decoded as a copy of its target, so its bytes are held
// again: they must count toward max_total_size, or a few KB of links to one
// big member hold gigabytes.
TEST(HostileArchive, HardLinkCopiesCountTowardTheTotalCap) {
  std::string bytes = hostile_tar(hardlink_bomb(8));  // 9 MiB held, cap 4 MiB
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "hl.tar", small_limits());
  ASSERT_FALSE(r.ok()) << "decoded " << r->size() << " members";
  EXPECT_EQ(Errc::too_large, r.code());
  EXPECT_EQ("hl.tar: archive content is larger than 4194304 bytes "
            "(--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)",
            r.error().message);
}

TEST(HostileArchive, HardLinksUnderTheCapAreCopies) {
  std::string bytes = hostile_tar(hardlink_bomb(2));  // 3 MiB
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "hl.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(3u, r->size());
  EXPECT_EQ((*r)[0].data, (*r)[2].data);
}

// The tree keeps one node per path prefix, keyed by the whole prefix: a
// name of N components costs O(N * length) bytes. A 600 KB archive holding
// one 300k-component pax name made the reader allocate tens of GB.
TEST(HostileArchive, OverlongMemberNameIsRefused) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "a/";
  deep += "tcp";
  std::string bytes = hostile_tar({{Kind::file, deep, "x"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "deep.tar", small_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
  EXPECT_EQ(0u, r.error().message.find(
                    "deep.tar: refusing member name longer than 4096 bytes: 'a/a/a/"))
      << r.error().message;
  EXPECT_LT(r.error().message.size(), 200u);
}

TEST(HostileArchive, OverlongLinkTargetIsRefused) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "../";
  std::string bytes = hostile_tar({{Kind::symlink, "proc/net", deep}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "deep.tar", small_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
}

// Many distinct deep names under the length limit: the tree's node keys are
// counted toward the total cap.
TEST(HostileArchive, DeepNamesCountTowardTheTotalCap) {
  std::vector<HostileMember> m;
  for (int n = 0; n < 64; ++n) {
    std::string name = "d" + std::to_string(n);
    while (name.size() < 4000) name += "/a";
    m.push_back({Kind::file, name, ""});
  }
  std::string bytes = hostile_tar(m);
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "deep.tar", small_limits());
  ASSERT_FALSE(r.ok()) << "decoded " << r->size() << " members";
  EXPECT_EQ(Errc::too_large, r.code());
}

TEST(HostileArchive, DevicesAndFifosAreSkipped) {
  std::string bytes = hostile_tar({{Kind::chardev, "proc/net/tcp", ""},
                                   {Kind::fifo, "proc/net/udp", ""},
                                   {Kind::file, "proc/net/raw", "ok"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "dev.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(1u, r->size());
  EXPECT_EQ("proc/net/raw", (*r)[0].path);
}

TEST(HostileArchive, LaterDuplicateReplacesEarlierAtItsPlace) {
  std::string bytes = hostile_tar({{Kind::file, "proc/net/tcp", "first"},
                                   {Kind::file, "proc/net/udp", "u"},
                                   {Kind::file, "./proc//net/tcp", "second"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "dup.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(2u, r->size());
  EXPECT_EQ("proc/net/tcp", (*r)[0].path);
  EXPECT_EQ("second", (*r)[0].data);
}

TEST(HostileArchive, HardLinkOutsideTheArchiveIsRefused) {
  std::string bytes = hostile_tar({{Kind::hardlink, "proc/net/tcp", "../../etc/shadow"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "hl.tar", small_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
  bytes = hostile_tar({{Kind::hardlink, "proc/net/tcp", "/etc/shadow"}});
  r = decode_archive(bytes, "hl.tar", small_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
}

TEST(HostileArchive, HardLinkToAnAbsentMemberIsDropped) {
  std::string bytes = hostile_tar({{Kind::hardlink, "proc/net/tcp", "proc/net/nothing"},
                                   {Kind::chardev, "proc/net/dev0", ""},
                                   {Kind::hardlink, "proc/net/udp", "proc/net/dev0"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "hl.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->empty());
}

TEST(HostileArchive, SymlinkToItselfAndEscapingSymlinksStayInside) {
  std::string bytes = hostile_tar({{Kind::symlink, "proc/net/tcp", "tcp"},
                                   {Kind::symlink, "etc/passwd", "/etc/passwd"},
                                   {Kind::symlink, "data/passwd", "/etc/passwd"},
                                   {Kind::symlink, "data/group", "../../../../etc/group"},
                                   {Kind::symlink, "data/self", "../../../proc/self"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "ln.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto root = make_memory_root(std::move(*r), "ln.tar");
  for (const char* loop : {"/proc/net/tcp", "/etc/passwd", "/data/passwd"}) {
    Result<std::string> f = root->read_file(loop);
    ASSERT_FALSE(f.ok()) << loop;
    EXPECT_EQ(40, f.error().sys_errno) << loop;  // ELOOP
  }
  // Absolute and ".." targets resolve inside the archive, where nothing is.
  EXPECT_EQ(Errc::not_found, root->read_file("/data/group").code());
  EXPECT_EQ(Errc::not_found, root->list_dir("/data/self/fd").code());
  Result<std::string> link = root->read_link("/data/passwd");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ("/etc/passwd", *link);
}

TEST(HostileArchive, NonUtf8AndControlNamesAreKeptAsBytes) {
  std::string name = "proc/net/\xff\xfe\x1b[2J";
  std::string bytes = hostile_tar({{Kind::file, name, "data"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "utf.tar", small_limits());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(1u, r->size());
  EXPECT_EQ(name, (*r)[0].path);
  auto root = make_memory_root(std::move(*r), "utf.tar");
  Result<std::vector<DirEntry>> list = root->list_dir("/proc/net");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(1u, list->size());
  EXPECT_EQ("\xff\xfe\x1b[2J", (*list)[0].name);
}

TEST(HostileArchive, EmptyRandomAndTextInputAreErrors) {
  std::string random;
  uint32_t x = 12345;
  for (int i = 0; i < 65536; ++i) {
    x = x * 1103515245 + 12345;
    random.push_back(static_cast<char>(x >> 24));
  }
  for (const std::string& bytes :
       {std::string(), random, std::string("netstat-processes\t1\nP\t1\tok\t-\t\n"),
        std::string(1024, '\0')}) {
    Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "bad", small_limits());
    // An all-zero block is a valid empty tar; everything else is an error.
    if (r.ok()) {
      EXPECT_TRUE(r->empty());
      continue;
    }
    EXPECT_EQ(Errc::invalid, r.code());
    EXPECT_EQ(0u, r.error().message.find("bad: ")) << r.error().message;
    EXPECT_EQ(std::string::npos, r.error().message.find('\n'));
  }
}

TEST(HostileArchive, TruncatedCompressedStreamIsAnError) {
  std::vector<HostileMember> m;
  for (int i = 0; i < 50; ++i) {
    m.push_back({Kind::file, "proc/net/f" + std::to_string(i), std::string(4000, 'a' + i % 26)});
  }
  std::string tar = hostile_tar(m);
  std::string cut = tar.substr(0, tar.size() / 2 + 100);
  Result<std::vector<ArchiveEntry>> r = decode_archive(cut, "cut.tar", small_limits());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
}

}  // namespace
}  // namespace netstat
