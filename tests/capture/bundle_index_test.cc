// The segment index (replay/bundle_index.h): what the writer records for a
// bundle of several views, that each segment decodes alone, that a reader
// of one view decompresses only its segments and those its links point
// into, that a malformed index is refused (and the whole file read), and
// that `verify` catches an index that does not match the content.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "capture/bundle_writer.h"
#include "tests/capture/bundle_bytes.h"
#include "capture/manifest.h"
#include "replay/archive_reader.h"
#include "replay/bundle_index.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

// Three frames, as a series stores them: the top complete, later frames
// linking to the first copy of what did not change (f2's services through
// f1's link, a chain).
Recording series() {
  Recording rec;
  auto add = [&rec](std::string path, FileType type, std::string data) {
    rec.members.push_back({std::move(path), type, std::move(data), {}});
  };
  add("proc/net/tcp", FileType::regular, "tcp0");
  add("etc/services", FileType::regular, "svc");
  add("views", FileType::directory, "");
  add("views/f1/proc/net/tcp", FileType::regular, "tcp1");
  add("views/f1/etc/services", FileType::symlink, "../../../etc/services");
  add("views/f1/proc/net/udp", FileType::regular, "udp1");
  add("views/f2/proc/net/tcp", FileType::symlink, "../../../f1/proc/net/tcp");
  add("views/f2/etc/services", FileType::symlink, "../../f1/etc/services");
  add("views/f2/proc/net/raw", FileType::regular, "raw2");
  add("views/f3/proc/net/tcp", FileType::regular, std::string(4000, 'x'));
  finalize_recording(rec);
  return rec;
}

BundleIndex index_of(std::string_view bytes) {
  Result<std::optional<BundleIndex>> found = find_bundle_index(bytes);
  EXPECT_TRUE(found.ok()) << found.error().message;
  EXPECT_TRUE(found.ok() && found->has_value());
  return found.ok() && *found ? **found : BundleIndex{};
}

// \a bytes with its index frame replaced by one holding \a text (the
// trailer kept: its SHA-256 no longer matches, which only verify checks).
std::string with_index_text(std::string_view bytes, const std::string& text) {
  BundleIndex index = index_of(bytes);
  std::string_view trailer = bytes.substr(bytes.size() - kStreamTrailerFrameSize);
  std::string frame;
  auto payload = static_cast<uint32_t>(text.size() + 8);
  append_le32(frame, kIndexFrameMagic);
  append_le32(frame, payload);
  frame += text;
  append_le32(frame, payload);
  frame += "NSX1";
  return std::string(bytes.substr(0, index.frame_offset)) + frame + std::string(trailer);
}

std::string index_text(std::string_view bytes) {
  std::string frame = bundle_index_frame(index_of(bytes));
  return frame.substr(8, frame.size() - 16);
}

// The files and links of an archive (folders left out).
std::vector<std::string> member_paths(std::string_view bytes) {
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "seg", ArchiveLimits{});
  EXPECT_TRUE(e.ok()) << e.error().message;
  std::vector<std::string> out;
  if (e.ok()) {
    for (const ArchiveEntry& a : *e) {
      if (a.type != FileType::directory) out.push_back(a.path);
    }
  }
  return out;
}

TEST(BundleIndex, OneSegmentPerViewWithTheSegmentsItsLinksReach) {
  std::string bytes = testing::bundle_bytes(series());
  BundleIndex index = index_of(bytes);
  ASSERT_EQ(index.segments.size(), 6u);
  using K = BundleSegment::Kind;
  std::vector<std::pair<K, std::string>> kinds;
  for (const BundleSegment& s : index.segments) kinds.emplace_back(s.kind, s.folder);
  EXPECT_EQ(kinds, (std::vector<std::pair<K, std::string>>{{K::manifest, ""},
                                                           {K::view, ""},
                                                           {K::view, "views/f1"},
                                                           {K::view, "views/f2"},
                                                           {K::view, "views/f3"},
                                                           {K::end, ""}}));
  EXPECT_EQ(index.segments[2].deps, std::vector<uint32_t>{1});
  EXPECT_EQ(index.segments[3].deps, std::vector<uint32_t>{2});
  EXPECT_TRUE(index.segments[4].deps.empty());
  // Each segment is whole zstd frames of whole tar members.
  EXPECT_EQ(member_paths(std::string_view(bytes).substr(0, index.segments[0].size)),
            std::vector<std::string>{"manifest.json"});
  const BundleSegment& f2 = index.segments[3];
  EXPECT_EQ(member_paths(std::string_view(bytes).substr(f2.offset, f2.size)),
            (std::vector<std::string>{"views/f2/proc/net/tcp", "views/f2/etc/services",
                                      "views/f2/proc/net/raw"}));
  const BundleSegment& end = index.segments[5];
  EXPECT_TRUE(member_paths(std::string_view(bytes).substr(end.offset, end.size)).empty());
  EXPECT_EQ(segments_for(index, {"views/f2"}), (std::vector<size_t>{1, 2, 3}));
  EXPECT_EQ(segments_for(index, {"views/f3"}), (std::vector<size_t>{4}));
  EXPECT_EQ(segments_for(index, {""}), (std::vector<size_t>{1}));
  // Any tar reader still sees one archive.
  EXPECT_EQ(member_paths(bytes).size(), 10u);  // 9 + the manifest
  Result<VerifyReport> v = verify_bytes(bytes, "b");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->problems.empty()) << v->problems.front();
}

TEST(BundleIndex, MalformedIndexesAreRefused) {
  std::string bytes = testing::bundle_bytes(series());
  std::string good = index_text(bytes);
  EXPECT_TRUE(find_bundle_index(with_index_text(bytes, good)).ok());
  auto replace = [&good](std::string_view from, std::string_view to) {
    std::string t = good;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? t : t.replace(at, from.size(), to);
  };
  BundleIndex index = index_of(bytes);
  std::string seg1 = std::to_string(index.segments[1].offset) + "\t";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"version", replace("netstat-index 1", "netstat-index 9")},
      {"gap", replace("\n" + seg1, "\n" + std::to_string(index.segments[1].offset + 1) + "\t")},
      {"dependency not earlier", replace("views/f2\t2\n", "views/f2\t3\n")},
      {"kind", replace("\tend\t", "\tfin\t")},
      {"folder", replace("views/f3\t", "views/f3/proc\t")},
      {"manifest not first", replace("\tmanifest\t", "\tview\t")},
      {"fields", replace("views/f3\t\n", "views/f3\n")},
      {"unterminated", good.substr(0, good.size() - 1)},
      {"no segments", "netstat-index 1\n"},
  };
  for (const auto& [what, text] : cases) {
    Result<std::optional<BundleIndex>> r = find_bundle_index(with_index_text(bytes, text));
    EXPECT_FALSE(r.ok()) << what;
  }
  // Without a trailer (recompressed) there is no index to find.
  std::string no_trailer = bytes.substr(0, bytes.size() - kStreamTrailerFrameSize);
  Result<std::optional<BundleIndex>> none = find_bundle_index(no_trailer);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

class IndexedRead : public ::testing::Test {
 protected:
  void write(const std::string& bytes) {
    std::ofstream(m_path, std::ios::binary) << bytes;
  }
  Result<std::unique_ptr<MemoryRoot>> open(const std::string& view) {
    ArchiveSelection sel;
    sel.choose = [view](std::string_view) -> std::optional<std::vector<std::string>> {
      return std::vector<std::string>{view};
    };
    return open_archive_root(m_path.string(), ArchiveLimits{}, &sel);
  }
  testing::TempDir m_dir;
  fs::path m_path = m_dir.path() / "series.tar.zst";
};

TEST_F(IndexedRead, OneViewReadsOnlyItsSegmentsAndLinkTargets) {
  std::string bytes = testing::bundle_bytes(series());
  BundleIndex index = index_of(bytes);
  // Damage f3's frame: a reader of f2 never decompresses it.
  const BundleSegment& f3 = index.segments[4];
  bytes[f3.offset + f3.size / 2] = static_cast<char>(bytes[f3.offset + f3.size / 2] ^ 0x55);
  write(bytes);
  Result<std::unique_ptr<MemoryRoot>> f2 = open("views/f2");
  ASSERT_TRUE(f2.ok()) << f2.error().message;
  EXPECT_EQ(*(*f2)->read_file("/views/f2/proc/net/tcp"), "tcp1");
  EXPECT_EQ(*(*f2)->read_file("/views/f2/etc/services"), "svc");
  EXPECT_EQ(*(*f2)->read_file("/views/f2/proc/net/raw"), "raw2");
  EXPECT_EQ((*f2)->read_file("/views/f1/proc/net/udp").code(), Errc::not_found);
  EXPECT_EQ((*f2)->read_file("/proc/net/tcp").code(), Errc::not_found);
  // f3 itself: the damage is reported (by the whole-file read it falls back to).
  Result<std::unique_ptr<MemoryRoot>> broken = open("views/f3");
  EXPECT_FALSE(broken.ok());
  Result<VerifyReport> v = verify_bytes(bytes, "b");
  EXPECT_TRUE(!v.ok() || !v->problems.empty());
}

TEST_F(IndexedRead, AMalformedIndexReadsTheWholeFile) {
  std::string bytes = testing::bundle_bytes(series());
  // Every segment one: readers cannot use it, and read everything instead.
  std::string bad = with_index_text(bytes, "netstat-index 1\nnonsense\n");
  write(bad);
  Result<std::unique_ptr<MemoryRoot>> f2 = open("views/f2");
  ASSERT_TRUE(f2.ok()) << f2.error().message;
  EXPECT_EQ(*(*f2)->read_file("/views/f2/etc/services"), "svc");
  Result<VerifyReport> v = verify_bytes(bad, "b");
  ASSERT_TRUE(v.ok());
  ASSERT_GE(v->problems.size(), 2u);
  EXPECT_EQ(v->problems[1], "segment index: segment 0: not 5 fields");
}

TEST(BundleIndexVerify, AnIndexThatMisplacesContentIsReported) {
  std::string bytes = testing::bundle_bytes(series());
  std::string good = index_text(bytes);
  // f1 and f2 swapped: the ranges still tile the file, the labels lie.
  std::string swapped = good;
  size_t f1 = swapped.find("views/f1");
  size_t f2 = swapped.find("views/f2");
  swapped.replace(f1, 8, "views/f2");
  swapped.replace(f2, 8, "views/f1");
  Result<VerifyReport> v = verify_bytes(with_index_text(bytes, swapped), "b");
  ASSERT_TRUE(v.ok());
  bool misplaced = false;
  for (const std::string& p : v->problems) {
    misplaced |= p.find("holds views/f1/proc/net/tcp, which the index does not place there") !=
                 std::string::npos;
  }
  EXPECT_TRUE(misplaced) << ::testing::PrintToString(v->problems);
  // A dependency left out: f2's links point into f1's segment.
  std::string nodeps = good;
  size_t at = nodeps.find("views/f2\t2\n");
  ASSERT_NE(at, std::string::npos);
  nodeps.replace(at, 11, "views/f2\t\n");
  v = verify_bytes(with_index_text(bytes, nodeps), "b");
  ASSERT_TRUE(v.ok());
  bool unlisted = false;
  for (const std::string& p : v->problems) {
    unlisted |= p == "segment index: segment 3 (views/f2): views/f2/proc/net/tcp links into "
                     "segment 2, which it does not list";
  }
  EXPECT_TRUE(unlisted) << ::testing::PrintToString(v->problems);
}

}  // namespace
}  // namespace netstat
