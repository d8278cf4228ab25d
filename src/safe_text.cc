// safe_text: escapes control bytes, C1 controls, invalid UTF-8 and the
// backslash of untrusted strings as \xNN, keeping valid UTF-8 (the
// --safe-strings option; net-tools 2.10 itself prints such strings raw).
// UTF-8 well-formedness follows Unicode's table of well-formed byte
// sequences; an ill-formed sequence escapes its first byte and scanning
// resumes at the next one.
#include "src/safe_text.h"

#include <cstdint>

namespace netstat {
namespace {

// Length of the well-formed UTF-8 sequence at the start of \a s that is safe
// to keep, or 0 when its first byte must be escaped.
size_t keep_length(std::string_view s) {
  auto b = [&s](size_t i) { return static_cast<uint8_t>(s[i]); };
  auto cont = [&](size_t i, uint8_t lo, uint8_t hi) {
    return i < s.size() && b(i) >= lo && b(i) <= hi;
  };
  uint8_t c = b(0);
  if (c < 0x80) return (c < 0x20 || c == 0x7f || c == '\\') ? 0 : 1;
  if (c >= 0xc2 && c <= 0xdf) {
    if (!cont(1, 0x80, 0xbf)) return 0;
    return (c == 0xc2 && b(1) <= 0x9f) ? 0 : 2;  // C1 controls
  }
  if (c >= 0xe0 && c <= 0xef) {
    uint8_t lo = c == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
    uint8_t hi = c == 0xed ? 0x9f : 0xbf;  // no surrogates
    return cont(1, lo, hi) && cont(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    uint8_t lo = c == 0xf0 ? 0x90 : 0x80;  // no overlong forms
    uint8_t hi = c == 0xf4 ? 0x8f : 0xbf;  // nothing above U+10FFFF
    return cont(1, lo, hi) && cont(2, 0x80, 0xbf) && cont(3, 0x80, 0xbf) ? 4
                                                                          : 0;
  }
  return 0;  // 80-C1 (continuation, overlong lead) and F5-FF
}

}  // namespace

bool needs_escaping(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {  // the common, ASCII case
      ++i;
      continue;
    }
    size_t n = keep_length(s.substr(i));
    if (n == 0) return true;
    i += n;
  }
  return false;
}

void append_safe_text(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < s.size()) {
    size_t n = keep_length(s.substr(i));
    if (n != 0) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    auto c = static_cast<uint8_t>(s[i]);
    char esc[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 0xf]};
    out.append(esc, sizeof esc);
    ++i;
  }
}

std::string safe_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_safe_text(out, s);
  return out;
}

std::string_view safe_view(std::string_view s, bool enabled,
                           std::string& scratch) {
  if (!enabled || !needs_escaping(s)) return s;
  scratch.clear();
  append_safe_text(scratch, s);
  return scratch;
}

}  // namespace netstat
