#include "capture/redacting_root.h"

#include "capture/redact_legacy.h"
#include "capture/redact_text.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <functional>

namespace netstat {
namespace {

constexpr char kUpperHex[] = "0123456789ABCDEF";
constexpr char kLowerHex[] = "0123456789abcdef";

Error dropped(std::string reason) { return Error{Errc::not_captured, 0, std::move(reason)}; }

int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool has_lower(std::string_view s) {
  for (char c : s) {
    if (c >= 'a' && c <= 'f') return true;
  }
  return false;
}

// Parses \a s (all hex digits) into bytes, in text order.
bool hex_bytes(std::string_view s, uint8_t* out, size_t n) {
  if (s.size() != 2 * n) return false;
  for (size_t i = 0; i < n; ++i) {
    int hi = hexv(s[2 * i]);
    int lo = hexv(s[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return true;
}

void put_hex(std::string& out, const uint8_t* b, size_t n, bool lower) {
  const char* digits = lower ? kLowerHex : kUpperHex;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[b[i] >> 4]);
    out.push_back(digits[b[i] & 15]);
  }
}

// How an address is spelled in hex in a /proc file.
enum class Hex4 { little, big };    // %08X of the in-memory __be32, or of ntohl()
enum class Hex16 { words, plain };  // four %08X words (tcp6), or 32 digits in order

// "0100007F" -> redacted, same spelling; nullopt when malformed. \a mask
// (host order, from the same row) clears the host bits of a network.
std::optional<std::string> redact_hex4(Redactor& r, std::string_view s, Hex4 form,
                                       std::optional<uint32_t> mask = std::nullopt) {
  uint8_t b[4];
  if (!hex_bytes(s, b, 4)) return std::nullopt;
  uint32_t h = form == Hex4::big ? (uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 |
                                    uint32_t{b[2]} << 8 | b[3])
                                 : (uint32_t{b[3]} << 24 | uint32_t{b[2]} << 16 |
                                    uint32_t{b[1]} << 8 | b[0]);
  uint32_t m = r.ipv4(h);
  if (mask && (h & ~*mask) == 0) m &= *mask;
  uint8_t o[4];
  if (form == Hex4::big) {
    o[0] = static_cast<uint8_t>(m >> 24), o[1] = static_cast<uint8_t>(m >> 16);
    o[2] = static_cast<uint8_t>(m >> 8), o[3] = static_cast<uint8_t>(m);
  } else {
    o[3] = static_cast<uint8_t>(m >> 24), o[2] = static_cast<uint8_t>(m >> 16);
    o[1] = static_cast<uint8_t>(m >> 8), o[0] = static_cast<uint8_t>(m);
  }
  std::string out;
  put_hex(out, o, 4, has_lower(s));
  return out;
}

std::optional<uint32_t> hex4_value(std::string_view s, Hex4 form) {
  uint8_t b[4];
  if (!hex_bytes(s, b, 4)) return std::nullopt;
  return form == Hex4::big ? (uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 |
                              uint32_t{b[2]} << 8 | b[3])
                           : (uint32_t{b[3]} << 24 | uint32_t{b[2]} << 16 |
                              uint32_t{b[1]} << 8 | b[0]);
}

std::optional<std::string> redact_hex16(Redactor& r, std::string_view s, Hex16 form,
                                        int prefix_len = -1) {
  Ipv6Bytes a;
  if (!hex_bytes(s, a.data(), 16)) return std::nullopt;
  if (form == Hex16::words) {
    for (size_t w = 0; w < 4; ++w) std::swap(a[4 * w], a[4 * w + 3]), std::swap(a[4 * w + 1], a[4 * w + 2]);
  }
  Ipv6Bytes m = r.ipv6(a);
  if (prefix_len >= 0 && prefix_len < 128) {
    // A route's network: its host bits stay zero.
    bool host_zero = true;
    for (int i = prefix_len; i < 128; ++i) {
      if ((a[i / 8] >> (7 - i % 8)) & 1) host_zero = false;
    }
    if (host_zero) {
      for (int i = prefix_len; i < 128; ++i) m[i / 8] = static_cast<uint8_t>(m[i / 8] & ~(0x80 >> (i % 8)));
    }
  }
  if (form == Hex16::words) {
    for (size_t w = 0; w < 4; ++w) std::swap(m[4 * w], m[4 * w + 3]), std::swap(m[4 * w + 1], m[4 * w + 2]);
  }
  std::string out;
  put_hex(out, m.data(), 16, has_lower(s));
  return out;
}

// "HEX:PORT" -> redacted address, port kept.
std::optional<std::string> redact_endpoint(Redactor& r, std::string_view s, bool v6, Hex4 form4) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::optional<std::string> a = v6 ? redact_hex16(r, s.substr(0, colon), Hex16::words)
                                    : redact_hex4(r, s.substr(0, colon), form4);
  if (!a) return std::nullopt;
  return *a + std::string(s.substr(colon));
}

}  // namespace

std::string zeroed(std::string_view tok) {
  std::string out(tok);
  for (char& c : out) {
    if (hexv(c) >= 0) c = '0';
  }
  return out;
}

std::string zeroed_endpoint(std::string_view tok) {
  size_t colon = tok.rfind(':');
  if (colon == std::string_view::npos) return zeroed(tok);
  return zeroed(tok.substr(0, colon)) + std::string(tok.substr(colon));
}

std::string rewrite_lines(std::string_view text, const LineFn& fn) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::vector<std::string_view> toks;
  std::vector<std::string_view> seps;  // seps[i] precedes toks[i]; seps.back() trails
  std::vector<std::string> repl;
  std::vector<bool> replaced;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    bool has_nl = nl != std::string_view::npos;
    if (!has_nl) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    toks.clear();
    seps.clear();
    size_t i = 0;
    while (true) {
      size_t j = i;
      while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
      seps.push_back(line.substr(i, j - i));
      if (j == line.size()) break;
      size_t k = j;
      while (k < line.size() && line[k] != ' ' && line[k] != '\t') ++k;
      toks.push_back(line.substr(j, k - j));
      i = k;
    }
    repl.assign(toks.size(), std::string());
    replaced.assign(toks.size(), false);
    if (fn(line_no, toks, repl, replaced)) {
      for (size_t t = 0; t < toks.size(); ++t) {
        out.append(seps[t]);
        if (replaced[t]) {
          out.append(repl[t]);
        } else {
          out.append(toks[t]);
        }
      }
      out.append(seps.back());
      if (has_nl) out.push_back('\n');
    }
    ++line_no;
    pos = nl + 1;
  }
  return out;
}

namespace {

// Socket tables: tokens 1 and 2 are local and remote "HEX:PORT".
std::string socket_table(Redactor& r, std::string_view text, bool v6) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n == 0) return true;
    for (size_t k = 1; k <= 2 && k < t.size(); ++k) {
      std::optional<std::string> e = redact_endpoint(r, t[k], v6, Hex4::little);
      repl[k] = e ? std::move(*e) : zeroed_endpoint(t[k]);
      done[k] = true;
    }
    return true;
  });
}

// The named hex-address columns of a table with a header (route, rt_cache).
std::string header_table(Redactor& r, std::string_view text) {
  std::vector<int> kind;  // per column: 0 keep, 1 address, 2 network, 3 mask
  int mask_col = -1;
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n == 0) {
      for (size_t k = 0; k < t.size(); ++k) {
        std::string_view h = t[k];
        int c = 0;
        if (h == "Destination") c = 2;
        if (h == "Gateway" || h == "Source" || h == "SpecDst" || h == "Spec_dst") c = 1;
        if (h == "Mask" || h == "Genmask") {
          c = 3;
          mask_col = static_cast<int>(k);
        }
        kind.push_back(c);
      }
      return true;
    }
    std::optional<uint32_t> mask;
    if (mask_col >= 0 && static_cast<size_t>(mask_col) < t.size()) {
      mask = hex4_value(t[static_cast<size_t>(mask_col)], Hex4::little);
    }
    for (size_t k = 0; k < t.size(); ++k) {
      int c = k < kind.size() ? kind[k] : 0;
      if (c == 1 || c == 2) {
        std::optional<std::string> a =
            redact_hex4(r, t[k], Hex4::little, c == 2 ? mask : std::nullopt);
        repl[k] = a ? std::move(*a) : zeroed(t[k]);
        done[k] = true;
      }
    }
    return true;
  });
}

std::string ipv6_route(Redactor& r, std::string_view text) {
  return rewrite_lines(text, [&](size_t, auto& t, auto& repl, auto& done) {
    for (size_t k : {size_t{0}, size_t{2}, size_t{4}}) {
      if (k >= t.size()) break;
      int plen = -1;
      if (k < 4 && k + 1 < t.size()) {
        uint8_t b;
        if (hex_bytes(t[k + 1], &b, 1)) plen = b;
      }
      std::optional<std::string> a = redact_hex16(r, t[k], Hex16::plain, plen);
      repl[k] = a ? std::move(*a) : zeroed(t[k]);
      done[k] = true;
    }
    return true;
  });
}

// One plain 32-digit address in token \a col of every line.
std::string plain16_column(Redactor& r, std::string_view text, size_t col) {
  return rewrite_lines(text, [&](size_t, auto& t, auto& repl, auto& done) {
    if (col < t.size()) {
      std::optional<std::string> a = redact_hex16(r, t[col], Hex16::plain);
      repl[col] = a ? std::move(*a) : zeroed(t[col]);
      done[col] = true;
    }
    return true;
  });
}

std::string igmp(Redactor& r, std::string_view text) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    // Group rows are the indented ones: "\t\t\t\t010000E0 1 0:00000000\t\t0";
    // a device row starts with its index.
    if (n == 0 || t.empty() || !(t[0].size() == 8 && hexv(t[0][0]) >= 0)) return true;
    if (t.size() >= 2 && t[1].find(':') == std::string_view::npos) {
      std::optional<std::string> a = redact_hex4(r, t[0], Hex4::little);
      if (a && t[0] != "Idx") {
        repl[0] = std::move(*a);
        done[0] = true;
      }
    }
    return true;
  });
}

// Address tokens in text form from column \a from on ('*' primary marker).
std::string text_addresses(Redactor& r, std::string_view text, size_t from) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n == 0) return true;
    for (size_t k = from; k < t.size(); ++k) {
      std::string_view tok = t[k];
      std::string_view star = tok.substr(0, tok.size() > 0 && tok[0] == '*' ? 1 : 0);
      if (auto a = r.ip_text(tok.substr(star.size()))) {
        repl[k] = std::string(star) + *a;
        done[k] = true;
      }
    }
    return true;
  });
}

// key=ADDR tokens (nf_conntrack).
std::string keyed_addresses(Redactor& r, std::string_view text) {
  return rewrite_lines(text, [&](size_t, auto& t, auto& repl, auto& done) {
    for (size_t k = 0; k < t.size(); ++k) {
      size_t eq = t[k].find('=');
      if (eq == std::string_view::npos) continue;
      if (auto a = r.ip_text(t[k].substr(eq + 1))) {
        repl[k] = std::string(t[k].substr(0, eq + 1)) + *a;
        done[k] = true;
      }
    }
    return true;
  });
}

std::string masquerade(Redactor& r, std::string_view text) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n == 0) return true;
    for (size_t k = 1; k <= 2 && k < t.size(); ++k) {
      std::optional<std::string> e = redact_endpoint(r, t[k], false, Hex4::big);
      repl[k] = e ? std::move(*e) : zeroed_endpoint(t[k]);
      done[k] = true;
    }
    return true;
  });
}

std::string unix_table(Redactor& r, std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  bool header = true;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    bool has_nl = nl != std::string_view::npos;
    if (!has_nl) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    size_t i = 0;
    size_t fields = 0;
    // Past "Num RefCount Protocol Flags Type St Inode" and one space.
    while (!header && fields < 7 && i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      while (i < line.size() && line[i] != ' ') ++i;
      ++fields;
    }
    if (header || fields < 7 || i + 1 >= line.size()) {
      out.append(line);
    } else {
      out.append(line.substr(0, i + 1));
      out.append(r.path(line.substr(i + 1)));
    }
    if (has_nl) out.push_back('\n');
    header = false;
  }
  return out;
}

bool printable_text(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u >= 0x7f) return false;
  }
  return true;
}

// Counter tables and attribute files: kept when every token is a number or
// a plain word, and none of them reads as an address.
bool plain_tokens(Redactor& r, std::string_view text) {
  if (!printable_text(text)) return false;
  bool ok = true;
  (void)rewrite_lines(text, [&](size_t, auto& t, auto&, auto&) {
    for (std::string_view tok : t) {
      if (tok.find('.') != std::string_view::npos || tok.find(':') != std::string_view::npos) {
        std::string_view bare = tok;
        while (!bare.empty() && bare.back() == ':') bare.remove_suffix(1);
        if (bare.find(':') != std::string_view::npos || bare.find('.') != std::string_view::npos) {
          uint8_t b[16];
          std::string s(bare);
          if (::inet_pton(AF_INET, s.c_str(), b) == 1 || ::inet_pton(AF_INET6, s.c_str(), b) == 1) {
            ok = false;
          }
        }
      }
    }
    (void)r;
    return true;
  });
  return ok;
}

// etc files: '#' comments removed (free text), then \a fn per line.
std::string without_comment(std::string_view line) {
  size_t hash = line.find('#');
  return std::string(hash == std::string_view::npos ? line : line.substr(0, hash));
}

// The blank-separated words of each line of an etc file, '#' comments
// removed; \a fn gets them for every line.
template <typename Fn>
void for_each_etc_line(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = without_comment(text.substr(pos, nl - pos));
    pos = nl + 1;
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) words.push_back(line.substr(i, j - i));
      i = j;
    }
    fn(words);
  }
}

std::string etc_hosts(Redactor& r, std::string_view text) {
  std::string out;
  for_each_etc_line(text, [&](const std::vector<std::string>& words) {
    if (words.size() < 2) return;
    std::optional<std::string> a = r.ip_text(words[0]);
    if (!a) return;  // glibc skips such lines too
    out += *a;
    for (size_t k = 1; k < words.size(); ++k) out += "\t" + r.host(words[k]);
    out.push_back('\n');
  });
  return out;
}

std::string etc_networks(Redactor& r, std::string_view text) {
  std::string out;
  for_each_etc_line(text, [&](const std::vector<std::string>& words) {
    if (words.size() < 2) return;
    // "10.1" is the network 10.1.0.0 written with its leading parts.
    std::vector<uint32_t> parts;
    std::string_view num = words[1];
    bool ok = !num.empty();
    size_t s = 0;
    while (ok && s <= num.size()) {
      size_t d = num.find('.', s);
      if (d == std::string_view::npos) d = num.size();
      uint32_t v = 0;
      auto [p, ec] = std::from_chars(num.data() + s, num.data() + d, v);
      ok = ec == std::errc() && p == num.data() + d && v < 256 && parts.size() < 4;
      parts.push_back(v);
      s = d + 1;
    }
    if (!ok) return;
    uint32_t addr = 0;
    for (size_t k = 0; k < 4; ++k) addr = addr << 8 | (k < parts.size() ? parts[k] : 0);
    uint32_t m = r.ipv4(addr);
    std::string text_num;
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) text_num.push_back('.');
      text_num += std::to_string((m >> (24 - 8 * k)) & 0xff);
    }
    auto name = [&](const std::string& n) {
      return n == "default" || n == "loopback" || n == "link-local" ? n : r.host(n);
    };
    out += name(words[0]) + "\t" + text_num;
    for (size_t k = 2; k < words.size(); ++k) out += "\t" + name(words[k]);
    out.push_back('\n');
  });
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) {
      out.emplace_back(s.substr(i));
      return out;
    }
    out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
}

// passwd: name:x:uid:gid:gecos:home:shell; group: name:x:gid:members.
std::string etc_accounts(Redactor& r, std::string_view text, bool group) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    std::vector<std::string> f = split(line, ':');
    if (!group && f.size() == 7) {
      out += r.user(f[0]) + ":x:" + f[2] + ":" + f[3] + "::" + r.path(f[5]) + ":" + f[6] + "\n";
    } else if (group && f.size() == 4) {
      std::string members;
      for (const std::string& m : split(f[3], ',')) {
        if (m.empty()) continue;
        if (!members.empty()) members.push_back(',');
        members += r.user(m);
      }
      out += r.group(f[0]) + ":x:" + f[2] + ":" + members + "\n";
    }
  }
  return out;
}

// Public registries and resolver settings: kept without comments.
std::string etc_plain(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line = without_comment(text.substr(pos, nl - pos));
    pos = nl + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty()) continue;
    out += line;
    out.push_back('\n');
  }
  return out;
}

bool header_only(std::string_view text) {
  size_t nl = text.find('\n');
  return nl == std::string_view::npos || nl + 1 >= text.size();
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

const char* const kLegacy[] = {"ipx", "ipx_route", "ax25", "ax25_route", "nr", "nr_nodes",
                               "nr_neigh", "rose", "rose_nodes", "rose_neigh", "rose_routes",
                               "x25", "x25_routes", "atalk_route", "ndisc"};

class RedactedNames : public NameService {
 public:
  RedactedNames(const NameService& inner, Redactor* r) : m_inner(inner), m_r(r) {}
  std::optional<std::string> host_by_addr4(uint32_t) const override { return std::nullopt; }
  std::optional<std::string> net_by_addr(uint32_t) const override { return std::nullopt; }
  std::optional<std::string> host_by_addr6(const in6_addr&) const override {
    return std::nullopt;
  }
  std::vector<ServiceEntry> services() const override { return m_inner.services(); }
  std::vector<ProtocolEntry> protocols() const override { return m_inner.protocols(); }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    std::optional<std::string> n = m_inner.user_by_uid(uid);
    if (n) return m_r->user(*n);
    return n;
  }

 private:
  const NameService& m_inner;
  Redactor* m_r;
};

// --rename-interfaces: the interface names of the files that carry them,
// each in its own layout (dev's right-aligned "%6s:", igmp's "%-10s:",
// a column elsewhere).
std::string pad_left(std::string s, size_t w) {
  return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
}

std::string pad_right(std::string s, size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls \a fn on every line (without its newline) and joins the results.
template <typename Fn>
std::string map_lines(std::string_view text, Fn fn) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  size_t pos = 0;
  for (size_t n = 0; pos < text.size(); ++n) {
    size_t nl = text.find('\n', pos);
    bool has_nl = nl != std::string_view::npos;
    if (!has_nl) nl = text.size();
    out += fn(n, text.substr(pos, nl - pos));
    if (has_nl) out.push_back('\n');
    pos = nl + 1;
  }
  return out;
}

// Token \a col (from the end when \a from_end) of every line from \a first.
std::string rename_column(Redactor& r, std::string_view text, size_t first, size_t col,
                          bool from_end) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n < first || t.empty() || (!from_end && col >= t.size())) return true;
    size_t k = from_end ? t.size() - 1 : col;
    repl[k] = r.interface(t[k]);
    done[k] = true;
    return true;
  });
}

std::optional<std::string> rename_interfaces(Redactor& r, std::string_view n,
                                             std::string_view text) {
  if (n == "dev") {
    return map_lines(text, [&](size_t line_no, std::string_view line) {
      size_t colon = line.find(':');
      if (line_no < 2 || colon == std::string_view::npos) return std::string(line);
      return pad_left(r.interface(trimmed(line.substr(0, colon))), 6) +
             std::string(line.substr(colon));
    });
  }
  if (n == "igmp") {
    return map_lines(text, [&](size_t line_no, std::string_view line) {
      size_t tab = line.find('\t');
      size_t colon = line.find(':');
      if (line_no == 0 || tab == 0 || tab == std::string_view::npos ||
          colon == std::string_view::npos || colon < tab) {
        return std::string(line);
      }
      return std::string(line.substr(0, tab + 1)) +
             pad_right(r.interface(trimmed(line.substr(tab + 1, colon - tab - 1))), 10) +
             std::string(line.substr(colon));
    });
  }
  if (n == "route" || n == "rt_cache") return rename_column(r, text, 1, 0, false);
  if (n == "igmp6") return rename_column(r, text, 0, 1, false);
  if (n == "ipv6_route" || n == "if_inet6") return rename_column(r, text, 0, 0, true);
  return rename_legacy_devices(r, n, text);
}

Result<std::string> redact_fields(Redactor& r, std::string_view path, std::string_view data,
                                  std::string& rule);

// An AX.25 hardware address (6 callsign characters shifted left by one,
// blank-padded, then the SSID byte): the callsign mapped as in the
// /proc/net tables, the shift's low bits and the SSID byte kept. False
// when the bytes are not a callsign.
bool redact_ax25_hw(Redactor& r, uint8_t* b) {
  std::string call;
  size_t n = 0;
  for (; n < 6; ++n) {
    char c = static_cast<char>(b[n] >> 1);
    if (c == ' ' || c == '\0') break;
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    call.push_back(c);
  }
  for (size_t k = n; k < 6; ++k) {
    char c = static_cast<char>(b[k] >> 1);
    if (c != ' ' && c != '\0') return false;
  }
  if (call.empty()) return true;  // no callsign: nothing to replace
  std::string m = r.callsign(call);
  if (m.size() != call.size()) return false;
  for (size_t k = 0; k < n; ++k) {
    b[k] = static_cast<uint8_t>((static_cast<uint8_t>(m[k]) << 1) | (b[k] & 1));
  }
  return true;
}

// A ROSE address (5 bytes of BCD, printed "%02x" each) or an X.25 one
// (NUL-terminated digits): mapped as X.121 addresses are in the tables.
bool redact_x121_hw(Redactor& r, uint8_t* b, size_t size, bool bcd) {
  std::string digits;
  if (bcd) {
    for (size_t k = 0; k < 5; ++k) {
      if ((b[k] >> 4) > 9 || (b[k] & 15) > 9) return false;
      digits.push_back(static_cast<char>('0' + (b[k] >> 4)));
      digits.push_back(static_cast<char>('0' + (b[k] & 15)));
    }
  } else {
    for (size_t k = 0; k < size && b[k] != 0; ++k) {
      if (b[k] < '0' || b[k] > '9') return false;
      digits.push_back(static_cast<char>(b[k]));
    }
  }
  std::string m = r.x121(digits);
  if (bcd) {
    for (size_t k = 0; k < 5; ++k) {
      b[k] = static_cast<uint8_t>((m[2 * k] - '0') << 4 | (m[2 * k + 1] - '0'));
    }
    r.hw(b + 5, size - 5);
  } else {
    for (size_t k = 0; k < m.size(); ++k) b[k] = static_cast<uint8_t>(m[k]);
    if (m.size() + 1 < size) r.hw(b + m.size() + 1, size - m.size() - 1);
  }
  return true;
}

}  // namespace

Result<std::string> redact_file(Redactor& r, std::string_view path, std::string_view data,
                                std::string& rule) {
  Result<std::string> out = redact_fields(r, path, data, rule);
  if (out.ok() && r.renames_interfaces() && path.substr(0, 10) == "/proc/net/") {
    if (std::optional<std::string> renamed = rename_interfaces(r, path.substr(10), *out)) {
      rule += ", interfaces renamed";
      return std::move(*renamed);
    }
  }
  return out;
}

namespace {

Result<std::string> redact_fields(Redactor& r, std::string_view path, std::string_view data,
                                  std::string& rule) {
  rule = "addresses";
  if (path.substr(0, 10) == "/proc/net/") {
    std::string_view n = path.substr(10);
    if (n == "tcp" || n == "udp" || n == "udplite" || n == "raw") return socket_table(r, data, false);
    if (n == "tcp6" || n == "udp6" || n == "udplite6" || n == "raw6") return socket_table(r, data, true);
    if (n == "unix") {
      rule = "paths";
      return unix_table(r, data);
    }
    if (n == "route" || n == "rt_cache") return header_table(r, data);
    if (n == "ipv6_route") return ipv6_route(r, data);
    if (n == "if_inet6") return plain16_column(r, data, 0);
    if (n == "igmp6") return plain16_column(r, data, 2);
    if (n == "igmp") return igmp(r, data);
    if (n == "ip_masquerade") return masquerade(r, data);
    if (n == "nf_conntrack") return keyed_addresses(r, data);
    if (n == "sctp/eps" || n == "sctp6/eps") return text_addresses(r, data, 8);
    if (n == "sctp/assocs" || n == "sctp6/assocs") return text_addresses(r, data, 13);
    if (n == "dev" || n == "snmp" || n == "snmp6" || n == "netstat" || n == "sctp/snmp" ||
        n == "sctp6/snmp") {
      rule = "counters";
      if (plain_tokens(r, data)) return std::string(data);
      rule = "dropped";
      return dropped("counter table with unexpected content");
    }
    if (std::optional<std::string> legacy = redact_legacy_table(r, n, data)) {
      rule = "legacy addresses";
      return std::move(*legacy);
    }
    for (const char* legacy : kLegacy) {
      if (n == legacy || (n.size() > std::strlen(legacy) && n.substr(0, std::strlen(legacy)) == legacy &&
                          n[std::strlen(legacy)] == '/')) {
        rule = "header only";
        if (header_only(data)) return std::string(data);
        rule = "dropped";
        return dropped("legacy protocol table with rows: no redaction rule for this file");
      }
    }
  } else if (path.substr(0, 15) == "/sys/class/net/") {
    std::string_view attr = path.substr(path.rfind('/') + 1);
    if (attr == "address" || attr == "broadcast") {
      rule = "hardware address";
      std::string_view v = data;
      while (!v.empty() && (v.back() == '\n')) v.remove_suffix(1);
      // A device without a link-layer address (tun, wireguard) shows an empty line;
      // ipip/sit/gre tunnels show their endpoints as IPv4 or IPv6 text.
      if (v.empty()) return std::string(data);
      if (auto h = r.hw_text(v)) return *h + std::string(data.substr(v.size()));
      if (auto a = r.ip_text(v)) {
        rule = "addresses";
        return *a + std::string(data.substr(v.size()));
      }
      rule = "dropped";
      return dropped("not a hardware address");
    }
    rule = "attribute";
    if (plain_tokens(r, data) && data.size() < 64) return std::string(data);
    rule = "dropped";
    return dropped("attribute with unexpected content");
  } else if (path.substr(0, 5) == "/etc/") {
    std::string_view f = path.substr(5);
    rule = "names";
    if (f == "hosts") return etc_hosts(r, data);
    if (f == "networks") return etc_networks(r, data);
    if (f == "passwd") return etc_accounts(r, data, false);
    if (f == "group") return etc_accounts(r, data, true);
    if (f == "services" || f == "protocols" || f == "nsswitch.conf" || f == "host.conf") {
      rule = "comments removed";
      return etc_plain(data);
    }
  } else if (path.substr(0, 6) == "/proc/") {
    std::string_view rest = path.substr(6);
    size_t slash = rest.find('/');
    if (slash != std::string_view::npos && all_digits(rest.substr(0, slash)) &&
        rest.substr(slash + 1) == "cmdline") {
      rule = "program";
      return r.cmdline(data);
    }
  }
  rule = "dropped";
  return dropped("no redaction rule");
}

}  // namespace

RedactingRoot::RedactingRoot(const Root& inner, Redactor& redactor)
    : m_inner(inner), m_r(&redactor),
      m_names(std::make_unique<RedactedNames>(inner.names(), &redactor)) {}

RedactingRoot::~RedactingRoot() = default;

std::string RedactingRoot::inner_path(std::string_view path) const {
  constexpr std::string_view kSys = "/sys/class/net/";
  if (!m_r->renames_interfaces() || path.substr(0, kSys.size()) != kSys) {
    return std::string(path);
  }
  std::string_view rest = path.substr(kSys.size());
  size_t slash = rest.find('/');
  return std::string(kSys) + m_r->interface_original(rest.substr(0, slash)) +
         std::string(slash == std::string_view::npos ? std::string_view() : rest.substr(slash));
}

Result<std::string> RedactingRoot::read_file(std::string_view path) const {
  Result<std::string> raw = m_inner.read_file(inner_path(path));
  if (!raw.ok()) return raw;
  std::string rule;
  Result<std::string> out = redact_file(*m_r, path, *raw, rule);
  bool process = path.substr(0, 6) == "/proc/" && rule == "program";
  if (!process) {
    m_files.push_back({std::string(path), rule, out.ok() ? std::string() : out.error().message});
  }
  return out;
}

Result<std::vector<DirEntry>> RedactingRoot::list_dir(std::string_view path) const {
  Result<std::vector<DirEntry>> list = m_inner.list_dir(inner_path(path));
  if (list.ok() && m_r->renames_interfaces() && path == "/sys/class/net") {
    for (DirEntry& e : *list) {
      if (e.type != FileType::regular) e.name = m_r->interface(e.name);  // not bonding_masters
    }
  }
  return list;
}

Result<std::string> RedactingRoot::read_link(std::string_view path) const {
  Result<std::string> t = m_inner.read_link(path);
  if (t.ok() && t->substr(0, 7) != "socket:" && t->substr(0, 7) != "[0000]:") {
    return dropped("not a socket link");
  }
  return t;
}

Result<std::vector<LinkEntry>> RedactingRoot::read_links(std::string_view dir) const {
  Result<std::vector<LinkEntry>> links = m_inner.read_links(dir);
  if (!links.ok()) return links;
  for (LinkEntry& l : *links) {
    if (l.target.ok() && l.target->substr(0, 7) != "socket:" &&
        l.target->substr(0, 7) != "[0000]:") {
      l.target = Result<std::string>(dropped("not a socket link"));
    }
  }
  return links;
}

Result<std::vector<std::string>> RedactingRoot::interface_labels() const {
  Result<std::vector<std::string>> labels = m_inner.interface_labels();
  if (labels.ok()) {
    for (std::string& l : *labels) l = m_r->interface(l);
  }
  return labels;
}

Result<IfaceInfo> RedactingRoot::interface_info(std::string_view name) const {
  Result<IfaceInfo> info = m_inner.interface_info(m_r->interface_original(name));
  if (!info.ok()) return info;
  IfaceInfo& i = *info;
  i.name = m_r->interface(i.name);
  // IfaceInfo holds addresses in network byte order.
  auto map = [this](uint32_t a) { return htonl(m_r->ipv4(ntohl(a))); };
  if (i.has_addr) {
    uint32_t addr = ntohl(i.addr);
    uint32_t mask = ntohl(i.netmask);
    uint32_t mapped = m_r->ipv4(addr);
    uint32_t brd = ntohl(i.broadaddr);
    // A broadcast address of the interface's own network keeps its host
    // part (all ones), so it still reads as that network's broadcast.
    if (!i.broadaddr_failed && brd != 0 && (brd & mask) == (addr & mask) && mask != 0xffffffffu) {
      i.broadaddr = htonl((mapped & mask) | (brd & ~mask));
    } else {
      i.broadaddr = map(i.broadaddr);
    }
    i.addr = htonl(mapped);
    i.dstaddr = map(i.dstaddr);
  }
  if (i.has_hw) {
    switch (i.hw_type) {
      case 768:  // ARPHRD_TUNNEL
      case 769:  // ARPHRD_TUNNEL6
      case 776:  // ARPHRD_SIT
      case 778: {  // ARPHRD_IPGRE: the hardware address is the local IPv4
        uint32_t a = 0;
        std::memcpy(&a, i.hw_addr.data(), 4);
        a = map(a);
        std::memcpy(i.hw_addr.data(), &a, 4);
        break;
      }
      case 1:    // ARPHRD_ETHER
      case 6:    // ARPHRD_IEEE802
      case 801:  // ARPHRD_IEEE80211
      case 802:  // ARPHRD_IEEE80211_PRISM
      case 803:  // ARPHRD_IEEE80211_RADIOTAP
        m_r->hw(i.hw_addr.data(), 6);
        break;
      case 0:    // ARPHRD_NETROM
      case 3:    // ARPHRD_AX25: a callsign, as in /proc/net/ax25 and nr
        if (!redact_ax25_hw(*m_r, i.hw_addr.data())) m_r->hw(i.hw_addr.data(), 7);
        m_r->hw(i.hw_addr.data() + 7, i.hw_addr.size() - 7);
        break;
      case 270:  // ARPHRD_ROSE: 5 bytes of BCD, as in /proc/net/rose
      case 271:  // ARPHRD_X25: the X.121 digits as text
        if (!redact_x121_hw(*m_r, i.hw_addr.data(), i.hw_addr.size(), i.hw_type == 270)) {
          m_r->hw(i.hw_addr.data(), i.hw_addr.size());
        }
        break;
      default:
        m_r->hw(i.hw_addr.data(), i.hw_addr.size());
        break;
    }
  }
  return info;
}

const NameService& RedactingRoot::names() const { return *m_names; }

SourceInfo RedactingRoot::source_info() const {
  SourceInfo src = m_inner.source_info();
  src.kind.clear();
  return src;
}

SystemIdentity RedactingRoot::identity() const {
  SystemIdentity id = m_inner.identity();
  id.hostname = m_r->host(id.hostname);
  return id;
}

}  // namespace netstat
