// The short `netstat -i` table of net-tools 2.10 (ife_print_short): name cut
// to 15 bytes, MTU, RX-OK/ERR/DRP and a left-justified RX-OVR, TX counters,
// then the flag letters (P stands for both PROMISC and POINTOPOINT in 2.10).
#include "src/render/iface_render.h"

#include "src/i18n.h"
#include "src/render/compiled_print.h"

#include "src/safe_text.h"

#include <net/if.h>

namespace netstat {
namespace {

constexpr size_t kNameWidth = 15;

struct Letter {
  unsigned flag;
  char letter;
};
constexpr Letter kLetters[] = {
    {IFF_ALLMULTI, 'A'}, {IFF_BROADCAST, 'B'}, {IFF_DEBUG, 'D'},
    {IFF_LOOPBACK, 'L'}, {IFF_MULTICAST, 'M'}, {IFF_DYNAMIC, 'd'},
    {IFF_PROMISC, 'P'},  {IFF_NOTRAILERS, 'N'}, {IFF_NOARP, 'O'},
    {IFF_POINTOPOINT, 'P'}, {IFF_SLAVE, 's'}, {IFF_MASTER, 'm'},
    {IFF_RUNNING, 'R'},  {IFF_UP, 'U'},
};

}  // namespace

void render_iface_short_header(Output& out) {
  out.write(i18n::trv(
      "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR "
      "TX-DRP TX-OVR Flg\n"));
}

std::string iface_flag_letters(int16_t flags) {
  auto bits = static_cast<uint16_t>(flags);
  std::string s;
  if (bits == 0) s = "[NO FLAGS]";
  for (const Letter& l : kLetters) {
    if (bits & l.flag) s.push_back(l.letter);
  }
  return s;
}

void render_iface_short(Output& out, const IfaceEntry& entry,
                        const IfaceInfo& info, SafeStrings safe) {
  // "%-15.15s ": widths count bytes, so pad by hand rather than with fmt.
  std::string_view name = entry.name;
  if (name.size() > kNameWidth) name = name.substr(0, kNameWidth);
  std::string scratch;
  name = safe_view(name, safe == SafeStrings::on, scratch);
  out.write(name);
  out.pad(name.size() < kNameWidth ? kNameWidth - name.size() + 1 : 1);
  print_compiled(out, FMT_COMPILE("{:5} "), info.mtu);
  if (entry.has_stats) {
    const formats::DevCounters& s = entry.stats;
    print_compiled(out, FMT_COMPILE("{:8} {:6} {:6} {:<6} "), s.rx_packets,
                   s.rx_errors, s.rx_dropped, s.rx_fifo_errors);
    print_compiled(out, FMT_COMPILE("{:8} {:6} {:6} {:6} "), s.tx_packets,
                   s.tx_errors, s.tx_dropped, s.tx_fifo_errors);
  } else {
    // "%-56s": padded by bytes (the translation may be multibyte).
    std::string_view none = i18n::trv("     - no statistics available -");
    out.write(none);
    if (none.size() < 56) out.pad(56 - none.size());
  }
  // 2.10 prints _("[NO FLAGS]") for flags 0 (no letters follow then).
  if (info.flags == 0) {
    out.write(i18n::trv("[NO FLAGS]"));
  } else {
    out.write(iface_flag_letters(info.flags));
  }
  out.put('\n');
}

void render_iface_short_unknown(Output& out, const IfaceEntry& entry,
                                SafeStrings safe) {
  std::string_view name = entry.name;
  if (name.size() > kNameWidth) name = name.substr(0, kNameWidth);
  std::string scratch;
  name = safe_view(name, safe == SafeStrings::on, scratch);
  out.write(name);
  out.pad(name.size() < kNameWidth ? kNameWidth - name.size() + 1 : 1);
  out.write("    - ");
  if (entry.has_stats) {
    const formats::DevCounters& s = entry.stats;
    print_compiled(out, FMT_COMPILE("{:8} {:6} {:6} {:<6} "), s.rx_packets,
                   s.rx_errors, s.rx_dropped, s.rx_fifo_errors);
    print_compiled(out, FMT_COMPILE("{:8} {:6} {:6} {:6} "), s.tx_packets,
                   s.tx_errors, s.tx_dropped, s.tx_fifo_errors);
  } else {
    std::string_view none = i18n::trv("     - no statistics available -");
    out.write(none);
    if (none.size() < 56) out.pad(56 - none.size());
  }
  out.write("-\n");
}

}  // namespace netstat
