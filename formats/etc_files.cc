// /etc database parsers with glibc 2.36 "files" backend rules (nss_files
// LINE_PARSER: leading blanks skipped, '#' lines ignored, bad lines dropped),
// and the libc address-text parsers they need (inet_pton, inet_network,
// inet_aton), written out so formats/ stays free of libc lookups.
#include "formats/etc_files.h"

#include <cstddef>
#include <string>

namespace netstat::formats {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Calls \a fn(line) for every line glibc would hand to its parser: leading
/// blanks removed, '#' comment lines and empty lines skipped, and (when
/// \a strip_comment) everything from the first '#' removed.
template <typename Fn>
void for_each_db_line(std::string_view text, bool strip_comment, Fn&& fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    line.remove_prefix(i);
    if (line.empty() || line[0] == '#') continue;
    if (strip_comment) {
      size_t hash = line.find('#');
      if (hash != std::string_view::npos) line = line.substr(0, hash);
    }
    // glibc works on C strings: an embedded NUL ends the line.
    size_t nul = line.find('\0');
    if (nul != std::string_view::npos) line = line.substr(0, nul);
    fn(line);
  }
}

/// STRING_FIELD(var, isspace, swallow=1): the text up to the next blank;
/// \a line advances past it and the blanks that follow.
std::string_view blank_field(std::string_view& line) {
  size_t i = 0;
  while (i < line.size() && !is_space(line[i])) ++i;
  std::string_view field = line.substr(0, i);
  while (i < line.size() && is_space(line[i])) ++i;
  line.remove_prefix(i);
  return field;
}

/// STRING_FIELD(var, ISCOLON, swallow=0).
std::string_view colon_field(std::string_view& line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    std::string_view field = line;
    line = {};
    return field;
  }
  std::string_view field = line.substr(0, colon);
  line.remove_prefix(colon + 1);
  return field;
}

/// strtoul(text, &end, base) over a string_view: leading blanks, optional
/// sign, base 0 prefixes; saturates at ULONG_MAX. Returns the number of
/// characters consumed (0 when no digits were found, like end == text).
size_t c_strtoul(std::string_view text, int base, unsigned long* value) {
  size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  if ((base == 0 || base == 16) && i + 1 < text.size() && text[i] == '0' &&
      (text[i + 1] == 'x' || text[i + 1] == 'X') && i + 2 < text.size() &&
      hex_value(text[i + 2]) >= 0) {
    base = 16;
    i += 2;
  } else if (base == 0) {
    base = (i < text.size() && text[i] == '0') ? 8 : 10;
  }
  size_t start = i;
  unsigned long v = 0;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    int d = hex_value(text[i]);
    if (d < 0 || d >= base) break;
    unsigned long ub = static_cast<unsigned long>(base);
    unsigned long ud = static_cast<unsigned long>(d);
    if (v > (~0UL - ud) / ub) overflow = true;
    v = v * ub + ud;
  }
  if (i == start) {
    *value = 0;
    return 0;
  }
  if (overflow) {
    v = ~0UL;
  } else if (negative) {
    v = 0UL - v;
  }
  *value = v;
  return i;
}

}  // namespace

std::optional<uint32_t> parse_ipv4_strict(std::string_view text) {
  uint8_t bytes[4] = {0, 0, 0, 0};
  int octets = 0;
  bool saw_digit = false;
  unsigned cur = 0;
  for (char c : text) {
    if (is_digit(c)) {
      if (saw_digit && cur == 0) return std::nullopt;  // leading zero
      cur = cur * 10 + static_cast<unsigned>(c - '0');
      if (cur > 255) return std::nullopt;
      if (!saw_digit) {
        if (++octets > 4) return std::nullopt;
        saw_digit = true;
      }
    } else if (c == '.' && saw_digit) {
      if (octets == 4) return std::nullopt;
      bytes[octets - 1] = static_cast<uint8_t>(cur);
      cur = 0;
      saw_digit = false;
    } else {
      return std::nullopt;
    }
  }
  if (octets < 4 || !saw_digit) return std::nullopt;
  bytes[3] = static_cast<uint8_t>(cur);
  // Network byte order: first octet in the lowest-addressed byte.
  return static_cast<uint32_t>(bytes[0]) |
         static_cast<uint32_t>(bytes[1]) << 8 |
         static_cast<uint32_t>(bytes[2]) << 16 |
         static_cast<uint32_t>(bytes[3]) << 24;
}

std::optional<std::array<uint8_t, 16>> parse_ipv6(std::string_view text) {
  std::array<uint8_t, 16> out{};
  size_t tp = 0;
  std::optional<size_t> colonp;
  size_t i = 0;
  if (!text.empty() && text[0] == ':') {
    if (text.size() < 2 || text[1] != ':') return std::nullopt;
    ++i;
  }
  size_t curtok = i;
  bool saw_xdigit = false;
  unsigned val = 0;
  int digits = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    int d = hex_value(c);
    if (d >= 0) {
      if (++digits > 4) return std::nullopt;
      val = (val << 4) | static_cast<unsigned>(d);
      saw_xdigit = true;
      continue;
    }
    if (c == ':') {
      curtok = i + 1;
      if (!saw_xdigit) {
        if (colonp) return std::nullopt;
        colonp = tp;
        continue;
      }
      if (i + 1 >= text.size()) return std::nullopt;
      if (tp + 2 > 16) return std::nullopt;
      out[tp++] = static_cast<uint8_t>(val >> 8);
      out[tp++] = static_cast<uint8_t>(val);
      saw_xdigit = false;
      digits = 0;
      val = 0;
      continue;
    }
    if (c == '.' && tp + 4 <= 16) {
      std::optional<uint32_t> v4 = parse_ipv4_strict(text.substr(curtok));
      if (!v4) return std::nullopt;
      for (int k = 0; k < 4; ++k) {
        out[tp++] = static_cast<uint8_t>(*v4 >> (8 * k));
      }
      saw_xdigit = false;
      break;
    }
    return std::nullopt;
  }
  if (saw_xdigit) {
    if (tp + 2 > 16) return std::nullopt;
    out[tp++] = static_cast<uint8_t>(val >> 8);
    out[tp++] = static_cast<uint8_t>(val);
  }
  if (colonp) {
    if (tp == 16) return std::nullopt;
    size_t n = tp - *colonp;
    for (size_t k = 1; k <= n; ++k) {
      out[16 - k] = out[*colonp + n - k];
      out[*colonp + n - k] = 0;
    }
    tp = 16;
  }
  if (tp != 16) return std::nullopt;
  return out;
}

std::optional<uint32_t> parse_inet_network(std::string_view text) {
  uint32_t parts[4];
  size_t nparts = 0;
  size_t i = 0;
  while (true) {
    uint32_t val = 0;
    unsigned base = 10;
    bool digit = false;
    if (i < text.size() && text[i] == '0') {
      digit = true;
      base = 8;
      ++i;
    }
    if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) {
      digit = false;
      base = 16;
      ++i;
    }
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (is_digit(c)) {
        if (base == 8 && (c == '8' || c == '9')) return std::nullopt;
        val = val * base + static_cast<uint32_t>(c - '0');
        digit = true;
        if (val > 0xff) return std::nullopt;
        continue;
      }
      if (base == 16 && hex_value(c) >= 0) {
        val = (val << 4) + static_cast<uint32_t>(hex_value(c));
        digit = true;
        if (val > 0xff) return std::nullopt;
        continue;
      }
      break;
    }
    if (!digit || nparts >= 4) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
      parts[nparts++] = val;
      ++i;
      continue;
    }
    if (i < text.size() && !is_space(text[i])) return std::nullopt;
    parts[nparts++] = val;
    break;
  }
  uint32_t v = 0;
  for (size_t k = 0; k < nparts; ++k) v = (v << 8) | (parts[k] & 0xff);
  return v;
}

std::optional<uint32_t> parse_inet_aton(std::string_view text) {
  static constexpr uint32_t kMax[4] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
  uint8_t bytes[4] = {0, 0, 0, 0};
  size_t nbytes = 0;
  size_t i = 0;
  unsigned long val = 0;
  while (true) {
    if (i >= text.size() || !is_digit(text[i])) return std::nullopt;
    size_t used = c_strtoul(text.substr(i), 0, &val);
    if (used == 0 || val > 0xfffffffful) return std::nullopt;
    i += used;
    if (i < text.size() && text[i] == '.') {
      if (nbytes > 2 || val > 0xff) return std::nullopt;
      bytes[nbytes++] = static_cast<uint8_t>(val);
      ++i;
      continue;
    }
    break;
  }
  if (i < text.size() && !is_space(text[i]) && text[i] != '\0') {
    return std::nullopt;
  }
  if (val > kMax[nbytes]) return std::nullopt;
  uint32_t host = static_cast<uint32_t>(val);
  for (size_t k = 0; k < nbytes; ++k) {
    host |= static_cast<uint32_t>(bytes[k]) << (24 - 8 * k);
  }
  // To network byte order.
  return (host >> 24) | ((host >> 8) & 0xff00u) | ((host << 8) & 0xff0000u) |
         (host << 24);
}

std::vector<HostsEntry> parse_hosts(std::string_view text) {
  std::vector<HostsEntry> out;
  for_each_db_line(text, true, [&](std::string_view line) {
    std::string_view addr = blank_field(line);
    HostsEntry e;
    if (std::optional<uint32_t> v4 = parse_ipv4_strict(addr)) {
      e.v4 = v4;
    } else if (std::optional<std::array<uint8_t, 16>> v6 = parse_ipv6(addr)) {
      e.v6 = v6;
      const std::array<uint8_t, 16>& b = *v6;
      bool zero10 = true;
      for (int k = 0; k < 10; ++k) zero10 = zero10 && b[k] == 0;
      if (zero10 && b[10] == 0xff && b[11] == 0xff) {
        e.v4 = static_cast<uint32_t>(b[12]) | static_cast<uint32_t>(b[13]) << 8 |
               static_cast<uint32_t>(b[14]) << 16 |
               static_cast<uint32_t>(b[15]) << 24;
      } else if (zero10 && b[10] == 0 && b[11] == 0 && b[12] == 0 &&
                 b[13] == 0 && b[14] == 0 && b[15] == 1) {
        e.v4 = 0x0100007Fu;  // ::1 answers for 127.0.0.1
      }
    } else {
      return;
    }
    e.name = blank_field(line);
    out.push_back(e);
  });
  return out;
}

std::vector<NetworkEntry> parse_networks(std::string_view text) {
  std::vector<NetworkEntry> out;
  for_each_db_line(text, true, [&](std::string_view line) {
    NetworkEntry e;
    e.name = blank_field(line);
    std::string_view number = blank_field(line);
    // glibc appends ".0" until the number has four parts.
    size_t dots = 0;
    for (char c : number) dots += c == '.';
    std::string padded(number);
    for (size_t n = dots + 1; n < 4; ++n) padded += ".0";
    std::optional<uint32_t> net = parse_inet_network(padded);
    e.net = net ? *net : 0xFFFFFFFFu;
    out.push_back(e);
  });
  return out;
}

std::vector<ServiceLine> parse_services(std::string_view text) {
  std::vector<ServiceLine> out;
  for_each_db_line(text, true, [&](std::string_view line) {
    ServiceLine s;
    s.name = blank_field(line);
    unsigned long port = 0;
    size_t used = c_strtoul(line, 0, &port);
    if (used == 0 || used >= line.size() || line[used] != '/') return;
    while (used < line.size() && line[used] == '/') ++used;
    line.remove_prefix(used);
    s.port = static_cast<uint16_t>(port);
    s.proto = blank_field(line);
    out.push_back(s);
  });
  return out;
}

std::vector<ProtocolLine> parse_protocols(std::string_view text) {
  std::vector<ProtocolLine> out;
  for_each_db_line(text, true, [&](std::string_view line) {
    ProtocolLine p;
    p.name = blank_field(line);
    unsigned long number = 0;
    size_t used = c_strtoul(line, 10, &number);
    if (used == 0) return;
    if (used < line.size() && !is_space(line[used])) return;
    p.number = static_cast<int>(number);
    out.push_back(p);
  });
  return out;
}

std::vector<PasswdLine> parse_passwd(std::string_view text) {
  std::vector<PasswdLine> out;
  for_each_db_line(text, false, [&](std::string_view line) {
    PasswdLine p;
    p.name = colon_field(line);
    if (!p.name.empty() && (p.name[0] == '+' || p.name[0] == '-')) return;
    colon_field(line);  // password
    unsigned long uid = 0, gid = 0;
    size_t used = c_strtoul(line, 10, &uid);
    if (used == 0) return;
    if (used < line.size()) {
      if (line[used] != ':') return;
      ++used;
    }
    line.remove_prefix(used);
    used = c_strtoul(line, 10, &gid);
    if (used == 0) return;
    if (used < line.size() && line[used] != ':') return;
    p.uid = static_cast<uint32_t>(uid);
    out.push_back(p);
  });
  return out;
}

bool nsswitch_uses_files(std::string_view text, std::string_view db) {
  bool found = false;
  bool files = false;
  for_each_db_line(text, true, [&](std::string_view line) {
    if (found) return;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (name != db) return;
    found = true;
    std::string_view rest = line.substr(colon + 1);
    while (!rest.empty()) {
      while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
      if (!rest.empty() && rest.front() == '[') {
        size_t close = rest.find(']');
        rest = close == std::string_view::npos ? std::string_view{}
                                                : rest.substr(close + 1);
        continue;
      }
      size_t i = 0;
      while (i < rest.size() && !is_space(rest[i]) && rest[i] != '[') ++i;
      if (rest.substr(0, i) == "files") files = true;
      rest.remove_prefix(i);
    }
  });
  return !found || files;
}


namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void skip_blanks(std::string_view& s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

/// The text up to a blank or one of \a stops; \a s advances past it.
std::string_view take_word(std::string_view& s, std::string_view stops) {
  size_t i = 0;
  while (i < s.size() && !is_space(s[i]) && stops.find(s[i]) == std::string_view::npos) ++i;
  std::string_view w = s.substr(0, i);
  s.remove_prefix(i);
  return w;
}

/// What one service's "[...]" lists decide for the two statuses a reverse
/// lookup through files can end in (a hit: SUCCESS, a miss: NOTFOUND).
struct Actions {
  bool success_returns = true;
  bool notfound_returns = false;
};

/// Parses the body of one "[...]" (without brackets) into \a a, glibc's
/// nss_parse_service_list grammar: "!"? STATUS "=" ACTION, blank separated,
/// names case-insensitive. False for anything it does not know, or "merge".
bool parse_action_list(std::string_view body, Actions& a) {
  static constexpr std::string_view kStatuses[] = {"success", "notfound",
                                                   "unavail", "tryagain"};
  while (true) {
    skip_blanks(body);
    if (body.empty()) return true;
    bool negate = body.front() == '!';
    if (negate) body.remove_prefix(1);
    std::string_view status = take_word(body, "=");
    skip_blanks(body);
    if (body.empty() || body.front() != '=') return false;
    body.remove_prefix(1);
    skip_blanks(body);
    std::string_view action = take_word(body, "");
    bool ret;
    if (iequal(action, "return")) {
      ret = true;
    } else if (iequal(action, "continue")) {
      ret = false;
    } else {
      return false;  // "merge" (group databases only) or unknown
    }
    bool known = false;
    for (std::string_view s : kStatuses) known = known || iequal(status, s);
    if (!known) return false;
    bool success = negate ? !iequal(status, "success") : iequal(status, "success");
    bool notfound = negate ? !iequal(status, "notfound") : iequal(status, "notfound");
    if (success) a.success_returns = ret;
    if (notfound) a.notfound_returns = ret;
  }
}

}  // namespace

FilesOrder nsswitch_files_order(std::string_view text, std::string_view db) {
  int lines = 0;
  FilesOrder order = FilesOrder::unknown;
  for_each_db_line(text, true, [&](std::string_view line) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (name != db) return;
    if (++lines > 1) return;
    std::string_view rest = line.substr(colon + 1);
    // (service, its actions) in line order; only the first two matter.
    int services = 0;
    bool files_first = false;
    Actions files_actions;
    bool ok = true;
    while (ok) {
      skip_blanks(rest);
      if (rest.empty()) break;
      if (rest.front() == '[') {
        size_t close = rest.find(']');
        if (close == std::string_view::npos || services == 0) {
          ok = false;
          break;
        }
        Actions a;
        if (files_first && services == 1) a = files_actions;
        if (!parse_action_list(rest.substr(1, close - 1), a)) {
          ok = false;
          break;
        }
        if (files_first && services == 1) files_actions = a;
        rest.remove_prefix(close + 1);
        continue;
      }
      std::string_view service = take_word(rest, "[");
      if (services == 0) files_first = service == "files";
      ++services;
    }
    if (!ok || services == 0) {
      order = FilesOrder::unknown;
    } else if (!files_first) {
      order = FilesOrder::not_first;
    } else if (!files_actions.success_returns) {
      order = FilesOrder::unknown;
    } else if (services == 1 || files_actions.notfound_returns) {
      order = FilesOrder::files_only;
    } else {
      order = FilesOrder::files_first;
    }
  });
  return lines == 1 ? order : FilesOrder::unknown;
}

}  // namespace netstat::formats
