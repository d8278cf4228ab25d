// `netstat export -o DIR|- [--from FILE|-] [-j N] [-n] [-q] INPUT...`: the
// rows of many bundles or trees as JSON lines, one folder of part files per
// table (sockets, groups, routes, interfaces, counters, masquerade, views,
// bundles), for
// DuckDB, ClickHouse or Spark (docs/fleet.md). Re-runs into the same folder
// export only the bundles it does not hold yet.
#include <fstream>
#include <string>
#include <vector>

#include "src/cli/cli11.h"

#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/export/exporter.h"
#include "src/safe_text.h"

namespace netstat {

int run_export_command(const std::vector<std::string>& args, Output& out,
                       Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Export the rows of many bundles as JSON lines, one table per row "
               "kind (see docs/fleet.md).",
               "netstat export"};
  exporter::ExportOptions opts;
  opts.limits = limits;
  std::vector<std::string> from;
  app.add_option("-o,--output", opts.output,
                 "output folder (created; re-runs add only new bundles), or - for "
                 "every row on stdout")
      ->required();
  app.add_option("--from", from,
                 "read input paths from FILE, one per line (- for stdin); may be "
                 "repeated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->option_text("FILE");
  app.add_option("-j,--jobs", opts.jobs, "worker threads (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  app.add_flag("-n,--numeric", opts.numeric,
               "numeric members only (no host, service or user names)");
  app.add_flag("-q,--quiet", opts.quiet, "no summary line on stderr");
  app.add_option("INPUT", opts.inputs, "bundle files or captured trees");

  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  for (const std::string& f : from) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (f != "-") {
      file.open(f);
      if (!file) {
        err.print("netstat export: {}: cannot read the list of inputs\n", safe_text(f));
        return 2;
      }
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) opts.inputs.push_back(line);
    }
  }
  if (opts.inputs.empty()) {
    err.print("netstat export: no inputs (name bundles or trees, or --from FILE)\n");
    return 2;
  }
  return exporter::run_export(opts, out, err);
}

}  // namespace netstat
