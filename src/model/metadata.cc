// Metadata of a snapshot: identity() for host/kernel/euid, manifest.json
// (bundles) for the capture time and tool; live roots get "now".
#include "src/model/metadata.h"

#include <cstdio>
#include <ctime>

#include <sys/time.h>

#include <fmt/format.h>

#include "replay/bundle_manifest.h"
#include "replay/snapshot_root.h"

namespace netstat::model {

std::optional<double> parse_rfc3339(std::string_view text) {
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  std::string s(text);
  int y, mo, d, h, mi, sec;
  int used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
                  &sec, &used) != 6) {
    return std::nullopt;
  }
  double frac = 0;
  size_t pos = static_cast<size_t>(used);
  if (pos < s.size() && s[pos] == '.') {
    double scale = 0.1;
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      frac += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  if (pos >= s.size() || (s[pos] != 'Z' && s[pos] != 'z') || pos + 1 != s.size()) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  time_t t = ::timegm(&tm);
  return static_cast<double>(t) + frac;
}

Metadata load_metadata(const Root& root, const std::string& spec, bool live) {
  Metadata m;
  SystemIdentity id = root.identity();
  m.host = id.hostname;
  m.kernel = id.kernel_release;
  m.euid = id.euid;
  m.live = live;
  m.source = spec.empty() ? "/" : spec;
  if (live) {
    struct timeval tv;
    ::gettimeofday(&tv, nullptr);
    std::tm tm{};
    time_t secs = tv.tv_sec;
    ::gmtime_r(&secs, &tm);
    m.captured_at = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                tm.tm_hour, tm.tm_min, tm.tm_sec,
                                tv.tv_usec / 1000);
    m.captured_epoch = static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
    return m;
  }
  // A bundle's view: its own manifest (the frame's time, which view).
  std::optional<Manifest> man;
  const auto* snapshot = dynamic_cast<const SnapshotRoot*>(&root);
  if (snapshot != nullptr && snapshot->manifest() != nullptr) {
    man = *snapshot->manifest();
    if (const ManifestView* v = snapshot->view()) {
      m.view = Metadata::View{v->id, v->netns, v->names, v->frame};
    }
  } else if (snapshot != nullptr) {
    // A foreign tree's view (a sosreport's namespace): no manifest.
    if (const ManifestView* v = snapshot->view()) {
      m.view = Metadata::View{v->id, v->netns, v->names, v->frame};
    }
  } else {
    Result<std::string> text = root.read_file("/" + std::string(kManifestPath));
    if (text.ok() && looks_like_bundle_manifest(*text)) {
      Result<Manifest> parsed = parse_manifest(*text);
      if (parsed.ok()) man = std::move(*parsed);
    }
  }
  if (!man) {
    // A foreign tree that says when it was taken (a sosreport: local time
    // without a zone, taken as UTC for the epoch, so intervals between two
    // reports of one machine are right).
    SourceInfo src = root.source_info();
    if (!src.captured_at.empty()) {
      m.captured_at = src.captured_at;
      m.captured_epoch = parse_rfc3339(src.captured_at + "Z");
    }
    if (!src.tool.empty()) m.tool = src.tool;
    return m;
  }
  // The frame's own time where the view has one (a series' frames differ).
  const std::string& time = !man->views.empty() && !man->views.front().time.empty()
                                ? man->views.front().time
                                : man->capture_start;
  m.captured_at = time;
  m.captured_epoch = parse_rfc3339(time);
  if (!man->tool.empty()) {
    m.tool = man->tool + (man->tool_version.empty() ? "" : " " + man->tool_version);
  }
  if (m.host.empty()) m.host = man->hostname;
  if (m.kernel.empty()) m.kernel = man->kernel_release;
  return m;
}

}  // namespace netstat::model
