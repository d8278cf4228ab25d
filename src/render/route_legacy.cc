// Rows of the legacy families' routing tables, as net-tools 2.10 prints
// them: IPX "%-25s" columns of network / node numbers (blank when zero),
// AX.25 and NET/ROM / ROSE fixed-width callsign columns, X.25 "addr/digits"
// (or "*"), AppleTalk 16-byte columns without separators and route flag
// letters. Widths were read off /usr/bin/netstat on fixture trees.
#include "src/render/route_legacy.h"

#include <string>
#include <string_view>

#include "src/i18n.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

void put(fmt::memory_buffer& b, std::string_view s) {
  b.append(s.data(), s.data() + s.size());
}

// Appends \a s, escaped when \a safe, left-justified to \a width.
void put_left(fmt::memory_buffer& b, std::string_view s, size_t width,
              SafeStrings safe) {
  std::string scratch;
  std::string_view v = safe_view(s, safe == SafeStrings::on, scratch);
  put(b, v);
  for (size_t i = v.size(); i < width; ++i) b.push_back(' ');
}

void ipx_network(fmt::memory_buffer& b, uint32_t net) {
  if (net == 0) {
    put_left(b, "", 25, SafeStrings::off);
    return;
  }
  fmt::format_to(std::back_inserter(b), "{:08X}{:17}", net, "");
}

}  // namespace

void render_ipx_route_head(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel IPX routing table\n"));
  put(b, i18n::trv("Destination               Router Net                Router Node\n"));
}

void render_ipx_route_row(fmt::memory_buffer& b, const formats::IpxRouteRow& r) {
  ipx_network(b, r.network);
  b.push_back(' ');
  ipx_network(b, r.router_network);
  b.push_back(' ');
  bool any = false;
  for (uint8_t x : r.router_node) any = any || x != 0;
  if (any) {
    for (uint8_t x : r.router_node) fmt::format_to(std::back_inserter(b), "{:02X}", x);
    put(b, "             \n");
  } else {
    put(b, "                         \n");
  }
}

void render_ax25_route_head(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel AX.25 routing table\n"));
  put(b, i18n::trv("Destination  Iface    Use\n"));
}

void render_ax25_route_row(fmt::memory_buffer& b,
                           const formats::Ax25RouteRow& r, SafeStrings safe) {
  put_left(b, r.dest, 9, safe);
  put(b, "    ");
  put_left(b, r.device, 4, safe);
  fmt::format_to(std::back_inserter(b), "   {:5}\n", r.use);
}

void render_netrom_route_head(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel NET/ROM routing table\n"));
  put(b, i18n::trv("Destination  Mnemonic  Quality  Neighbour  Iface\n"));
}

void render_netrom_route_row(fmt::memory_buffer& b,
                             const formats::NetromRouteRow& r,
                             SafeStrings safe) {
  put_left(b, r.dest, 9, safe);
  put(b, "    ");
  put_left(b, r.mnemonic, 7, safe);
  put(b, "   ");
  if (!r.found) {
    b.push_back('\n');
    return;
  }
  fmt::format_to(std::back_inserter(b), "{:3}      ", r.quality);
  put_left(b, r.neigh_call, 9, safe);
  put(b, "  ");
  put_left(b, r.neigh_device, 4, safe);
  b.push_back('\n');
}

void render_rose_route_head(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel ROSE routing table\n"));
  put(b, i18n::trv("Destination  neigh1 callsign  device  neigh2 callsign  device  "
                   "neigh3 callsign  device\n"));
}

void render_rose_route_row(fmt::memory_buffer& b,
                           const formats::RoseRouteRow& r, SafeStrings safe) {
  put_left(b, r.dest, 10, safe);
  put(b, "   ");
  for (const formats::RoseNeighbour& n : r.neighbours) {
    fmt::format_to(std::back_inserter(b), "{:05}  ", n.number);
    if (!n.found) continue;
    put_left(b, n.call, 9, safe);
    put(b, "    ");
    put_left(b, n.device, 4, safe);
  }
  b.push_back('\n');
}

void render_x25_route_head(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel X.25 routing table\n"));
  put(b, i18n::trv("Destination          Iface\n"));
}

void render_x25_route_row(fmt::memory_buffer& b, const formats::X25RouteRow& r,
                          SafeStrings safe) {
  if (r.digits == 0) {
    put_left(b, "*", 20, SafeStrings::off);
  } else {
    std::string dest(r.address);
    dest += '/';
    dest += std::to_string(r.digits);
    put_left(b, dest, 20, safe);
  }
  b.push_back(' ');
  put_left(b, r.device, 5, safe);
  b.push_back('\n');
}

std::string ddp_route_flags(int flags) {
  struct Letter {
    uint32_t bit;
    char c;
  };
  static constexpr Letter kLetters[] = {
      {0x1, 'U'},       {0x2, 'G'},        {0x200, '!'},     {0x4, 'H'},
      {0x8, 'R'},       {0x10, 'D'},       {0x20, 'M'},      {0x10000, 'd'},
      {0x20000, 'a'},   {0x40000, 'c'},    {0x200000, 'o'},  {0x400000, 'e'},
      {0x1000000, 'c'}, {0x2000000, 'f'},  {0x4000000, 'p'}, {0x80000000, 'l'},
      {0x40, 'u'},      {0x80, 'w'},       {0x100, 'i'},     {0x400, 'n'},
  };
  uint32_t f = static_cast<uint32_t>(flags);
  std::string s;
  for (const Letter& l : kLetters) {
    if (f & l.bit) s += l.c;
  }
  return s;
}

void render_ddp_route_head(fmt::memory_buffer& b) {
  put(b, "Destination     Gateway         Device          Flags\n");
}

void render_ddp_route_row(fmt::memory_buffer& b, const formats::DdpRouteRow& r,
                          SafeStrings safe) {
  put_left(b, r.target, 16, safe);
  put_left(b, r.gateway, 16, safe);
  put_left(b, r.device, 16, safe);
  put(b, ddp_route_flags(r.flags));
  b.push_back('\n');
}

}  // namespace netstat
