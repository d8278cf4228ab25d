// run(): subcommand dispatch, option parsing, opening the root, and the
// mode loop (2.10's -c: one pass per second on the live system; a bundle
// prints each selected view once: one frame, or with -c every frame of its
// time series in order, and with --netns=all every namespace, each after a
// header line naming it).
#include "src/app.h"

#include <algorithm>
#include <cstring>
#include <ios>
#include <memory>

#include <unistd.h>

#include "replay/bundle_views.h"
#include "replay/root.h"
#include "src/cli/commands.h"
#include "src/cli/suggest.h"
#include "src/context.h"
#include "src/json/listing.h"
#include "src/mode.h"
#include "src/options.h"
#include "src/resolve.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

/// The text mode that runs \a m.
ModeFn text_mode(Mode m) {
  switch (m) {
    case Mode::masquerade: return run_masquerade;
    case Mode::statistics: return run_statistics;
    case Mode::route: return run_route;
    case Mode::interfaces: return run_interfaces;
    case Mode::sockets: return run_sockets;
  }
  return run_sockets;
}

// The views of --root=SPEC that --netns/--frame/-c select, each printed in
// turn.
int run_views(const Options& o, const ArchiveLimits& limits, Output& out, Output& err) {
  ViewSelector sel;
  sel.netns = o.netns;
  sel.frame = o.frame.value_or(0);
  // -c on a time series: every frame, as 2.10's -c would have printed them
  // (-s ignores -c, as in 2.10; a chosen --frame is one frame).
  sel.all_frames = !o.frame && o.continuous > 0 && !o.statistics;
  Result<std::vector<OpenedView>> views = open_views(o.root, sel, limits);
  if (!views.ok()) {
    err.print("netstat: {}\n", safe_text(views.error().message));
    return 2;
  }
  if (sel.all_frames && o.netns == "all") {
    // Time order: every namespace of frame 0, then of frame 1, ...
    std::stable_sort(views->begin(), views->end(),
                     [](const OpenedView& a, const OpenedView& b) {
                       return a.view.frame < b.view.frame;
                     });
  }
  bool headers = o.netns == "all";
  bool json = o.json || o.json_lines;
  ModeFn mode = text_mode(pick_mode(o));
  // What a source could not give this run (a bundle member read as
  // absent): once, after the output.
  auto print_notes = [&] {
    std::vector<std::string> said;
    for (const OpenedView& v : *views) {
      for (const std::string& note : v.root->notes()) {
        if (std::find(said.begin(), said.end(), note) != said.end()) continue;
        err.print("netstat: {}\n", safe_text(note));
        said.push_back(note);
      }
    }
  };
  std::vector<std::string> seen;  // namespaces printed so far (-c iterations)
  for (OpenedView& v : *views) {
    const Root& root = *v.root;
    if (headers && !json) {
      out.print("== netns {} ==\n",
                safe_text(view_label(v.view, sel.all_frames || v.frames > 1)));
    }
    // 2.10's -c passes after the first skip some titles: count the frames
    // already printed of this namespace.
    int iteration = static_cast<int>(std::count(seen.begin(), seen.end(), v.view.netns));
    seen.push_back(v.view.netns);
    Resolver resolver(root.names(), o);
    Context ctx{root, out, err, resolver, false};
    int status = json ? run_json(o, ctx) : mode(o, ctx, iteration);
    out.flush();
    if (status != 0 || out.write_errno() != 0) {
      print_notes();
      return status;
    }
  }
  print_notes();
  return 0;
}

int run_program(const std::vector<std::string>& argv, Output& out, Output& err,
                const Root* root_override) {
  // --archive-max-*: caps for every archive or tree this run reads (--root,
  // diff, verify); taken out before anything else parses argv.
  std::vector<std::string> args = argv;
  ArchiveLimitOverrides caps;
  if (!extract_archive_limit_options(args, caps, err)) return 2;
  const ArchiveLimits limits = resolve_archive_limits(caps);
  if (args.size() >= 2) {
    if (const Command* c = find_command(args[1])) {
      // The standard streams, for CLI11 and the subcommands: constructed
      // here, not before main() (src/cli/cli11.h).
      std::ios_base::Init streams;
      return c->run(std::vector<std::string>(args.begin() + 1, args.end()),
                    out, err, limits);
    }
    int status = 0;
    if (suggest_command(argv, err, status)) return status;
  }

  ParseResult parsed = parse_options(args, out, err);
  if (!parsed.run) return parsed.exit_status;
  Options o = parsed.options;

  // `--root=$BUNDLE` with the variable unset must not read this machine.
  if (o.root_given && o.root.empty() && root_override == nullptr) {
    err.print("netstat: --root: empty path (an unset variable?); give a bundle, "
              "a sosreport or a directory, or --root=/ for this machine\n");
    return 2;
  }
  bool live_spec = o.root.empty() || o.root == "/";
  bool live = root_override == nullptr && live_spec;
  if (live && (!o.netns.empty() || o.frame)) {
    err.print("netstat: --netns and --frame select a view of a bundle: "
              "give it with --root=BUNDLE\n");
    return 2;
  }
  // A snapshot's names and paths come from someone else's machine: on a
  // terminal their control bytes are escaped unless --raw-strings. Piped
  // output stays byte-identical to 2.10 (docs/hostile-input.md).
  if (!live && !o.raw_strings && out.fd() >= 0 && ::isatty(out.fd()) == 1) {
    o.safe_strings = true;
  }
  if (root_override == nullptr && !live_spec) return run_views(o, limits, out, err);

  std::unique_ptr<Root> owned;
  const Root* root = root_override;
  if (root == nullptr) {
    Result<std::unique_ptr<Root>> opened = open_root(o.root, limits);
    if (!opened.ok()) {
      // Names from the bundle: one clean line, never raw terminal bytes.
      err.print("netstat: {}\n", safe_text(opened.error().message));
      return 2;
    }
    owned = std::move(*opened);
    root = owned.get();
  }

  Resolver resolver(root->names(), o);
  Context ctx{*root, out, err, resolver, live};
  if (o.json || o.json_lines) return run_json(o, ctx);
  ModeFn mode = text_mode(pick_mode(o));
  bool loop = o.continuous > 0 && live && !o.statistics;
  for (int iteration = 0;; ++iteration) {
    int status = mode(o, ctx, iteration);
    out.flush();
    if (status != 0 || !loop || out.write_errno() != 0) {
      // What the source could not give this run (a bundle member read as
      // absent): once, after the output.
      for (const std::string& note : root->notes()) {
        err.print("netstat: {}\n", safe_text(note));
      }
      return status;
    }
    ::sleep(1);
  }
}

}  // namespace

int run(const std::vector<std::string>& argv, Output& out, Output& err,
        const Root* root_override) {
  int status = run_program(argv, out, err, root_override);
  // 2.10's stdio drops output it could not write (a full disk, EIO) and
  // exits 0; a lost listing must not look like success (docs/compat.md).
  out.flush();
  if (int e = out.write_errno(); e != 0 && !out.error_reported()) {
    err.print("netstat: write error: {}\n", std::strerror(e));
    return 1;
  }
  return status;
}

}  // namespace netstat
