// `netstat capture [-o FILE|-] [--full-cmdline] [--root=PATH]
// [--all-netns | --netns=SEL] [--interval S --count N]`: records everything every mode reads into one
// bundle (capture/recorder.h) and writes it atomically
// (capture/bundle_writer.h). Without -o the bundle is
// ./netstat-HOST-YYYYMMDDTHHMMSSZ.tar.zst; the path written is printed on
// stdout. `-o -` streams the bundle to stdout instead (never to a
// terminal). Files are 0600 and an existing one is kept unless --force.
//
// A series (--count N) records N frames, one every --interval seconds
// (frame k starts at start + k * interval, however long frame k-1 took),
// each a view of the bundle (capture/series.h). SIGINT, SIGTERM or SIGHUP
// during a series ends it: the frames already taken are written as a
// complete bundle. While the bundle itself is written, those signals
// abandon it (the temporary file is removed, as for a single capture).
//
// --all-netns records every network namespace of the running system as a
// view of its own (capture/netns_scan.h finds them, capture/netns_record.h
// enters each in a child process); --netns=SEL only the one SEL names.
// Namespaces that cannot be entered (not root) are listed in the manifest's
// skipped_netns and on stderr.
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <sstream>

#include "src/cli/cli11.h"

#include <set>

#include "capture/bundle_writer.h"
#include "capture/netns_record.h"
#include "capture/netns_scan.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "replay/libarchive_api.h"
#include "replay/root.h"
#include "src/cli/output_target.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/version.h"

namespace netstat {
namespace {

struct CaptureOptions {
  std::string output;
  std::string root;
  bool full_cmdline = false;
  bool force = false;
  double interval = 1.0;
  long count = 1;
  bool all_netns = false;
  std::string netns;
};

constexpr std::string_view kEmptyRoot =
    "empty path (an unset variable?); leave --root out to capture this machine";

void setup_capture(CLI::App& app, CaptureOptions& o) {
  app.add_option("-o,--output", o.output,
                 "Bundle to write ('-' = stdout); default "
                 "./netstat-HOST-YYYYMMDDTHHMMSSZ.tar.zst");
  app.add_flag("-f,--force", o.force, "Replace an existing output file");
  app.add_flag("--full-cmdline", o.full_cmdline,
               "Record whole command lines of processes with sockets "
               "(default: argv[0] only)");
  app.add_option("--root", o.root,
                 "Capture from a directory tree or bundle instead of the "
                 "running system")
      ->check([](const std::string& v) -> std::string {
        // `--root=$SOS` with the variable unset must not capture this machine.
        return v.empty() ? std::string(kEmptyRoot) : std::string();
      });
  app.add_option("--count", o.count,
                 "Frames to record (a time series; default 1). Ctrl-C ends "
                 "the series and writes the frames taken")
      ->check(CLI::Range(1L, 100000L));
  app.add_option("--interval", o.interval,
                 "Seconds between the starts of frames (fractions allowed; "
                 "default 1)")
      ->check(CLI::Range(0.0, 86400.0));
  CLI::Option* all = app.add_flag(
      "--all-netns", o.all_netns,
      "Record every network namespace (named ones in /run/netns, those of "
      "containers and other processes), each as a view; needs root to enter them");
  app.add_option("--netns", o.netns,
                 "Record one network namespace: a name from /run/netns, an inode, "
                 "pid:PID of a process inside it, or self")
      ->excludes(all);
}

// Keeps [A-Za-z0-9.-] of a hostname for the default file name.
std::string file_safe(std::string_view host) {
  std::string out;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-';
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? std::string("unknown") : out;
}

// "2024-05-01T12:00:00.250Z" -> "20240501T120000Z" (whole seconds).
std::string compact_time(std::string_view utc) {
  std::string out;
  for (char c : utc) {
    if (c == '.') {
      out.push_back('Z');
      break;
    }
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

// --- Ending a series early ---
volatile sig_atomic_t g_stop_series = 0;
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void stop_series(int) { g_stop_series = 1; }

// While alive, the stop signals end the series instead of the process.
class SeriesSignals {
 public:
  SeriesSignals() {
    g_stop_series = 0;
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = stop_series;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kStopSignals); ++i) {
      ::sigaction(kStopSignals[i], &sa, &m_old[i]);
    }
  }
  ~SeriesSignals() {
    for (size_t i = 0; i < std::size(kStopSignals); ++i) {
      ::sigaction(kStopSignals[i], &m_old[i], nullptr);
    }
  }
  SeriesSignals(const SeriesSignals&) = delete;
  SeriesSignals& operator=(const SeriesSignals&) = delete;

 private:
  struct sigaction m_old[std::size(kStopSignals)];
};

// Sleeps until \a deadline (CLOCK_MONOTONIC) or a stop signal.
void sleep_until(const timespec& deadline) {
  while (g_stop_series == 0) {
    int rc = ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
    if (rc == 0) return;
    if (rc != EINTR) return;
  }
}

timespec monotonic_plus(const timespec& start, double seconds) {
  timespec t = start;
  double whole = std::floor(seconds);
  t.tv_sec += static_cast<time_t>(whole);
  t.tv_nsec += static_cast<long>((seconds - whole) * 1e9);
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec += 1;
    t.tv_nsec -= 1000000000L;
  }
  return t;
}

// The capturer's own network namespace inode, where the root can tell
// (the live system: /proc/self/ns/net -> "net:[4026531840]").
uint64_t own_netns_inode(const Root& root) {
  Result<std::string> link = root.read_link("/proc/self/ns/net");
  if (!link.ok() || link->rfind("net:[", 0) != 0 || link->back() != ']') return 0;
  uint64_t inode = 0;
  for (size_t i = 5; i + 1 < link->size(); ++i) {
    char c = (*link)[i];
    if (c < '0' || c > '9') return 0;
    inode = inode * 10 + static_cast<uint64_t>(c - '0');
  }
  return inode;
}

std::string netns_label(const NetnsInfo& ns) {
  std::string out = ns.self ? "self (netns:[" + std::to_string(ns.inode) + "])" : ns.netns();
  for (size_t i = 0; i < ns.names.size(); ++i) out += (i == 0 ? " " : ",") + ns.names[i];
  return out;
}

// The namespaces of one frame, recorded in scan order; what cannot be
// recorded goes to \a skipped (once per namespace and reason).
class NamespaceFrames {
 public:
  NamespaceFrames(const CaptureOptions& o, const RecordOptions& ro, const Root& root,
                  Output& err)
      : m_o(o), m_ro(ro), m_root(root), m_err(err) {}

  /// Records frame \a k into \a series. False with a message on \a err
  /// when nothing of the frame could be recorded.
  bool frame(long k, MultiViewRecording& series, std::string& capture_end) {
    Result<NetnsScan> scan = scan_netns(m_root, list_named_netns());
    if (!scan.ok()) {
      m_err.print("netstat capture: network namespaces: {}\n", scan.error().message);
      return false;
    }
    for (const SkippedNetns& s : scan->unknown) skip(s);
    std::vector<const NetnsInfo*> chosen;
    if (m_o.all_netns) {
      for (const NetnsInfo& n : scan->namespaces) chosen.push_back(&n);
    } else if (const NetnsInfo* n = find_netns(*scan, m_o.netns)) {
      chosen.push_back(n);
    } else {
      std::string have;
      for (const NetnsInfo& ns : scan->namespaces) {
        have += (have.empty() ? "" : ", ") + netns_label(ns);
      }
      m_err.print("netstat capture: no network namespace '{}' (there are: {})\n", m_o.netns,
                  have);
      return false;
    }
    // The others are recorded by child processes while this thread records
    // the capturer's own namespace.
    std::vector<NetnsJob> jobs;
    std::vector<std::optional<Result<Recording>>> results(chosen.size());
    std::vector<size_t> job_of(chosen.size(), SIZE_MAX);
    size_t self_index = SIZE_MAX;
    for (size_t i = 0; i < chosen.size(); ++i) {
      if (chosen[i]->self) {
        self_index = i;
        continue;
      }
      Result<int> fd = open_netns(*chosen[i]);
      if (!fd.ok()) {
        results[i] = Result<Recording>(fd.error());
        continue;
      }
      job_of[i] = jobs.size();
      jobs.push_back({*fd, options_for(*chosen[i])});
    }
    std::vector<Result<Recording>> recorded = record_in_netns(jobs, 2, [&] {
      if (self_index != SIZE_MAX) results[self_index] = record(m_root, m_ro);
    });
    for (const NetnsJob& j : jobs) ::close(j.fd);
    for (size_t i = 0; i < chosen.size(); ++i) {
      if (job_of[i] != SIZE_MAX) results[i] = std::move(recorded[job_of[i]]);
    }
    bool any = false;
    for (size_t i = 0; i < chosen.size(); ++i) {
      const NetnsInfo* ns = chosen[i];
      Result<Recording>& rec = *results[i];
      if (!rec.ok()) {
        SkippedNetns s;
        s.netns = ns->netns() == "self" ? "netns:[" + std::to_string(ns->inode) + "]"
                                        : ns->netns();
        s.inode = ns->inode;
        s.names = ns->names;
        for (const ViewProcess& p : ns->processes) s.pids.push_back(p.pid);
        s.error = rec.error();
        skip(s);
        continue;
      }
      ManifestView v;
      std::string tag = "n" + std::to_string(ns->inode);
      v.id = ns->self ? (k == 0 ? std::string("default") : "f" + std::to_string(k))
                      : (k == 0 ? tag : "f" + std::to_string(k) + "-" + tag);
      v.netns = ns->netns();
      v.inode = ns->inode;
      v.names = ns->names;
      v.frame = static_cast<uint32_t>(k);
      v.time = rec->manifest.capture_start;
      v.processes = ns->processes;
      v.container = ns->container;
      capture_end = rec->manifest.capture_end;
      series.add(std::move(*rec), std::move(v));
      any = true;
    }
    if (!any && series.empty()) {
      m_err.print("netstat capture: no network namespace could be recorded\n");
      report();
      return false;
    }
    return true;
  }

  const std::vector<SkippedNetns>& skipped() const { return m_skipped; }

  /// One stderr line per namespace not recorded (at most ten).
  void report() const {
    size_t shown = 0;
    for (const SkippedNetns& s : m_skipped) {
      if (shown++ == 10) {
        m_err.print("netstat capture: ... and {} more\n", m_skipped.size() - 10);
        break;
      }
      std::string what = s.netns;
      for (size_t i = 0; i < s.names.size(); ++i) what += (i == 0 ? " " : ",") + s.names[i];
      if (s.netns == "unknown") {
        m_err.print("netstat capture: the network namespace of {} process{} could not be "
                    "read ({}); not recorded\n",
                    s.pids.size(), s.pids.size() == 1 ? "" : "es", error_text(s.error));
      } else {
        m_err.print("netstat capture: network namespace {} not recorded: {}\n", what,
                    s.error.message.empty() ? error_text(s.error) : s.error.message);
      }
    }
    if (!m_skipped.empty()) {
      m_err.print("netstat capture: {} listed in the manifest's skipped_netns "
                  "(netstat info){}\n",
                  m_skipped.size() == 1 ? "it is" : "they are",
                  ::geteuid() != 0 ? "; entering a namespace needs root" : "");
    }
  }

 private:
  // A namespace's options: its process walk takes the processes inside.
  RecordOptions options_for(const NetnsInfo& ns) const {
    RecordOptions ro = m_ro;
    ro.threads = Threads::one;  // two workers already share the cores
    ro.processes.emplace();
    for (const ViewProcess& p : ns.processes) ro.processes->push_back(std::to_string(p.pid));
    return ro;
  }

  void skip(const SkippedNetns& s) {
    auto key = std::make_pair(s.netns, static_cast<int>(s.error.code));
    if (!m_seen.insert(key).second) return;
    m_skipped.push_back(s);  // the message is for stderr only
  }

  const CaptureOptions& m_o;
  const RecordOptions& m_ro;
  const Root& m_root;
  Output& m_err;
  std::vector<SkippedNetns> m_skipped;
  std::set<std::pair<std::string, int>> m_seen;
};

int run_capture(const CaptureOptions& o, const ArchiveLimits& limits, Output& out,
                Output& err) {
  bool namespaces = o.all_netns || !o.netns.empty();
  if (namespaces && !o.root.empty() && o.root != "/") {
    err.print("netstat capture: --all-netns and --netns record the running system's "
              "network namespaces; they do not apply to --root\n");
    return 2;
  }
  // Writing needs libarchive: without it, fail before walking the system.
  if (Result<const LibArchive*> lib = load_libarchive(); !lib.ok()) {
    err.print("netstat capture: {}\n", lib.error().message);
    return 1;
  }
  // Refuse the destination before walking the system.
  if (o.output == "-") {
    if (Result<void> t = check_stream_target(out); !t.ok()) {
      err.print("netstat capture: {}\n", t.error().message);
      return 1;
    }
  } else if (!o.output.empty()) {
    Result<void> c = o.force ? check_can_replace(o.output) : check_can_create(o.output);
    if (!c.ok()) {
      err.print("netstat capture: {}\n", c.error().message);
      return 1;
    }
  }
  Result<std::unique_ptr<Root>> root = open_root(o.root, limits);
  if (!root.ok()) {
    err.print("netstat capture: {}\n", root.error().message);
    return 1;
  }
  RecordOptions ro;
  ro.cmdline = o.full_cmdline ? CmdlineScope::full : CmdlineScope::argv0;
  // The live system answers from two threads safely; trees and bundles are
  // read through one.
  ro.threads = o.root.empty() ? Threads::two : Threads::one;
  ro.source = o.root.empty() ? std::string("/") : o.root;
  ro.tool = kProgramName;
  ro.tool_version = kVersion;
  uint64_t inode = own_netns_inode(**root);

  MultiViewRecording series;
  std::string capture_end;
  NamespaceFrames netns_frames(o, ro, **root, err);
  std::optional<SeriesSignals> signals;
  if (o.count > 1) signals.emplace();
  timespec start{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  for (long k = 0; k < o.count; ++k) {
    if (namespaces) {
      if (!netns_frames.frame(k, series, capture_end)) {
        if (series.empty()) return 1;
        err.print("netstat capture: the series ends after {} frame{}\n", k,
                  k == 1 ? "" : "s");
        break;
      }
      if (k + 1 == o.count) break;
      if (g_stop_series == 0) {
        sleep_until(monotonic_plus(start, o.interval * static_cast<double>(k + 1)));
      }
      if (g_stop_series != 0) {
        err.print("netstat capture: interrupted: writing the {} frame{} taken\n", k + 1,
                  k == 0 ? "" : "s");
        break;
      }
      continue;
    }
    Result<Recording> rec = record(**root, ro);
    if (!rec.ok()) {
      err.print("netstat capture: {}\n", rec.error().message);
      if (series.empty()) return 1;
      err.print("netstat capture: the series ends after {} frame{}\n", k,
                k == 1 ? "" : "s");
      break;
    }
    ManifestView v;
    v.id = k == 0 ? std::string("default") : "f" + std::to_string(k);
    v.netns = "self";
    v.inode = inode;
    v.frame = static_cast<uint32_t>(k);
    v.time = rec->manifest.capture_start;
    capture_end = rec->manifest.capture_end;
    series.add(std::move(*rec), std::move(v));
    if (k + 1 == o.count) break;
    if (g_stop_series == 0) {
      sleep_until(monotonic_plus(start, o.interval * static_cast<double>(k + 1)));
    }
    if (g_stop_series != 0) {
      err.print("netstat capture: interrupted: writing the {} frame{} taken\n", k + 1,
                k == 0 ? "" : "s");
      break;
    }
  }
  signals.reset();
  Recording bundle = series.finish(capture_end);
  if (namespaces) {
    bundle.manifest.skipped_netns = netns_frames.skipped();
    for (SkippedNetns& s : bundle.manifest.skipped_netns) s.error.message.clear();
    netns_frames.report();
  }

  if (o.output == "-") {
    Result<void> w = write_bundle(bundle, output_sink(out));
    if (!w.ok()) {
      err.print("netstat capture: -: {}\n", w.error().message);
      return 1;
    }
    return 0;
  }
  std::string path = o.output;
  if (path.empty()) {
    path = "netstat-" + file_safe(bundle.manifest.hostname) + "-" +
           compact_time(bundle.manifest.capture_start) + ".tar.zst";
  }
  WriteOptions wo;
  wo.overwrite = o.force;
  Result<void> w = write_bundle_file(bundle, path, wo);
  if (!w.ok()) {
    err.print("netstat capture: {}\n", w.error().message);
    return 1;
  }
  out.print("{}\n", path);
  return 0;
}

}  // namespace

int run_capture_command(const std::vector<std::string>& args, Output& out,
                        Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Record a snapshot bundle that every netstat mode can replay "
               "with --root=BUNDLE.",
               "netstat capture"};
  CaptureOptions o;
  setup_capture(app, o);
  // CLI11 reads "--root=" as "--root" waiting for a value: say it plainly.
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--root=") {
      err.print("netstat capture: --root: {}\n", kEmptyRoot);
      return 2;
    }
  }
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_capture(o, limits, out, err);
}

}  // namespace netstat
