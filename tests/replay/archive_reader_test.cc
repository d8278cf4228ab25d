// The archive reader on hostile and odd input: limits, unsafe member names,
// non-archives, top-folder detection, hard links and member order.
#include "replay/archive_reader.h"

#include <gtest/gtest.h>

#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

using testing::Compression;
using testing::TreeNode;

std::string tar_of(std::vector<TreeNode> nodes, Compression c = Compression::zstd,
                   const std::string& prefix = "") {
  return testing::to_tar(nodes, c, prefix);
}

TEST(ArchiveReader, DecodesMembersInArchiveOrder) {
  std::string bytes = tar_of({{"b", FileType::regular, "1"},
                              {"a", FileType::regular, "2"},
                              {"c", FileType::directory, ""},
                              {"c/l", FileType::symlink, "../a"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "t.tar", ArchiveLimits{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].path, "b");
  EXPECT_EQ((*r)[1].path, "a");
  EXPECT_EQ((*r)[2].type, FileType::directory);
  EXPECT_EQ((*r)[3].type, FileType::symlink);
  EXPECT_EQ((*r)[3].data, "../a");
}

TEST(ArchiveReader, ListingKeepsArchiveOrder) {
  std::string bytes = tar_of({{"proc/net/udp", FileType::regular, ""},
                              {"proc/net/tcp", FileType::regular, ""},
                              {"proc/net/raw", FileType::regular, ""}});
  auto entries = decode_archive(bytes, "t", ArchiveLimits{});
  ASSERT_TRUE(entries.ok());
  auto root = make_memory_root(std::move(*entries), "t");
  Result<std::vector<DirEntry>> l = root->list_dir("/proc/net");
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 3u);
  EXPECT_EQ((*l)[0].name, "udp");
  EXPECT_EQ((*l)[1].name, "tcp");
  EXPECT_EQ((*l)[2].name, "raw");
}

TEST(ArchiveReader, RefusesDotDotMembers) {
  std::string bytes = tar_of({{"proc/../../etc/passwd", FileType::regular, "x"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "evil.tar", ArchiveLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "evil.tar: refusing member name with '..': 'proc/../../etc/passwd'");
}

TEST(ArchiveReader, RefusesAbsoluteMembers) {
  std::string bytes = tar_of({{"/etc/passwd", FileType::regular, "x"}});
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "evil.tar", ArchiveLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "evil.tar: refusing absolute member name '/etc/passwd'");
}

TEST(ArchiveReader, EntrySizeLimit) {
  std::string bytes = tar_of({{"big", FileType::regular, std::string(2000, 'x')}});
  ArchiveLimits l;
  l.max_entry_size = 1000;
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "b.tar", l);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::too_large);
  EXPECT_EQ(r.error().message,
            "b.tar: member 'big' is larger than 1000 bytes "
            "(--archive-max-entry-size or NETSTAT_ARCHIVE_MAX_ENTRY_SIZE)");
}

TEST(ArchiveReader, TotalSizeLimit) {
  std::string bytes = tar_of({{"a", FileType::regular, std::string(600, 'x')},
                              {"b", FileType::regular, std::string(600, 'y')}});
  ArchiveLimits l;
  l.max_total_size = 1000;
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "b.tar", l);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "b.tar: archive content is larger than 1000 bytes "
            "(--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)");
}

TEST(ArchiveReader, EntryCountLimit) {
  std::string bytes = tar_of({{"a", FileType::regular, ""},
                              {"b", FileType::regular, ""},
                              {"c", FileType::regular, ""}});
  ArchiveLimits l;
  l.max_entries = 2;
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "n.tar", l);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "n.tar: more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)");
}

TEST(ArchiveReader, NotAnArchive) {
  Result<std::vector<ArchiveEntry>> r =
      decode_archive("hello, this is text\n", "notes.txt", ArchiveLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::invalid);
  EXPECT_EQ(r.error().message.rfind("notes.txt: ", 0), 0u) << r.error().message;
}

TEST(ArchiveReader, TruncatedArchive) {
  std::string bytes = tar_of({{"a", FileType::regular, std::string(100000, 'x')}},
                             Compression::none);
  bytes.resize(5000);
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "cut.tar", ArchiveLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("cut.tar: ", 0), 0u) << r.error().message;
}

TEST(ArchiveReader, MissingFileNamesThePath) {
  Result<std::vector<ArchiveEntry>> r =
      read_archive("/nonexistent/bundle.tar.zst", ArchiveLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
  EXPECT_EQ(r.error().message,
            "/nonexistent/bundle.tar.zst: No such file or directory");
}

TEST(ArchiveReader, StripsSosreportTopFolder) {
  std::vector<ArchiveEntry> e = {
      {"sosreport-h-1", FileType::directory, ""},
      {"sosreport-h-1/proc", FileType::directory, ""},
      {"sosreport-h-1/proc/net", FileType::symlink, "self/net"},
      {"sosreport-h-1/etc/hosts", FileType::regular, "x"}};
  EXPECT_EQ(strip_single_top_folder(e), "sosreport-h-1");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].path, "proc");
  EXPECT_EQ(e[1].path, "proc/net");
  EXPECT_EQ(e[2].path, "etc/hosts");
}

TEST(ArchiveReader, KeepsTopWhenItIsProc) {
  std::vector<ArchiveEntry> e = {{"proc/net/tcp", FileType::regular, ""}};
  EXPECT_EQ(strip_single_top_folder(e), "");
  EXPECT_EQ(e[0].path, "proc/net/tcp");
}

TEST(ArchiveReader, KeepsTopWithoutProcInside) {
  std::vector<ArchiveEntry> e = {{"data/etc/hosts", FileType::regular, ""}};
  EXPECT_EQ(strip_single_top_folder(e), "");
}

TEST(ArchiveReader, KeepsSeveralTopFolders) {
  std::vector<ArchiveEntry> e = {{"a/proc/net/tcp", FileType::regular, ""},
                                 {"b/proc/net/tcp", FileType::regular, ""}};
  EXPECT_EQ(strip_single_top_folder(e), "");
}

TEST(ArchiveReader, HardLinkIsACopy) {
  std::string bytes;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open2(
      a, &bytes, nullptr,
      [](archive*, void* ctx, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr, nullptr);
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "orig");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_size(e, 5);
  archive_write_header(a, e);
  archive_write_data(a, "hello", 5);
  archive_entry_clear(e);
  archive_entry_set_pathname(e, "copy");
  archive_entry_set_hardlink(e, "orig");
  archive_entry_set_size(e, 0);
  archive_write_header(a, e);
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "h.tar", ArchiveLimits{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].path, "copy");
  EXPECT_EQ((*r)[1].data, "hello");
}

TEST(ArchiveReader, SymlinkLoopIsAnErrorNotAHang) {
  std::string bytes = tar_of({{"proc/a", FileType::symlink, "b"},
                              {"proc/b", FileType::symlink, "a"}});
  auto entries = decode_archive(bytes, "loop", ArchiveLimits{});
  ASSERT_TRUE(entries.ok());
  auto root = make_memory_root(std::move(*entries), "loop");
  Result<std::string> r = root->read_file("/proc/a");
  EXPECT_FALSE(r.ok());
}

TEST(ArchiveReader, AbsoluteSymlinkStaysInsideTheTree) {
  std::string bytes = tar_of({{"proc/net", FileType::symlink, "/etc"},
                              {"etc/hosts", FileType::regular, "inside"}});
  auto entries = decode_archive(bytes, "abs", ArchiveLimits{});
  ASSERT_TRUE(entries.ok());
  auto root = make_memory_root(std::move(*entries), "abs");
  Result<std::string> r = root->read_file("/proc/net/hosts");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "inside");
}

// Selective decoding (replay of one view of a series): members outside the
// chosen view folders are dropped, except what a kept link resolves to,
// through chains of links; a later manifest.json undoes the selection.
std::vector<TreeNode> series_members() {
  return {{"manifest.json", FileType::regular, "{}"},
          {"proc/net/tcp", FileType::regular, "tcp0"},
          {"etc/services", FileType::regular, "svc"},
          {"views", FileType::directory, ""},
          {"views/f1/proc/net/tcp", FileType::regular, "tcp1"},
          {"views/f1/etc/services", FileType::symlink, "../../../etc/services"},
          {"views/f1/proc/net/udp", FileType::regular, "udp1"},
          {"views/f2/proc/net/tcp", FileType::symlink, "../../../f1/proc/net/tcp"},
          {"views/f2/etc/services", FileType::symlink, "../../f1/etc/services"},
          {"views/f2/proc/net/raw", FileType::regular, "raw2"}};
}

std::vector<std::string> paths(const std::vector<ArchiveEntry>& entries) {
  std::vector<std::string> out;
  for (const ArchiveEntry& e : entries) out.push_back(e.path);
  return out;
}

TEST(ArchiveReader, SelectionKeepsChosenViewAndLinkTargets) {
  std::string bytes = tar_of(series_members());
  std::string seen;
  ArchiveSelection sel;
  sel.choose = [&](std::string_view manifest) -> std::optional<std::vector<std::string>> {
    seen = manifest;
    return std::vector<std::string>{"views/f2"};
  };
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "s", ArchiveLimits{}, &sel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(sel.applied);
  EXPECT_EQ(seen, "{}");
  // f2's tcp links to f1's file, f2's services to f1's link, which links
  // to the top's file: all three join; f1's udp and the top's tcp do not.
  EXPECT_EQ(paths(*r),
            (std::vector<std::string>{"manifest.json", "views/f2/proc/net/tcp",
                                      "views/f2/etc/services", "views/f2/proc/net/raw",
                                      "views/f1/proc/net/tcp", "views/f1/etc/services",
                                      "etc/services"}));
  auto root = make_memory_root(std::move(*r), "s");
  EXPECT_EQ(*root->read_file("/views/f2/proc/net/tcp"), "tcp1");
  EXPECT_EQ(*root->read_file("/views/f2/etc/services"), "svc");
  EXPECT_EQ(root->read_file("/views/f1/proc/net/udp").code(), Errc::not_found);
  EXPECT_EQ(root->read_file("/proc/net/tcp").code(), Errc::not_found);
}

TEST(ArchiveReader, SelectionOfTheTopKeepsEverythingOutsideViews) {
  std::string bytes = tar_of(series_members());
  ArchiveSelection sel;
  sel.choose = [](std::string_view) -> std::optional<std::vector<std::string>> {
    return std::vector<std::string>{""};
  };
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "s", ArchiveLimits{}, &sel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(paths(*r), (std::vector<std::string>{"manifest.json", "proc/net/tcp",
                                                 "etc/services"}));
}

TEST(ArchiveReader, SelectionDeclinedOrWithoutManifestKeepsAll) {
  std::string bytes = tar_of(series_members());
  ArchiveSelection declined;
  declined.choose = [](std::string_view) -> std::optional<std::vector<std::string>> {
    return std::nullopt;
  };
  Result<std::vector<ArchiveEntry>> r = decode_archive(bytes, "s", ArchiveLimits{}, &declined);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(declined.applied);  // asked, and the answer (all) held
  EXPECT_EQ(r->size(), series_members().size());

  std::vector<TreeNode> no_manifest = series_members();
  no_manifest.erase(no_manifest.begin());
  bool asked = false;
  ArchiveSelection sel;
  sel.choose = [&](std::string_view) -> std::optional<std::vector<std::string>> {
    asked = true;
    return std::vector<std::string>{"views/f2"};
  };
  r = decode_archive(tar_of(no_manifest), "s", ArchiveLimits{}, &sel);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(asked);
  EXPECT_FALSE(sel.applied);
  EXPECT_EQ(r->size(), no_manifest.size());
}

TEST(ArchiveReader, SecondManifestUndoesTheSelection) {
  std::vector<TreeNode> nodes = series_members();
  nodes.insert(nodes.begin() + 5, {"manifest.json", FileType::regular, "{\"x\":1}"});
  ArchiveSelection sel;
  sel.choose = [](std::string_view) -> std::optional<std::vector<std::string>> {
    return std::vector<std::string>{"views/f2"};
  };
  Result<std::vector<ArchiveEntry>> r = decode_archive(tar_of(nodes), "s", ArchiveLimits{}, &sel);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(sel.applied);
  auto root = make_memory_root(std::move(*r), "s");
  EXPECT_EQ(*root->read_file("/manifest.json"), "{\"x\":1}");
  EXPECT_EQ(*root->read_file("/proc/net/tcp"), "tcp0");
  EXPECT_EQ(*root->read_file("/views/f1/proc/net/udp"), "udp1");
  EXPECT_EQ(*root->read_file("/views/f2/etc/services"), "svc");
}

}  // namespace
}  // namespace netstat

namespace netstat {
namespace {

// open_archive_root holds member contents in its arena (views, one copy):
// every file reads back as decode_archive's own copy has it, through
// read_file and read_file_pieces, for members of every size (empty, one
// byte, several of libarchive's blocks), a replaced duplicate name and a
// top folder stripped.
TEST(ArchiveReader, ArenaTreeReadsWhatDecodeReads) {
  std::string big;
  for (int i = 0; big.size() < (size_t{1} << 20); ++i) big += std::to_string(i) + "\n";
  std::vector<TreeNode> nodes = {{"proc", FileType::directory, ""},
                                 {"proc/net", FileType::directory, ""},
                                 {"proc/net/tcp", FileType::regular, big},
                                 {"proc/net/empty", FileType::regular, ""},
                                 {"proc/net/one", FileType::regular, "x"},
                                 {"proc/net/dup", FileType::regular, "first"},
                                 {"proc/net/dup", FileType::regular, "second"},
                                 {"proc/self", FileType::symlink, "net"}};
  testing::TempDir dir;
  for (Compression c : {Compression::none, Compression::xz, Compression::gzip}) {
    std::string bytes = tar_of(nodes, c, "sosreport-h-2024/");
    std::filesystem::path file = dir.path() / "r.tar";
    testing::write_file(file, bytes);
    Result<std::unique_ptr<MemoryRoot>> root = open_archive_root(file.string(), ArchiveLimits{});
    ASSERT_TRUE(root.ok()) << root.error().message;
    Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
    ASSERT_TRUE(entries.ok());
    strip_single_top_folder(*entries);
    size_t files = 0;
    for (const ArchiveEntry& e : *entries) {
      if (e.type != FileType::regular) continue;
      ++files;
      Result<std::string> whole = (*root)->read_file("/" + e.path);
      ASSERT_TRUE(whole.ok()) << e.path;
      EXPECT_EQ(*whole, e.data) << e.path;
      std::string pieces;
      Result<void> r = (*root)->read_file_pieces(
          "/" + e.path, [&](std::string_view p) { pieces.append(p); });
      ASSERT_TRUE(r.ok()) << e.path;
      EXPECT_EQ(pieces, e.data) << e.path;
    }
    EXPECT_EQ(files, 4u);
    Result<std::string> dup = (*root)->read_file("/proc/net/dup");
    ASSERT_TRUE(dup.ok());
    EXPECT_EQ(*dup, "second");
    EXPECT_EQ((*root)->read_file("/proc/net/tcp")->size(), big.size());
  }
}

// A hard link in the arena tree shares its target's bytes.
TEST(ArchiveReader, ArenaTreeHardLinkReadsTheTarget) {
  std::string bytes;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open2(
      a, &bytes, nullptr,
      [](archive*, void* ctx, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr, nullptr);
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "orig");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_size(e, 5);
  archive_write_header(a, e);
  archive_write_data(a, "hello", 5);
  archive_entry_clear(e);
  archive_entry_set_pathname(e, "copy");
  archive_entry_set_hardlink(e, "orig");
  archive_entry_set_size(e, 0);
  archive_write_header(a, e);
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  testing::TempDir dir;
  std::filesystem::path file = dir.path() / "h.tar";
  testing::write_file(file, bytes);
  Result<std::unique_ptr<MemoryRoot>> root = open_archive_root(file.string(), ArchiveLimits{});
  ASSERT_TRUE(root.ok()) << root.error().message;
  EXPECT_EQ(*(*root)->read_file("/copy"), "hello");
  EXPECT_EQ(*(*root)->read_file("/orig"), "hello");
}

}  // namespace
}  // namespace netstat
