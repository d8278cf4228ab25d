// IPv6 routing rows as net-tools 2.10's INET6 rprint_fib/rprint_cache
// (lib/inet6_gr.c) print them: "%-30s %-26s %-4s %-3d %-1d %6d %s" with
// ADDR/PLEN, the next hop, flag letters, signed metric, refcnt and use.
#include "src/render/route_ipv6.h"

#include "src/i18n.h"
#include "src/render/text_columns.h"

namespace netstat {

std::string ipv6_route_flags(uint32_t flags) {
  static constexpr struct {
    uint32_t bit;
    char letter;
  } kLetters[] = {
      {0x1, 'U'},       {0x200, '!'},     {0x2, 'G'},       {0x4, 'H'},
      {0x10000, 'D'},   {0x40000, 'A'},   {0x1000000, 'C'}, {0x20000, 'a'},
      {0x400000, 'e'},  {0x20, 'm'},      {0x200000, 'n'},  {0x2000000, 'f'},
  };
  std::string s;
  for (const auto& l : kLetters) {
    if (flags & l.bit) s += l.letter;
  }
  return s;
}

void render_ipv6_route_head(fmt::memory_buffer& b, Ipv6RouteView view) {
  cols::put(b, view == Ipv6RouteView::fib
                   ? i18n::trv("Kernel IPv6 routing table\n")
                   : i18n::trv("Kernel IPv6 routing cache\n"));
  cols::put(b, i18n::trv("Destination                    Next Hop                   "
                         "Flag Met Ref  Use If\n"));
}

void render_ipv6_route_row(fmt::memory_buffer& b, const formats::Ipv6Route& r,
                           Ipv6RouteView view, const RouteNames& names) {
  bool is_cache = (r.flags & formats::kRtf6Cache) != 0;
  if (is_cache != (view == Ipv6RouteView::cache)) return;
  std::string dest = names.ipv6(r.destination);
  dest += '/';
  fmt::format_int plen(r.destination_plen);
  dest.append(plen.data(), plen.size());
  std::string scratch;
  cols::left(b, names.text(dest, scratch), 30);
  cols::put(b, ' ');
  cols::left(b, names.text(names.ipv6(r.next_hop), scratch), 26);
  cols::put(b, ' ');
  cols::left(b, ipv6_route_flags(r.flags), 4);
  cols::put(b, ' ');
  cols::left_int(b, r.metric, 3);
  cols::put(b, ' ');
  cols::left_int(b, r.refcnt, 1);
  cols::put(b, ' ');
  cols::right_int(b, r.use, 6);
  cols::put(b, ' ');
  cols::put(b, names.text(r.iface, scratch));
  cols::put(b, '\n');
}

}  // namespace netstat
