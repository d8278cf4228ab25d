// Legacy families' tables: identities replaced in place by same-shape
// pseudonyms (capture/redact_legacy.h). Token positions follow the kernel's
// formats (net/ipx/ipx_proc.c, net/ax25/af_ax25.c and ax25_route.c,
// net/netrom/af_netrom.c and nr_route.c, net/rose/af_rose.c and
// rose_route.c, net/x25/x25_proc.c, net/appletalk/atalk_proc.c).
#include "capture/redact_legacy.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "capture/redact_text.h"

namespace netstat {
namespace {

int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// \a s as a number when it is exactly \a digits hex digits.
std::optional<uint64_t> hex_exact(std::string_view s, size_t digits) {
  if (s.size() != digits) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = hexv(c);
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<unsigned>(d);
  }
  return v;
}

// \a v as \a digits hex digits, lower case when \a like has a lower-case digit.
std::string hex_like(uint64_t v, size_t digits, std::string_view like) {
  bool lower = false;
  for (char c : like) lower = lower || (c >= 'a' && c <= 'f');
  const char* set = lower ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out(digits, '0');
  for (size_t i = 0; i < digits; ++i) out[digits - 1 - i] = set[(v >> (4 * i)) & 15];
  return out;
}

// An IPX network column: 8 hex digits.
std::string ipx_network(Redactor& r, std::string_view tok) {
  if (auto v = hex_exact(tok, 8)) {
    return hex_like(r.ipx_network(static_cast<uint32_t>(*v)), 8, tok);
  }
  return zeroed(tok);
}

// An IPX node column: 12 hex digits (a MAC address, mapped as MACs are).
std::string ipx_node(Redactor& r, std::string_view tok) {
  if (auto v = hex_exact(tok, 12)) {
    uint8_t b[6];
    for (size_t i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(*v >> (8 * (5 - i)));
    r.ipx_node(b);
    uint64_t m = 0;
    for (uint8_t x : b) m = m << 8 | x;
    return hex_like(m, 12, tok);
  }
  return zeroed(tok);
}

// "NETWORK:NODE:PORT" (or "NETWORK:PORT"), the port kept.
std::string ipx_address(Redactor& r, std::string_view tok) {
  if (tok == "Not_Connected") return std::string(tok);
  size_t c1 = tok.find(':');
  size_t c2 = c1 == std::string_view::npos ? c1 : tok.find(':', c1 + 1);
  if (c1 == std::string_view::npos || (c2 != std::string_view::npos &&
                                       tok.find(':', c2 + 1) != std::string_view::npos)) {
    return zeroed_endpoint(tok);
  }
  std::string out = ipx_network(r, tok.substr(0, c1));
  if (c2 != std::string_view::npos) {
    out += ":" + ipx_node(r, tok.substr(c1 + 1, c2 - c1 - 1));
  } else {
    c2 = c1;
  }
  return out + std::string(tok.substr(c2));
}

// "NNNN:NN" (AppleTalk net:node).
std::string atalk_address(Redactor& r, std::string_view tok) {
  if (tok == "Default") return std::string(tok);
  size_t colon = tok.find(':');
  if (colon == std::string_view::npos) return zeroed(tok);
  auto net = hex_exact(tok.substr(0, colon), 4);
  auto node = hex_exact(tok.substr(colon + 1), 2);
  if (!net || !node) return zeroed(tok);
  return hex_like(r.atalk_network(static_cast<uint16_t>(*net)), 4, tok) + ":" +
         hex_like(r.atalk_node(static_cast<uint8_t>(*node)), 2, tok);
}

// A callsign, or AX.25's "DEST,DIGI1*,DIGI2" list.
std::string callsigns(Redactor& r, std::string_view tok) {
  std::string out;
  size_t i = 0;
  while (true) {
    size_t comma = tok.find(',', i);
    out += r.callsign(tok.substr(i, comma == std::string_view::npos ? comma : comma - i));
    if (comma == std::string_view::npos) return out;
    out.push_back(',');
    i = comma + 1;
  }
}

// A ROSE node address with its mask (significant digits): digits past the
// mask that are all zero stay zero (a network, like a route's host bits).
std::string rose_node(Redactor& r, std::string_view tok, std::string_view mask_tok) {
  std::string out = r.x121(tok);
  size_t mask = 0;
  bool ok = !mask_tok.empty() && mask_tok.size() <= 4;
  for (char c : mask_tok) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) mask = mask * 10 + static_cast<size_t>(c - '0');
  }
  if (ok && mask < tok.size() && tok.find_first_not_of('0', mask) == std::string_view::npos) {
    for (size_t i = mask; i < out.size(); ++i) out[i] = '0';
  }
  return out;
}

enum class Col { callsign, callsigns_from, alias, x121, x121_masked, ipx_net, ipx_net_or_word,
                 ipx_node_or_word, ipx_address, atalk };

struct Field {
  size_t col;
  Col kind;
};

// Rewrites the listed columns of every line from \a first on.
std::string columns(Redactor& r, std::string_view text, size_t first,
                    std::initializer_list<Field> fields) {
  return rewrite_lines(text, [&](size_t n, auto& t, auto& repl, auto& done) {
    if (n < first) return true;
    auto set = [&](size_t k, std::string v) {
      repl[k] = std::move(v);
      done[k] = true;
    };
    for (const Field& f : fields) {
      if (f.kind == Col::callsigns_from) {
        for (size_t k = f.col; k < t.size(); ++k) set(k, callsigns(r, t[k]));
        continue;
      }
      if (f.col >= t.size()) continue;
      std::string_view tok = t[f.col];
      switch (f.kind) {
        case Col::callsign: set(f.col, callsigns(r, tok)); break;
        case Col::alias: set(f.col, r.node_alias(tok)); break;
        case Col::x121: set(f.col, r.x121(tok)); break;
        case Col::x121_masked:
          set(f.col, rose_node(r, tok, f.col + 1 < t.size() ? t[f.col + 1] : std::string_view()));
          break;
        case Col::ipx_net: set(f.col, ipx_network(r, tok)); break;
        case Col::ipx_net_or_word:
          set(f.col, tok == "Directly" ? std::string(tok) : ipx_network(r, tok));
          break;
        case Col::ipx_node_or_word:
          set(f.col, tok == "Connected" ? std::string(tok) : ipx_node(r, tok));
          break;
        case Col::ipx_address: set(f.col, ipx_address(r, tok)); break;
        case Col::atalk: set(f.col, atalk_address(r, tok)); break;
        case Col::callsigns_from: break;
      }
    }
    return true;
  });
}

// Token \a k of \a line replaced by \a name; the padding after it absorbs
// the difference in length where it can (at least one blank stays), so the
// columns after it keep their byte offsets.
std::string replace_aligned(std::string_view line, size_t k, const std::string& name) {
  size_t i = 0;
  for (size_t n = 0;; ++n) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) return std::string(line);
    size_t end = i;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
    if (n < k) {
      i = end;
      continue;
    }
    std::string_view tok = line.substr(i, end - i);
    std::string out(line.substr(0, i));
    out += name;
    size_t sep_end = end;
    while (sep_end < line.size() && line[sep_end] == ' ') ++sep_end;
    size_t spaces = sep_end - end;
    if (sep_end < line.size() && spaces > 0) {  // not the last column
      if (name.size() > tok.size()) {
        size_t cut = std::min(name.size() - tok.size(), spaces - 1);
        spaces -= cut;
      } else {
        spaces += tok.size() - name.size();
      }
    }
    out.append(spaces, ' ');
    out.append(line.substr(sep_end));
    return out;
  }
}

}  // namespace

std::optional<std::string> redact_legacy_table(Redactor& r, std::string_view n,
                                               std::string_view data) {
  using C = Col;
  // IPX: "%08X:%02X..%02X:%04X" addresses; routes "%08X %08X %012X" or
  // "Directly     Connected"; interfaces "%08X   %012X   Yes|No ...".
  if (n == "ipx" || n == "ipx/socket") {
    return columns(r, data, 1, {{0, C::ipx_address}, {1, C::ipx_address}});
  }
  if (n == "ipx/route" || n == "ipx_route") {
    return columns(r, data, 1, {{0, C::ipx_net}, {1, C::ipx_net_or_word}, {2, C::ipx_node_or_word}});
  }
  if (n == "ipx/interface") return columns(r, data, 1, {{0, C::ipx_net}, {1, C::ipx_node_or_word}});
  // AX.25 sockets (no header): magic dev src dest[,digi...] st vs vr ...
  if (n == "ax25") return columns(r, data, 0, {{2, C::callsign}, {3, C::callsign}});
  // callsign dev mode digipeaters...
  if (n == "ax25_route") return columns(r, data, 1, {{0, C::callsign}, {3, C::callsigns_from}});
  // NET/ROM: user dest src dev ...; nodes: callsign alias ...; neighbours:
  // number callsign dev quality lock count failed digipeaters...
  if (n == "nr") return columns(r, data, 1, {{0, C::callsign}, {1, C::callsign}, {2, C::callsign}});
  if (n == "nr_nodes") return columns(r, data, 1, {{0, C::callsign}, {1, C::alias}});
  if (n == "nr_neigh") return columns(r, data, 1, {{1, C::callsign}, {7, C::callsigns_from}});
  // ROSE: dest_addr dest_call src_addr src_call dev ...; nodes: address
  // mask count neighbours...; neighbours: number callsign dev count use
  // mode restart t0 tf digipeaters...; routes: lci address callsign neigh
  // (twice).
  if (n == "rose") {
    return columns(r, data, 1,
                   {{0, C::x121}, {1, C::callsign}, {2, C::x121}, {3, C::callsign}});
  }
  if (n == "rose_nodes") return columns(r, data, 1, {{0, C::x121_masked}});
  if (n == "rose_neigh") return columns(r, data, 1, {{1, C::callsign}, {9, C::callsigns_from}});
  if (n == "rose_routes") {
    return columns(r, data, 1,
                   {{1, C::x121}, {2, C::callsign}, {5, C::x121}, {6, C::callsign}});
  }
  // X.25: dest src dev lci ...; routes: address digits dev; forwards:
  // lci dev1 dev2 (no address).
  if (n == "x25" || n == "x25/socket") return columns(r, data, 1, {{0, C::x121}, {1, C::x121}});
  if (n == "x25/route" || n == "x25_routes") return columns(r, data, 1, {{0, C::x121}});
  if (n == "x25/forward") return std::string(data);
  // AppleTalk routes: target (or Default) gateway flags dev.
  if (n == "atalk_route") return columns(r, data, 1, {{0, C::atalk}, {1, C::atalk}});
  return std::nullopt;
}

std::optional<std::string> rename_legacy_devices(Redactor& r, std::string_view n,
                                                 std::string_view text) {
  std::vector<size_t> cols;
  size_t first = 1;
  // ax25_route, nr_neigh and rose_neigh hold the device in the kernel's
  // "%-4s" column, and net-tools 2.10 reads them at fixed byte offsets: a
  // longer name would move the columns after it under 2.10's reads (its
  // "Use" and neighbour numbers). There the pseudonym is cut to the 4
  // characters 2.10 shows of any longer name.
  size_t width = std::string::npos;
  if (n == "ax25") {
    cols = {1};
    first = 0;
  } else if (n == "ax25_route") {
    cols = {1};
    width = 4;
  } else if (n == "nr") {
    cols = {3};
  } else if (n == "nr_neigh" || n == "rose_neigh") {
    cols = {2};
    width = 4;
  } else if (n == "x25" || n == "x25/socket" || n == "x25/route" || n == "x25_routes") {
    cols = {2};
  } else if (n == "rose") {
    cols = {4};
  } else if (n == "x25/forward") {
    cols = {1, 2};
  } else if (n == "ipx/interface" || n == "atalk_route") {
    cols = {3};
  } else {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  size_t pos = 0;
  for (size_t line_no = 0; pos < text.size(); ++line_no) {
    size_t nl = text.find('\n', pos);
    bool has_nl = nl != std::string_view::npos;
    if (!has_nl) nl = text.size();
    std::string line(text.substr(pos, nl - pos));
    if (line_no >= first) {
      for (size_t k : cols) {
        // The k-th token of the current line (earlier replacements included).
        size_t i = 0;
        std::string_view tok;
        for (size_t t = 0; t <= k; ++t) {
          while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
          size_t end = i;
          while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
          tok = std::string_view(line).substr(i, end - i);
          i = end;
        }
        if (tok.empty() || tok == "???" || tok == "*") continue;  // the kernel's "no device"
        line = replace_aligned(line, k, r.interface(tok).substr(0, width));
      }
    }
    out += line;
    if (has_nl) out.push_back('\n');
    pos = nl + 1;
  }
  return out;
}

}  // namespace netstat
