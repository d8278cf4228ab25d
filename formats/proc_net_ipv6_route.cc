// Parser for /proc/net/ipv6_route. 2.10 reads each line with one sscanf and
// never checks the result; here a line must have the kernel's shape (three
// 32-hex-digit addresses, 1-2 digit prefix lengths, four 1-8 digit hex
// numbers and a device name) or it is reported as bad. Longer device names
// are cut to 15 bytes and extra columns are ignored, as with %15s.
#include "formats/proc_net_ipv6_route.h"

namespace netstat::formats {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view next_token(std::string_view line, size_t& pos) {
  while (pos < line.size() && is_space(line[pos])) ++pos;
  size_t start = pos;
  while (pos < line.size() && !is_space(line[pos])) ++pos;
  return line.substr(start, pos - start);
}

bool parse_addr(std::string_view t, Ipv6Bytes& out) {
  if (t.size() != 32) return false;
  for (size_t i = 0; i < 16; ++i) {
    int hi = hex_digit(t[2 * i]);
    int lo = hex_digit(t[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return true;
}

bool parse_hex(std::string_view t, size_t max_digits, uint32_t& out) {
  if (t.empty() || t.size() > max_digits) return false;
  uint32_t v = 0;
  for (char c : t) {
    int d = hex_digit(c);
    if (d < 0) return false;
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  out = v;
  return true;
}

bool parse_line(std::string_view line, Ipv6Route& r) {
  size_t pos = 0;
  uint32_t metric = 0, refcnt = 0, use = 0;
  if (!parse_addr(next_token(line, pos), r.destination) ||
      !parse_hex(next_token(line, pos), 2, r.destination_plen) ||
      !parse_addr(next_token(line, pos), r.source) ||
      !parse_hex(next_token(line, pos), 2, r.source_plen) ||
      !parse_addr(next_token(line, pos), r.next_hop) ||
      !parse_hex(next_token(line, pos), 8, metric) ||
      !parse_hex(next_token(line, pos), 8, refcnt) ||
      !parse_hex(next_token(line, pos), 8, use) ||
      !parse_hex(next_token(line, pos), 8, r.flags)) {
    return false;
  }
  std::string_view dev = next_token(line, pos);
  if (dev.empty()) return false;
  r.metric = static_cast<int32_t>(metric);
  r.refcnt = static_cast<int32_t>(refcnt);
  r.use = static_cast<int32_t>(use);
  r.iface.assign(dev.substr(0, 15));
  return true;
}

// Every line of \a text to \a on_line(line_no, parsed, route).
template <typename OnLine>
size_t each_line(std::string_view text, OnLine&& on_line) {
  size_t line_no = 0;
  size_t pos = 0;
  Ipv6Route r;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    bool ok = parse_line(line, r);
    on_line(line_no, ok, r);
  }
  return line_no;
}

}  // namespace

Ipv6RouteTable parse_proc_net_ipv6_route(std::string_view text) {
  Ipv6RouteTable table;
  each_line(text, [&](size_t line_no, bool ok, const Ipv6Route& r) {
    if (ok) {
      table.routes.push_back(r);
    } else {
      table.bad_lines.push_back(line_no);
    }
  });
  return table;
}

size_t scan_proc_net_ipv6_route(std::string_view text,
                                const std::function<void(const Ipv6Route&)>& row) {
  return each_line(text, [&](size_t, bool ok, const Ipv6Route& r) {
    if (ok) row(r);
  });
}

}  // namespace netstat::formats
