// Subcommands that net-tools never had. Each lives in its own file and parses
// its arguments with CLI11: `netstat capture`, `netstat verify`, `netstat diff`,
// `netstat export`, `netstat help`, `netstat version`, `netstat info`. The
// table of them: src/cli/commands.h.
#pragma once

#include <string>
#include <vector>

#include "replay/archive_limits.h"
#include "src/output.h"

namespace netstat {

/// \a args starts with the subcommand name; \a limits: the archive caps of
/// the run (src/options.h). Return the exit status.
int run_capture_command(const std::vector<std::string>& args, Output& out,
                        Output& err, const ArchiveLimits& limits);
int run_verify_command(const std::vector<std::string>& args, Output& out,
                       Output& err, const ArchiveLimits& limits);
/// `netstat redact IN -o OUT`: docs/redaction.md.
int run_redact_command(const std::vector<std::string>& args, Output& out,
                       Output& err, const ArchiveLimits& limits);
int run_diff_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits);
int run_export_command(const std::vector<std::string>& args, Output& out,
                       Output& err, const ArchiveLimits& limits);
int run_help_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits);
int run_version_command(const std::vector<std::string>& args, Output& out,
                        Output& err, const ArchiveLimits& limits);
int run_info_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits);

}  // namespace netstat
