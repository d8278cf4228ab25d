// Header matching and sscanf emulation for the /proc/net/route and
// /proc/net/rt_cache readers, mirroring net-tools 2.10's proc_gen_fmt() plus
// the glibc sscanf conversions its generated formats use (%Ns, %*s, %X, %d),
// including width-limited strings, partial numeric tokens and 32-bit
// truncation of out-of-range numbers.
#include "formats/proc_header_format.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace netstat::formats {
namespace {

// Character classes, table driven (this is the per-byte loop of -r).
struct CharTable {
  int8_t hex[256];
  bool space[256];
  constexpr CharTable() : hex(), space() {
    for (int i = 0; i < 256; ++i) {
      hex[i] = -1;
      space[i] = false;
    }
    for (int i = 0; i < 10; ++i) hex['0' + i] = static_cast<int8_t>(i);
    for (int i = 0; i < 6; ++i) {
      hex['a' + i] = static_cast<int8_t>(10 + i);
      hex['A' + i] = static_cast<int8_t>(10 + i);
    }
    for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
      space[static_cast<unsigned char>(c)] = true;
    }
  }
};
constexpr CharTable kChars;

inline bool is_c_space(char c) {
  return kChars.space[static_cast<unsigned char>(c)];
}

inline bool is_header_sep(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '|';
}

inline int hex_digit(char c) {
  return kChars.hex[static_cast<unsigned char>(c)];
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
  const char* p;
  const char* end;
  void skip_space() {
    while (p < end && is_c_space(*p)) ++p;
  }
  bool at_end() const { return p >= end; }
};

// Reads an optionally signed number in base \a Base the way glibc scanf
// collects it; returns false on a matching failure. Saturates like
// strtol/strtoul (the caller maps the magnitude to the C type).
template <unsigned Base>
bool scan_number(Cursor& c, uint64_t& magnitude, bool& negative,
                 bool& overflow) {
  negative = false;
  overflow = false;
  magnitude = 0;
  if (c.at_end()) return false;
  if (*c.p == '+' || *c.p == '-') {
    negative = *c.p == '-';
    ++c.p;
  }
  if (Base == 16 && c.end - c.p > 2 && c.p[0] == '0' &&
      (c.p[1] == 'x' || c.p[1] == 'X') && hex_digit(c.p[2]) >= 0) {
    c.p += 2;
  }
  const char* start = c.p;
  uint64_t v = 0;
  while (c.p < c.end) {
    unsigned d = static_cast<unsigned>(hex_digit(*c.p));
    if (d >= Base) break;  // -1 wraps to a large value
    uint64_t next;
    if (__builtin_mul_overflow(v, static_cast<uint64_t>(Base), &next) ||
        __builtin_add_overflow(next, static_cast<uint64_t>(d), &next)) {
      overflow = true;
    } else {
      v = next;
    }
    ++c.p;
  }
  magnitude = v;
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
  const char* nul =
      static_cast<const char*>(std::memchr(line.data(), '\0', line.size()));
  Cursor c{line.data(), nul != nullptr ? nul : line.data() + line.size()};
  int assigned = 0;
  for (const HeaderFormat::Step& step : format.steps) {
    c.skip_space();
    if (c.at_end()) return assigned;
    switch (step.kind) {
      case ScanKind::skip:
        while (c.p < c.end && !is_c_space(*c.p)) ++c.p;
        break;
      case ScanKind::string: {
        const char* start = c.p;
        const char* stop =
            c.end - c.p > step.width ? c.p + step.width : c.end;
        while (c.p < stop && !is_c_space(*c.p)) ++c.p;
        values[step.target].text =
            std::string_view(start, static_cast<size_t>(c.p - start));
        ++assigned;
        break;
      }
      case ScanKind::hex:
      case ScanKind::dec: {
        uint64_t mag;
        bool neg, ovf;
        if (step.kind == ScanKind::hex) {
          if (!scan_number<16>(c, mag, neg, ovf)) return assigned;
          values[step.target].u = to_uint(mag, neg, ovf);
        } else {
          if (!scan_number<10>(c, mag, neg, ovf)) return assigned;
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
  size_t limit = m_text.size() - start < m_chunk ? m_text.size()
                                                  : start + m_chunk;
  const void* nl = std::memchr(m_text.data() + start, '\n', limit - start);
  size_t end = nl == nullptr
                   ? limit
                   : static_cast<size_t>(static_cast<const char*>(nl) -
                                         m_text.data());
  line = m_text.substr(start, end - start);
  m_pos = end < m_text.size() && m_text[end] == '\n' && end < limit ? end + 1
                                                                    : end;
  return true;
}

bool parse_hex_addr(std::string_view text, uint32_t& out) {
  if (text.size() < 8) return false;
  uint32_t v = 0;
  int bad = 0;
  for (size_t i = 0; i < 8; ++i) {
    int d = hex_digit(text[i]);
    bad |= d;  // any -1 sets the sign bit
    v = (v << 4) | static_cast<uint32_t>(d & 0xf);
  }
  if (bad < 0) return false;
  out = v;
  return true;
}

}  // namespace netstat::formats
