// Legacy families' routing tables (-r -A ipx|ax25|netrom|rose|x25|ddp), as
// net-tools 2.10 reads them: fixed byte offsets into 256-byte fgets pieces
// for AX.25, NET/ROM, ROSE and X.25 (atoi at an offset, strings cut at fixed
// columns), whitespace tokens for IPX (strtoul / nibble-wise node) and
// AppleTalk (a token stream, four per route). The first line is a header.
// Bytes past the end of a line read as NUL here (2.10 sees stale bytes).
#include "formats/proc_net_legacy_route.h"

#include <climits>

#include "formats/fgets_lines.h"

namespace netstat::formats {
namespace {

constexpr size_t kFgetsSize = 256;

// A piece without its '\n' (FgetsLines already cut it at a NUL).
std::string_view chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

// The C string starting at \a off, at most \a len bytes; empty past the end.
std::string_view column(std::string_view line, size_t off, size_t len) {
  if (off >= line.size()) return {};
  return line.substr(off, len);
}

bool c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// glibc atoi: (int) strtol(s, NULL, 10) -- saturating at the long range,
// then truncated to int.
int c_atoi(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && c_space(s[i])) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  unsigned long long mag = 0;
  bool over = false;
  const unsigned long long limit =
      neg ? static_cast<unsigned long long>(LONG_MAX) + 1 : LONG_MAX;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (over) continue;
    mag = mag * 10 + static_cast<unsigned>(s[i] - '0');
    if (mag > limit) over = true;
  }
  if (over) mag = limit;
  unsigned long long bits = neg ? 0 - mag : mag;
  return static_cast<int>(static_cast<uint32_t>(bits));
}

// atoi at byte \a off of \a line, with \a cut_at (sorted, ascending) bytes
// set to NUL first; offsets outside the 256-byte buffer read as 0.
int atoi_at(std::string_view line, long off,
            std::initializer_list<size_t> cut_at = {}) {
  if (off < 0 || off >= static_cast<long>(kFgetsSize)) return 0;
  size_t o = static_cast<size_t>(off);
  if (o >= line.size()) return 0;
  std::string_view s = line.substr(o);
  for (size_t c : cut_at) {
    if (c >= o && c - o < s.size()) {
      s = s.substr(0, c - o);
      break;
    }
  }
  return c_atoi(s);
}

// Whitespace tokens of \a line (sscanf "%s" semantics).
template <size_t N>
size_t tokens(std::string_view line, std::array<std::string_view, N>& out) {
  size_t n = 0, i = 0;
  while (n < N) {
    while (i < line.size() && c_space(line[i])) ++i;
    if (i >= line.size()) break;
    size_t start = i;
    while (i < line.size() && !c_space(line[i])) ++i;
    out[n++] = line.substr(start, i - start);
  }
  return n;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// An IPX network column: strtoul(s, NULL, 16) kept to 32 bits; the exact
// value 0xFFFFFFFF is rejected (blank column), as 2.10 does.
uint32_t ipx_network(std::string_view s) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
      i + 2 < s.size() && hex_digit(s[i + 2]) >= 0) {
    i += 2;
  }
  unsigned long long v = 0;
  bool over = false;
  for (; i < s.size() && hex_digit(s[i]) >= 0; ++i) {
    if (v > (ULLONG_MAX >> 4)) over = true;
    v = (v << 4) | static_cast<unsigned>(hex_digit(s[i]));
  }
  if (over) v = ULLONG_MAX;
  if (neg && !over) v = 0 - v;
  if (v == 0xFFFFFFFFull) return 0;
  return static_cast<uint32_t>(v);
}

// An IPX node column: up to 12 leading hex digits, filled from the left.
std::array<uint8_t, 6> ipx_node(std::string_view s) {
  std::array<uint8_t, 6> node{};
  for (size_t i = 0; i < 12 && i < s.size(); ++i) {
    int d = hex_digit(s[i]);
    if (d < 0) break;
    node[i / 2] |= static_cast<uint8_t>(i % 2 == 0 ? d << 4 : d);
  }
  return node;
}

// The first nr_neigh / rose_neigh line (after the header) whose atoi is
// \a number, chomped; false when there is none.
bool find_neighbour(std::string_view neigh, int number, std::string_view& out) {
  FgetsLines lines(neigh, kFgetsSize);
  std::string_view line;
  if (!lines.next(line)) return false;
  while (lines.next(line)) {
    line = chomp(line);
    if (c_atoi(line) == number) {
      out = line;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<IpxRouteRow> parse_proc_net_ipx_route(std::string_view text) {
  std::vector<IpxRouteRow> rows;
  FgetsLines lines(text, 1024);
  std::string_view line;
  if (!lines.next(line)) return rows;
  std::array<std::string_view, 3> tok;
  while (lines.next(line)) {
    if (tokens(line, tok) < 3) continue;
    rows.push_back({ipx_network(tok[0]), ipx_network(tok[1]), ipx_node(tok[2])});
  }
  return rows;
}

std::vector<Ax25RouteRow> parse_proc_net_ax25_route(std::string_view text) {
  std::vector<Ax25RouteRow> rows;
  FgetsLines lines(text, kFgetsSize);
  std::string_view line;
  if (!lines.next(line)) return rows;
  while (lines.next(line)) {
    line = chomp(line);
    rows.push_back({column(line, 0, 9), column(line, 10, 4), atoi_at(line, 15)});
  }
  return rows;
}

std::vector<NetromRouteRow> parse_proc_net_nr_nodes(std::string_view nodes,
                                                    std::string_view neigh) {
  std::vector<NetromRouteRow> rows;
  FgetsLines lines(nodes, kFgetsSize);
  std::string_view line;
  if (!lines.next(line)) return rows;
  while (lines.next(line)) {
    line = chomp(line);
    NetromRouteRow r;
    r.dest = column(line, 0, 9);
    r.mnemonic = column(line, 10, 7);
    // 2.10 cuts the line at bytes 9 and 17, then reads the route count at
    // 19 and the quality / neighbour number of the last route.
    long w = static_cast<long>(atoi_at(line, 19)) - 1;
    r.quality = atoi_at(line, 24 + 15 * w, {9, 17});
    int number = atoi_at(line, 32 + 15 * w, {9, 17});
    std::string_view found;
    if (find_neighbour(neigh, number, found)) {
      r.found = true;
      r.neigh_call = column(found, 6, 9);
      r.neigh_device = column(found, 16, 4);
    }
    rows.push_back(r);
  }
  return rows;
}

std::vector<RoseRouteRow> parse_proc_net_rose_nodes(std::string_view nodes,
                                                    std::string_view neigh) {
  std::vector<RoseRouteRow> rows;
  FgetsLines lines(nodes, kFgetsSize);
  std::string_view line;
  if (!lines.next(line)) return rows;
  while (lines.next(line)) {
    line = chomp(line);
    RoseRouteRow r;
    r.dest = column(line, 0, 10);
    int count = atoi_at(line, 16);
    // Neighbour numbers are 5-byte columns every 6 bytes from byte 18;
    // columns past the 256-byte buffer are not read (2.10 reads past it).
    for (long i = 0; i < count && 18 + 6 * i < static_cast<long>(kFgetsSize);
         ++i) {
      RoseNeighbour n;
      size_t off = 18 + 6 * static_cast<size_t>(i);
      n.number = c_atoi(column(line, off, 5));
      std::string_view found;
      if (find_neighbour(neigh, n.number, found)) {
        n.found = true;
        n.call = column(found, 6, 9);
        n.device = column(found, 16, 5);
      }
      r.neighbours.push_back(n);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<X25RouteRow> parse_proc_net_x25_route(std::string_view text) {
  std::vector<X25RouteRow> rows;
  FgetsLines lines(text, kFgetsSize);
  std::string_view line;
  if (!lines.next(line)) return rows;
  while (lines.next(line)) {
    line = chomp(line);
    X25RouteRow r;
    int digits = atoi_at(line, 17);
    if (digits < 0 || digits > 15) digits = 15;
    r.digits = digits;
    r.address = column(line, 0, static_cast<size_t>(digits));
    r.device = column(line, 25, 10);
    rows.push_back(r);
  }
  return rows;
}

std::vector<DdpRouteRow> parse_proc_net_atalk_route(std::string_view text) {
  std::vector<DdpRouteRow> rows;
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return rows;
  std::string_view rest = text.substr(nl + 1);
  std::array<std::string_view, 4> tok;
  size_t i = 0;
  for (;;) {
    size_t n = 0;
    while (n < 4) {
      while (i < rest.size() && c_space(rest[i])) ++i;
      if (i >= rest.size()) break;
      size_t start = i;
      while (i < rest.size() && !c_space(rest[i])) ++i;
      tok[n++] = rest.substr(start, i - start);
    }
    if (n < 4) break;
    rows.push_back({tok[0], tok[1], tok[3], c_atoi(tok[2])});
  }
  return rows;
}

}  // namespace netstat::formats
