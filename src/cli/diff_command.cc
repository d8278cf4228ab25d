// `netstat diff A B [flags]`: compares two snapshots (bundle files,
// directories, or "/" for the live system; BUNDLE@N for frame N of a
// series, --netns=SEL for one namespace of both, --netns=all for every
// namespace pair and those only one side has) by row identity (src/diff/).
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

#include <algorithm>
#include <charconv>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/cli11.h"

#include "replay/bundle_views.h"
#include "replay/memory_root.h"
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
#include "src/safe_text.h"

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
                 "an inode, pid:PID or self (default: the capturer's); all: "
                 "every namespace, paired by inode then name, and those that "
                 "appeared or vanished");
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

// Reads the rows \a want names from \a s.root (already opened) into \a s.
void fill_side(const std::string& spec, bool live, const Options& o, const Sections& want,
               Loaded& s);

bool load_side(const std::string& spec, const std::string& netns, const Options& o,
               const ArchiveLimits& limits, const Sections& want, Loaded& s,
               Output& err) {
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
    Result<std::unique_ptr<Root>> opened = open_root(path, limits);
    if (!opened.ok()) {
      err.print("netstat diff: {}\n", opened.error().message);
      return false;
    }
    s.root = std::move(*opened);
  } else {
    ViewSelector sel;
    sel.netns = netns;
    sel.frame = frame.value_or(0);
    Result<std::vector<OpenedView>> views = open_views(path, sel, limits);
    if (!views.ok()) {
      err.print("netstat diff: {}\n", views.error().message);
      return false;
    }
    s.root = std::move(views->front().root);
  }
  fill_side(spec, live, o, want, s);
  return true;
}

void fill_side(const std::string& spec, bool live, const Options& o, const Sections& want,
               Loaded& s) {
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
    s.legacy = json::legacy_socket_tables(root, sel);
    if (sel.groups) {
      s.snap.groups = model::load_groups(root, sel.inet, sel.inet6, &s.warnings);
    }
  }
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

// What one comparison prints besides its rows.
struct PairContext {
  std::string err_prefix;   ///< "" or "netns LABEL: " before notes and warnings
  std::string json_netns;   ///< --json-lines: "netns" member of every change
  bool title = true;        ///< text: the ---/+++ title lines
  bool identity = true;     ///< notes on different hosts or kernels
};

// Compares the loaded sides \a a and \a b and prints the result; returns
// the number of changes.
size_t compare_loaded(const DiffArgs& d, const Options& o, const Sections& want, Loaded& a,
                      Loaded& b, const PairContext& ctx, Output& out, Output& err);

int run_diff_all_netns(const DiffArgs& d, const Options& o, const ArchiveLimits& limits,
                       const Sections& want, Output& out, Output& err);

int run_diff(const DiffArgs& d, const ArchiveLimits& limits, Output& out, Output& err) {
  std::optional<Options> parsed = to_options(d, err);
  if (!parsed) return 2;
  const Options& o = *parsed;
  const Sections want = sections_of(o, is_overview(d));
  if (d.netns == "all") return run_diff_all_netns(d, o, limits, want, out, err);
  Loaded a, b;
  if (!load_side(d.a, d.netns, o, limits, want, a, err) ||
      !load_side(d.b, d.netns, o, limits, want, b, err)) {
    return 2;
  }
  size_t total = compare_loaded(d, o, want, a, b, PairContext{}, out, err);
  out.flush();
  return total == 0 ? 0 : 1;
}

size_t compare_loaded(const DiffArgs& d, const Options& o, const Sections& want, Loaded& a,
                      Loaded& b, const PairContext& ctx, Output& out, Output& err) {
  std::vector<std::string> notes;
  if (ctx.identity) notes = identity_notes(a.snap.meta, b.snap.meta);
  for (const json::LegacyTable& t : a.legacy) notes.push_back("A: " + json::legacy_note(t, "compared"));
  for (const json::LegacyTable& t : b.legacy) notes.push_back("B: " + json::legacy_note(t, "compared"));
  for (const std::string& n : notes) err.print("netstat diff: {}note: {}\n", ctx.err_prefix, n);
  for (const std::string& w : a.warnings) err.print("netstat diff: {}A: {}\n", ctx.err_prefix, w);
  for (const std::string& w : b.warnings) err.print("netstat diff: {}B: {}\n", ctx.err_prefix, w);

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
    j.set_netns(ctx.json_netns);
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
    if (ctx.title) t.title();
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
  return total;
}

// Every namespace view of one side (--netns=all, frame from BUNDLE@N).
bool open_all_netns(const std::string& spec, const ArchiveLimits& limits,
                    std::vector<OpenedView>& views, Output& err) {
  auto [path, frame] = split_frame(spec);
  if (path.empty()) {
    err.print("netstat diff: empty path (an unset variable?); give a bundle, a "
              "directory, or / for this machine\n");
    return false;
  }
  if (path == "/") {
    err.print("netstat diff: {}: --netns and @FRAME select a view of a bundle, "
              "not of the live system\n", spec);
    return false;
  }
  ViewSelector sel;
  sel.netns = "all";
  sel.frame = frame.value_or(0);
  Result<std::vector<OpenedView>> r = open_views(path, sel, limits);
  if (!r.ok()) {
    err.print("netstat diff: {}\n", r.error().message);
    return false;
  }
  views = std::move(*r);
  return true;
}

// One namespace of either side, or of both.
struct NetnsPair {
  OpenedView* a = nullptr;
  OpenedView* b = nullptr;
};

// Pairs the namespaces of A and B: by the netns text ("self",
// "netns:[INODE]"), then by inode, then by a shared /run/netns name (a
// named namespace deleted and added again has a new inode). A's order,
// then B's namespaces that A lacks.
std::vector<NetnsPair> pair_namespaces(std::vector<OpenedView>& a, std::vector<OpenedView>& b) {
  std::vector<long> match(a.size(), -1);
  std::vector<bool> used(b.size(), false);
  auto pass = [&](auto same) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (match[i] >= 0) continue;
      for (size_t j = 0; j < b.size(); ++j) {
        if (!used[j] && same(a[i].view, b[j].view)) {
          match[i] = static_cast<long>(j);
          used[j] = true;
          break;
        }
      }
    }
  };
  pass([](const ManifestView& x, const ManifestView& y) { return x.netns == y.netns; });
  pass([](const ManifestView& x, const ManifestView& y) {
    return x.inode != 0 && x.inode == y.inode;
  });
  pass([](const ManifestView& x, const ManifestView& y) {
    for (const std::string& n : x.names) {
      if (std::find(y.names.begin(), y.names.end(), n) != y.names.end()) return true;
    }
    return false;
  });
  std::vector<NetnsPair> out;
  for (size_t i = 0; i < a.size(); ++i) {
    out.push_back({&a[i], match[i] >= 0 ? &b[static_cast<size_t>(match[i])] : nullptr});
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (!used[j]) out.push_back({nullptr, &b[j]});
  }
  return out;
}

// The side a namespace is missing from: no rows, names from the files of
// an empty tree (nothing is looked up: there are no rows to name).
void empty_side(Loaded& s, const Options& o) {
  s.root = std::make_unique<MemoryRoot>();
  s.resolver = std::make_unique<Resolver>(s.root->names(), o);
  s.names = std::make_unique<model::NameLookup>(*s.resolver);
  s.route_names = std::make_unique<RouteNames>(
      s.root->names(), o.numeric_route_hosts() ? NumericHosts::yes : NumericHosts::no);
}

void write_view_keys(json::JsonWriter& w, const ManifestView& v) {
  w.member_str("netns", v.netns);
  w.member("inode", v.inode);
  w.key("names");
  w.begin_array();
  for (const std::string& n : v.names) w.string(n);
  w.end_array();
}

// `diff --netns=all`: every namespace of A against the same namespace of
// B (paired as above), each under a header line; a namespace only one side
// has is reported as appeared or vanished, its rows as added or removed.
int run_diff_all_netns(const DiffArgs& d, const Options& o, const ArchiveLimits& limits,
                       const Sections& want, Output& out, Output& err) {
  std::vector<OpenedView> va, vb;
  if (!open_all_netns(d.a, limits, va, err) || !open_all_netns(d.b, limits, vb, err)) return 2;
  std::vector<NetnsPair> pairs = pair_namespaces(va, vb);
  const bool document = o.json && !o.json_lines;
  const bool lines = o.json_lines;
  const bool color = use_color(d.color, out, o.json || o.json_lines);
  size_t total = 0;
  size_t compared = 0, appeared = 0, vanished = 0;
  if (document) {
    json::JsonWriter w(out.buffer());
    w.raw("{");
    w.raw("\"format\": ");
    w.string("netstat-diff-json");
    w.raw(", \"format_version\": ");
    w.number(static_cast<int64_t>(json::kFormatVersion));
    w.raw(", \"mode\": ");
    w.string(want.overview ? std::string_view("all") : mode_name(pick_mode(o)));
    w.raw(", \"netns\": \"all\", \"namespaces\": [");
    out.after_write();
  }
  bool first = true;
  for (NetnsPair& p : pairs) {
    const ManifestView& v = p.a != nullptr ? p.a->view : p.b->view;
    const char* status = p.a != nullptr && p.b != nullptr ? "compared"
                         : p.a != nullptr                 ? "vanished"
                                                          : "appeared";
    Loaded a, b;
    if (p.a != nullptr) {
      a.root = std::move(p.a->root);
      fill_side(d.a, false, o, want, a);
    } else {
      empty_side(a, o);
    }
    if (p.b != nullptr) {
      b.root = std::move(p.b->root);
      fill_side(d.b, false, o, want, b);
    } else {
      empty_side(b, o);
    }
    // The missing side stands for the same system at the same time.
    if (p.a == nullptr) a.snap.meta = b.snap.meta;
    if (p.b == nullptr) b.snap.meta = a.snap.meta;
    if (p.a == nullptr) ++appeared;
    if (p.b == nullptr) ++vanished;
    if (p.a != nullptr && p.b != nullptr) ++compared;
    std::string label = view_label(v, false);
    if (o.safe_strings) label = safe_text(label);
    PairContext ctx;
    ctx.err_prefix = "netns " + label + ": ";
    ctx.title = p.a != nullptr && p.b != nullptr;
    ctx.identity = first;
    if (document) {
      json::JsonWriter w(out.buffer());
      w.raw(first ? "\n{" : ",\n{");
      w.raw("\"netns\": ");
      w.string(v.netns);
      w.raw(", \"inode\": ");
      w.number(v.inode);
      w.raw(", \"names\": [");
      for (size_t i = 0; i < v.names.size(); ++i) {
        if (i > 0) w.raw(", ");
        w.string(v.names[i]);
      }
      w.raw("], \"status\": ");
      w.string(status);
      w.raw(", \"diff\": ");
      out.after_write();
    } else if (lines) {
      ctx.json_netns = v.netns;
      if (p.a == nullptr || p.b == nullptr) {
        json::JsonWriter w(out.buffer());
        w.begin_object();
        w.member_str("change", status);
        w.member_str("kind", "netns");
        write_view_keys(w, v);
        w.end_object();
        out.put('\n');
      }
    } else {
      if (!first) out.put('\n');
      if (color) out.write("\x1b[1m");
      out.write("== netns ");
      out.write(label);
      if (p.a == nullptr) out.write(": appeared (only in B)");
      if (p.b == nullptr) out.write(": vanished (only in A)");
      out.write(" ==");
      if (color) out.write("\x1b[0m");
      out.put('\n');
    }
    total += compare_loaded(d, o, want, a, b, ctx, out, err);
    if (document) out.write("}");
    if (p.a == nullptr || p.b == nullptr) ++total;
    first = false;
  }
  if (document) {
    json::JsonWriter w(out.buffer());
    w.raw("], \"summary\": {\"compared\": ");
    w.number(static_cast<uint64_t>(compared));
    w.raw(", \"appeared\": ");
    w.number(static_cast<uint64_t>(appeared));
    w.raw(", \"vanished\": ");
    w.number(static_cast<uint64_t>(vanished));
    w.raw("}}\n");
    out.after_write();
  }
  out.flush();
  return total == 0 ? 0 : 1;
}

}  // namespace

int run_diff_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Compare two snapshots (bundle files, directories, or / for the "
               "live system) row by row. Without mode flags: every socket "
               "(listeners too), the IPv4/IPv6 routes, every interface and a "
               "counters summary; -t -u -x -a -l -r -i -g -s narrow it.",
               "netstat diff"};
  DiffArgs d;
  setup_diff(app, d);
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_diff(d, limits, out, err);
}

}  // namespace netstat
