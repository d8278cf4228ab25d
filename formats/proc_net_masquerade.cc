// Parser for /proc/net/ip_masquerade reproducing net-tools 2.10's
// ip_masq_info input side: one sscanf per line of the shape
// "%s %lX:%hX %lX:%hX %hX %lX %hd[ %hd] %lu", which must fill exactly 9 or
// 10 fields (PDelta in the header) with nothing left over; numbers wrap to
// their C types like glibc's scanf.
#include "formats/proc_net_masquerade.h"

#include <cstdint>

namespace netstat::formats {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

int digit_value(char c, int base) {
  int d = -1;
  if (c >= '0' && c <= '9') d = c - '0';
  else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
  else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
  return d < base ? d : -1;
}

class Scan {
 public:
  explicit Scan(std::string_view s) : m_s(s) {}
  void skip_space() {
    while (m_p < m_s.size() && is_space(m_s[m_p])) ++m_p;
  }
  bool at_end() const { return m_p >= m_s.size(); }
  bool word(std::string_view& out) {
    skip_space();
    if (at_end()) return false;
    size_t start = m_p;
    while (m_p < m_s.size() && !is_space(m_s[m_p])) ++m_p;
    out = m_s.substr(start, m_p - start);
    return true;
  }
  bool literal(char c) {
    if (m_p < m_s.size() && m_s[m_p] == c) {
      ++m_p;
      return true;
    }
    return false;
  }
  /// strtoul/strtol-style number as a 64-bit two's complement pattern
  /// (saturating on overflow like the C functions do for the long types).
  bool number(int base, bool is_signed, uint64_t& out) {
    skip_space();
    bool neg = false;
    if (m_p < m_s.size() && (m_s[m_p] == '+' || m_s[m_p] == '-')) {
      neg = m_s[m_p] == '-';
      ++m_p;
    }
    if (base == 16 && m_p + 2 < m_s.size() && m_s[m_p] == '0' &&
        (m_s[m_p + 1] == 'x' || m_s[m_p + 1] == 'X') &&
        digit_value(m_s[m_p + 2], 16) >= 0) {
      m_p += 2;
    }
    size_t start = m_p;
    uint64_t v = 0;
    bool overflow = false;
    while (m_p < m_s.size()) {
      int d = digit_value(m_s[m_p], base);
      if (d < 0) break;
      uint64_t ub = static_cast<uint64_t>(base);
      if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / ub) overflow = true;
      else v = v * ub + static_cast<uint64_t>(d);
      ++m_p;
    }
    if (m_p == start) return false;
    if (is_signed) {
      if (neg) {
        out = overflow || v > static_cast<uint64_t>(INT64_MAX) + 1
                  ? static_cast<uint64_t>(INT64_MIN)
                  : 0 - v;
      } else {
        out = overflow || v > static_cast<uint64_t>(INT64_MAX)
                  ? static_cast<uint64_t>(INT64_MAX)
                  : v;
      }
    } else {
      out = overflow ? UINT64_MAX : (neg ? 0 - v : v);
    }
    return true;
  }

 private:
  std::string_view m_s;
  size_t m_p = 0;
};

// Returns the number of conversions sscanf would report (-1 for a blank
// line), plus one if non-blank text is left after the last field.
int scan_entry(std::string_view line, bool pdelta, MasqEntry& e,
               std::string_view& proto) {
  Scan s(line);
  s.skip_space();
  if (s.at_end()) return -1;
  int n = 0;
  uint64_t v = 0;
  if (!s.word(proto)) return n;
  ++n;
  if (!s.number(16, false, v)) return n;
  e.source = static_cast<uint32_t>(v);
  ++n;
  if (!s.literal(':') || !s.number(16, false, v)) return n;
  e.source_port = static_cast<uint16_t>(v);
  ++n;
  if (!s.number(16, false, v)) return n;
  e.destination = static_cast<uint32_t>(v);
  ++n;
  if (!s.literal(':') || !s.number(16, false, v)) return n;
  e.destination_port = static_cast<uint16_t>(v);
  ++n;
  if (!s.number(16, false, v)) return n;
  e.masq_port = static_cast<uint16_t>(v);
  ++n;
  if (!s.number(16, false, v)) return n;
  e.initseq = v;
  ++n;
  if (!s.number(10, true, v)) return n;
  e.delta = static_cast<int16_t>(static_cast<uint16_t>(v));
  ++n;
  if (pdelta) {
    if (!s.number(10, true, v)) return n;
    e.pdelta = static_cast<int16_t>(static_cast<uint16_t>(v));
    ++n;
  }
  if (!s.number(10, false, v)) return n;
  e.expires = v;
  ++n;
  s.skip_space();
  return s.at_end() ? n : n + 1;
}

std::string_view proto_label(std::string_view p) {
  if (p == "IP") return "ip";
  if (p == "TCP") return "tcp";
  if (p == "UDP") return "udp";
  if (p == "ICMP") return "icmp";
  if (p == "GRE") return "gre";
  if (p == "ESP") return "esp";
  return {};
}

}  // namespace

MasqTable parse_proc_net_masquerade(std::string_view text) {
  MasqTable table;
  if (text.empty()) {
    table.status = MasqTable::Status::no_header;
    return table;
  }
  size_t nl = text.find('\n');
  std::string_view header = text.substr(0, nl);
  table.has_pdelta = header.find("PDelta") != std::string_view::npos;
  const int want = table.has_pdelta ? 10 : 9;
  size_t pos = nl == std::string_view::npos ? text.size() : nl + 1;
  size_t line_no = 1;
  while (pos < text.size()) {
    nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    MasqEntry e;
    std::string_view proto;
    int n = scan_entry(line, table.has_pdelta, e, proto);
    if (n < 0) continue;
    if (n != want) {
      table.status = MasqTable::Status::format_error;
      table.bad_line = line_no;
      return table;
    }
    std::string_view label = proto_label(proto);
    if (label.empty()) {
      table.status = MasqTable::Status::unknown_type;
      table.bad_line = line_no;
      return table;
    }
    e.proto.assign(label);
    table.entries.push_back(std::move(e));
  }
  return table;
}

}  // namespace netstat::formats
