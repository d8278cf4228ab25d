// Parser for /proc/net/rt_cache mirroring net-tools 2.10's rprint_cache:
// proc_guess_fmt (substring search of the first 510 header bytes for IRTT,
// TOS, HHRef, HHUptod, SpecDst, HH, ARP), then proc_gen_fmt + sscanf per
// fgets chunk with the "fewer than 12 fields: skip" rule.
#include "formats/proc_net_rt_cache.h"

#include "formats/proc_header_format.h"

namespace netstat::formats {
namespace {

enum Field : int8_t {
  kIface, kDest, kGateway, kFlags, kRefCnt, kUse, kMetric, kSource, kMtu,
  kWindow, kIrtt, kExtra1, kExtra2, kExtra3, kSpecDst, kFieldCount
};

std::vector<WantedColumn> wanted_columns(RtCacheFormat format) {
  std::vector<WantedColumn> c = {
      {"Iface", ScanKind::string, 15},     {"Destination", ScanKind::string, 127},
      {"Gateway", ScanKind::string, 127},  {"Flags", ScanKind::hex},
      {"RefCnt", ScanKind::dec},           {"Use", ScanKind::dec},
      {"Metric", ScanKind::dec},           {"Source", ScanKind::string, 127},
      {"MTU", ScanKind::dec},              {"Window", ScanKind::dec},
      {"IRTT", ScanKind::dec},
  };
  if (format == RtCacheFormat::v2_2) {
    c.push_back({"TOS", ScanKind::dec});
    c.push_back({"HHRef", ScanKind::dec});
    c.push_back({"HHUptod", ScanKind::dec});
    c.push_back({"SpecDst", ScanKind::string, 127});
  } else {
    c.push_back({"HH", ScanKind::dec});
    c.push_back({"ARP", ScanKind::dec});
  }
  return c;
}

int guess_format(std::string_view header) {
  static constexpr struct {
    std::string_view name;
    int bit;
  } kKeys[] = {{"IRTT", 1},     {"TOS", 2}, {"HHRef", 4}, {"HHUptod", 8},
               {"SpecDst", 16}, {"HH", 32}, {"ARP", 64}};
  int bits = 0;
  for (const auto& k : kKeys) {
    if (header.find(k.name) != std::string_view::npos) bits |= k.bit;
  }
  return bits;
}

}  // namespace

RtCacheTable parse_proc_net_rt_cache(std::string_view text) {
  RtCacheTable table;
  if (text.empty()) {
    table.status = RtCacheTable::Status::empty_file;
    return table;
  }
  FgetsChunks lines(text, kHeaderChunk);
  std::string_view header;
  (void)lines.next(header);
  table.guess = guess_format(header);
  if (table.guess == 63) {
    table.format = RtCacheFormat::v2_2;
  } else if (table.guess == 97) {
    table.format = RtCacheFormat::v2_0;
  } else {
    return table;
  }
  HeaderFormat format = make_header_format(header, wanted_columns(table.format));
  if (format.status == HeaderFormat::Status::format_overflow) {
    table.status = RtCacheTable::Status::format_overflow;
    return table;
  }
  if (format.status == HeaderFormat::Status::missing_field) {
    table.status = RtCacheTable::Status::missing_field;
    table.missing_field = std::string(format.missing);
    return table;
  }
  const bool v22 = table.format == RtCacheFormat::v2_2;
  lines.set_chunk(kRowChunk);
  ScanValue values[kFieldCount];
  // Index mapping for the 2.0 layout: HH and ARP follow IRTT.
  uint32_t sock = 0;  // the one sockaddr 2.10 converts every address into
  std::string_view line;
  while (lines.next(line)) {
    int n = scan_line(line, format, values);
    if (n < 12) continue;
    RtCacheRow& r = table.rows.emplace_back();
    (void)parse_hex_addr(values[kDest].text, sock);
    r.destination = sock;
    (void)parse_hex_addr(values[kGateway].text, sock);
    r.gateway = sock;
    (void)parse_hex_addr(values[kSource].text, sock);
    r.source = sock;
    if (v22) {
      // When SpecDst was not read, 2.10's buffer holds the text it printed
      // for the previous row, which never parses as hex: the sockaddr keeps
      // the source.
      if (n >= 15) (void)parse_hex_addr(values[kSpecDst].text, sock);
      r.spec_dst = sock;
    }
    r.iface.assign(values[kIface].text);
    r.flags = values[kFlags].u;
    r.refcnt = values[kRefCnt].i;
    r.use = values[kUse].i;
    r.metric = values[kMetric].i;
    r.mtu = values[kMtu].i;
    r.window = values[kWindow].i;
    r.irtt = values[kIrtt].i;
    if (v22) {
      r.tos = values[kExtra1].i;
      r.hh_ref = values[kExtra2].i;
      r.hh_uptod = values[kExtra3].i;
    } else {
      r.hh = values[kExtra1].i;
      r.arp = values[kExtra2].i;
    }
  }
  return table;
}

}  // namespace netstat::formats
