// Writes a bundle of several views (format 2: network namespaces x frames)
// from captured directory trees, without root: each view is recorded from
// its tree as `netstat capture --root=TREE` would, then merged as a
// series is (capture/series.h). For tests of tools that read every view
// (tests/fleet: `netstat export`).
//
//   make_views OUT.tar.zst BASE_MS VIEW...
//   VIEW = TREE,INODE,NAME,FRAME[,RUNTIME:ID[:POD_UID]]
//
// INODE 0 is the capturer's own namespace ("self"); otherwise the view is
// "netns:[INODE]" named NAME under /run/netns ("-" for none), of the
// container RUNTIME:ID (pod POD_UID) when given. Frame F is
// timed BASE_MS + F * 1500 ms (milliseconds since the epoch, UTC). The
// first VIEW becomes the bundle's top.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "replay/root.h"

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "make_views: %s\n", what.c_str());
  return 1;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (;;) {
    size_t next = s.find(sep, at);
    out.push_back(s.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) return out;
    at = next + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace netstat;
  if (argc < 4) {
    return fail("usage: make_views OUT.tar.zst BASE_MS TREE,INODE,NAME,FRAME...");
  }
  const std::string out = argv[1];
  const long long base_ms = std::atoll(argv[2]);
  MultiViewRecording series;
  std::string end;
  for (int i = 3; i < argc; ++i) {
    std::vector<std::string> f = split(argv[i], ',');
    if (f.size() != 4 && f.size() != 5) return fail(std::string("bad view: ") + argv[i]);
    const std::string& tree = f[0];
    const uint64_t inode = std::strtoull(f[1].c_str(), nullptr, 10);
    const std::string& name = f[2];
    const auto frame = static_cast<uint32_t>(std::strtoul(f[3].c_str(), nullptr, 10));
    Result<std::unique_ptr<Root>> root = open_root(tree);
    if (!root.ok()) return fail(tree + ": " + root.error().message);
    const long long ms = base_ms + static_cast<long long>(frame) * 1500;
    RecordOptions o;
    o.clock = [ms] {
      return std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::milliseconds(ms)));
    };
    o.tool = "netstat";
    o.tool_version = "make_views";
    o.source = tree;
    Result<Recording> rec = record(**root, o);
    if (!rec.ok()) return fail(tree + ": " + rec.error().message);
    ManifestView v;
    v.frame = frame;
    v.time = rec->manifest.capture_start;
    if (inode != 0) {
      v.netns = "netns:[" + std::to_string(inode) + "]";
      v.inode = inode;
      if (name != "-") v.names.push_back(name);
    }
    if (f.size() == 5) {
      std::vector<std::string> c = split(f[4], ':');
      if (c.size() < 2 || c.size() > 3) return fail(std::string("bad container: ") + f[4]);
      v.container = ViewContainer{c[0], c[1], c.size() == 3 ? c[2] : std::string()};
    }
    v.id = series.empty() ? "default"
                          : (inode == 0 ? std::string("self") : "n" + std::to_string(inode)) +
                                "-f" + std::to_string(frame);
    end = rec->manifest.capture_end;
    series.add(std::move(*rec), std::move(v));
  }
  Result<void> w = write_bundle_file(series.finish(end), out);
  if (!w.ok()) return fail(out + ": " + w.error().message);
  return 0;
}
