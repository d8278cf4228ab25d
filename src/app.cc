// run(): subcommand dispatch, option parsing, opening the root, and the
// mode loop (2.10's -c: one pass per second on the live system; a snapshot
// holds one moment, so it is printed once).
#include "src/app.h"

#include <memory>
#include <string_view>

#include <unistd.h>

#include "replay/root.h"
#include "src/cli/subcommands.h"
#include "src/context.h"
#include "src/json/listing.h"
#include "src/options.h"
#include "src/resolve.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

ModeFn pick_mode(const Options& o) {
  // 2.10's dispatch priority: -M, -s, -r, -i, then socket listings.
  if (o.masquerade) return run_masquerade;
  if (o.statistics) return run_statistics;
  if (o.route) return run_route;
  if (o.interfaces) return run_interfaces;
  return run_sockets;
}

}  // namespace

int run(const std::vector<std::string>& argv, Output& out, Output& err,
        const Root* root_override) {
  // --archive-max-*: caps for every archive or tree this run reads (--root,
  // diff, verify); taken out before anything else parses argv.
  std::vector<std::string> args = argv;
  ArchiveLimitOverrides caps;
  if (!extract_archive_limit_options(args, caps, err)) return 2;
  ScopedArchiveLimits scoped_caps(caps);
  if (args.size() >= 2) {
    std::string_view sub = args[1];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "capture") return run_capture_command(rest, out, err);
    if (sub == "verify") return run_verify_command(rest, out, err);
    if (sub == "diff") return run_diff_command(rest, out, err);
    if (sub == "export") return run_export_command(rest, out, err);
  }

  ParseResult parsed = parse_options(args, out, err);
  if (!parsed.run) return parsed.exit_status;
  const Options& o = parsed.options;

  std::unique_ptr<Root> owned;
  const Root* root = root_override;
  if (root == nullptr) {
    Result<std::unique_ptr<Root>> opened = open_root(o.root);
    if (!opened.ok()) {
      // Names from the bundle: one clean line, never raw terminal bytes.
      err.print("netstat: {}\n", safe_text(opened.error().message));
      return 2;
    }
    owned = std::move(*opened);
    root = owned.get();
  }
  bool live = root_override == nullptr && (o.root.empty() || o.root == "/");

  Resolver resolver(root->names(), o);
  Context ctx{*root, out, err, resolver, live};
  if (o.json || o.json_lines) return run_json(o, ctx);
  ModeFn mode = pick_mode(o);
  bool loop = o.continuous > 0 && live && !o.statistics;
  for (int iteration = 0;; ++iteration) {
    int status = mode(o, ctx, iteration);
    out.flush();
    if (status != 0 || !loop) return status;
    ::sleep(1);
  }
}

}  // namespace netstat
