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

struct ProcNetRouteScanner::State {
  std::function<void(const Ipv4Route&)> row;
  bool started = false;  // a non-empty run was fed
  Ipv4RouteTable::Status status = Ipv4RouteTable::Status::empty_file;
  std::string missing;
  HeaderFormat format;
  // sscanf's targets live across lines, as in 2.10; the string ones are
  // copied out at the end of a run, whose buffer the caller may reuse.
  ScanValue values[kFieldCount];
  std::string held[kFieldCount];
  Ipv4Route r;
};

ProcNetRouteScanner::ProcNetRouteScanner(std::function<void(const Ipv4Route&)> row)
    : m_state(std::make_unique<State>()) {
  m_state->row = std::move(row);
}

ProcNetRouteScanner::~ProcNetRouteScanner() = default;

void ProcNetRouteScanner::feed(std::string_view run) {
  State& st = *m_state;
  if (run.empty()) return;
  FgetsChunks lines(run, st.started ? kRowChunk : kHeaderChunk);
  std::string_view line;
  if (!st.started) {
    st.started = true;
    (void)lines.next(line);
    st.format = make_header_format(line, wanted_columns());
    if (st.format.status == HeaderFormat::Status::format_overflow) {
      st.status = Ipv4RouteTable::Status::format_overflow;
    } else if (st.format.status == HeaderFormat::Status::missing_field) {
      st.status = Ipv4RouteTable::Status::missing_field;
      st.missing = std::string(st.format.missing);
    } else {
      st.status = Ipv4RouteTable::Status::ok;
    }
    lines.set_chunk(kRowChunk);
  }
  if (st.status != Ipv4RouteTable::Status::ok) return;
  ScanValue* values = st.values;
  Ipv4Route& r = st.r;
  while (lines.next(line)) {
    int n = scan_line(line, st.format, values);
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
    st.row(r);
  }
  for (int f : {kIface, kDest, kGateway, kMask}) {
    st.held[f].assign(values[f].text);
    values[f].text = st.held[f];
  }
}

Ipv4RouteTable::Status ProcNetRouteScanner::finish(std::string& missing_field) const {
  if (m_state->status == Ipv4RouteTable::Status::missing_field) {
    missing_field = m_state->missing;
  }
  return m_state->status;
}

Ipv4RouteTable::Status for_each_proc_net_route(
    std::string_view text, std::string& missing_field,
    const std::function<void(const Ipv4Route&)>& row) {
  ProcNetRouteScanner scanner(row);
  scanner.feed(text);
  return scanner.finish(missing_field);
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
