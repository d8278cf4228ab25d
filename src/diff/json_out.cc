// JSON form of diff items (see json_out.h), streamed into the Output.
#include "src/diff/json_out.h"

namespace netstat::diff {
namespace {

// Names of the Field bits, in bit order.
constexpr const char* kFieldNames[] = {
    "state", "owner", "queues", "flags", "mtu", "addresses",
    "counters", "refcount", "value", "route_params", "hardware"};

}  // namespace

JsonDiff::JsonDiff(Output& out, bool lines, json::RowContext& a,
                   json::RowContext& b, const model::Metadata& ma,
                   const model::Metadata& mb)
    : m_out(out), m_lines(lines), m_a(a), m_b(b), m_ma(ma), m_mb(mb),
      m_w(out.buffer()) {}

void JsonDiff::begin(std::string_view mode) {
  if (m_lines) return;
  m_w.begin_object();
  m_w.member_str("format", "netstat-diff-json");
  m_w.member("format_version", json::kFormatVersion);
  m_w.member_str("mode", mode);
  m_w.key("a");
  json::write_metadata(m_w, m_ma);
  m_w.key("b");
  json::write_metadata(m_w, m_mb);
  std::optional<double> secs = elapsed(m_ma, m_mb);
  m_w.key("elapsed_s");
  if (secs) m_w.number(*secs, 3); else m_w.null();
  m_w.key("changes");
  m_w.begin_array();
}

void JsonDiff::start_change(const char* change, std::string_view kind,
                            uint32_t fields, const char* const* names) {
  if (!m_lines) m_w.break_line();
  m_w.begin_object();
  m_w.member_str("change", change);
  m_w.member_str("kind", kind);
  if (!m_netns.empty()) m_w.member_str("netns", m_netns);
  m_w.key("fields");
  m_w.begin_array();
  for (uint32_t bit = 0; bit < 11; ++bit) {
    if (fields & (1u << bit)) m_w.string(names[bit]);
  }
  m_w.end_array();
}

void JsonDiff::finish_change() {
  m_w.end_object();
  if (m_lines) m_out.put('\n'); else m_out.after_write();
}

template <typename Row, typename Write>
void JsonDiff::items(std::string_view kind, const std::vector<Item<Row>>& v,
                     Write write, const char* const* names) {
  for (const Item<Row>& it : v) {
    m_counts.add(it.change);
    start_change(change_name(it.change), kind, it.fields, names);
    m_w.key("before");
    if (it.a != nullptr) write(*it.a, m_a); else m_w.null();
    m_w.key("after");
    if (it.b != nullptr) write(*it.b, m_b); else m_w.null();
    finish_change();
  }
}

void JsonDiff::sockets(const std::vector<Item<model::Socket>>& v) {
  items("socket", v,
        [&](const model::Socket& s, json::RowContext& c) { json::write_socket(m_w, s, c); },
        kFieldNames);
}

void JsonDiff::groups(const std::vector<Item<model::Group>>& v) {
  items("group", v,
        [&](const model::Group& g, json::RowContext& c) { json::write_group(m_w, g, c); },
        kFieldNames);
}

void JsonDiff::routes(const std::vector<Item<model::Route>>& v) {
  items("route", v,
        [&](const model::Route& r, json::RowContext& c) { json::write_route(m_w, r, c); },
        kFieldNames);
}

void JsonDiff::interfaces(const std::vector<Item<model::Interface>>& v) {
  std::optional<double> secs = elapsed(m_ma, m_mb);
  for (const Item<model::Interface>& it : v) {
    m_counts.add(it.change);
    start_change(change_name(it.change), "interface", it.fields, kFieldNames);
    m_w.key("before");
    if (it.a != nullptr) json::write_interface(m_w, *it.a); else m_w.null();
    m_w.key("after");
    if (it.b != nullptr) json::write_interface(m_w, *it.b); else m_w.null();
    if (it.a != nullptr && it.b != nullptr && it.a->has_counters && it.b->has_counters) {
      const model::IfaceCounters& x = it.a->counters;
      const model::IfaceCounters& y = it.b->counters;
      struct {
        const char* name;
        uint64_t model::IfaceCounters::*field;
      } const kAll[] = {
          {"rx_bytes", &model::IfaceCounters::rx_bytes},
          {"rx_packets", &model::IfaceCounters::rx_packets},
          {"rx_errors", &model::IfaceCounters::rx_errors},
          {"rx_dropped", &model::IfaceCounters::rx_dropped},
          {"rx_fifo", &model::IfaceCounters::rx_fifo},
          {"rx_frame", &model::IfaceCounters::rx_frame},
          {"rx_compressed", &model::IfaceCounters::rx_compressed},
          {"rx_multicast", &model::IfaceCounters::rx_multicast},
          {"tx_bytes", &model::IfaceCounters::tx_bytes},
          {"tx_packets", &model::IfaceCounters::tx_packets},
          {"tx_errors", &model::IfaceCounters::tx_errors},
          {"tx_dropped", &model::IfaceCounters::tx_dropped},
          {"tx_fifo", &model::IfaceCounters::tx_fifo},
          {"tx_collisions", &model::IfaceCounters::tx_collisions},
          {"tx_carrier", &model::IfaceCounters::tx_carrier},
          {"tx_compressed", &model::IfaceCounters::tx_compressed},
      };
      m_w.key("deltas");
      m_w.begin_object();
      for (const auto& f : kAll) m_w.member(f.name, delta(x.*f.field, y.*f.field));
      m_w.end_object();
      m_w.key("rates_per_s");
      if (secs) {
        m_w.begin_object();
        for (const auto& f : kAll) {
          m_w.key(f.name);
          m_w.number(static_cast<double>(delta(x.*f.field, y.*f.field)) / *secs, 3);
        }
        m_w.end_object();
      } else {
        m_w.null();
      }
    }
    finish_change();
  }
}

void JsonDiff::counters(const std::vector<Item<model::Counter>>& v) {
  std::optional<double> secs = elapsed(m_ma, m_mb);
  for (const Item<model::Counter>& it : v) {
    m_counts.add(it.change);
    start_change(change_name(it.change), "counter", it.fields, kFieldNames);
    const model::Counter& k = it.b != nullptr ? *it.b : *it.a;
    m_w.member_str("file", k.file);
    m_w.member_str("section", k.section);
    m_w.member_str("name", k.name);
    m_w.key("before");
    if (it.a != nullptr) m_w.number(it.a->value); else m_w.null();
    m_w.key("after");
    if (it.b != nullptr) m_w.number(it.b->value); else m_w.null();
    if (it.a != nullptr && it.b != nullptr) {
      int64_t d = delta(it.a->value, it.b->value);
      m_w.member("delta", d);
      m_w.key("rate_per_s");
      if (secs) m_w.number(static_cast<double>(d) / *secs, 3); else m_w.null();
    }
    finish_change();
  }
}

void JsonDiff::end(const std::vector<std::string>& notes) {
  if (m_lines) return;
  if (m_counts.total() > 0) m_w.raw("\n");
  m_w.end_array();
  m_w.key("summary");
  m_w.begin_object();
  m_w.member("added", static_cast<uint64_t>(m_counts.added));
  m_w.member("removed", static_cast<uint64_t>(m_counts.removed));
  m_w.member("replaced", static_cast<uint64_t>(m_counts.replaced));
  m_w.member("changed", static_cast<uint64_t>(m_counts.changed));
  m_w.end_object();
  m_w.key("notes");
  m_w.begin_array();
  for (const std::string& n : notes) m_w.string(n);
  m_w.end_array();
  m_w.end_object();
  m_out.put('\n');
}

}  // namespace netstat::diff
