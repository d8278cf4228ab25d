// JSON objects for the model rows (format_version 1; keys in snake_case,
// numbers as numbers, full untruncated addresses; resolved names next to
// the numeric values only where netstat would resolve and -n allows).
#include "src/json/rows.h"

#include <arpa/inet.h>
#include <net/if.h>

#include <cstring>

#include "src/model/sockets.h"
#include "src/render/iface_hw.h"
#include "src/render/route_ipv4.h"
#include "src/render/route_ipv6.h"
#include "src/address_text.h"
#include "src/resolve.h"

namespace netstat::json {
namespace {

using model::AddrBytes;

void address(JsonWriter& w, std::string_view k, bool v6, const AddrBytes& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (!v6) {
    uint32_t v;
    std::memcpy(&v, a.data(), 4);
    w.member_str(k, std::string_view(buf, format_dotted_quad(v, buf)));
    return;
  }
  w.member_str(k, std::string_view(buf, format_ipv6(a.data(), buf)));
}

void prefix_members(JsonWriter& w, const LinePrefix* p) {
  if (p == nullptr) return;
  w.member_str("kind", p->kind);
  const RowIdentity* id = p->identity;
  if (id != nullptr) w.member_str("bundle", id->bundle);
  w.member_str("host", p->meta->host);
  std::string_view at = p->meta->captured_at;
  if (id != nullptr) {
    w.member_str("netns", id->netns);
    w.member("frame", id->frame);
    at = id->captured_at;
  }
  if (at.empty()) {
    w.key("captured_at");
    w.null();
  } else {
    w.member_str("captured_at", at);
  }
  if (id == nullptr && p->meta->view) w.member_str("view", p->meta->view->id);
}

std::string_view family_name(model::Family f) {
  switch (f) {
    case model::Family::inet: return "inet";
    case model::Family::inet6: return "inet6";
    case model::Family::unix_domain: return "unix";
  }
  return "inet";
}

std::string_view timer_name(bool tcp, uint32_t t, char (&buf)[24]) {
  switch (t) {
    case 0: return "off";
    case 1: return tcp ? "on" : "on1";
    case 2: return tcp ? "keepalive" : "on2";
    case 3: if (tcp) return "timewait"; break;
    case 4: if (tcp) return "probe"; break;
    default: break;
  }
  auto r = fmt::format_to_n(buf, sizeof buf - 1, "unkn-{}", t);
  return std::string_view(buf, r.size < sizeof buf ? r.size : sizeof buf - 1);
}

void owners(JsonWriter& w, const model::Socket& s) {
  if (s.owners == nullptr || s.owners->empty()) {
    w.key("pid");
    w.null();
    w.key("program");
    w.null();
    return;
  }
  const model::Owner& first = s.owners->front();
  w.member("pid", first.pid);
  w.member_str("program", first.program);
  if (s.owners->size() > 1) {
    w.key("owners");
    w.begin_array();
    for (const model::Owner& o : *s.owners) {
      w.begin_object();
      w.member("pid", o.pid);
      w.member_str("program", o.program);
      w.end_object();
    }
    w.end_array();
  }
}

void user(JsonWriter& w, uint32_t uid, RowContext& c) {
  w.member("uid", uid);
  if (std::optional<std::string_view> u = c.names.user(uid)) w.member_str("user", *u);
}

void endpoint(JsonWriter& w, RowContext& c, bool local, bool v6,
              const AddrBytes& a, uint16_t port, ServiceProto sp) {
  address(w, local ? "local_address" : "remote_address", v6, a);
  w.member(local ? "local_port" : "remote_port", port);
  if (std::optional<std::string_view> h = c.names.host(v6, a)) {
    w.member_str(local ? "local_host" : "remote_host", *h);
  }
  if (std::optional<std::string_view> sv = c.names.service(port, sp)) {
    w.member_str(local ? "local_service" : "remote_service", *sv);
  }
}

}  // namespace

std::string_view tcp_state_name(uint32_t state) {
  static constexpr std::string_view kNames[] = {
      "UNKNOWN",   "ESTABLISHED", "SYN_SENT",   "SYN_RECV",
      "FIN_WAIT1", "FIN_WAIT2",   "TIME_WAIT",  "CLOSE",
      "CLOSE_WAIT", "LAST_ACK",   "LISTEN",     "CLOSING"};
  return state < 12 ? kNames[state] : "UNKNOWN";
}

std::string_view unix_state_name(uint32_t state, uint64_t flags) {
  switch (state) {
    case 0: return "FREE";
    case 1: return (flags & 0x10000) != 0 ? "LISTENING" : "UNCONNECTED";
    case 2: return "CONNECTING";
    case 3: return "CONNECTED";
    case 4: return "DISCONNECTING";
    default: return "UNKNOWN";
  }
}

std::string_view unix_type_name(uint32_t type) {
  switch (type) {
    case 1: return "STREAM";
    case 2: return "DGRAM";
    case 3: return "RAW";
    case 4: return "RDM";
    case 5: return "SEQPACKET";
    default: return "UNKNOWN";
  }
}

void write_socket(JsonWriter& w, const model::Socket& s, RowContext& c,
                  const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  w.member_str("protocol", model::proto_name(s.proto));
  w.member_str("family", family_name(s.family));
  if (s.proto == model::Proto::unix_domain) {
    w.member_str("type", unix_type_name(s.unix_type));
    w.member_str("state", unix_state_name(s.state, s.unix_flags));
    w.member("state_code", s.state);
    w.key("flags");
    w.begin_array();
    if (s.unix_flags & 0x10000) w.string("ACC");
    if (s.unix_flags & 0x20000) w.string("W");
    if (s.unix_flags & 0x40000) w.string("N");
    w.end_array();
    w.member("flags_value", s.unix_flags);
    w.member("refcount", s.refcount);
    w.member("inode", s.inode);
    if (!s.path.empty()) w.member_str("path", s.path);
    w.member_bool("listening", s.listening);
    if (c.owners) owners(w, s);
    w.end_object();
    return;
  }
  bool v6 = s.family == model::Family::inet6;
  ServiceProto sp = model::service_proto(s.proto);
  endpoint(w, c, true, v6, s.local, s.local_port, sp);
  endpoint(w, c, false, v6, s.remote, s.remote_port, sp);
  if (s.proto == model::Proto::sctp) {
    w.member_str("sctp_kind", s.sctp_assoc ? "association" : "endpoint");
    for (int remote = 0; remote < 2; ++remote) {
      if (remote == 1 && !s.sctp_assoc) break;
      w.key(remote ? "remote_addresses" : "local_addresses");
      w.begin_array();
      for (const model::SctpAddress& a : s.sctp_addresses) {
        if (a.remote != (remote == 1)) continue;
        w.string(model::address_text(a.v6, a.addr));
      }
      w.end_array();
    }
  }
  w.member_str("state", tcp_state_name(s.state));
  w.member("state_code", s.state);
  w.member_bool("listening", s.listening);
  w.member("recv_q", s.rx_queue);
  w.member("send_q", s.tx_queue);
  user(w, s.uid, c);
  w.member("inode", s.inode);
  if (c.timers && s.proto != model::Proto::sctp) {
    char buf[24];
    w.member_str("timer", timer_name(s.proto == model::Proto::tcp, s.timer, buf));
    long hz = s.proto == model::Proto::tcp && c.clk_tck > 0 ? c.clk_tck : 100;
    w.key("timer_expires");
    w.fixed2(s.timer_when, static_cast<uint64_t>(hz));
    w.member("retransmits", s.retransmits);
    w.member("timeout", s.timeout);
  }
  if (c.owners) owners(w, s);
  w.end_object();
}

void write_group(JsonWriter& w, const model::Group& g, RowContext& c,
                 const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  w.member_str("family", g.v6 ? "inet6" : "inet");
  w.member_str("interface", g.iface);
  w.member("refcount", g.refcount);
  address(w, "group", g.v6, g.group);
  if (std::optional<std::string_view> h = c.names.host(g.v6, g.group)) {
    w.member_str("group_host", *h);
  }
  w.end_object();
}

void write_route(JsonWriter& w, const model::Route& r, RowContext& c,
                 const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  bool v6 = r.family == model::RouteFamily::inet6;
  w.member_str("family", v6 ? "inet6" : "inet");
  address(w, "destination", v6, r.destination);
  w.member("prefix_len", r.prefix_len);
  if (!v6) {
    AddrBytes m{};
    std::memcpy(m.data(), &r.mask, 4);
    address(w, "netmask", false, m);
  } else {
    address(w, "source", true, r.source);
    w.member("source_prefix_len", r.source_prefix_len);
  }
  address(w, "gateway", v6, r.gateway);
  if (!v6) {
    uint32_t d, g;
    std::memcpy(&d, r.destination.data(), 4);
    std::memcpy(&g, r.gateway.data(), 4);
    std::string dn = c.route_names.route_destination(d, r.mask, r.flags);
    if (dn != RouteNames::dotted(d)) w.member_str("destination_name", dn);
    std::string gn = c.route_names.route_gateway(g);
    if (gn != RouteNames::dotted(g)) w.member_str("gateway_name", gn);
  } else {
    std::string dn = c.route_names.ipv6(r.destination);
    if (dn != RouteNames::ipv6_numeric(r.destination) && dn != "[::]") {
      w.member_str("destination_name", dn);
    }
    std::string gn = c.route_names.ipv6(r.gateway);
    if (gn != RouteNames::ipv6_numeric(r.gateway) && gn != "[::]") {
      w.member_str("gateway_name", gn);
    }
  }
  w.member_str("flags", v6 ? ipv6_route_flags(r.flags) : fib_flags(r.flags));
  w.member("flags_value", r.flags);
  w.member("metric", r.metric);
  w.member("ref", r.refcnt);
  w.member("use", r.use);
  if (!v6) {
    w.member("mss", r.mtu);
    w.member("window", r.window);
    w.member("irtt", r.irtt);
  } else {
    w.member_bool("cache", r.cache);
  }
  w.member_str("interface", r.iface);
  w.end_object();
}

void write_iface_flags(JsonWriter& w, uint32_t flags) {
  static constexpr struct {
    uint32_t bit;
    std::string_view name;
  } kFlags[] = {{IFF_UP, "UP"},           {IFF_BROADCAST, "BROADCAST"},
                {IFF_DEBUG, "DEBUG"},     {IFF_LOOPBACK, "LOOPBACK"},
                {IFF_POINTOPOINT, "POINTOPOINT"},
                {IFF_NOTRAILERS, "NOTRAILERS"},
                {IFF_RUNNING, "RUNNING"}, {IFF_NOARP, "NOARP"},
                {IFF_PROMISC, "PROMISC"}, {IFF_ALLMULTI, "ALLMULTI"},
                {IFF_SLAVE, "SLAVE"},     {IFF_MASTER, "MASTER"},
                {IFF_MULTICAST, "MULTICAST"}, {IFF_DYNAMIC, "DYNAMIC"}};
  w.begin_array();
  for (const auto& f : kFlags) {
    if (flags & f.bit) w.string(f.name);
  }
  w.end_array();
}

void write_interface(JsonWriter& w, const model::Interface& i,
                     const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  w.member_str("name", i.name);
  if (i.has_info) {
    w.key("flags");
    write_iface_flags(w, i.flags);
    w.member("flags_value", i.flags);
    w.member("mtu", static_cast<int64_t>(i.mtu));
    w.member("metric", static_cast<int64_t>(i.metric));
    if (i.tx_queue_len >= 0) {
      w.member("tx_queue_len", static_cast<int64_t>(i.tx_queue_len));
    }
    if (i.has_hw) {
      HwAddrBuffer buf{};
      std::memcpy(buf.data(), i.hw_addr.data(), 8);
      HwLine hw = hw_line(i.hw_type, buf);
      w.member_str("hw_type", hw.name);
      w.member("hw_type_code", i.hw_type);
      if (hw.has_address) w.member_str("hw_address", hw.address);
    }
  }
  w.key("addresses");
  w.begin_array();
  for (const model::IfaceAddress& a : i.addresses) {
    w.begin_object();
    w.member_str("family", a.v6 ? "inet6" : "inet");
    address(w, "address", a.v6, a.addr);
    w.member("prefix_len", a.prefix_len);
    if (a.v6) {
      w.member("scope", a.scope);
    } else {
      AddrBytes b{};
      std::memcpy(b.data(), &a.netmask, 4);
      address(w, "netmask", false, b);
      if (a.broadcast) {
        std::memcpy(b.data(), &*a.broadcast, 4);
        address(w, "broadcast", false, b);
      }
      if (a.destination) {
        std::memcpy(b.data(), &*a.destination, 4);
        address(w, "peer", false, b);
      }
    }
    w.end_object();
  }
  w.end_array();
  if (i.has_counters) {
    const model::IfaceCounters& k = i.counters;
    w.member("rx_bytes", k.rx_bytes);
    w.member("rx_packets", k.rx_packets);
    w.member("rx_errors", k.rx_errors);
    w.member("rx_dropped", k.rx_dropped);
    w.member("rx_fifo", k.rx_fifo);
    w.member("rx_frame", k.rx_frame);
    w.member("rx_compressed", k.rx_compressed);
    w.member("rx_multicast", k.rx_multicast);
    w.member("tx_bytes", k.tx_bytes);
    w.member("tx_packets", k.tx_packets);
    w.member("tx_errors", k.tx_errors);
    w.member("tx_dropped", k.tx_dropped);
    w.member("tx_fifo", k.tx_fifo);
    w.member("tx_collisions", k.tx_collisions);
    w.member("tx_carrier", k.tx_carrier);
    w.member("tx_compressed", k.tx_compressed);
  }
  w.end_object();
}

void write_counter(JsonWriter& w, const model::Counter& k,
                   const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  w.member_str("file", k.file);
  w.member_str("section", k.section);
  w.member_str("name", k.name);
  w.member("value", k.value);
  w.end_object();
}

void write_masquerade(JsonWriter& w, const model::Masquerade& m, RowContext& c,
                      const LinePrefix* prefix) {
  w.begin_object();
  prefix_members(w, prefix);
  w.member_str("protocol", m.proto);
  auto v4 = [&](std::string_view k, std::string_view kn, uint32_t host_order) {
    uint32_t net = __builtin_bswap32(host_order);
    AddrBytes b{};
    std::memcpy(b.data(), &net, 4);
    address(w, k, false, b);
    std::string name = c.route_names.address(net);
    if (name != RouteNames::dotted(net)) w.member_str(kn, name);
  };
  v4("source", "source_host", m.source);
  w.member("source_port", m.source_port);
  v4("destination", "destination_host", m.destination);
  w.member("destination_port", m.destination_port);
  w.member("masq_port", m.masq_port);
  w.member("initseq", m.initseq);
  w.member("delta", static_cast<int32_t>(m.delta));
  w.member("pdelta", static_cast<int32_t>(m.pdelta));
  w.key("expires");
  w.number(static_cast<double>(m.expires) / 100.0, 2);
  w.end_object();
}

void write_metadata(JsonWriter& w, const model::Metadata& m) {
  w.begin_object();
  w.member_str("host", m.host);
  w.member_str("kernel", m.kernel);
  w.member_str("source", m.source);
  w.key("captured_at");
  if (m.captured_at.empty()) {
    w.null();
  } else {
    w.string(m.captured_at);
  }
  w.member_bool("live", m.live);
  w.member("euid", m.euid);
  if (!m.tool.empty()) w.member_str("tool", m.tool);
  if (m.view) {
    w.key("view");
    w.begin_object();
    w.member_str("id", m.view->id);
    w.member_str("netns", m.view->netns);
    w.key("names");
    w.begin_array();
    for (const std::string& n : m.view->names) w.string(n);
    w.end_array();
    w.member("frame", m.view->frame);
    w.end_object();
  }
  w.end_object();
}

}  // namespace netstat::json
