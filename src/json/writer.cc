// JsonWriter and the JSON string escaper: a fast path copies runs of plain
// ASCII; controls become \n, \t, \u00XX; invalid UTF-8 becomes U+FFFD.
#include "src/json/writer.h"

#include <cstring>

namespace netstat::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the well-formed UTF-8 sequence at s[i] (>= 2), or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

void escape_u(fmt::memory_buffer& out, unsigned v) {
  char e[6] = {'\\', 'u', '0', '0', kHex[(v >> 4) & 0xF], kHex[v & 0xF]};
  out.append(e, e + 6);
}

}  // namespace

// 1 for bytes that are copied as they are.
struct PlainTable {
  bool plain[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain;

void append_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  size_t i = 0, run = 0;
  auto flush = [&](size_t end) {
    if (end > run) out.append(s.data() + run, s.data() + end);
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kPlain.plain[c]) {
      ++i;
      continue;
    }
    flush(i);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      if (c == '\n') {
        out.append(std::string_view("\\n"));
      } else if (c == '\t') {
        out.append(std::string_view("\\t"));
      } else if (c == '\r') {
        out.append(std::string_view("\\r"));
      } else {
        escape_u(out, c);
      }
      ++i;
    } else {
      size_t n = utf8_sequence(s, i);
      if (n == 0) {
        out.append(std::string_view("\\ufffd"));
        ++i;
      } else if (n == 2 && c == 0xC2 &&
                 static_cast<unsigned char>(s[i + 1]) < 0xA0) {
        escape_u(out, static_cast<unsigned char>(s[i + 1]));  // C1 control
        i += 2;
      } else {
        out.append(s.data() + i, s.data() + i + n);
        i += n;
      }
    }
    run = i;
  }
  flush(s.size());
  out.push_back('"');
}

void JsonWriter::key(std::string_view k) {
  int d = m_depth < kMaxDepth ? m_depth : kMaxDepth;
  // Keys are this program's own snake_case literals: no escaping needed,
  // and the separator, quotes and colon go out in one append.
  char buf[64];
  size_t n = 0;
  if (d > 0 && !m_first[d - 1]) buf[n++] = ',';
  if (d > 0) m_first[d - 1] = false;
  if (k.size() > sizeof buf - 4) {
    m_out.append(buf, buf + n);
    put('"');
    write(k);
    write("\":");
  } else {
    buf[n++] = '"';
    std::memcpy(buf + n, k.data(), k.size());
    n += k.size();
    buf[n++] = '"';
    buf[n++] = ':';
    m_out.append(buf, buf + n);
  }
  m_after_key = true;
}

void JsonWriter::value_prefix() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  int d = m_depth < kMaxDepth ? m_depth : kMaxDepth;
  if (d > 0) {
    if (!m_first[d - 1]) put(',');
    m_first[d - 1] = false;
  }
  if (m_break) {
    put('\n');
    m_break = false;
  }
}

void JsonWriter::push() {
  if (m_depth < kMaxDepth) m_first[m_depth] = true;
  ++m_depth;
}

void JsonWriter::fixed2(uint64_t units, uint64_t per) {
  value_prefix();
  if (per == 0) per = 1;
  uint64_t whole = units / per;
  uint64_t rem = units % per;  // per is a clock rate: rem * 100 cannot overflow
  unsigned frac = per > (UINT64_MAX / 200) ? 0
                                          : static_cast<unsigned>((rem * 100 + per / 2) / per);
  if (frac >= 100) {
    ++whole;
    frac -= 100;
  }
  fmt::format_int w(whole);
  write(std::string_view(w.data(), w.size()));
  char f[3] = {'.', static_cast<char>('0' + frac / 10), static_cast<char>('0' + frac % 10)};
  m_out.append(f, f + 3);
}

void JsonWriter::number(double v, int decimals) {
  value_prefix();
  if (!(v == v) || v > 1e300 || v < -1e300) {
    write("null");
    return;
  }
  fmt::format_to(std::back_inserter(m_out), "{:.{}f}", v, decimals);
}

}  // namespace netstat::json
