// Parser for /proc/net/route reproducing net-tools 2.10's rprint_fib input
// side: proc_gen_fmt header check, sscanf of each fgets chunk, the "at least
// 10 fields and RTF_UP" filter and INET_getsock's hex address reading.
#include "formats/proc_net_route.h"

#include <cstring>

#include "formats/proc_header_format.h"

namespace netstat::formats {
namespace {

enum Field : int8_t {
  kIface, kDest, kGateway, kFlags, kRefCnt, kUse, kMetric, kMask, kMtu,
  kWindow, kIrtt, kFieldCount
};

const std::vector<WantedColumn>& wanted_columns() {
  static const std::vector<WantedColumn> kColumns = {
      {"Iface", ScanKind::string, 15},     {"Destination", ScanKind::string, 127},
      {"Gateway", ScanKind::string, 127},  {"Flags", ScanKind::hex},
      {"RefCnt", ScanKind::dec},           {"Use", ScanKind::dec},
      {"Metric", ScanKind::dec},           {"Mask", ScanKind::string, 127},
      {"MTU", ScanKind::dec},              {"Window", ScanKind::dec},
      {"IRTT", ScanKind::dec},
  };
  return kColumns;
}

}  // namespace

Ipv4RouteTable::Status for_each_proc_net_route(
    std::string_view text, std::string& missing_field,
    const std::function<void(const Ipv4Route&)>& row) {
  if (text.empty()) return Ipv4RouteTable::Status::empty_file;
  FgetsChunks lines(text, kHeaderChunk);
  std::string_view line;
  (void)lines.next(line);
  HeaderFormat format = make_header_format(line, wanted_columns());
  if (format.status == HeaderFormat::Status::format_overflow) {
    return Ipv4RouteTable::Status::format_overflow;
  }
  if (format.status == HeaderFormat::Status::missing_field) {
    missing_field = std::string(format.missing);
    return Ipv4RouteTable::Status::missing_field;
  }
  lines.set_chunk(kRowChunk);
  // sscanf's targets live across lines, as in 2.10.
  ScanValue values[kFieldCount];
  Ipv4Route r;
  while (lines.next(line)) {
    int n = scan_line(line, format, values);
    if (n < 10 || (values[kFlags].u & kRtfUp) == 0) continue;
    (void)parse_hex_addr(values[kDest].text, r.destination);
    (void)parse_hex_addr(values[kGateway].text, r.gateway);
    (void)parse_hex_addr(values[kMask].text, r.mask);
    r.iface.assign(values[kIface].text);
    r.flags = values[kFlags].u;
    r.refcnt = values[kRefCnt].i;
    r.use = values[kUse].i;
    r.metric = values[kMetric].i;
    r.mtu = values[kMtu].i;
    r.window = values[kWindow].i;
    r.irtt = values[kIrtt].i;
    row(r);
  }
  return Ipv4RouteTable::Status::ok;
}

Ipv4RouteTable parse_proc_net_route(std::string_view text) {
  Ipv4RouteTable table;
  size_t newlines = 0;
  for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(
           p, '\n', static_cast<size_t>(text.data() + text.size() - p))));
       ++p) {
    ++newlines;
  }
  table.routes.reserve(newlines);
  table.status = for_each_proc_net_route(
      text, table.missing_field,
      [&](const Ipv4Route& r) { table.routes.push_back(r); });
  return table;
}

}  // namespace netstat::formats
