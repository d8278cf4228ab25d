// Parser for /proc/net/sctp/snmp as net-tools 2.10's statistics code reads
// it (split at the first blank, strtoul of the rest; confirmed against
// /usr/bin/netstat with blank-led, value-less and non-numeric lines).
#include "formats/proc_net_sctp_snmp.h"

namespace netstat::formats {

std::vector<SctpCounter> parse_proc_net_sctp_snmp(std::string_view text) {
  std::vector<SctpCounter> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t blank = line.find_first_of(" \t");
    if (blank == std::string_view::npos) continue;
    size_t p = blank;
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    if (p >= line.size()) continue;
    // strtoul: leading white space, sign, decimal digits.
    while (p < line.size() &&
           (line[p] == ' ' || line[p] == '\t' || line[p] == '\v' ||
            line[p] == '\f' || line[p] == '\r')) {
      ++p;
    }
    bool neg = false;
    if (p < line.size() && (line[p] == '+' || line[p] == '-')) {
      neg = line[p] == '-';
      ++p;
    }
    uint64_t v = 0;
    bool overflow = false;
    size_t digits = p;
    while (p < line.size() && line[p] >= '0' && line[p] <= '9') {
      uint64_t d = static_cast<uint64_t>(line[p] - '0');
      if (v > (UINT64_MAX - d) / 10) overflow = true;
      else v = v * 10 + d;
      ++p;
    }
    uint64_t value = 0;
    if (p > digits) value = overflow ? UINT64_MAX : (neg ? 0 - v : v);
    out.push_back({std::string(line.substr(0, blank)), value});
  }
  return out;
}

}  // namespace netstat::formats
