// Parser for /proc/net/snmp6 mirroring net-tools 2.10's process_fd6 input
// side: sscanf("%s %llu") per line with the buffers carried from line to
// line (confirmed against /usr/bin/netstat: a value-less line reuses the
// previous value, a blank line repeats the previous counter).
#include "formats/proc_net_snmp6.h"

namespace netstat::formats {
namespace {

bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

}  // namespace

std::vector<Snmp6Counter> parse_proc_net_snmp6(std::string_view text) {
  std::vector<Snmp6Counter> out;
  std::string name;
  uint64_t value = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t p = 0;
    while (p < line.size() && is_c_space(line[p])) ++p;
    if (p < line.size()) {
      size_t start = p;
      while (p < line.size() && !is_c_space(line[p])) ++p;
      name.assign(line.substr(start, p - start));
      while (p < line.size() && is_c_space(line[p])) ++p;
      bool neg = false;
      if (p < line.size() && (line[p] == '+' || line[p] == '-')) {
        neg = line[p] == '-';
        ++p;
      }
      size_t digits = p;
      uint64_t v = 0;
      bool overflow = false;
      while (p < line.size() && line[p] >= '0' && line[p] <= '9') {
        uint64_t d = static_cast<uint64_t>(line[p] - '0');
        if (v > (UINT64_MAX - d) / 10) overflow = true;
        else v = v * 10 + d;
        ++p;
      }
      if (p > digits) value = overflow ? UINT64_MAX : (neg ? 0 - v : v);
    }
    out.push_back({name, value});
  }
  return out;
}

std::string_view snmp6_section_of(std::string_view name) {
  size_t six = name.find('6');
  return six == std::string_view::npos ? name : name.substr(0, six + 1);
}

}  // namespace netstat::formats
