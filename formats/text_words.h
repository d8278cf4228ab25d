// Small helpers shared by the parsers of saved command output (netstat -p,
// ss, lsof): blank-separated words, plain decimal numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// The words of \a line, split on spaces and tabs, into \a out (cleared
/// first; a parser reuses one vector for every line).
inline void words(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
}

/// The words of \a line, split on spaces and tabs.
inline std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  words(line, out);
  return out;
}

/// 1 to 19 decimal digits (so to_u64 cannot overflow).
inline bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// The value of \a s, which all_digits accepted.
inline uint64_t to_u64(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

}  // namespace netstat::formats
