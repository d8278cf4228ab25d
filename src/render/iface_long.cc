// The ifconfig-style block of `netstat -ie` (net-tools 2.10 ife_print_long):
// flags line, IPv4 line, inet6 lines from /proc/net/if_inet6, hardware line,
// media, RX/TX counters with human sizes, the ifmap "device" line and a
// blank line.
#include <arpa/inet.h>
#include <net/if.h>

#include <array>
#include <cstring>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "src/address_text.h"
#include "src/i18n.h"
#include "src/render/iface_hw.h"
#include "src/render/iface_render.h"

#include "src/render/compiled_print.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

// 2.10's msgids are the names with their comma ("UP,").
struct FlagName {
  unsigned flag;
  const char* name;
};
constexpr FlagName kFlagNames[] = {
    {IFF_UP, "UP,"},           {IFF_BROADCAST, "BROADCAST,"},
    {IFF_DEBUG, "DEBUG,"},     {IFF_LOOPBACK, "LOOPBACK,"},
    {IFF_POINTOPOINT, "POINTOPOINT,"}, {IFF_NOTRAILERS, "NOTRAILERS,"},
    {IFF_RUNNING, "RUNNING,"}, {IFF_NOARP, "NOARP,"},
    {IFF_PROMISC, "PROMISC,"}, {IFF_ALLMULTI, "ALLMULTI,"},
    {IFF_SLAVE, "SLAVE,"},     {IFF_MASTER, "MASTER,"},
    {IFF_MULTICAST, "MULTICAST,"}, {IFF_DYNAMIC, "DYNAMIC,"},
};

// if_port_text[][0]; 2.10 reads past the table for port >= 8 (garbage), we
// print its terminating NULL as glibc does, "(null)".
constexpr std::string_view kMedia[] = {"unknown",  "10base2",   "10baseT",
                                       "AUI",      "100baseT",  "100baseTX",
                                       "100baseFX"};

constexpr std::string_view kIndent = "        ";

// "flags=<n><UP,...>", appended to the buffer: the list is built with a
// trailing ',' that becomes '>', or else the last character is dropped,
// which for flags 0 leaves "flags=0<" and for flags with no named bit
// "flags=<n>". (No flush may happen before the fix-up, hence the raw
// buffer.)
void append_flags_text(fmt::memory_buffer& buf, int16_t flags) {
  auto bits = static_cast<uint16_t>(flags);
  fmt::format_to(fmt::appender(buf), FMT_COMPILE("flags={}<"), flags);
  if (bits == 0) buf.push_back('>');
  for (const FlagName& f : kFlagNames) {
    if (bits & f.flag) buf.append(i18n::trv(f.name));
  }
  if (buf[buf.size() - 1] == ',') {
    buf[buf.size() - 1] = '>';
  } else {
    buf.resize(buf.size() - 1);
  }
}

// An IPv4 address of the "inet" line, or 2.10's text for a failed ioctl;
// the text lives in \a quad.
std::string_view ipv4_text(uint32_t net_order, bool failed, DottedQuad& quad) {
  if (failed) return i18n::trv("[NONE SET]");
  quad = dotted_quad(net_order);
  return quad.view();
}

void render_inet(Output& out, const IfaceInfo& info) {
  auto bits = static_cast<uint16_t>(info.flags);
  DottedQuad a, b;
  if (i18n::active()) {
    // 2.10's printf(_(...)) per piece (a NUL-free copy for %s).
    std::string addr(ipv4_text(info.addr, false, a));
    std::string mask(ipv4_text(info.netmask, info.netmask_failed, b));
    fmt::memory_buffer& buf = out.buffer();
    i18n::printf_to(buf, "        %s %s", "inet", addr.c_str());
    i18n::printf_to(buf, "  netmask %s", mask.c_str());
    if (bits & IFF_BROADCAST) {
      std::string t(ipv4_text(info.broadaddr, info.broadaddr_failed, a));
      i18n::printf_to(buf, "  broadcast %s", t.c_str());
    }
    if (bits & IFF_POINTOPOINT) {
      std::string t(ipv4_text(info.dstaddr, info.dstaddr_failed, a));
      i18n::printf_to(buf, "  destination %s", t.c_str());
    }
    out.put('\n');
    return;
  }
  print_compiled(out, FMT_COMPILE("{}inet {}  netmask {}"), kIndent,
                 ipv4_text(info.addr, false, a),
                 ipv4_text(info.netmask, info.netmask_failed, b));
  if (bits & IFF_BROADCAST) {
    print_compiled(out, FMT_COMPILE("  broadcast {}"),
                   ipv4_text(info.broadaddr, info.broadaddr_failed, a));
  }
  if (bits & IFF_POINTOPOINT) {
    print_compiled(out, FMT_COMPILE("  destination {}"),
                   ipv4_text(info.dstaddr, info.dstaddr_failed, a));
  }
  out.put('\n');
}

// One inet6 line through 2.10's msgids: "        %s %s  prefixlen %d",
// "  scopeid 0x%x" and the scope tags ("compat," ...) one by one.
void render_inet6_translated(Output& out, const std::string& addr, int32_t plen,
                             uint32_t scope) {
  fmt::memory_buffer& b = out.buffer();
  i18n::printf_to(b, "        %s %s  prefixlen %d", "inet6", addr.c_str(), plen);
  i18n::printf_to(b, "  scopeid 0x%x", scope);
  std::string tags = "<";
  constexpr uint32_t kCompat = 0x80, kLink = 0x20, kSite = 0x40, kHost = 0x10;
  if (scope & kCompat) {
    tags += i18n::trv("compat,");
    scope -= kCompat;
  }
  if (scope == 0) tags += i18n::trv("global,");
  if (scope & kLink) tags += i18n::trv("link,");
  if (scope & kSite) tags += i18n::trv("site,");
  if (scope & kHost) tags += i18n::trv("host,");
  if (tags.back() == ',') {
    tags.back() = '>';
  } else {
    tags.pop_back();
  }
  out.write(tags);
  out.put('\n');
}

void render_inet6(Output& out, IfInet6Span inet6) {
  // 2.10 converts into a variable that keeps its value when a text does not
  // parse, so it repeats the previous address of this interface; with none
  // before, it prints stack garbage, and we skip the line.
  std::optional<std::array<uint8_t, 16>> addr;
  // 2.10 also strips the compat bit from its scope variable while printing
  // the tags, and a later short read that does not reach the scope field
  // (so keeps the same name too) prints the stripped value.
  constexpr int kScopeRead = 11;  // fscanf conversions up to the scope
  constexpr uint32_t kCompat = 0x80;
  uint32_t scope = 0;
  for (const formats::IfInet6Entry* e : inet6) {
    if (auto parsed = formats::if_inet6_address(*e)) addr = parsed;
    if (e->conversions >= kScopeRead) scope = e->scope;
    if (!addr) continue;
    // Numeric text; a v4-mapped address shows as its dotted quad.
    char text[INET6_ADDRSTRLEN];
    size_t len = format_ipv6_unmapped(addr->data(), text);
    if (i18n::active()) {
      render_inet6_translated(out, std::string(text, len),
                              static_cast<int32_t>(e->prefix_len), scope);
      if (scope & kCompat) scope -= kCompat;
      continue;
    }
    print_compiled(
        out, FMT_COMPILE("{}inet6 {}  prefixlen {}  scopeid 0x{:x}{}\n"),
        kIndent, std::string_view(text, len),
        static_cast<int32_t>(e->prefix_len), scope,
        formats::if_inet6_scope_tags(scope));
    if (scope & kCompat) scope -= kCompat;
  }
}

void render_hw(Output& out, const IfaceEntry& entry, const IfaceInfo& info) {
  // Without SIOCGIFHWADDR's answer 2.10 reads the type from the same ifreq
  // union, which still holds the flags.
  uint16_t type = info.has_hw ? info.hw_type : static_cast<uint16_t>(info.flags);
  HwAddrBuffer addr{};
  if (info.has_hw) {
    for (size_t i = 0; i < 8; ++i) addr[i] = info.hw_addr[i];
  }
  const formats::DevCounters& s = entry.stats;
  HwLine hw = hw_line(type, addr,
                      hw_addr_trailer(entry.has_stats, s.rx_packets,
                                      s.tx_packets, s.rx_bytes));
  // 2.10's hardware titles were translated when its table was set up.
  const std::string title_id(hw.title);
  std::string_view title = i18n::trv(title_id.c_str());
  if (i18n::active()) {
    std::string name(hw.name);
    fmt::memory_buffer& b = out.buffer();
    if (hw.has_address) {
      std::string address(hw.address);
      i18n::printf_to(b, "        %s %s", name.c_str(), address.c_str());
    } else {
      i18n::printf_to(b, "        %s", name.c_str());
    }
    if (info.tx_queue_len != -1)
      i18n::printf_to(b, "  txqueuelen %d", info.tx_queue_len);
    print_compiled(out, FMT_COMPILE("  ({})\n"), title);
    return;
  }
  print_compiled(out, FMT_COMPILE("{}{}"), kIndent, hw.name);
  if (hw.has_address) {
    out.put(' ');
    out.write(hw.address);
  }
  if (info.tx_queue_len != -1)
    print_compiled(out, FMT_COMPILE("  txqueuelen {}"), info.tx_queue_len);
  print_compiled(out, FMT_COMPILE("  ({})\n"), title);
}

void render_media(Output& out, const IfaceInfo& info) {
  auto bits = static_cast<uint16_t>(info.flags);
  if (!(bits & IFF_PORTSEL)) return;
  std::string_view media =
      info.map.port < std::size(kMedia) ? kMedia[info.map.port] : "(null)";
  if (i18n::active()) {
    std::string m(media);
    i18n::printf_to(out.buffer(), "        media %s", m.c_str());
  } else {
    print_compiled(out, FMT_COMPILE("{}media {}"), kIndent, media);
  }
  if (bits & IFF_AUTOMEDIA) out.write(i18n::trv("autoselect"));
  out.put('\n');
}

// "(%lu.%lu %s)": the tenths of the unit, as 2.10 works them out.
struct Human {
  unsigned long whole, tenth;
  const char* unit;
};
Human human_parts(uint64_t bytes) {
  constexpr uint64_t kKi = 1ULL << 10, kMi = 1ULL << 20, kGi = 1ULL << 30,
                     kTi = 1ULL << 40, kPi = 1ULL << 50, kEi = 1ULL << 60;
  // For EiB 2.10 divides by 2^60/10 (rounded down) so that bytes * 10
  // cannot overflow.
  uint64_t tenths = bytes * 10;
  const char* unit = "B";
  if (bytes > kEi) {
    tenths = bytes / 115292150460684697ULL;
    unit = "EiB";
  } else if (bytes > kPi) {
    tenths /= kPi;
    unit = "PiB";
  } else if (bytes > kTi) {
    tenths /= kTi;
    unit = "TiB";
  } else if (bytes > kGi) {
    tenths /= kGi;
    unit = "GiB";
  } else if (bytes > kMi) {
    tenths /= kMi;
    unit = "MiB";
  } else if (bytes > kKi) {
    tenths /= kKi;
    unit = "KiB";
  }
  return {static_cast<unsigned long>(tenths / 10),
          static_cast<unsigned long>(tenths % 10), unit};
}

void render_counters_translated(Output& out, const formats::DevCounters& s,
                                bool compressed) {
  fmt::memory_buffer& b = out.buffer();
  auto ull = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  auto ul = [](uint64_t v) { return static_cast<unsigned long>(v); };
  Human rx = human_parts(s.rx_bytes), tx = human_parts(s.tx_bytes);
  out.write(kIndent);
  i18n::printf_to(b, "RX packets %llu  bytes %llu (%lu.%lu %s)\n",
                  ull(s.rx_packets), ull(s.rx_bytes), rx.whole, rx.tenth,
                  rx.unit);
  if (compressed) {
    out.write(kIndent);
    i18n::printf_to(b, "RX compressed:%lu\n", ul(s.rx_compressed));
  }
  out.write(kIndent);
  i18n::printf_to(b, "RX errors %lu  dropped %lu  overruns %lu  frame %lu\n",
                  ul(s.rx_errors), ul(s.rx_dropped), ul(s.rx_fifo_errors),
                  ul(s.rx_frame_errors));
  out.write(kIndent);
  i18n::printf_to(b, "TX packets %llu  bytes %llu (%lu.%lu %s)\n",
                  ull(s.tx_packets), ull(s.tx_bytes), tx.whole, tx.tenth,
                  tx.unit);
  if (compressed) {
    out.write(kIndent);
    i18n::printf_to(b, "TX compressed %lu\n", ul(s.tx_compressed));
  }
  out.write(kIndent);
  i18n::printf_to(b,
                  "TX errors %lu  dropped %lu overruns %lu  carrier %lu  "
                  "collisions %lu\n",
                  ul(s.tx_errors), ul(s.tx_dropped), ul(s.tx_fifo_errors),
                  ul(s.tx_carrier_errors), ul(s.collisions));
  out.after_write();
}

void render_counters(Output& out, const formats::DevCounters& s,
                     uint16_t type) {
  bool compressed = hw_can_compress(type);
  if (i18n::active()) {
    render_counters_translated(out, s, compressed);
    return;
  }
  print_compiled(out, FMT_COMPILE("{}RX packets {}  bytes {} ({})\n"), kIndent,
                 s.rx_packets, s.rx_bytes, human_bytes(s.rx_bytes));
  if (compressed)
    print_compiled(out, FMT_COMPILE("{}RX compressed:{}\n"), kIndent,
                   s.rx_compressed);
  print_compiled(
      out, FMT_COMPILE("{}RX errors {}  dropped {}  overruns {}  frame {}\n"),
      kIndent, s.rx_errors, s.rx_dropped, s.rx_fifo_errors, s.rx_frame_errors);
  print_compiled(out, FMT_COMPILE("{}TX packets {}  bytes {} ({})\n"), kIndent,
                 s.tx_packets, s.tx_bytes, human_bytes(s.tx_bytes));
  if (compressed)
    print_compiled(out, FMT_COMPILE("{}TX compressed {}\n"), kIndent,
                   s.tx_compressed);
  print_compiled(out,
                 FMT_COMPILE("{}TX errors {}  dropped {} overruns {}  carrier "
                             "{}  collisions {}\n"),
                 kIndent, s.tx_errors, s.tx_dropped, s.tx_fifo_errors,
                 s.tx_carrier_errors, s.collisions);
}

void render_device(Output& out, const IfMap& m) {
  if (m.irq == 0 && m.mem_start == 0 && m.dma == 0 && m.base_addr < 0x100) {
    return;
  }
  print_compiled(out, FMT_COMPILE("{}device "), kIndent);
  if (i18n::active()) {
    fmt::memory_buffer& b = out.buffer();
    if (m.irq) i18n::printf_to(b, "interrupt %d  ", static_cast<int>(m.irq));
    if (m.base_addr >= 0x100)
      i18n::printf_to(b, "base 0x%x  ", static_cast<unsigned>(m.base_addr));
    if (m.mem_start)
      i18n::printf_to(b, "memory 0x%lx-%lx  ",
                      static_cast<unsigned long>(m.mem_start),
                      static_cast<unsigned long>(m.mem_end));
    if (m.dma) i18n::printf_to(b, "  dma 0x%x", static_cast<unsigned>(m.dma));
    out.put('\n');
    return;
  }
  if (m.irq) print_compiled(out, FMT_COMPILE("interrupt {}  "), m.irq);
  if (m.base_addr >= 0x100)
    print_compiled(out, FMT_COMPILE("base 0x{:x}  "), m.base_addr);
  if (m.mem_start)
    print_compiled(out, FMT_COMPILE("memory 0x{:x}-{:x}  "), m.mem_start,
                   m.mem_end);
  if (m.dma) print_compiled(out, FMT_COMPILE("  dma 0x{:x}"), m.dma);
  out.put('\n');
}

}  // namespace

std::string human_bytes(uint64_t bytes) {
  Human h = human_parts(bytes);
  return fmt::format(FMT_COMPILE("{}.{} {}"), h.whole, h.tenth, h.unit);
}

static void render_flags_line(Output& out, const IfaceEntry& entry,
                              const IfaceInfo& info, SafeStrings safe,
                              std::string& scratch);

void render_iface_long(Output& out, const IfaceEntry& entry,
                       const IfaceInfo& info,
                       IfInet6Span inet6, SafeStrings safe) {
  std::string scratch;
  if (i18n::active()) {
    // printf(_("%s: %s  mtu %d"), name, flags, mtu) and the keepalive piece.
    std::string name(safe_view(entry.name, safe == SafeStrings::on, scratch));
    fmt::memory_buffer flags;
    append_flags_text(flags, info.flags);
    std::string flags_text(flags.data(), flags.size());
    fmt::memory_buffer& b = out.buffer();
    i18n::printf_to(b, "%s: %s  mtu %d", name.c_str(), flags_text.c_str(),
                    static_cast<int>(info.mtu));
    if (info.outfill != 0 || info.keepalive != 0) {
      i18n::printf_to(b, "  outfill %d  keepalive %d",
                      static_cast<int>(info.outfill),
                      static_cast<int>(info.keepalive));
    }
    out.put('\n');
  } else {
    render_flags_line(out, entry, info, safe, scratch);
  }
  if (info.has_addr) render_inet(out, info);
  render_inet6(out, inet6);
  render_hw(out, entry, info);
  render_media(out, info);
  if (entry.has_stats) {
    uint16_t type = info.has_hw ? info.hw_type : static_cast<uint16_t>(info.flags);
    render_counters(out, entry.stats, type);
  }
  render_device(out, info.map);
  out.put('\n');
}

void render_iface_long_unknown(Output& out, const IfaceEntry& entry,
                               IfInet6Span inet6, SafeStrings safe) {
  std::string scratch;
  out.write(safe_view(entry.name, safe == SafeStrings::on, scratch));
  out.write(": flags unknown  mtu unknown\n");
  render_inet6(out, inet6);
  if (entry.has_stats) render_counters(out, entry.stats, 1 /* ARPHRD_ETHER */);
  out.put('\n');
}

static void render_flags_line(Output& out, const IfaceEntry& entry,
                              const IfaceInfo& info, SafeStrings safe,
                              std::string& scratch) {
  out.write(safe_view(entry.name, safe == SafeStrings::on, scratch));
  out.write(": ");
  append_flags_text(out.buffer(), info.flags);
  print_compiled(out, FMT_COMPILE("  mtu {}"), info.mtu);
  if (info.outfill != 0 || info.keepalive != 0) {
    print_compiled(out, FMT_COMPILE("  outfill {}  keepalive {}"), info.outfill,
                   info.keepalive);
  }
  out.put('\n');
}

}  // namespace netstat
