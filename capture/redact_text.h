// Text helpers shared by the redaction rules (capture/redacting_root.cc,
// capture/redact_legacy.cc): tokens rewritten in place, separators kept.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat {

/// What replaces a field that should hold an address and does not parse:
/// every hex digit zeroed, the rest of its shape kept (so a row the reader
/// rejected stays rejected, and one it took still parses), nothing of it kept.
std::string zeroed(std::string_view tok);
/// zeroed() for "ADDRESS:PORT": the port is kept.
std::string zeroed_endpoint(std::string_view tok);

/// Calls fn(line number, tokens, replacements, replaced) for every line with
/// its space/tab-separated tokens; fn may replace tokens (or return false to
/// drop the line). Separators and line ends are kept.
using LineFn = std::function<bool(size_t, std::vector<std::string_view>&,
                                  std::vector<std::string>&, std::vector<bool>&)>;
std::string rewrite_lines(std::string_view text, const LineFn& fn);

}  // namespace netstat
