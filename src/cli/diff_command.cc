// `netstat diff A B [flags]`: compares two snapshots (bundle files,
// directories, or "/" for the live system; BUNDLE@N for frame N of a
// series, --netns=SEL for one namespace of both) by row identity (src/diff/).
// Without a mode or selection flag it compares everything a support
// engineer looks at first: every socket (listeners included), the IPv4 and
// IPv6 routes, every interface, and a one-line summary of the -s counters.
// Flags narrow it as a listing's do: the sockets mode (-t -u -U -w -S -x -4
// -6 -A -a -l -g select rows), or -r, -i, -s. Text output starts with a
// header naming both snapshots, then netstat's columns (-n -W -e -p -o)
// behind +/-/~ markers; --json / --json-lines give the changes as data.
// Exit status as diff(1): 0 same, 1 different, 2 trouble.
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/cli11.h"

#include "replay/bundle_views.h"
#include "replay/root.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/diff/diff.h"
#include "src/diff/json_out.h"
#include "src/diff/text.h"
#include "src/json/legacy.h"
#include "src/mode.h"
#include "src/model/metadata.h"
#include "src/model/owners.h"
#include "src/model/sockets.h"
#include "src/model/tables.h"
#include "src/programs.h"
#include "src/resolve.h"

namespace netstat {
namespace {

struct DiffArgs {
  std::string a, b;
  int tcp = 0, udp = 0, udplite = 0, raw = 0, sctp = 0, unx = 0;
  int v4 = 0, v6 = 0;
  std::vector<std::string> af;
  int all = 0, listening = 0, route = 0, interfaces = 0, groups = 0, stats = 0;
  int numeric = 0, numeric_hosts = 0, numeric_ports = 0, numeric_users = 0;
  int symbolic = 0, wide = 0, extend = 0, programs = 0, timers = 0;
  int cache = 0, fib = 0;
  bool json = false, json_lines = false;
  bool safe_strings = false, raw_strings = false;
  std::string color = "auto";
  std::string netns;
};

void setup_diff(CLI::App& app, DiffArgs& d) {
  app.add_option("A", d.a,
                 "first snapshot: bundle file, directory or / (live); "
                 "BUNDLE@N is frame N of BUNDLE (negative from the end)")
      ->required();
  app.add_option("B", d.b, "second snapshot")->required();
  app.add_option("--netns", d.netns,
                 "the network namespace of both bundles to compare: a name, "
                 "an inode, pid:PID or self (default: the capturer's)");
  app.add_flag("-t,--tcp", d.tcp, "TCP sockets");
  app.add_flag("-u,--udp", d.udp, "UDP sockets");
  app.add_flag("-U,--udplite", d.udplite, "UDP-Lite sockets");
  app.add_flag("-w,--raw", d.raw, "RAW sockets");
  app.add_flag("-S,--sctp", d.sctp, "SCTP sockets");
  app.add_flag("-x,--unix", d.unx, "UNIX sockets");
  app.add_flag("-4", d.v4, "IPv4 only (-A inet)");
  app.add_flag("-6", d.v6, "IPv6 only (-A inet6)");
  app.add_option("-A,--protocol", d.af,
                 "address families: inet,inet6,unix (legacy families such as "
                 "ipx, ax25, netrom, x25, rose are not compared; see docs/json.md)")
      ->delimiter(',');
  app.add_flag("-a,--all", d.all, "listening and connected sockets");
  app.add_flag("-l,--listening", d.listening, "only listening sockets");
  app.add_flag("-r,--route", d.route, "routing tables");
  app.add_flag("-i,--interfaces", d.interfaces, "interfaces, counters with rates");
  app.add_flag("-g,--groups", d.groups, "multicast group memberships");
  app.add_flag("-s,--statistics", d.stats, "statistics counters with deltas and rates");
  app.add_flag("-n,--numeric", d.numeric, "don't resolve names");
  app.add_flag("--numeric-hosts", d.numeric_hosts, "don't resolve host names");
  app.add_flag("--numeric-ports", d.numeric_ports, "don't resolve port names");
  app.add_flag("--numeric-users", d.numeric_users, "don't resolve user names");
  app.add_flag("-N,--symbolic", d.symbolic, "numeric route hosts (as netstat -N)");
  app.add_flag("-W,--wide", d.wide, "don't truncate addresses");
  app.add_flag("-e,--extend", d.extend, "User/Inode columns; report queue changes");
  app.add_flag("-p,--programs", d.programs, "PID/Program column; report owner changes");
  app.add_flag("-o,--timers", d.timers, "timer column");
  app.add_flag("-C,--cache", d.cache, "routing cache (IPv6 cache entries)");
  app.add_flag("-F,--fib", d.fib, "routing FIB (default)");
  app.add_flag("--json", d.json, "changes as one JSON document");
  app.add_flag("--safe-strings", d.safe_strings,
               "escape control bytes in names and paths as \\xNN (the default)");
  app.add_flag("--raw-strings", d.raw_strings,
               "print names and paths as recorded, control bytes included");
  app.add_flag("--json-lines", d.json_lines, "changes as one JSON object per line");
  app.add_option("--color,--colour", d.color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

// The families 2.10 lists in text only (see src/json/legacy.h).
bool is_legacy_family(std::string_view f) {
  for (std::string_view l : {"ipx", "ax25", "netrom", "rose", "x25", "ddp",
                             "appletalk", "econet", "ec", "ash", "bluetooth"}) {
    if (f == l) return true;
  }
  return false;
}

// No flag that picks a mode or selects rows: compare everything.
bool is_overview(const DiffArgs& d) {
  return !(d.tcp || d.udp || d.udplite || d.raw || d.sctp || d.unx || d.v4 || d.v6 ||
           !d.af.empty() || d.all || d.listening || d.route || d.interfaces ||
           d.groups || d.stats || d.cache || d.fib);
}

// The 2.10 option model for the diff's flags, with 2.10's resolution rules.
// The overview compares every socket, so it reads as -a.
std::optional<Options> to_options(const DiffArgs& d, Output& err) {
  Options o;
  auto add_af = [&](const std::string& name) {
    if (!o.af_list.empty()) o.af_list.push_back(',');
    o.af_list += name;
  };
  if (d.v4) { o.inet = true; add_af("inet"); }
  if (d.v6) { o.inet6 = true; add_af("inet6"); }
  for (const std::string& f : d.af) {
    if (f == "inet" || f == "ip" || f == "tcpip") {
      o.inet = true;
      add_af("inet");
    } else if (f == "inet6" || f == "ip6") {
      o.inet6 = true;
      add_af("inet6");
    } else if (f == "unix") {
      o.unx = true;
      add_af("unix");
    } else if (is_legacy_family(f)) {
      err.print("netstat diff: address family `{}' is not compared: diff covers "
                "inet, inet6 and unix sockets (compare the text listings, "
                "`netstat --root=A -A {}`, instead)\n", f, f);
      return std::nullopt;
    } else {
      err.print("netstat diff: unsupported address family `{}'\n", f);
      return std::nullopt;
    }
  }
  o.unx = o.unx || d.unx > 0;
  o.tcp = d.tcp;
  o.udp = d.udp;
  o.udplite = d.udplite;
  o.raw = d.raw;
  o.sctp = d.sctp;
  o.igmp = d.groups;
  o.all = d.all || is_overview(d);
  o.listening = d.listening;
  o.route = d.route;
  o.interfaces = d.interfaces;
  o.statistics = d.stats;
  if (d.numeric) o.numeric |= kNumAll;
  if (d.numeric_hosts) o.numeric |= kNumHost;
  if (d.numeric_ports) o.numeric |= kNumPort;
  if (d.numeric_users) o.numeric |= kNumUser;
  if (d.symbolic) o.numeric |= kSymbolic;
  o.wide = d.wide;
  o.extend = d.extend;
  o.programs = d.programs;
  o.timers = d.timers;
  o.cache = d.cache > 0;
  o.fib = d.fib > 0;
  // Both sides may come from other machines: diff text escapes untrusted
  // bytes unless --raw-strings (JSON escapes in its own way).
  o.safe_strings = d.safe_strings || !d.raw_strings;
  if (d.safe_strings && d.raw_strings) {
    err.write("netstat diff: --safe-strings and --raw-strings exclude each other\n");
    return std::nullopt;
  }
  if (o.route + o.interfaces + o.statistics > 1) {
    err.write("netstat diff: choose at most one of -r, -i, -s\n");
    return std::nullopt;
  }
  resolve_protocols(o);
  o.json = d.json;
  o.json_lines = d.json_lines;
  return o;
}

// One loaded side: its root, names, owners and rows.
struct Loaded {
  std::unique_ptr<Root> root;
  std::unique_ptr<Resolver> resolver;
  std::unique_ptr<model::NameLookup> names;
  std::unique_ptr<RouteNames> route_names;
  model::Snapshot snap;
  model::OwnerTable owners;
  ProgramCache programs;
  std::vector<std::string> warnings;
  std::vector<json::LegacyTable> legacy;  ///< legacy tables with rows (not compared)
};

// "PATH@N" is frame N of PATH (negative from the end), unless a file of
// that exact name exists.
std::pair<std::string, std::optional<long>> split_frame(const std::string& spec) {
  struct stat st;
  if (::stat(spec.c_str(), &st) == 0) return {spec, std::nullopt};
  size_t at = spec.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == spec.size()) return {spec, std::nullopt};
  std::string_view n(spec.data() + at + 1, spec.size() - at - 1);
  long frame = 0;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), frame);
  if (ec != std::errc() || end != n.data() + n.size()) return {spec, std::nullopt};
  return {spec.substr(0, at), frame};
}

// What one diff compares.
struct Sections {
  bool sockets = false, routes = false, interfaces = false, counters = false;
  bool overview = false;  ///< all four; routes of both families, v4+v6 counters
};

Sections sections_of(const Options& o, bool overview) {
  Sections s;
  if (overview) {
    s.sockets = s.routes = s.interfaces = s.counters = s.overview = true;
    return s;
  }
  switch (pick_mode(o)) {  // never masquerade: diff has no -M
    case Mode::statistics: s.counters = true; break;
    case Mode::route: s.routes = true; break;
    case Mode::interfaces: s.interfaces = true; break;
    default: s.sockets = true; break;
  }
  return s;
}

bool load_side(const std::string& spec, const std::string& netns, const Options& o,
               const Sections& want, Loaded& s, Output& err) {
  auto [path, frame] = split_frame(spec);
  if (path.empty()) {
    // `diff "$A" "$B"` with a variable unset must not read this machine.
    err.print("netstat diff: empty path (an unset variable?); give a bundle, a "
              "directory, or / for this machine\n");
    return false;
  }
  bool live = path == "/";
  if (live) {
    if (frame || !netns.empty()) {
      err.print("netstat diff: {}: --netns and @FRAME select a view of a bundle, "
                "not of the live system\n", spec);
      return false;
    }
    Result<std::unique_ptr<Root>> opened = open_root(path);
    if (!opened.ok()) {
      err.print("netstat diff: {}\n", opened.error().message);
      return false;
    }
    s.root = std::move(*opened);
  } else {
    ViewSelector sel;
    sel.netns = netns;
    sel.frame = frame.value_or(0);
    Result<std::vector<OpenedView>> views = open_views(path, sel);
    if (!views.ok()) {
      err.print("netstat diff: {}\n", views.error().message);
      return false;
    }
    s.root = std::move(views->front().root);
  }
  const Root& root = *s.root;
  s.snap.meta = model::load_metadata(root, spec, live);
  s.resolver = std::make_unique<Resolver>(root.names(), o);
  s.names = std::make_unique<model::NameLookup>(*s.resolver);
  s.route_names = std::make_unique<RouteNames>(
      root.names(), o.numeric_route_hosts() ? NumericHosts::yes : NumericHosts::no);
  if (want.counters) {
    model::StatsSelection sel = model::StatsSelection::from_options(o);
    s.snap.counters = model::load_counters(root, sel, &s.warnings);
    if (want.overview) {  // /proc/net/snmp6 too
      sel.v6 = true;
      std::vector<model::Counter> v6 = model::load_counters(root, sel, &s.warnings);
      s.snap.counters.insert(s.snap.counters.end(), v6.begin(), v6.end());
    }
  }
  if (want.routes) {
    model::RouteSelection sel = model::RouteSelection::from_options(o);
    if (want.overview) sel.families = {model::RouteFamily::inet, model::RouteFamily::inet6};
    for (model::RouteFamily f : sel.families) {
      std::vector<model::Route> r =
          model::load_routes(root, f, sel.fib, sel.cache, &s.warnings);
      s.snap.routes.insert(s.snap.routes.end(), r.begin(), r.end());
    }
  }
  if (want.interfaces) {
    s.snap.interfaces = model::load_interfaces(root, o.all > 0, &s.warnings);
  }
  if (want.sockets) {
    model::SocketSelection sel = model::SocketSelection::from_options(o);
    if (sel.owners) s.owners = model::load_owners(root, &s.programs);  // one fd walk
    s.snap.sockets =
        model::load_sockets(root, sel, sel.owners ? &s.owners : nullptr, &s.warnings);
    s.legacy = json::legacy_socket_tables(root, o);
    if (sel.groups) {
      s.snap.groups = model::load_groups(root, o.inet, o.inet6, &s.warnings);
    }
  }
  return true;
}

std::vector<std::string> identity_notes(const model::Metadata& a,
                                        const model::Metadata& b) {
  std::vector<std::string> notes;
  if (a.host != b.host) {
    notes.push_back("the snapshots are of different hosts (" +
                    (a.host.empty() ? std::string("?") : a.host) + ", " +
                    (b.host.empty() ? std::string("?") : b.host) + ")");
  }
  if (a.kernel != b.kernel) {
    notes.push_back("the snapshots are of different kernels (" +
                    (a.kernel.empty() ? std::string("?") : a.kernel) + ", " +
                    (b.kernel.empty() ? std::string("?") : b.kernel) + ")");
  }
  return notes;
}

bool use_color(const std::string& mode, const Output& out, bool json) {
  if (json || mode == "never") return false;
  if (mode == "always") return true;
  if (out.is_memory() || std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

int run_diff(const DiffArgs& d, Output& out, Output& err) {
  std::optional<Options> parsed = to_options(d, err);
  if (!parsed) return 2;
  const Options& o = *parsed;
  const Sections want = sections_of(o, is_overview(d));
  Loaded a, b;
  if (d.netns == "all") {
    err.write("netstat diff: --netns=all is not supported; name one namespace\n");
    return 2;
  }
  if (!load_side(d.a, d.netns, o, want, a, err) ||
      !load_side(d.b, d.netns, o, want, b, err)) {
    return 2;
  }

  std::vector<std::string> notes = identity_notes(a.snap.meta, b.snap.meta);
  for (const json::LegacyTable& t : a.legacy) notes.push_back("A: " + json::legacy_note(t, "compared"));
  for (const json::LegacyTable& t : b.legacy) notes.push_back("B: " + json::legacy_note(t, "compared"));
  for (const std::string& n : notes) err.print("netstat diff: note: {}\n", n);
  for (const std::string& w : a.warnings) err.print("netstat diff: A: {}\n", w);
  for (const std::string& w : b.warnings) err.print("netstat diff: B: {}\n", w);

  diff::DiffOptions opt{o.programs > 0, o.extend > 0};
  model::SocketSelection sel = model::SocketSelection::from_options(o);
  auto sockets = diff::diff_sockets(a.snap.sockets, b.snap.sockets, opt);
  auto groups = diff::diff_groups(a.snap.groups, b.snap.groups);
  auto routes = diff::diff_routes(a.snap.routes, b.snap.routes);
  auto ifaces = diff::diff_interfaces(a.snap.interfaces, b.snap.interfaces);
  auto counters = diff::diff_counters(a.snap.counters, b.snap.counters);
  size_t total = sockets.size() + groups.size() + routes.size() + ifaces.size() +
                 counters.size();

  if (o.json || o.json_lines) {
    json::RowContext ca{*a.names, *a.route_names, a.root->identity().clk_tck,
                        o.programs > 0, o.timers > 0};
    json::RowContext cb{*b.names, *b.route_names, b.root->identity().clk_tck,
                        o.programs > 0, o.timers > 0};
    diff::JsonDiff j(out, o.json_lines, ca, cb, a.snap.meta, b.snap.meta);
    j.begin(want.overview ? std::string_view("all") : mode_name(pick_mode(o)));
    if (want.sockets) {
      j.sockets(sockets);
      j.groups(groups);
    }
    if (want.routes) j.routes(routes);
    if (want.interfaces) j.interfaces(ifaces);
    if (want.counters) j.counters(counters);
    j.end(notes);
  } else {
    diff::Side sa{*a.root, *a.resolver, o.programs > 0 ? &a.programs : nullptr,
                  a.snap.meta, a.root->identity().clk_tck};
    diff::Side sb{*b.root, *b.resolver, o.programs > 0 ? &b.programs : nullptr,
                  b.snap.meta, b.root->identity().clk_tck};
    diff::TextDiff t(o, out, use_color(d.color, out, false), sa, sb);
    t.title();
    if (want.sockets) {
      if (!sel.no_sockets()) t.sockets(sockets);
      if (sel.groups) t.groups(groups);
    }
    if (want.routes) t.routes(routes);
    if (want.interfaces) t.interfaces(ifaces);
    if (want.counters) {
      if (want.overview) t.counters_summary(counters); else t.counters(counters);
    }
  }
  out.flush();
  return total == 0 ? 0 : 1;
}

}  // namespace

int run_diff_command(const std::vector<std::string>& args, Output& out,
                     Output& err) {
  CLI::App app{"Compare two snapshots (bundle files, directories, or / for the "
               "live system) row by row. Without mode flags: every socket "
               "(listeners too), the IPv4/IPv6 routes, every interface and a "
               "counters summary; -t -u -x -a -l -r -i -g -s narrow it.",
               "netstat diff"};
  DiffArgs d;
  setup_diff(app, d);
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_diff(d, out, err);
}

}  // namespace netstat
