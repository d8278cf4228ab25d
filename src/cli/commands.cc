// The subcommand table (see commands.h). A new subcommand: its own file in
// src/cli/, a declaration in subcommands.h, a row here, a manual
// man/netstat-NAME.1 (listed in cmake/Install.cmake) and its name and options
// in completion/ (tests/oracle/install_layout.sh checks the last two).
#include "src/cli/commands.h"

#include "src/cli/subcommands.h"

namespace netstat {
namespace {

constexpr Command kCommands[] = {
    {"capture", "write a bundle: everything every mode reads, in one file",
     run_capture_command},
    {"verify", "check a bundle's format version and every member's SHA-256",
     run_verify_command},
    {"diff", "compare two snapshots (bundles, directories, / for live)",
     run_diff_command},
    {"redact", "a copy of a bundle that is safe to share (addresses, names mapped)",
     run_redact_command},
    {"export", "many bundles' rows as JSON lines for DuckDB, ClickHouse, Spark",
     run_export_command},
    {"info", "what a bundle holds: host, times, namespaces and frames",
     run_info_command},
    {"help", "this text, or one command's help", run_help_command},
    {"version", "our name and version (-V prints net-tools 2.10's text)",
     run_version_command},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace netstat
