// Header matching and sscanf emulation for the /proc/net/route and
// /proc/net/rt_cache readers, mirroring net-tools 2.10's proc_gen_fmt() plus
// the glibc sscanf conversions its generated formats use (%Ns, %*s, %X, %d),
// including width-limited strings, partial numeric tokens and 32-bit
// truncation of out-of-range numbers.
#include "formats/proc_header_format.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace netstat::formats {
namespace {

bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

bool is_header_sep(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '|';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of one piece of the generated format ("%*s ", "%15s ", "%X ", ...).
size_t piece_length(ScanKind kind, uint8_t width) {
  switch (kind) {
    case ScanKind::skip: return 4;
    case ScanKind::hex:
    case ScanKind::dec: return 3;
    case ScanKind::string: return width >= 100 ? 6 : width >= 10 ? 5 : 4;
  }
  return 4;
}

// Debian's bounds check rejects a format of 509 bytes or more.
constexpr size_t kFormatLimit = 509;

struct Cursor {
  std::string_view s;
  size_t p = 0;
  void skip_space() {
    while (p < s.size() && is_c_space(s[p])) ++p;
  }
  bool at_end() const { return p >= s.size(); }
};

// Reads an optionally signed number in \a base the way glibc scanf collects
// it; returns false on a matching failure. Saturates like strtol/strtoul.
bool scan_number(Cursor& c, int base, uint64_t& magnitude, bool& negative,
                 bool& overflow) {
  negative = false;
  overflow = false;
  magnitude = 0;
  if (c.at_end()) return false;
  if (c.s[c.p] == '+' || c.s[c.p] == '-') {
    negative = c.s[c.p] == '-';
    ++c.p;
  }
  if (base == 16 && c.p + 1 < c.s.size() && c.s[c.p] == '0' &&
      (c.s[c.p + 1] == 'x' || c.s[c.p + 1] == 'X') && c.p + 2 < c.s.size() &&
      hex_digit(c.s[c.p + 2]) >= 0) {
    c.p += 2;
  }
  size_t start = c.p;
  while (c.p < c.s.size()) {
    int d = base == 16 ? hex_digit(c.s[c.p])
                       : (c.s[c.p] >= '0' && c.s[c.p] <= '9' ? c.s[c.p] - '0'
                                                              : -1);
    if (d < 0) break;
    if (magnitude > (UINT64_MAX - static_cast<uint64_t>(d)) /
                        static_cast<uint64_t>(base)) {
      overflow = true;
    } else {
      magnitude = magnitude * static_cast<uint64_t>(base) +
                  static_cast<uint64_t>(d);
    }
    ++c.p;
  }
  return c.p > start;
}

// %d: strtol semantics (saturating at LONG_MIN/LONG_MAX), then truncated to
// int as glibc stores it.
int32_t to_int(uint64_t magnitude, bool negative, bool overflow) {
  int64_t v;
  if (negative) {
    if (overflow || magnitude > static_cast<uint64_t>(INT64_MAX) + 1) {
      v = INT64_MIN;
    } else {
      v = static_cast<int64_t>(0 - magnitude);
    }
  } else if (overflow || magnitude > static_cast<uint64_t>(INT64_MAX)) {
    v = INT64_MAX;
  } else {
    v = static_cast<int64_t>(magnitude);
  }
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

// %X: strtoul semantics (saturating at ULONG_MAX, '-' negates), truncated.
uint32_t to_uint(uint64_t magnitude, bool negative, bool overflow) {
  uint64_t v = overflow ? UINT64_MAX : magnitude;
  if (negative && !overflow) v = 0 - v;
  return static_cast<uint32_t>(v);
}

}  // namespace

HeaderFormat make_header_format(std::string_view header,
                                const std::vector<WantedColumn>& wanted) {
  HeaderFormat f;
  size_t next = 0;
  size_t length = 0;
  size_t p = 0;
  while (p < header.size() && next < wanted.size()) {
    while (p < header.size() && is_header_sep(header[p])) ++p;
    if (p >= header.size()) break;
    size_t start = p;
    while (p < header.size() && !is_header_sep(header[p])) ++p;
    std::string_view token = header.substr(start, p - start);
    if (token == wanted[next].name) {
      f.steps.push_back({wanted[next].kind, wanted[next].width,
                         static_cast<int8_t>(next)});
      length += piece_length(wanted[next].kind, wanted[next].width);
      ++next;
    } else {
      f.steps.push_back({ScanKind::skip, 0, -1});
      length += piece_length(ScanKind::skip, 0);
    }
  }
  if (length >= kFormatLimit) {
    f.status = HeaderFormat::Status::format_overflow;
  } else if (next < wanted.size()) {
    f.status = HeaderFormat::Status::missing_field;
    f.missing = wanted[next].name;
  }
  return f;
}

int scan_line(std::string_view line, const HeaderFormat& format,
              ScanValue* values) {
  size_t nul = line.find('\0');
  if (nul != std::string_view::npos) line = line.substr(0, nul);
  Cursor c{line};
  int assigned = 0;
  for (const HeaderFormat::Step& step : format.steps) {
    c.skip_space();
    if (c.at_end()) return assigned;
    switch (step.kind) {
      case ScanKind::skip:
      case ScanKind::string: {
        size_t start = c.p;
        size_t limit = step.kind == ScanKind::skip ? SIZE_MAX : step.width;
        while (c.p < line.size() && !is_c_space(line[c.p]) &&
               c.p - start < limit) {
          ++c.p;
        }
        if (step.kind == ScanKind::string) {
          values[step.target].text = line.substr(start, c.p - start);
          ++assigned;
        }
        break;
      }
      case ScanKind::hex:
      case ScanKind::dec: {
        uint64_t mag;
        bool neg, ovf;
        if (!scan_number(c, step.kind == ScanKind::hex ? 16 : 10, mag, neg,
                         ovf)) {
          return assigned;
        }
        if (step.kind == ScanKind::hex) {
          values[step.target].u = to_uint(mag, neg, ovf);
        } else {
          values[step.target].i = to_int(mag, neg, ovf);
        }
        ++assigned;
        break;
      }
    }
  }
  return assigned;
}

bool FgetsChunks::next(std::string_view& line) {
  if (m_pos >= m_text.size()) return false;
  size_t start = m_pos;
  size_t end = start;
  size_t limit = m_text.size() - start < m_chunk ? m_text.size()
                                                  : start + m_chunk;
  while (end < limit && m_text[end] != '\n') ++end;
  line = m_text.substr(start, end - start);
  m_pos = end < m_text.size() && m_text[end] == '\n' && end < limit ? end + 1
                                                                    : end;
  return true;
}

bool parse_hex_addr(std::string_view text, uint32_t& out) {
  if (text.size() < 8) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < 8; ++i) {
    int d = hex_digit(text[i]);
    if (d < 0) return false;
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  out = v;
  return true;
}

}  // namespace netstat::formats
