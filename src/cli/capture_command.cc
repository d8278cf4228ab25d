// `netstat capture [-o FILE|-] [--full-cmdline] [--root=PATH]`: records
// everything every mode reads into one bundle (capture/recorder.h) and
// writes it atomically (capture/bundle_writer.h). Without -o the bundle is
// ./netstat-HOST-YYYYMMDDTHHMMSSZ.tar.zst; the path written is printed on
// stdout. `-o -` streams the bundle to stdout instead (never to a
// terminal). Files are 0600 and an existing one is kept unless --force.

#include <CLI/CLI.hpp>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
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
};

void setup_capture(CLI::App& app, CaptureOptions& o) {
  app.add_option("-o,--output", o.output,
                 "Bundle to write ('-' = stdout); default "
                 "./netstat-HOST-YYYYMMDDTHHMMSSZ.tar.zst");
  app.add_flag("--full-cmdline", o.full_cmdline,
               "Record whole command lines of processes with sockets "
               "(default: argv[0] only)");
  app.add_flag("-f,--force", o.force, "Replace an existing output file");
  app.add_option("--root", o.root,
                 "Capture from a directory tree or bundle instead of the "
                 "running system");
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

int run_capture(const CaptureOptions& o, Output& out, Output& err) {
  // Refuse the destination before walking the system.
  if (o.output == "-") {
    if (Result<void> t = check_stream_target(out); !t.ok()) {
      err.print("netstat capture: {}\n", t.error().message);
      return 1;
    }
  } else if (!o.output.empty() && !o.force) {
    if (Result<void> c = check_can_create(o.output); !c.ok()) {
      err.print("netstat capture: {}\n", c.error().message);
      return 1;
    }
  }
  // Writing needs libarchive: without it, fail before walking the system.
  if (Result<const LibArchive*> lib = load_libarchive(); !lib.ok()) {
    err.print("netstat capture: {}\n", lib.error().message);
    return 1;
  }
  Result<std::unique_ptr<Root>> root = open_root(o.root);
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
  Result<Recording> rec = record(**root, ro);
  if (!rec.ok()) {
    err.print("netstat capture: {}\n", rec.error().message);
    return 1;
  }
  if (o.output == "-") {
    Result<void> w = write_bundle(*rec, output_sink(out));
    if (!w.ok()) {
      err.print("netstat capture: -: {}\n", w.error().message);
      return 1;
    }
    return 0;
  }
  std::string path = o.output;
  if (path.empty()) {
    path = "netstat-" + file_safe(rec->manifest.hostname) + "-" +
           compact_time(rec->manifest.capture_start) + ".tar.zst";
  }
  WriteOptions wo;
  wo.overwrite = o.force;
  Result<void> w = write_bundle_file(*rec, path, wo);
  if (!w.ok()) {
    err.print("netstat capture: {}\n", w.error().message);
    return 1;
  }
  out.print("{}\n", path);
  return 0;
}

}  // namespace

int run_capture_command(const std::vector<std::string>& args, Output& out,
                        Output& err) {
  CLI::App app{"Record a snapshot bundle that every netstat mode can replay "
               "with --root=BUNDLE.",
               "netstat capture"};
  CaptureOptions o;
  setup_capture(app, o);
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_capture(o, out, err);
}

}  // namespace netstat
