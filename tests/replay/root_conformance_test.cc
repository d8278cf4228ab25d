// One shared suite every Root implementation must answer identically: the
// same sosreport-like tree as a MemoryRoot, a directory (LiveRoot and
// SnapshotRoot over it), and archives in several compressions, with and
// without a top-level folder, under misleading file names (detection is by
// content). Listings are compared sorted: a directory on disk lists in the
// file system's order.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "replay/archive_reader.h"
#include "replay/live_root.h"
#include "replay/root.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

using testing::Compression;
using testing::TempDir;

struct Env {
  TempDir tmp;
  std::filesystem::path dir;
  Env() {
    dir = tmp.path() / "tree";
    testing::to_directory(testing::sample_tree(), dir);
    auto tree = testing::sample_tree();
    // Names deliberately lie about the content.
    testing::write_file(tmp.path() / "plain.tar.zst", testing::to_tar(tree, Compression::none));
    testing::write_file(tmp.path() / "zstd.tar.gz", testing::to_tar(tree, Compression::zstd));
    testing::write_file(tmp.path() / "gzip.tar.xz", testing::to_tar(tree, Compression::gzip));
    testing::write_file(tmp.path() / "xz.bin", testing::to_tar(tree, Compression::xz));
    testing::write_file(tmp.path() / "sosreport.tar.xz",
                        testing::to_tar(tree, Compression::xz, "sosreport-host-2024-01-01/"));
    testing::write_file(tmp.path() / "dot.tar", testing::to_tar(tree, Compression::gzip, "./"));
  }
};

const Env& env() {
  static Env e;
  return e;
}

struct Factory {
  std::string name;
  std::function<std::unique_ptr<Root>()> make;
};

std::unique_ptr<Root> archive(const std::string& file) {
  Result<std::unique_ptr<MemoryRoot>> r =
      open_archive_root((env().tmp.path() / file).string(), ArchiveLimits{});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::unique_ptr<Root>(std::move(*r)) : nullptr;
}

std::unique_ptr<Root> opened(const std::filesystem::path& p) {
  Result<std::unique_ptr<Root>> r = open_root(p.string());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : nullptr;
}

std::vector<Factory> factories() {
  return {
      {"memory", [] { return std::unique_ptr<Root>(testing::to_memory_root(testing::sample_tree())); }},
      {"live_dir", [] {
         auto r = LiveRoot::open_dir(env().dir.string());
         return r.ok() ? std::unique_ptr<Root>(std::move(*r)) : nullptr;
       }},
      {"snapshot_dir", [] { return opened(env().dir); }},
      {"archive_tar", [] { return archive("plain.tar.zst"); }},
      {"archive_zstd", [] { return archive("zstd.tar.gz"); }},
      {"archive_gzip", [] { return archive("gzip.tar.xz"); }},
      {"archive_xz", [] { return archive("xz.bin"); }},
      {"archive_top_folder", [] { return archive("sosreport.tar.xz"); }},
      {"archive_dot_prefix", [] { return archive("dot.tar"); }},
      {"snapshot_archive", [] { return opened(env().tmp.path() / "zstd.tar.gz"); }},
      {"snapshot_top_folder", [] { return opened(env().tmp.path() / "sosreport.tar.xz"); }},
  };
}

class RootConformance : public ::testing::TestWithParam<Factory> {
 protected:
  void SetUp() override {
    m_root = GetParam().make();
    ASSERT_NE(m_root, nullptr);
  }
  const Root& root() const { return *m_root; }
  std::vector<std::pair<std::string, FileType>> listing(std::string_view path) const {
    Result<std::vector<DirEntry>> r = root().list_dir(path);
    EXPECT_TRUE(r.ok()) << path;
    std::vector<std::pair<std::string, FileType>> out;
    if (r.ok()) {
      for (const DirEntry& e : *r) out.emplace_back(e.name, e.type);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::unique_ptr<Root> m_root;
};

TEST_P(RootConformance, ReadsFileThroughRelativeSymlinks) {
  Result<std::string> r = root().read_file("/proc/net/tcp");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "  sl  local_address rem_address   st\n"
                "   0: 0100007F:0016 00000000:0000 0A\n");
}

TEST_P(RootConformance, EmptyFileIsPresentAndEmpty) {
  Result<std::string> r = root().read_file("/proc/net/udplite");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "");
}

TEST_P(RootConformance, MissingFileIsNotFound) {
  Result<std::string> r = root().read_file("/proc/net/udplite6");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
  EXPECT_EQ(error_text(r.error()), "No such file or directory");
}

TEST_P(RootConformance, MissingParentIsNotFound) {
  Result<std::string> r = root().read_file("/proc/net/sctp/eps");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
}

TEST_P(RootConformance, ReadingAFolderIsAnError) {
  Result<std::string> r = root().read_file("/proc/net/stat");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::is_a_directory);
}

TEST_P(RootConformance, ListingAFileIsAnError) {
  Result<std::vector<DirEntry>> r = root().list_dir("/proc/net/tcp");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_a_directory);
}

TEST_P(RootConformance, ListsFolderThroughSymlink) {
  std::vector<std::pair<std::string, FileType>> expected = {
      {"stat", FileType::directory},
      {"tcp", FileType::regular},
      {"udplite", FileType::regular},
      {"unix", FileType::regular}};
  EXPECT_EQ(listing("/proc/net"), expected);
  EXPECT_EQ(listing("/proc/214/net"), expected);
}

TEST_P(RootConformance, ListsProcWithPidsAndLinks) {
  std::vector<std::pair<std::string, FileType>> expected = {
      {"214", FileType::directory},
      {"net", FileType::symlink},
      {"self", FileType::symlink}};
  EXPECT_EQ(listing("/proc"), expected);
}

TEST_P(RootConformance, ReadsLinkTargetsVerbatim) {
  Result<std::string> self = root().read_link("/proc/self");
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(*self, "214");
  Result<std::string> net = root().read_link("/proc/net");
  ASSERT_TRUE(net.ok());
  EXPECT_EQ(*net, "self/net");
  Result<std::string> fd = root().read_link("/proc/self/fd/3");
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(*fd, "socket:[1234]");
}

TEST_P(RootConformance, ReadLinkOnAFileIsNotALink) {
  Result<std::string> r = root().read_link("/proc/214/cmdline");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_a_link);
}

TEST_P(RootConformance, ReadLinksGivesEveryFd) {
  Result<std::vector<LinkEntry>> r = root().read_links("/proc/214/fd");
  ASSERT_TRUE(r.ok());
  std::vector<std::pair<std::string, std::string>> got;
  for (const LinkEntry& l : *r) {
    ASSERT_TRUE(l.target.ok());
    got.emplace_back(l.name, *l.target);
  }
  std::sort(got.begin(), got.end());
  std::vector<std::pair<std::string, std::string>> expected = {
      {"3", "socket:[1234]"}, {"4", "socket:[1235]"}};
  EXPECT_EQ(got, expected);
}

TEST_P(RootConformance, CmdlineKeepsNulBytes) {
  Result<std::string> r = root().read_file("/proc/214/cmdline");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::string("/usr/bin/foo\0--bar\0", 19));
}

TEST_P(RootConformance, SysfsLinkWithDotDotResolves) {
  Result<std::string> r = root().read_file("/sys/class/net/lo/mtu");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "65536\n");
}

TEST_P(RootConformance, DotDotStopsAtTheTop) {
  Result<std::string> r = root().read_file("/../../etc/hosts");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "127.0.0.1\tlocalhost\n");
}

TEST_P(RootConformance, NoInterfaceDataInATree) {
  Result<std::vector<std::string>> r = root().interface_labels();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_captured);
}

TEST_P(RootConformance, IdentityOfATreeIsTheDefault) {
  // euid differs by root kind (a directory tree answers with its reader's,
  // see DirRootEscape.IdentityOfATreeIsItsReader).
  SystemIdentity id = root().identity();
  EXPECT_EQ(id.clk_tck, 100);
  EXPECT_EQ(id.hostname, "");
}

INSTANTIATE_TEST_SUITE_P(
    AllRoots, RootConformance, ::testing::ValuesIn(factories()),
    [](const ::testing::TestParamInfo<Factory>& p) { return p.param.name; });

}  // namespace
}  // namespace netstat
