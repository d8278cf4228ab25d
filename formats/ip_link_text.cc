// parse_ip_link_text: iproute2's `ip [-d] [-s] address|link` text -> links.
// Written from the output format (see the header), not from iproute2's
// source.
#include "formats/ip_link_text.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <utility>

namespace netstat::formats {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !is_blank(line[j])) ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

template <typename T>
std::optional<T> number(std::string_view s) {
  T v{};
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<uint32_t> ipv4(std::string_view s) {
  if (s.size() > 15) return std::nullopt;
  char buf[16];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  in_addr a{};
  if (inet_pton(AF_INET, buf, &a) != 1) return std::nullopt;
  return a.s_addr;
}

std::optional<std::array<uint8_t, 16>> ipv6(std::string_view s) {
  if (s.size() > 45) return std::nullopt;
  char buf[46];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  std::array<uint8_t, 16> out{};
  if (inet_pton(AF_INET6, buf, out.data()) != 1) return std::nullopt;
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "aa:bb:cc" (1 or 2 hex digits per byte, as iproute2 prints) -> bytes.
std::optional<std::vector<uint8_t>> hex_pairs(std::string_view s) {
  std::vector<uint8_t> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(':', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = s.substr(i, j - i);
    if (part.empty() || part.size() > 2) return std::nullopt;
    int v = 0;
    for (char c : part) {
      int d = hex_digit(c);
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    out.push_back(static_cast<uint8_t>(v));
    if (out.size() > 32) return std::nullopt;
    i = j + 1;
    if (j + 1 == s.size()) return std::nullopt;  // trailing ':'
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// A link address as printed: hex pairs, or a tunnel's IPv4/IPv6 address.
std::optional<std::vector<uint8_t>> link_address(std::string_view s) {
  if (s.find('.') != std::string_view::npos) {
    std::optional<uint32_t> a = ipv4(s);
    if (!a) return std::nullopt;
    std::vector<uint8_t> out(4);
    std::memcpy(out.data(), &*a, 4);
    return out;
  }
  if (std::optional<std::vector<uint8_t>> h = hex_pairs(s)) return h;
  if (std::optional<std::array<uint8_t, 16>> a = ipv6(s)) {
    return std::vector<uint8_t>(a->begin(), a->end());
  }
  return std::nullopt;
}

// "ADDR/LEN" -> (ADDR, LEN); LEN absent -> \a dflt.
std::pair<std::string_view, std::optional<int>> split_prefix(std::string_view s,
                                                             int dflt) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return {s, dflt};
  std::optional<int> len = number<int>(s.substr(slash + 1));
  return {s.substr(0, slash), len};
}

struct FlagName {
  std::string_view word;
  uint32_t bit;
};
constexpr FlagName kFlags[] = {
    {"UP", 0x1},          {"BROADCAST", 0x2},     {"DEBUG", 0x4},
    {"LOOPBACK", 0x8},    {"POINTOPOINT", 0x10},  {"NOTRAILERS", 0x20},
    {"RUNNING", 0x40},    {"NOARP", 0x80},        {"PROMISC", 0x100},
    {"ALLMULTI", 0x200},  {"MASTER", 0x400},      {"SLAVE", 0x800},
    {"MULTICAST", 0x1000}, {"PORTSEL", 0x2000},   {"AUTOMEDIA", 0x4000},
    {"DYNAMIC", 0x8000},  {"LOWER_UP", 0x10000},  {"DORMANT", 0x20000},
    {"ECHO", 0x40000},
};

struct LinkType {
  std::string_view name;
  uint16_t type;
};
// iproute2's "link/NAME" words and the ARPHRD_* numbers they stand for.
constexpr LinkType kLinkTypes[] = {
    {"netrom", 0},        {"ether", 1},          {"eether", 2},
    {"ax25", 3},          {"pronet", 4},         {"chaos", 5},
    {"ieee802", 6},       {"arcnet", 7},         {"atalk", 8},
    {"dlci", 15},         {"atm", 19},           {"metricom", 23},
    {"ieee1394", 24},     {"eui64", 27},         {"infiniband", 32},
    {"slip", 256},        {"cslip", 257},        {"slip6", 258},
    {"cslip6", 259},      {"rsrvd", 260},        {"adapt", 264},
    {"rose", 270},        {"x25", 271},          {"hwx25", 272},
    {"can", 280},         {"mctp", 290},         {"ppp", 512},
    {"cisco", 513},       {"hdlc", 513},         {"lapb", 516},
    {"ddcmp", 517},       {"rawhdlc", 518},      {"rawip", 519},
    {"ipip", 768},        {"tunnel6", 769},      {"frad", 770},
    {"skip", 771},        {"loopback", 772},     {"ltalk", 773},
    {"fddi", 774},        {"bif", 775},          {"sit", 776},
    {"ip/ddp", 777},      {"gre", 778},          {"pimreg", 779},
    {"hippi", 780},       {"ash", 781},          {"econet", 782},
    {"irda", 783},        {"fcpp", 784},         {"fcal", 785},
    {"fcpl", 786},        {"fcfb0", 787},        {"tr", 800},
    {"ieee802.11", 801},  {"ieee802.11/prism", 802},
    {"ieee802.11/radiotap", 803},                {"ieee802.15.4", 804},
    {"ieee802.15.4/monitor", 805},               {"phonet", 820},
    {"phonet_pipe", 821}, {"caif", 822},         {"ip6gre", 823},
    {"netlink", 824},     {"6lowpan", 825},      {"vsockmon", 826},
    {"void", 0xffff},     {"none", 0xfffe},
};

// Scope and flag words of an address line that are never its label.
bool is_address_keyword(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "secondary", "temporary", "dynamic", "noprefixroute", "deprecated",
      "tentative", "home", "nodad", "optimistic", "mngtmpaddr", "dadfailed",
      "permanent", "stable-privacy", "autojoin", "global", "link", "host",
      "site", "nowhere", "forever"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

class Parser {
 public:
  std::vector<IpLink> links;

  void line(std::string_view text) {
    // The one-line form joins a link's lines with '\'.
    size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
      size_t bs = text.find('\\', start);
      std::string_view part =
          text.substr(start, bs == std::string_view::npos ? std::string_view::npos
                                                          : bs - start);
      if (first) {
        if (!header(part)) body(part);
      } else {
        body(part);
      }
      first = false;
      if (bs == std::string_view::npos) break;
      start = bs + 1;
    }
  }

 private:
  IpLink* m_cur = nullptr;
  std::map<std::pair<int, std::string>, size_t> m_by_key;
  std::vector<std::string> m_stat_names;  // the last RX:/TX: header
  std::string m_stat_prefix;

  IpLink& link_for(int index, std::string_view field) {
    auto key = std::make_pair(index, std::string(field));
    auto it = m_by_key.find(key);
    if (it != m_by_key.end()) return links[it->second];
    m_by_key.emplace(std::move(key), links.size());
    IpLink l;
    l.index = index;
    l.name_field = std::string(field);
    // "NAME@LINK": a name may itself hold '@', but not start the field.
    size_t at = field.find('@', 1);
    l.name = std::string(field.substr(0, at));
    links.push_back(std::move(l));
    return links.back();
  }

  // "N: NAME[@PEER]: <FLAGS> mtu ..." or "N: NAME    inet ..." (ip -o addr).
  bool header(std::string_view s) {
    if (s.empty() || s[0] < '0' || s[0] > '9') return false;
    size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    std::optional<int> index = number<int>(s.substr(0, colon));
    if (!index || colon + 1 >= s.size() || s[colon + 1] != ' ') return false;
    std::string_view rest = s.substr(colon + 2);
    size_t end = 0;
    while (end < rest.size() && !is_blank(rest[end])) ++end;
    std::string_view field = rest.substr(0, end);
    m_stat_names.clear();
    if (!field.empty() && field.back() == ':') {
      field.remove_suffix(1);
      if (field.empty()) return false;
      m_cur = &link_for(*index, field);
      link_line(*m_cur, rest.substr(end));
      return true;
    }
    if (field.empty()) return false;
    // ip -o addr: the rest is one address line.
    m_cur = &link_for(*index, field);
    body(rest.substr(end));
    return true;
  }

  static void link_line(IpLink& l, std::string_view s) {
    std::vector<std::string_view> w = words(s);
    for (size_t i = 0; i < w.size(); ++i) {
      std::string_view x = w[i];
      if (x.size() >= 2 && x.front() == '<' && x.back() == '>') {
        l.has_flags = true;
        l.flags = 0;
        l.flag_words.clear();
        std::string_view list = x.substr(1, x.size() - 2);
        bool no_carrier = false;
        size_t p = 0;
        while (p <= list.size() && !list.empty()) {
          size_t c = list.find(',', p);
          std::string_view f =
              list.substr(p, c == std::string_view::npos ? std::string_view::npos : c - p);
          if (!f.empty()) {
            l.flag_words.emplace_back(f);
            if (f == "NO-CARRIER") {
              no_carrier = true;
            } else if (uint32_t bit = iff_bit_from_word(f)) {
              l.flags |= bit;
            } else if (std::optional<uint32_t> v = hex_word(f)) {
              l.flags |= *v;  // bits iproute2 has no name for, in hex
            }
          }
          if (c == std::string_view::npos) break;
          p = c + 1;
        }
        // iproute2 leaves RUNNING out of the list and says NO-CARRIER when
        // an UP link is not running.
        if ((l.flags & 0x1) != 0 && !no_carrier) l.flags |= 0x40;
        continue;
      }
      if (i + 1 >= w.size()) continue;
      if (x == "mtu") {
        l.mtu = number<int>(w[++i]);
      } else if (x == "qlen") {
        l.qlen = number<int>(w[++i]);
      } else if (x == "state") {
        l.state = std::string(w[++i]);
      }
    }
  }

  static std::optional<uint32_t> hex_word(std::string_view f) {
    if (f.empty() || f.size() > 8) return std::nullopt;
    uint32_t v = 0;
    for (char c : f) {
      int d = hex_digit(c);
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<uint32_t>(d);
    }
    return v;
  }

  void body(std::string_view s) {
    std::vector<std::string_view> w = words(s);
    if (w.empty() || m_cur == nullptr) return;
    IpLink& l = *m_cur;
    std::string_view k = w[0];
    if (k.substr(0, 5) == "link/") {
      m_stat_names.clear();
      l.link_type = std::string(k.substr(5));
      l.has_link_addr = false;
      l.link_addr.clear();
      if (w.size() > 1 && w[1] != "brd" && w[1] != "peer") {
        if (std::optional<std::vector<uint8_t>> a = link_address(w[1])) {
          l.has_link_addr = true;
          l.link_addr = std::move(*a);
        }
      }
      return;
    }
    if (k == "inet") {
      m_stat_names.clear();
      inet4(l, w);
      return;
    }
    if (k == "inet6") {
      m_stat_names.clear();
      inet6(l, w);
      return;
    }
    if (k == "RX:" || k == "TX:" ||
        ((k == "RX" || k == "TX") && w.size() > 1 && w[1] == "errors:")) {
      m_stat_prefix = k == "RX:" ? "rx_" : k == "TX:" ? "tx_"
                      : k == "RX"                    ? "rx_errors_"
                                                     : "tx_errors_";
      m_stat_names.clear();
      for (size_t i = k.back() == ':' ? 1 : 2; i < w.size(); ++i) {
        m_stat_names.emplace_back(w[i]);
      }
      return;
    }
    if (!m_stat_names.empty()) {
      // The values under the last header, one per column.
      bool all_numbers = true;
      for (std::string_view x : w) all_numbers = all_numbers && number<uint64_t>(x).has_value();
      if (all_numbers && w.size() <= m_stat_names.size()) {
        for (size_t i = 0; i < w.size(); ++i) {
          l.stats.insert_or_assign(m_stat_prefix + m_stat_names[i], *number<uint64_t>(w[i]));
        }
      }
      m_stat_names.clear();
    }
  }

  static void inet4(IpLink& l, const std::vector<std::string_view>& w) {
    if (w.size() < 2) return;
    auto [addr, len] = split_prefix(w[1], 32);
    std::optional<uint32_t> local = ipv4(addr);
    if (!local || !len || *len < 0 || *len > 32) return;
    IpInet4 a;
    a.local = *local;
    a.prefix_len = *len;
    size_t i = 2;
    for (; i < w.size(); ++i) {
      if (w[i] == "peer" && i + 1 < w.size()) {
        auto [p, plen] = split_prefix(w[++i], 32);
        if (std::optional<uint32_t> v = ipv4(p)) {
          a.has_peer = true;
          a.peer = *v;
          if (plen && *plen >= 0 && *plen <= 32) a.prefix_len = *plen;
        }
      } else if (w[i] == "brd" && i + 1 < w.size()) {
        if (std::optional<uint32_t> v = ipv4(w[++i])) {
          a.has_broadcast = true;
          a.broadcast = *v;
        }
      } else if ((w[i] == "scope" || w[i] == "metric" || w[i] == "any" ||
                  w[i] == "proto") &&
                 i + 1 < w.size()) {
        ++i;
      } else if (w[i] == "valid_lft" || w[i] == "preferred_lft") {
        break;  // the one-line form's next line, when not split
      } else if (!is_address_keyword(w[i])) {
        a.label = std::string(w[i]);
      }
    }
    l.inet.push_back(std::move(a));
  }

  static void inet6(IpLink& l, const std::vector<std::string_view>& w) {
    if (w.size() < 2) return;
    auto [addr, len] = split_prefix(w[1], 128);
    std::optional<std::array<uint8_t, 16>> a = ipv6(addr);
    if (!a || !len || *len < 0 || *len > 128) return;
    IpInet6 x;
    x.addr = *a;
    x.prefix_len = *len;
    for (size_t i = 2; i + 1 < w.size(); ++i) {
      if (w[i] == "scope") {
        x.scope = std::string(w[i + 1]);
        break;
      }
    }
    l.inet6.push_back(std::move(x));
  }
};

}  // namespace

uint32_t iff_bit_from_word(std::string_view word) {
  for (const FlagName& f : kFlags) {
    if (f.word == word) return f.bit;
  }
  return 0;
}

std::optional<uint16_t> arphrd_from_link_type(std::string_view name) {
  for (const LinkType& t : kLinkTypes) {
    if (t.name == name) return t.type;
  }
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    return number<uint16_t>(name.substr(1, name.size() - 2));
  }
  return std::nullopt;
}

std::vector<IpLink> parse_ip_link_text(std::string_view text) {
  Parser p;
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    p.line(text.substr(i, nl - i));
    i = nl + 1;
  }
  return std::move(p.links);
}

}  // namespace netstat::formats
