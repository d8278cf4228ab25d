// The argument parse every subcommand shares: CLI11 over the words after the
// command's name, with --help and errors written through our Output streams.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "src/output.h"

namespace CLI {
class App;
}

namespace netstat {

/// Parses \a args (args[0] is the subcommand's name) with \a app. Returns
/// std::nullopt when the command should run, else the exit status parsing
/// ended with: 0 after --help (its text on \a out), 2 after an error (CLI11's
/// message on \a err).
std::optional<int> parse_command(CLI::App& app,
                                 const std::vector<std::string>& args,
                                 Output& out, Output& err);

}  // namespace netstat
