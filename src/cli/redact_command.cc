// `netstat redact IN -o OUT [--key-file FILE] [--map FILE] [--keep-oui]
// [--keep-range CIDR]... [--no-default-ranges] [--full-cmdline] [--force]`:
// records a new bundle from any readable source (bundle, tree, sosreport,
// the live system) through a RedactingRoot (capture/redacting_root.h), so
// it replays in every mode like IN with identities replaced. The key makes
// pseudonyms repeatable across bundles; the map, for the customer to keep,
// never goes into the bundle. See docs/redaction.md.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "src/cli/cli11.h"
#include <nlohmann/json.hpp>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/redacting_root.h"
#include "capture/redactor.h"
#include "capture/series.h"
#include "replay/bundle_manifest.h"
#include "replay/bundle_views.h"
#include "replay/libarchive_api.h"
#include "replay/process_table.h"
#include "replay/root.h"
#include "src/cli/output_target.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/safe_text.h"
#include "src/version.h"

namespace netstat {
namespace {

struct RedactArgs {
  std::string input;
  std::string output;
  std::string key_file;
  std::string map_file;
  bool keep_oui = false;
  bool rename_interfaces = false;
  bool no_default_ranges = false;
  std::vector<std::string> keep_ranges;
  std::vector<std::string> keep_prefixes;
  bool full_cmdline = false;
  bool force = false;
  bool safe_strings = false;
};

void setup(CLI::App& app, RedactArgs& a) {
  app.add_option("IN", a.input, "bundle, directory tree, sosreport or / (live)")->required();
  app.add_option("-o,--output", a.output, "redacted bundle to write ('-' = stdout)")
      ->required();
  app.add_option("--key-file", a.key_file,
                 "key (64 hex digits); created 0600 with a random key if missing. "
                 "The same key gives the same pseudonyms in every bundle");
  app.add_option("--map", a.map_file,
                 "write the original -> pseudonym table here (0600; keep it private)");
  app.add_flag("--keep-oui", a.keep_oui, "MAC addresses keep their vendor prefix");
  app.add_flag("--rename-interfaces", a.rename_interfaces,
               "replace interface names (eth0 -> i3a9c1e07, aliases keep ':N', lo kept) "
               "in every file that names them");
  app.add_option("--keep-range", a.keep_ranges,
                 "CIDR range kept verbatim (repeatable), e.g. 10.0.0.0/8");
  app.add_option("--keep-prefix", a.keep_prefixes,
                 "CIDR range whose prefix is kept, the rest pseudonymised (repeatable)");
  app.add_flag("--no-default-ranges", a.no_default_ranges,
               "pseudonymise loopback, unspecified, multicast and link-local too");
  app.add_flag("--full-cmdline", a.full_cmdline,
               "keep every argument of command lines (pseudonymised); default argv[0]");
  app.add_flag("-f,--force", a.force, "replace existing output and map files");
  app.add_flag("--safe-strings", a.safe_strings,
               "escape control bytes in messages (always on)");
}

Result<void> write_map(const std::string& path, const Redactor& r, bool force) {
  std::string text =
      "# netstat redact: original -> pseudonym. Keep this file private: it undoes the "
      "redaction.\n# kind\toriginal\tpseudonym\n";
  for (const auto& [kind, pairs] : r.pairs()) {
    for (const auto& [from, to] : pairs) {
      text += kind + "\t" + escape_field(from) + "\t" + escape_field(to) + "\n";
    }
  }
  if (force) NETSTAT_TRY(check_can_replace(path));
  // O_NONBLOCK: a FIFO put there since the check fails (ENXIO) instead of
  // waiting for a reader; it does not apply to the regular file we want.
  int flags =
      O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (force ? O_TRUNC : O_EXCL);
  int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    int e = errno;
    if (e == EEXIST) {
      return Error{Errc::invalid, e, path + ": File exists (use --force to overwrite)"};
    }
    return error_from_errno(e, path + ": " + std::strerror(e));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);  // (replaced by something else since the check: left alone)
    return Error{Errc::invalid, EEXIST, path + ": not a regular file"};
  }
  ::fchmod(fd, 0600);
  std::string_view left = text;
  int e = 0;
  while (!left.empty()) {
    ssize_t n = ::write(fd, left.data(), left.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      e = errno;
      break;
    }
    left.remove_prefix(static_cast<size_t>(n));
  }
  if (e == 0 && ::fsync(fd) != 0) e = errno;
  if (::close(fd) != 0 && e == 0) e = errno;
  if (e != 0) {
    ::unlink(path.c_str());
    return error_from_errno(e, path + ": " + std::strerror(e));
  }
  return {};
}

// A view's manifest record with its identities replaced: namespace names
// (under /run/netns, and a sosreport's "sos:NAME"), the commands of the processes inside (as program
// names are), container ids and pod UIDs. The namespace inode, frame and
// time are kept (they identify nothing outside the bundle, and --netns,
// --frame and diff select by them). An id other than capture's own
// ("default", "f<k>", "n<INODE>", "f<k>-n<INODE>") could carry a name: it
// becomes "v<index>".
ManifestView redact_view(Redactor& r, const ManifestView& v, size_t index) {
  ManifestView out = v;
  // capture's ids: "default", "f<k>" (frame k), "n<INODE>" and
  // "f<k>-n<INODE>" (another namespace): numbers only.
  auto plain_id = [](std::string_view id) {
    if (id == "default") return true;
    while (!id.empty()) {
      size_t dash = id.find('-');
      std::string_view part = id.substr(0, dash);
      if (part.size() < 2 || (part[0] != 'f' && part[0] != 'n') ||
          part.find_first_not_of("0123456789", 1) != std::string_view::npos) {
        return false;
      }
      if (dash == std::string_view::npos) break;
      id.remove_prefix(dash + 1);
      if (id.empty()) return false;
    }
    return true;
  };
  if (!plain_id(out.id)) out.id = "v" + std::to_string(index);
  for (std::string& n : out.names) n = r.netns_name(n);
  // A sosreport's named namespace is "sos:NAME": the name is replaced as
  // the names list's is, so both stay the same pseudonym.
  if (std::string_view ns = out.netns; ns.substr(0, kSosNetnsPrefix.size()) == kSosNetnsPrefix) {
    out.netns = std::string(kSosNetnsPrefix) +
                r.netns_name(std::string(ns.substr(kSosNetnsPrefix.size())));
  }
  for (ViewProcess& p : out.processes) p.command = r.path(p.command);
  if (out.container) {
    out.container->id = r.opaque_id("container", out.container->id);
    out.container->pod_uid = r.opaque_id("pod", out.container->pod_uid);
  }
  return out;
}

int run_redact(const RedactArgs& a, const ArchiveLimits& limits, Output& out, Output& err) {
  auto fail = [&err](const std::string& msg) {
    err.print("netstat redact: {}\n", safe_text(msg));
    return 1;
  };
  if (!a.map_file.empty() && a.map_file == a.output) {
    return fail("--map and -o name the same file");
  }
  if (a.output == "-") {
    if (Result<void> t = check_stream_target(out); !t.ok()) return fail(t.error().message);
  } else {
    Result<void> c = a.force ? check_can_replace(a.output) : check_can_create(a.output);
    if (!c.ok()) return fail(c.error().message);
  }
  if (!a.map_file.empty()) {
    Result<void> c = a.force ? check_can_replace(a.map_file) : check_can_create(a.map_file);
    if (!c.ok()) return fail(c.error().message);
  }
  RedactOptions ro;
  ro.keep_oui = a.keep_oui;
  ro.keep_interfaces = !a.rename_interfaces;
  ro.log_pairs = !a.map_file.empty();
  if (a.no_default_ranges) {
    ro.v4_ranges.clear();
    ro.v6_ranges.clear();
  }
  std::vector<std::string> kept_texts;
  for (const auto* list : {&a.keep_ranges, &a.keep_prefixes}) {
    for (const std::string& t : *list) {
      KeptRange k;
      bool v6 = false;
      if (!parse_kept_range(t, list == &a.keep_ranges, k, v6)) {
        err.print("netstat redact: bad range '{}' (want ADDRESS/LENGTH)\n", safe_text(t));
        return 2;
      }
      (v6 ? ro.v6_ranges : ro.v4_ranges).push_back(k);
      kept_texts.push_back((list == &a.keep_ranges ? "verbatim " : "prefix ") + t);
    }
  }
  if (Result<const LibArchive*> lib = load_libarchive(); !lib.ok()) {
    return fail(lib.error().message);
  }
  // Every view of a bundle (network namespaces x frames) holds identities:
  // each is recorded through its own RedactingRoot, all with one Redactor,
  // so an address, a name or a path gets the same pseudonym in every view
  // (and identical files stay identical: content addressing still links
  // them).
  std::vector<OpenedView> views;
  if (a.input.empty() || a.input == "/") {
    Result<std::unique_ptr<Root>> live = open_root(a.input, limits);
    if (!live.ok()) return fail(live.error().message);
    views.push_back({ManifestView{}, std::move(*live), 1});
  } else {
    Result<std::vector<OpenedView>> opened = open_views(a.input, ViewSelector::every_view(), limits);
    if (!opened.ok()) return fail(opened.error().message);
    views = std::move(*opened);
  }
  // The bundle's own manifest (times, skipped namespaces): the top view's.
  std::optional<Manifest> orig;
  for (const OpenedView& v : views) {
    if (!v.view.root.empty()) continue;
    if (Result<std::string> text = v.root->read_file("/" + std::string(kManifestPath));
        text.ok()) {
      if (Result<Manifest> m = parse_manifest(*text); m.ok()) orig = std::move(*m);
    }
    break;
  }
  // A sosreport (or other foreign tree) holds much more than network data:
  // say plainly that only what netstat reads goes into the bundle.
  if (SourceInfo src = views.front().root->source_info(); !src.tool.empty()) {
    err.print("netstat redact: {}: a report made by {}: the redacted bundle holds the network "
              "data netstat reads from it (sockets, routes, groups, interfaces, statistics, "
              "owners, hosts and user names), not the rest of the report\n",
              safe_text(a.input), safe_text(src.tool));
  }
  RedactKey key{};
  if (a.key_file.empty()) {
    key = random_redact_key();
  } else {
    bool created = false;
    Result<RedactKey> k = load_or_create_key(a.key_file, created);
    if (!k.ok()) return fail(k.error().message);
    key = *k;
    if (created) {
      err.print("netstat redact: created the key file {} (keep it private; redact later "
                "bundles with it to keep them comparable)\n",
                safe_text(a.key_file));
    }
  }
  Redactor redactor(key, ro);

  RecordOptions rec_opts;
  rec_opts.cmdline = a.full_cmdline ? CmdlineScope::full : CmdlineScope::argv0;
  rec_opts.threads = Threads::one;
  rec_opts.source = "redacted";
  rec_opts.tool = kProgramName;
  rec_opts.tool_version = kVersion;
  MultiViewRecording bundle_views;
  nlohmann::json files = nlohmann::json::array();
  nlohmann::json dropped = nlohmann::json::array();
  size_t n_dropped = 0;
  std::string last_end;
  for (size_t i = 0; i < views.size(); ++i) {
    OpenedView& v = views[i];
    RedactingRoot root(*v.root, redactor);
    Result<Recording> rec = record(root, rec_opts);
    if (!rec.ok()) {
      if (views.size() == 1) return fail(rec.error().message);
      return fail(a.input + ": view " + std::to_string(i) + ": " + rec.error().message);
    }
    ManifestView mv = redact_view(redactor, v.view, i);
    // The capture's own times (not identities) survive, so rates in `diff`
    // of two redacted bundles stay right.
    if (!v.view.time.empty()) mv.time = v.view.time;
    if (mv.time.empty()) mv.time = rec->manifest.capture_start;
    last_end = rec->manifest.capture_end;
    std::string prefix = i == 0 ? std::string() : "views/" + mv.id + "/";
    for (const RedactedFile& f : root.files()) {
      std::string p = prefix + f.path.substr(1);
      if (f.reason.empty()) {
        files.push_back({{"path", p}, {"rule", f.rule}});
      } else {
        dropped.push_back({{"path", p}, {"reason", f.reason}});
        ++n_dropped;
      }
    }
    bundle_views.add(std::move(*rec), std::move(mv));
  }
  Recording rec = bundle_views.finish(last_end);
  Manifest& m = rec.manifest;
  if (orig) {
    m.capture_start = orig->capture_start;
    m.capture_end = orig->capture_end;
    for (const SkippedNetns& s : orig->skipped_netns) {
      SkippedNetns r = s;
      for (std::string& n : r.names) n = redactor.netns_name(n);
      m.skipped_netns.push_back(std::move(r));
    }
  }
  nlohmann::json red = {
      {"method", "crypto-pan-aes128+hmac-sha256"},
      {"key_fingerprint", key_fingerprint(key)},
      {"keep_oui", a.keep_oui},
      {"rename_interfaces", a.rename_interfaces},
      {"default_ranges", !a.no_default_ranges},
      {"kept_ranges", kept_texts},
      {"full_cmdline", a.full_cmdline},
      {"files", std::move(files)},
      {"dropped", std::move(dropped)},
  };
  m.redaction = red.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  if (a.output == "-") {
    Result<void> w = write_bundle(rec, output_sink(out));
    if (!w.ok()) return fail("-: " + w.error().message);
  } else {
    WriteOptions wo;
    wo.overwrite = a.force;
    Result<void> w = write_bundle_file(rec, a.output, wo);
    if (!w.ok()) return fail(w.error().message);
  }
  if (!a.map_file.empty()) {
    if (Result<void> w = write_map(a.map_file, redactor, a.force); !w.ok()) {
      return fail(w.error().message);
    }
  }
  if (a.output != "-") out.print("{}\n", safe_text(a.output));
  if (n_dropped > 0) {
    err.print("netstat redact: {} file{} dropped (no safe way to rewrite them; listed in the "
              "manifest's redaction.dropped)\n",
              n_dropped, n_dropped == 1 ? "" : "s");
  }
  return 0;
}

}  // namespace

int run_redact_command(const std::vector<std::string>& args, Output& out,
                       Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Write a copy of a bundle (or any tree, sosreport or the live system) with "
               "addresses, names, paths and MACs replaced by consistent pseudonyms.",
               "netstat redact"};
  RedactArgs a;
  setup(app, a);
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_redact(a, limits, out, err);
}

}  // namespace netstat
