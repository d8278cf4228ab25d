// Parser for the paired-line files /proc/net/snmp and /proc/net/netstat, as
// net-tools 2.10's statistics.c process_fd reads them (see the header for
// the value rules; they were confirmed against /usr/bin/netstat).
#include "formats/proc_net_snmp.h"

namespace netstat::formats {
namespace {

bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// One line including its newline (if any); false at end of text.
bool next_line(std::string_view text, size_t& pos, std::string_view& line) {
  if (pos >= text.size()) return false;
  size_t nl = text.find('\n', pos);
  size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
  line = text.substr(pos, end - pos);
  pos = end;
  return true;
}

// strtoull(p, &end, 10) on a view: returns the value and advances \a p past
// the number, or leaves \a p alone and returns 0 when there is none.
uint64_t read_strtoull(std::string_view s, size_t& p) {
  size_t q = p;
  while (q < s.size() && is_c_space(s[q])) ++q;
  bool neg = false;
  if (q < s.size() && (s[q] == '+' || s[q] == '-')) {
    neg = s[q] == '-';
    ++q;
  }
  size_t start = q;
  uint64_t v = 0;
  bool overflow = false;
  while (q < s.size() && s[q] >= '0' && s[q] <= '9') {
    uint64_t d = static_cast<uint64_t>(s[q] - '0');
    if (v > (UINT64_MAX - d) / 10) overflow = true;
    else v = v * 10 + d;
    ++q;
  }
  if (q == start) return 0;
  p = q;
  if (overflow) return UINT64_MAX;
  return neg ? 0 - v : v;
}

}  // namespace

SnmpFile parse_proc_net_snmp(std::string_view text) {
  SnmpFile file;
  size_t pos = 0;
  size_t line_no = 0;
  std::string_view a, b;
  while (next_line(text, pos, a)) {
    ++line_no;
    if (a == "\n") continue;
    size_t a_line = line_no;
    if (!next_line(text, pos, b)) break;
    ++line_no;
    size_t a_colon = a.find(':');
    size_t b_colon = b.find(':');
    if (a_colon == std::string_view::npos || b_colon == std::string_view::npos) {
      file.parse_error = true;
      file.error_line = a_line;
      break;
    }
    SnmpSection& s = file.sections.emplace_back();
    s.title.assign(a.substr(0, a_colon));
    size_t p = a_colon + 1;
    while (p < a.size()) {
      while (p < a.size() && (a[p] == ' ' || a[p] == '\t' || a[p] == '\n')) ++p;
      if (p >= a.size()) break;
      size_t start = p;
      while (p < a.size() && a[p] != ' ' && a[p] != '\t' && a[p] != '\n') ++p;
      s.names.emplace_back(a.substr(start, p - start));
    }
    s.values.reserve(s.names.size());
    size_t q = b_colon + 1;
    for (size_t i = 0; i < s.names.size(); ++i) {
      s.values.push_back(read_strtoull(b, q));
    }
  }
  return file;
}

}  // namespace netstat::formats
