// The subcommands net-tools never had, in one table: app.cc dispatches
// through it, `netstat help` lists it, a mistyped command is matched against
// it (src/cli/suggest.h), and the shell completion test checks against it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "replay/archive_limits.h"
#include "src/output.h"

namespace netstat {

struct Command {
  std::string_view name;
  std::string_view summary;  ///< one line for `netstat help`
  /// args[0] is the command's name; \a limits: the run's archive caps
  /// (src/options.h, resolve_archive_limits). Returns the exit status.
  int (*run)(const std::vector<std::string>& args, Output& out, Output& err,
             const ArchiveLimits& limits);
};

/// Every subcommand, in the order `netstat help` lists them.
std::span<const Command> commands();

/// The command named exactly \a name, or nullptr.
const Command* find_command(std::string_view name);

}  // namespace netstat
