// Replays net-tools 2.10's fscanf loop over /proc/net/if_inet6 (ife_print_long):
// whitespace-separated conversions over the whole file, "%4s" eight times,
// "%08x %02x %02x %02x" with glibc's width and "0x" rules, "%20s", each call
// stopping at the first conversion that fails and keeping older values.
#include "formats/proc_net_if_inet6.h"

#include <arpa/inet.h>

#include <algorithm>

namespace netstat::formats {
namespace {

bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A C string ends at its first NUL.
std::string c_string(std::string_view s) {
  size_t nul = s.find('\0');
  return std::string(nul == std::string_view::npos ? s : s.substr(0, nul));
}

class Stream {
 public:
  explicit Stream(std::string_view text) : m_text(text) {}

  void skip_space() {
    while (m_pos < m_text.size() && is_c_space(m_text[m_pos])) ++m_pos;
  }

  /// "%<width>s"; false at end of input.
  bool word(size_t width, std::string& out) {
    skip_space();
    size_t start = m_pos;
    while (m_pos < m_text.size() && m_pos - start < width &&
           !is_c_space(m_text[m_pos])) {
      ++m_pos;
    }
    if (m_pos == start) return false;
    out = c_string(m_text.substr(start, m_pos - start));
    return true;
  }

  /// "%<width>x" into an unsigned int: an optional sign, "0x" and hex
  /// digits, all counted against the width. glibc takes a bare "0x" as 0.
  bool hex(size_t width, uint32_t& out) {
    skip_space();
    size_t left = width;
    bool negative = false;
    bool digits = false;
    uint64_t value = 0;
    if (left > 0 && m_pos < m_text.size() &&
        (m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
      negative = m_text[m_pos] == '-';
      ++m_pos;
      --left;
    }
    if (left > 0 && m_pos < m_text.size() && m_text[m_pos] == '0') {
      ++m_pos;
      --left;
      digits = true;
      if (left > 0 && m_pos < m_text.size() &&
          (m_text[m_pos] == 'x' || m_text[m_pos] == 'X')) {
        ++m_pos;
        --left;
      }
    }
    while (left > 0 && m_pos < m_text.size() && hex_value(m_text[m_pos]) >= 0) {
      value = value * 16 + static_cast<uint64_t>(hex_value(m_text[m_pos]));
      ++m_pos;
      --left;
      digits = true;
    }
    if (!digits) return false;
    // Widths are at most 8 digits, so there is no overflow to saturate.
    out = static_cast<uint32_t>(negative ? 0 - value : value);
    return true;
  }

 private:
  std::string_view m_text;
  size_t m_pos = 0;
};

}  // namespace

ProcNetIfInet6 parse_proc_net_if_inet6(std::string_view text) {
  ProcNetIfInet6 out;
  // A call reads at least one line, so this bounds the entries.
  out.entries.reserve(
      static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  Stream in(text);
  IfInet6Entry cur;
  std::string pieces[8];
  for (size_t call = 1;; ++call) {
    int n = 0;
    auto step = [&n](bool converted) {
      if (converted) ++n;
      return converted;
    };
    bool ok = true;
    for (int i = 0; i < 8 && ok; ++i) ok = step(in.word(4, pieces[i]));
    if (n == 0) break;  // fscanf returned EOF: the loop ends
    ok = ok && step(in.hex(8, cur.ifindex));
    ok = ok && step(in.hex(2, cur.prefix_len));
    ok = ok && step(in.hex(2, cur.scope));
    ok = ok && step(in.hex(2, cur.flags));
    ok = ok && step(in.word(20, cur.name));
    if (ok) in.skip_space();  // the trailing "\n" directive
    cur.address_text = pieces[0];
    for (int i = 1; i < 8; ++i) {
      cur.address_text.push_back(':');
      cur.address_text += pieces[i];
    }
    cur.conversions = n;
    if (n < 13) out.short_reads.push_back(call);
    out.entries.push_back(cur);
  }
  return out;
}

std::optional<std::array<uint8_t, 16>> if_inet6_address(
    const IfInet6Entry& entry) {
  std::array<uint8_t, 16> addr{};
  // The kernel's form, eight groups of four hex digits, decoded directly
  // (inet_pton gives the same); anything else goes to inet_pton.
  const std::string& t = entry.address_text;
  if (t.size() == 39) {
    bool ok = true;
    for (size_t g = 0; g < 8 && ok; ++g) {
      const char* p = t.data() + g * 5;
      int d[4] = {hex_value(p[0]), hex_value(p[1]), hex_value(p[2]),
                  hex_value(p[3])};
      ok = (d[0] | d[1] | d[2] | d[3]) >= 0 && (g == 7 || p[4] == ':');
      if (!ok) break;
      addr[2 * g] = static_cast<uint8_t>(d[0] << 4 | d[1]);
      addr[2 * g + 1] = static_cast<uint8_t>(d[2] << 4 | d[3]);
    }
    if (ok) return addr;
  }
  if (inet_pton(AF_INET6, entry.address_text.c_str(), addr.data()) != 1) {
    return std::nullopt;
  }
  return addr;
}

std::string if_inet6_scope_tags(uint32_t scope) {
  constexpr uint32_t kCompat = 0x80, kLink = 0x20, kSite = 0x40, kHost = 0x10;
  std::string tags = "<";
  if (scope & kCompat) {
    tags += "compat,";
    scope -= kCompat;
  }
  if (scope == 0) tags += "global,";
  if (scope & kLink) tags += "link,";
  if (scope & kSite) tags += "site,";
  if (scope & kHost) tags += "host,";
  if (tags.back() == ',') {
    tags.back() = '>';
  } else {
    tags.pop_back();
  }
  return tags;
}

}  // namespace netstat::formats
