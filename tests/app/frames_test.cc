// Bundles of several frames (format 2): a listener opened between frame 0
// and frame 1 is absent from --frame=0, present in --frame=-1 and in
// `diff B@0 B@-1`; -c prints every frame; unchanged files are stored once
// (symlinks to the first copy); `info` lists the frames; verify accepts the
// bundle; selectors that name nothing fail with one line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "replay/archive_reader.h"
#include "replay/bundle_index.h"
#include "replay/memory_root.h"
#include "src/app.h"
#include "src/output.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

struct Invocation {
  int status;
  std::string out;
  std::string err;
};

Invocation run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out;
  Output err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

const char kTcpHeader[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n";
const char kSsh[] =
    "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
    "       0 1111 1 0000000000000000 100 0 0 10 0\n";
const char kWeb[] =
    "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
    "       0 2222 1 0000000000000000 100 0 0 10 0\n";

std::unique_ptr<MemoryRoot> host(bool with_web, const std::string& snmp_in) {
  auto r = std::make_unique<MemoryRoot>();
  r->add_file("proc/net/tcp", std::string(kTcpHeader) + kSsh + (with_web ? kWeb : ""));
  r->add_file("proc/net/snmp",
              "Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 " + snmp_in + "\n");
  r->add_file("etc/services", "ssh\t\t22/tcp\nhttp-alt\t8080/tcp\n");
  r->add_file("etc/hosts", "127.0.0.1\tlocalhost\n");
  r->add_dir("proc/214/fd");
  return r;
}

std::chrono::system_clock::time_point at_ms(long long ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::milliseconds(ms)));
}

// Frames of the given hosts, 1.5 s apart, written to \a path.
void write_series(const std::vector<const Root*>& frames, const fs::path& path) {
  MultiViewRecording series;
  std::string end;
  for (size_t k = 0; k < frames.size(); ++k) {
    RecordOptions o;
    long long t = 1714564800000LL + static_cast<long long>(k) * 1500;
    o.clock = [t] { return at_ms(t); };
    o.tool = "netstat";
    o.tool_version = "test";
    o.source = "memory";
    Result<Recording> rec = record(*frames[k], o);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    ManifestView v;
    v.id = k == 0 ? "default" : "f" + std::to_string(k);
    v.frame = static_cast<uint32_t>(k);
    v.time = rec->manifest.capture_start;
    end = rec->manifest.capture_end;
    series.add(std::move(*rec), std::move(v));
  }
  Result<void> w = write_bundle_file(series.finish(end), path.string());
  ASSERT_TRUE(w.ok()) << w.error().message;
}

class Frames : public ::testing::Test {
 protected:
  void SetUp() override {
    m_frames.push_back(host(false, "100"));
    m_frames.push_back(host(false, "250"));
    m_frames.push_back(host(true, "400"));
    write_series({m_frames[0].get(), m_frames[1].get(), m_frames[2].get()}, bundle());
  }
  fs::path bundle() const { return m_dir.path() / "series.tar.zst"; }
  std::string b() const { return bundle().string(); }

  testing::TempDir m_dir;
  std::vector<std::unique_ptr<MemoryRoot>> m_frames;
};

TEST_F(Frames, FrameSelectsTheMoment) {
  Invocation first = run_args({"--root=" + b(), "-tln"});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("0.0.0.0:22 "), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find("0.0.0.0:8080"), std::string::npos) << first.out;
  EXPECT_EQ(run_args({"--root=" + b(), "--frame=0", "-tln"}).out, first.out);
  Invocation last = run_args({"--root=" + b(), "--frame=-1", "-tln"});
  EXPECT_NE(last.out.find("0.0.0.0:8080"), std::string::npos) << last.out;
  EXPECT_EQ(run_args({"--root=" + b(), "--frame", "2", "-tln"}).out, last.out);
}

TEST_F(Frames, EveryModeAndJsonTakeTheSelector) {
  Invocation s0 = run_args({"--root=" + b(), "-s", "--frame=0"});
  Invocation s2 = run_args({"--root=" + b(), "-s", "--frame=2"});
  EXPECT_NE(s0.out.find("100 total packets received"), std::string::npos) << s0.out;
  EXPECT_NE(s2.out.find("400 total packets received"), std::string::npos) << s2.out;
  Invocation j = run_args({"--root=" + b(), "--json", "-tln", "--frame=-1"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("\"local_port\":8080"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"captured_at\":\"2024-05-01T12:00:03.000Z\""), std::string::npos)
      << j.out;
  EXPECT_NE(j.out.find("\"view\":{\"id\":\"f2\""), std::string::npos) << j.out;
}

TEST_F(Frames, ContinuousPrintsEveryFrameThenStops) {
  Invocation c = run_args({"--root=" + b(), "-tlnc"});
  ASSERT_EQ(c.status, 0) << c.err;
  std::string f0 = run_args({"--root=" + b(), "-tln", "--frame=0"}).out;
  std::string f1 = run_args({"--root=" + b(), "-tln", "--frame=1"}).out;
  std::string f2 = run_args({"--root=" + b(), "-tln", "--frame=2"}).out;
  EXPECT_EQ(c.out, f0 + f1 + f2);
  // A chosen frame is one frame, also with -c.
  EXPECT_EQ(run_args({"--root=" + b(), "-tlnc", "--frame=1"}).out, f1);
}

TEST_F(Frames, DiffOfFrames) {
  Invocation d = run_args({"diff", "-tln", b() + "@0", b() + "@-1"});
  EXPECT_EQ(d.status, 1) << d.err;
  EXPECT_NE(d.out.find("0.0.0.0:8080"), std::string::npos) << d.out;
  EXPECT_EQ(run_args({"diff", "-tln", b() + "@0", b() + "@1"}).status, 0);
  // Rates use the frames' own times: 150 packets in 1.5 s.
  Invocation s = run_args({"diff", "-s", "--json", b() + "@0", b() + "@1"});
  EXPECT_NE(s.out.find("\"elapsed_s\":1.500"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("\"rate_per_s\":100"), std::string::npos) << s.out;
}

TEST_F(Frames, SelectorsThatNameNothingFail) {
  Invocation f = run_args({"--root=" + b(), "--frame=3", "-tln"});
  EXPECT_EQ(f.status, 2);
  EXPECT_EQ(f.err, "netstat: " + b() + ": no frame 3 (the bundle has 3 frames: 0..2)\n");
  Invocation n = run_args({"--root=" + b(), "--netns=blue", "-tln"});
  EXPECT_EQ(n.status, 2);
  EXPECT_EQ(n.err, "netstat: " + b() + ": no network namespace 'blue' in the bundle (it has: self)\n");
  // A malformed option value is a usage error, as --root without a value
  // (2.10's usage text, exit 3).
  Invocation bad = run_args({"--root=" + b(), "--frame=x", "-tln"});
  EXPECT_EQ(bad.status, 3);
  EXPECT_EQ(bad.err.rfind("netstat: invalid frame number 'x' for --frame", 0), 0u) << bad.err;
  Invocation live = run_args({"--frame=1", "-tln"});
  EXPECT_EQ(live.status, 2);
  EXPECT_NE(live.err.find("--root=BUNDLE"), std::string::npos) << live.err;
  Invocation d = run_args({"diff", b() + "@7", b()});
  EXPECT_EQ(d.status, 2);
  EXPECT_NE(d.err.find("no frame 7"), std::string::npos) << d.err;
}

TEST_F(Frames, UnchangedFilesAreStoredOnce) {
  Result<std::vector<ArchiveEntry>> entries = read_archive(b(), ArchiveLimits{});
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  auto find = [&](const std::string& p) -> const ArchiveEntry* {
    for (const ArchiveEntry& e : *entries) {
      if (e.path == p) return &e;
    }
    return nullptr;
  };
  const ArchiveEntry* tcp1 = find("views/f1/proc/net/tcp");
  ASSERT_NE(tcp1, nullptr);
  EXPECT_EQ(tcp1->type, FileType::symlink);
  EXPECT_EQ(tcp1->data, "../../../../proc/net/tcp");
  const ArchiveEntry* tcp2 = find("views/f2/proc/net/tcp");
  ASSERT_NE(tcp2, nullptr);
  EXPECT_EQ(tcp2->type, FileType::regular);
  const ArchiveEntry* snmp1 = find("views/f1/proc/net/snmp");
  ASSERT_NE(snmp1, nullptr);
  EXPECT_EQ(snmp1->type, FileType::regular);
  Invocation v = run_args({"verify", b()});
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_EQ(v.out.rfind(b() + ": OK (format 2, ", 0), 0u) << v.out;
}

TEST_F(Frames, InfoListsTheFrames) {
  Invocation i = run_args({"info", b()});
  ASSERT_EQ(i.status, 0) << i.err;
  EXPECT_NE(i.out.find("format:   2\n"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("frames:   3\n"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("2      2024-05-01T12:00:03.000Z\n"), std::string::npos) << i.out;
  Invocation j = run_args({"info", "--json", b()});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("\"frames\":3"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("{\"frame\":1,\"time\":\"2024-05-01T12:00:01.500Z\",\"view\":\"f1\""),
            std::string::npos)
      << j.out;
}

// redact rewrites every frame (one mapping, docs/redaction.md): the redacted
// series keeps its frames and their times, and each frame replays with the
// rows of the original's.
TEST_F(Frames, RedactKeepsEveryFrame) {
  fs::path out = m_dir.path() / "red.tar.zst";
  Invocation r = run_args({"redact", b(), "-o", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  Invocation i = run_args({"info", out.string()});
  ASSERT_EQ(i.status, 0) << i.err;
  EXPECT_NE(i.out.find("frames:   3\n"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("2      2024-05-01T12:00:03.000Z\n"), std::string::npos) << i.out;
  for (const char* frame : {"--frame=0", "--frame=1", "--frame=-1"}) {
    Invocation o = run_args({"--root=" + b(), frame, "-tan"});
    Invocation x = run_args({"--root=" + out.string(), frame, "-tan"});
    EXPECT_EQ(o.status, x.status) << frame;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'),
              std::count(x.out.begin(), x.out.end(), '\n'))
        << frame << "\n" << o.out << x.out;
  }
}

// export writes every frame's rows with its frame number and time: the
// listener opened before frame 2 is in frame 2's rows only.
TEST_F(Frames, ExportWritesEveryFrame) {
  fs::path out = m_dir.path() / "export";
  Invocation r = run_args({"export", "-o", out.string(), b()});
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::string> rows;
  for (const auto& e : fs::recursive_directory_iterator(out / "sockets")) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) rows.push_back(line);
  }
  size_t ssh = 0, web = 0;
  for (const std::string& row : rows) {
    if (row.find("\"local_port\":22,") != std::string::npos) ++ssh;
    if (row.find("\"local_port\":8080,") != std::string::npos) {
      ++web;
      EXPECT_NE(row.find("\"frame\":2,\"captured_at\":\"2024-05-01T12:00:03.000Z\""),
                std::string::npos)
          << row;
    }
  }
  EXPECT_EQ(ssh, 3u);  // one per frame
  EXPECT_EQ(web, 1u);
}

TEST_F(Frames, CaptureSeriesFromATree) {
  testing::TempDir dir;
  testing::to_directory(testing::sample_tree(), dir.path() / "tree");
  fs::path out = dir.path() / "s.tar.zst";
  fs::path one = dir.path() / "one.tar.zst";
  Invocation r = run_args({"capture", "--root=" + (dir.path() / "tree").string(), "--count",
                           "4", "--interval", "0.05", "-o", out.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(run_args({"capture", "--root=" + (dir.path() / "tree").string(), "-o",
                      one.string()}).status, 0);
  EXPECT_EQ(run_args({"verify", out.string()}).status, 0);
  Invocation c = run_args({"--root=" + out.string(), "-tanc"});
  Invocation single = run_args({"--root=" + one.string(), "-tan"});
  EXPECT_EQ(c.out, single.out + single.out + single.out + single.out);
  // Four frames of an unchanged tree: far less than four times one frame
  // (each later frame is its links' tar headers, in a zstd frame of its own
  // for the segment index: ~600 bytes here).
  EXPECT_LT(fs::file_size(out), 5 * fs::file_size(one) / 2);
}

// With the segment index, what reads one frame reads only that frame's
// zstd frames (and those its links point into): damage in frame 2's frame
// leaves frames 0 and 1 and `info` readable, while frame 2 and `verify`
// report it.
TEST_F(Frames, DamageInOneFrameLeavesTheOthersReadable) {
  testing::TempDir dir;
  testing::to_directory(testing::sample_tree(), dir.path() / "tree");
  fs::path out = dir.path() / "s.tar.zst";
  ASSERT_EQ(run_args({"capture", "--root=" + (dir.path() / "tree").string(), "--count", "3",
                      "--interval", "0.01", "-o", out.string()}).status, 0);
  std::string bytes;
  {
    std::ifstream in(out, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  Result<std::optional<BundleIndex>> index = find_bundle_index(bytes);
  ASSERT_TRUE(index.ok() && index->has_value());
  const BundleSegment* f2 = nullptr;
  for (const BundleSegment& s : (*index)->segments) {
    if (s.folder == "views/f2") f2 = &s;
  }
  ASSERT_NE(f2, nullptr);
  Invocation before = run_args({"--root=" + out.string(), "--frame=1", "-tan"});
  ASSERT_EQ(before.status, 0) << before.err;
  bytes[f2->offset + f2->size / 2] = static_cast<char>(bytes[f2->offset + f2->size / 2] ^ 0x5a);
  std::ofstream(out, std::ios::binary | std::ios::trunc) << bytes;
  for (const char* frame : {"--frame=0", "--frame=1"}) {
    Invocation r = run_args({"--root=" + out.string(), frame, "-tan"});
    EXPECT_EQ(r.status, 0) << frame << ": " << r.err;
    EXPECT_EQ(r.out, before.out) << frame;
  }
  EXPECT_EQ(run_args({"info", out.string()}).status, 0);
  Invocation damaged = run_args({"--root=" + out.string(), "--frame=2", "-tan"});
  EXPECT_NE(damaged.status, 0);
  EXPECT_NE(damaged.err.find(out.string() + ": "), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.err.find("Data corruption detected"), std::string::npos) << damaged.err;
  EXPECT_NE(run_args({"verify", out.string()}).status, 0);
}

}  // namespace
}  // namespace netstat
