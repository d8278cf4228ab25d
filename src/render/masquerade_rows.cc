// Masquerade rows as net-tools 2.10's masq_info.c prints them:
// "%-4s%3ld:%02ld.%02ld " protocol and expiry, with -e "%10lu %5hd %5hd "
// (or "     - " without PDelta), "%-20s %-20s " hosts (never cut) and
// "SPORT -> DPORT (MPORT)" with tcp/udp service names, 0 shown as "*".
#include "src/render/masquerade_rows.h"

#include "src/i18n.h"
#include "src/render/text_columns.h"

namespace netstat {
namespace {

// Host-order value (0x0A010203 = 10.1.2.3) to the s_addr value RouteNames
// takes (first octet in the low byte).
uint32_t to_s_addr(uint32_t host) {
  return ((host & 0xff) << 24) | (((host >> 8) & 0xff) << 16) |
         (((host >> 16) & 0xff) << 8) | ((host >> 24) & 0xff);
}

void put_port(fmt::memory_buffer& b, uint16_t port, std::string_view proto,
              const MasqServices* services, const RouteNames& hosts) {
  if (port == 0) {
    cols::put(b, '*');
    return;
  }
  if (services != nullptr) {
    std::string_view name = services->find(proto, port);
    if (!name.empty()) {
      std::string scratch;
      cols::put(b, hosts.text(name, scratch));
      return;
    }
  }
  cols::put_int(b, port);
}

}  // namespace

MasqServices::MasqServices(const NameService& names) {
  for (const ServiceEntry& s : names.services()) {
    if (s.proto == "tcp") m_tcp[s.port] = s.name;
    else if (s.proto == "udp") m_udp[s.port] = s.name;
  }
}

std::string_view MasqServices::find(std::string_view proto,
                                    uint16_t port) const {
  const auto* map = proto == "tcp" ? &m_tcp : proto == "udp" ? &m_udp : nullptr;
  if (map == nullptr) return {};
  auto it = map->find(port);
  return it == map->end() ? std::string_view() : std::string_view(it->second);
}

void render_masq_head(fmt::memory_buffer& b, MasqColumns columns) {
  cols::put(b, i18n::trv("IP masquerading entries\n"));
  cols::put(b, columns == MasqColumns::extended
                   ? i18n::trv("prot   expire    initseq delta prevd source          "
                               "     destination          ports\n")
                   : i18n::trv("prot   expire source               destination       "
                               "   ports\n"));
}

void render_masq_row(fmt::memory_buffer& b, const formats::MasqEntry& e,
                     bool has_pdelta, MasqColumns columns, RouteNames& hosts,
                     const MasqServices* services) {
  std::string scratch;
  cols::left(b, hosts.text(e.proto, scratch), 4);
  uint64_t seconds = e.expires / 100;
  cols::right_int(b, seconds / 60, 3);
  fmt::format_to(std::back_inserter(b), ":{:02}.{:02} ", seconds % 60,
                 e.expires % 100);
  if (columns == MasqColumns::extended) {
    cols::right_int(b, e.initseq, 10);
    cols::put(b, ' ');
    cols::right_int(b, e.delta, 5);
    cols::put(b, ' ');
    if (has_pdelta) {
      cols::right_int(b, e.pdelta, 5);
    } else {
      cols::put(b, "    -");
    }
    cols::put(b, ' ');
  }
  cols::left(b, hosts.text(hosts.address_view(to_s_addr(e.source)), scratch),
             20);
  cols::put(b, ' ');
  cols::left(
      b, hosts.text(hosts.address_view(to_s_addr(e.destination)), scratch), 20);
  cols::put(b, ' ');
  put_port(b, e.source_port, e.proto, services, hosts);
  cols::put(b, " -> ");
  put_port(b, e.destination_port, e.proto, services, hosts);
  cols::put(b, " (");
  if (e.masq_port == 0) {
    cols::put(b, '*');
  } else {
    cols::put_int(b, e.masq_port);
  }
  cols::put(b, ")\n");
}

}  // namespace netstat
