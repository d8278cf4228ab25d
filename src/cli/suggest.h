// "Did you mean": a word in the subcommand position that is close to a
// command name. net-tools 2.10 ignores words that are not options (it prints
// its default listing), so a suggestion replaces the listing only where 2.10
// would not have run one: see docs/compat.md, "Subcommands".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/output.h"

namespace netstat {

/// Edit distance with adjacent transpositions counted as one edit (optimal
/// string alignment), so "captrue" is 1 from "capture".
size_t edit_distance(std::string_view a, std::string_view b);

/// Command names close to \a word: within 1 edit (2 for words of six or more
/// characters), or of which \a word is a prefix of at least three
/// characters. Best first; empty when none is close or \a word names one.
std::vector<std::string_view> close_commands(std::string_view word);

/// Prints "'WORD' is not a netstat command; did you mean ...?" (and where to
/// look) for \a names to \a err, prefixed by \a prefix ("netstat").
void print_suggestion(std::string_view prefix, std::string_view word,
                      const std::vector<std::string_view>& names, Output& err);

/// For argv whose args[1] is not a command: true (and \a status = 2, the
/// message printed) when args[1] is close to a command and 2.10 would not
/// have accepted the command line as it stands (its option parser rejects
/// it, or it uses one of this project's own options).
bool suggest_command(const std::vector<std::string>& args, Output& err,
                     int& status);

}  // namespace netstat
