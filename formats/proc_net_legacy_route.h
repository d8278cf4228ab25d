// Parsers for the legacy families' routing tables net-tools 2.10 prints
// with `-r -A ipx|ax25|netrom|rose|x25|ddp`: /proc/net/ipx/route (or
// ipx_route), ax25_route, nr_nodes + nr_neigh, rose_nodes + rose_neigh,
// x25/route (or x25_routes) and atalk_route.
//
// 2.10 reads most of these by fixed byte offsets into a 256-byte fgets
// buffer (AX.25, NET/ROM, ROSE, X.25), IPX and AppleTalk by whitespace
// tokens. These parsers reproduce what 2.10 shows for every line whose
// fields lie inside the line; where 2.10 would read bytes left over from an
// earlier line or outside its buffer they read NUL instead (docs/compat.md).
// Views point into the text passed in.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// One IPX route: every column is a network number or a node address;
/// empty columns are kept as "absent" (2.10 prints them as blanks).
struct IpxRouteRow {
  uint32_t network = 0;         ///< 0 = blank column
  uint32_t router_network = 0;  ///< 0 = blank column
  std::array<uint8_t, 6> router_node{};  ///< all zero = blank column
};

struct Ax25RouteRow {
  std::string_view dest;    ///< bytes 0-8
  std::string_view device;  ///< bytes 10-13
  int use = 0;              ///< atoi at byte 15
};

struct NetromRouteRow {
  std::string_view dest;      ///< bytes 0-8
  std::string_view mnemonic;  ///< bytes 10-16
  int quality = 0;
  bool found = false;  ///< a nr_neigh line with that number exists
  std::string_view neigh_call;    ///< nr_neigh bytes 6-14
  std::string_view neigh_device;  ///< nr_neigh bytes 16-19
};

struct RoseNeighbour {
  int number = 0;
  bool found = false;
  std::string_view call;    ///< rose_neigh bytes 6-14
  std::string_view device;  ///< rose_neigh bytes 16-20
};

struct RoseRouteRow {
  std::string_view dest;  ///< bytes 0-9
  std::vector<RoseNeighbour> neighbours;
};

struct X25RouteRow {
  std::string_view address;  ///< the first `digits` bytes (digits 1-15)
  int digits = 0;            ///< 0 = "*" (no address shown)
  std::string_view device;   ///< bytes 25-34
};

struct DdpRouteRow {
  std::string_view target, gateway, device;
  int flags = 0;  ///< atoi of the third token
};

std::vector<IpxRouteRow> parse_proc_net_ipx_route(std::string_view text);
std::vector<Ax25RouteRow> parse_proc_net_ax25_route(std::string_view text);
std::vector<NetromRouteRow> parse_proc_net_nr_nodes(std::string_view nodes,
                                                    std::string_view neigh);
std::vector<RoseRouteRow> parse_proc_net_rose_nodes(std::string_view nodes,
                                                    std::string_view neigh);
std::vector<X25RouteRow> parse_proc_net_x25_route(std::string_view text);
/// AppleTalk: the first line is skipped, then the rest is read as a stream
/// of whitespace tokens, four per route (a trailing partial group is
/// dropped). Unlike 2.10 an empty file is not an error (2.10 aborts).
std::vector<DdpRouteRow> parse_proc_net_atalk_route(std::string_view text);

}  // namespace netstat::formats
