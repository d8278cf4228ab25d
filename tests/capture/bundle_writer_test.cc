// The bundle writer's guarantees: manifest first, fixed owner/mode/mtime,
// atomic files (nothing left behind on failure or on a signal, an existing
// bundle untouched by a failed write), and `netstat verify` catching flipped
// bytes, wrong hashes and missing or extra members.
#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "capture/bundle_writer.h"
#include "tests/capture/bundle_bytes.h"
#include "capture/manifest.h"
#include "capture/recorder.h"
#include "replay/archive_reader.h"
#include "tests/capture/source_fixture.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

Recording sample_recording() {
  auto src = testing::source_root();
  RecordOptions o;
  o.clock = testing::fixed_time;
  o.source = "memory";
  Result<Recording> r = record(*src, o);
  EXPECT_TRUE(r.ok());
  return std::move(*r);
}

std::vector<std::string> dir_names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(BundleWriter, ManifestIsTheFirstMemberAndHeadersAreFixed) {
  std::string bytes = testing::bundle_bytes(sample_recording());
  archive* a = archive_read_new();
  archive_read_support_filter_all(a);
  archive_read_support_format_all(a);
  ASSERT_EQ(archive_read_open_memory(a, bytes.data(), bytes.size()), ARCHIVE_OK);
  archive_entry* e = nullptr;
  bool first = true;
  int filter = archive_filter_code(a, 0);
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    if (first) {
      EXPECT_STREQ(archive_entry_pathname(e), "manifest.json");
    }
    first = false;
    EXPECT_EQ(archive_entry_uid(e), 0);
    EXPECT_EQ(archive_entry_gid(e), 0);
    EXPECT_EQ(archive_entry_mtime(e), 0);
    mode_t perm = archive_entry_perm(e);
    EXPECT_EQ(perm, archive_entry_filetype(e) == AE_IFDIR ? 0755u : 0644u);
  }
  filter = archive_filter_code(a, 0);
  EXPECT_EQ(filter, ARCHIVE_FILTER_ZSTD);
  EXPECT_FALSE(first);
  archive_read_free(a);
}

TEST(BundleWriter, WritesAtomicallyAndLeavesNoTempFile) {
  TempDir dir;
  fs::path out = dir.path() / "snap.tar.zst";
  Recording rec = sample_recording();
  Result<void> w = write_bundle_file(rec, out.string());
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(dir_names(dir.path()), std::vector<std::string>{"snap.tar.zst"});
  EXPECT_EQ(slurp(out), testing::bundle_bytes(rec));
}

TEST(BundleWriter, FailureLeavesNothingBehind) {
  TempDir dir;
  fs::path out = dir.path() / "snap.tar.zst";
  WriteOptions o;
  o.on_progress = [](size_t) -> Result<void> {
    return Error{Errc::io_error, 28, "No space left on device"};
  };
  Result<void> w = write_bundle_file(sample_recording(), out.string(), o);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().message, out.string() + ": No space left on device");
  EXPECT_TRUE(dir_names(dir.path()).empty());
}

TEST(BundleWriter, FailureKeepsAnExistingBundle) {
  TempDir dir;
  fs::path out = dir.path() / "snap.tar.zst";
  testing::write_file(out, "previous bundle");
  WriteOptions o;
  o.on_progress = [](size_t) -> Result<void> { return Error{Errc::io_error, 5, "I/O error"}; };
  ASSERT_FALSE(write_bundle_file(sample_recording(), out.string(), o).ok());
  EXPECT_EQ(slurp(out), "previous bundle");
  EXPECT_EQ(dir_names(dir.path()), std::vector<std::string>{"snap.tar.zst"});
}

TEST(BundleWriter, MissingFolderIsAClearError) {
  Result<void> w = write_bundle_file(sample_recording(), "/nonexistent-dir/x.tar.zst");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().message,
            "/nonexistent-dir/x.tar.zst: cannot create a file in /nonexistent-dir/: "
            "No such file or directory");
}

TEST(BundleWriterDeathTest, SignalWhileWritingRemovesTheTempFile) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  TempDir dir;
  fs::path out = dir.path() / "snap.tar.zst";
  Recording rec = sample_recording();
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    WriteOptions o;
    o.on_progress = [sig](size_t) -> Result<void> {
      ::raise(sig);
      return {};
    };
    EXPECT_EXIT((void)write_bundle_file(rec, out.string(), o),
                ::testing::KilledBySignal(sig), "");
    EXPECT_TRUE(dir_names(dir.path()).empty()) << "signal " << sig;
  }
}

TEST(Verify, IntactBundlePasses) {
  std::string bytes = testing::bundle_bytes(sample_recording());
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "b", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<VerifyReport> r = verify_members(*e);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->problems.empty());
  EXPECT_EQ(r->format_version, 2);
  EXPECT_EQ(r->members, e->size() - 1);
}

TEST(Verify, WrongHashIsReported) {
  Recording rec = sample_recording();
  for (ManifestEntry& m : rec.manifest.entries) {
    if (m.path == "proc/net/tcp") m.sha256 = std::string(64, '0');
  }
  std::string bytes = testing::bundle_bytes(rec);
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "b", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<VerifyReport> r = verify_members(*e);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->problems,
            std::vector<std::string>{"proc/net/tcp: SHA-256 does not match the manifest"});
}

TEST(Verify, MissingAndExtraMembersAreReported) {
  Recording rec = sample_recording();
  auto it = std::find_if(rec.members.begin(), rec.members.end(),
                         [](const BundleMember& m) { return m.path == "etc/hosts"; });
  ASSERT_NE(it, rec.members.end());
  rec.members.erase(it);
  rec.members.push_back({"proc/net/extra", FileType::regular, "x", {}});
  std::string bytes = testing::bundle_bytes(rec);
  Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "b", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<VerifyReport> r = verify_members(*e);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->problems, (std::vector<std::string>{
                             "proc/net/extra: not listed in the manifest",
                             "etc/hosts: listed in the manifest but missing"}));
}

TEST(Verify, SizeMismatchIsReported) {
  Recording rec = sample_recording();
  for (BundleMember& m : rec.members) {
    if (m.path == "etc/hosts") m.data += "#";
  }
  Result<std::vector<ArchiveEntry>> e = decode_archive(testing::bundle_bytes(rec), "b", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<VerifyReport> r = verify_members(*e);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].rfind("etc/hosts: size ", 0), 0u);
}

TEST(Verify, EveryFlippedByteIsCaught) {
  std::string good = testing::bundle_bytes(sample_recording());
  size_t caught = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    Result<VerifyReport> r = verify_bytes(bad, "b");
    if (!r.ok() || !r->problems.empty()) {
      ++caught;
      continue;
    }
    ADD_FAILURE() << "flipping byte " << i << " of " << good.size() << " went unnoticed";
  }
  EXPECT_EQ(caught, good.size());
}

TEST(Verify, IntactBytesHaveAMatchingTrailer) {
  Result<VerifyReport> r = verify_bytes(testing::bundle_bytes(sample_recording()), "b");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stream_trailer);
  EXPECT_TRUE(r->problems.empty());
}

TEST(Verify, ChangedByteBehindTheTrailerIsReported) {
  std::string bytes = testing::bundle_bytes(sample_recording());
  bytes[5] = static_cast<char>(bytes[5] ^ 1);  // zstd window bits: decodes fine
  Result<VerifyReport> r = verify_bytes(bytes, "b");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->problems, std::vector<std::string>{
                             "the file's bytes do not match its SHA-256 trailer "
                             "(changed after it was written)"});
}

TEST(Verify, ArchiveWithoutManifestIsNotABundle) {
  std::string tar = testing::to_tar(testing::sample_tree(), testing::Compression::zstd);
  Result<std::vector<ArchiveEntry>> e = decode_archive(tar, "t", ArchiveLimits{});
  ASSERT_TRUE(e.ok());
  Result<VerifyReport> r = verify_members(*e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "first member is not manifest.json (not a netstat bundle)");
}

TEST(Verify, BundleFileErrorsNameThePath) {
  TempDir dir;
  fs::path p = dir.path() / "b.tar.zst";
  testing::write_file(p, "garbage");
  Result<VerifyReport> r = verify_bundle(p.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind(p.string() + ": ", 0), 0u) << r.error().message;
}

TEST(Manifest, Sha256OfKnownInput) {
  EXPECT_EQ(sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Manifest, JsonRoundTrip) {
  Recording rec = sample_recording();
  Result<Manifest> m = parse_manifest(manifest_to_json(rec.manifest));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(manifest_to_json(*m), manifest_to_json(rec.manifest));
  EXPECT_EQ(m->views.size(), 1u);
  EXPECT_EQ(m->views[0].id, "default");
  EXPECT_EQ(m->views[0].root, "");
}

}  // namespace
}  // namespace netstat
