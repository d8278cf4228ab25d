// CScan: the pieces of glibc sscanf() the 2.10 socket parsers use, over a
// string_view and without allocation: "%d", "%X"/"%lX", "%lu", "%64[hex]",
// "%s", literal characters and blanks. Integer conversions skip leading
// white space, take a sign, saturate like strtol/strtoul and are then cut to
// the destination type by the caller (as glibc does for %d/%X into int).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace netstat::formats {

/// Value of each byte as a hex digit, -1 for non-digits.
inline constexpr signed char kHexValue[256] = {
#define NETSTAT_H16(b)                                                        \
  NETSTAT_HX(b + 0), NETSTAT_HX(b + 1), NETSTAT_HX(b + 2), NETSTAT_HX(b + 3), \
      NETSTAT_HX(b + 4), NETSTAT_HX(b + 5), NETSTAT_HX(b + 6),               \
      NETSTAT_HX(b + 7), NETSTAT_HX(b + 8), NETSTAT_HX(b + 9),               \
      NETSTAT_HX(b + 10), NETSTAT_HX(b + 11), NETSTAT_HX(b + 12),            \
      NETSTAT_HX(b + 13), NETSTAT_HX(b + 14), NETSTAT_HX(b + 15)
#define NETSTAT_HX(c)                                               \
  static_cast<signed char>((c) >= '0' && (c) <= '9'   ? (c) - '0'      \
                           : (c) >= 'a' && (c) <= 'f' ? (c) - 'a' + 10 \
                           : (c) >= 'A' && (c) <= 'F' ? (c) - 'A' + 10 \
                                                      : -1)
    NETSTAT_H16(0),   NETSTAT_H16(16),  NETSTAT_H16(32),  NETSTAT_H16(48),
    NETSTAT_H16(64),  NETSTAT_H16(80),  NETSTAT_H16(96),  NETSTAT_H16(112),
    NETSTAT_H16(128), NETSTAT_H16(144), NETSTAT_H16(160), NETSTAT_H16(176),
    NETSTAT_H16(192), NETSTAT_H16(208), NETSTAT_H16(224), NETSTAT_H16(240),
#undef NETSTAT_HX
#undef NETSTAT_H16
};

/// Exactly \a N hex digits at \a p into \a out; false when any is not one.
template <size_t N>
inline bool hex_digits(const char* p, uint64_t& out) {
  static_assert(N <= 16, "at most 64 bits");
  uint64_t v = 0;
  int bad = 0;
  for (size_t i = 0; i < N; ++i) {
    int d = kHexValue[static_cast<unsigned char>(p[i])];
    bad |= d;  // negative once any byte is not a digit
    v = v << 4 | static_cast<uint64_t>(d & 15);
  }
  out = v;
  return bad >= 0;
}

class CScan {
 public:
  explicit CScan(std::string_view s) : m_s(s) {}

  static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
  }
  static int hex_digit(char c) {
    return kHexValue[static_cast<unsigned char>(c)];
  }

  /// A blank in the format: any amount of white space, including none.
  void blanks() {
    while (m_i < m_s.size() && is_space(m_s[m_i])) ++m_i;
  }
  /// A literal character in the format (no white space skipped).
  bool literal(char c) {
    if (m_i < m_s.size() && m_s[m_i] == c) {
      ++m_i;
      return true;
    }
    return false;
  }
  /// "%d"/"%ld": long, saturating (LONG_MIN/LONG_MAX) like strtol.
  bool dec_long(long& out) {
    uint64_t mag = 0;
    bool neg = false;
    if (!number(10, mag, neg)) return false;
    if (neg) {
      out = mag > static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN
                                                        : static_cast<long>(0 - mag);
    } else {
      out = mag > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX
                                                    : static_cast<long>(mag);
    }
    return true;
  }
  /// "%X"/"%lX" (base 16) or "%lu" (base 10): unsigned long like strtoul
  /// (a '-' negates modulo 2^64; overflow gives ULONG_MAX).
  bool unsigned_long(int base, uint64_t& out) {
    uint64_t mag = 0;
    bool neg = false;
    if (!number(base, mag, neg)) return false;
    out = neg && mag != UINT64_MAX ? 0 - mag : mag;
    return true;
  }
  /// "%N[0-9A-Fa-f]": 1..N hex characters, no white space skipped.
  bool hex_span(size_t max, std::string_view& out) {
    size_t start = m_i;
    while (m_i < m_s.size() && m_i - start < max && hex_digit(m_s[m_i]) >= 0) {
      ++m_i;
    }
    if (m_i == start) return false;
    out = m_s.substr(start, m_i - start);
    return true;
  }
  /// "%s" / "%Ns": skips white space, then a non-empty run of at most
  /// \a max non-blanks.
  bool word(std::string_view& out, size_t max = SIZE_MAX) {
    blanks();
    size_t start = m_i;
    while (m_i < m_s.size() && !is_space(m_s[m_i]) && m_i - start < max) ++m_i;
    if (m_i == start) return false;
    out = m_s.substr(start, m_i - start);
    return true;
  }
  bool at_end() const { return m_i >= m_s.size(); }
  /// Continues from byte \a pos (after fields read another way).
  void seek(size_t pos) { m_i = pos < m_s.size() ? pos : m_s.size(); }
  size_t pos() const { return m_i; }
  std::string_view rest() const { return m_s.substr(m_i); }

 private:
  bool number(int base, uint64_t& mag, bool& neg) {
    blanks();
    size_t i = m_i;
    neg = false;
    if (i < m_s.size() && (m_s[i] == '+' || m_s[i] == '-')) {
      neg = m_s[i] == '-';
      ++i;
    }
    if (base == 16 && i + 2 < m_s.size() && m_s[i] == '0' &&
        (m_s[i + 1] == 'x' || m_s[i + 1] == 'X') && hex_digit(m_s[i + 2]) >= 0) {
      i += 2;
    }
    size_t start = i;
    uint64_t v = 0;
    bool overflow = false;
    uint64_t ub = static_cast<uint64_t>(base);
    for (; i < m_s.size(); ++i) {
      int d = hex_digit(m_s[i]);
      if (d < 0 || d >= base) break;
      overflow |= __builtin_mul_overflow(v, ub, &v);
      overflow |= __builtin_add_overflow(v, static_cast<uint64_t>(d), &v);
    }
    if (i == start) return false;
    m_i = i;
    mag = overflow ? UINT64_MAX : v;
    return true;
  }

  std::string_view m_s;
  size_t m_i = 0;
};

}  // namespace netstat::formats
