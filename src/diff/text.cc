// Renders diff items as netstat rows through the renderers the text modes
// use, so a diff line looks exactly like the listing line of the side it
// comes from. The model rows carry decoded values (addresses as bytes,
// numbers as read); they are handed over field by field (formats::InetRow,
// UnixRow, IgmpRow, Ipv4Route, Ipv6Route, render::SctpLines), never turned
// back into kernel text.
#include "src/diff/text.h"

#include <cstring>

#include <fmt/format.h>

#include "replay/root.h"
#include "src/json/rows.h"
#include "src/model/names.h"
#include "src/programs.h"
#include "src/render/iface_render.h"
#include "src/render/route_ipv4.h"
#include "src/render/route_ipv6.h"
#include "src/render/route_names.h"
#include "src/render/socket_text.h"
#include "src/resolve.h"
#include "src/safe_text.h"

namespace netstat::diff {
namespace {

constexpr std::string_view kGreen = "\x1b[32m", kRed = "\x1b[31m",
                           kYellow = "\x1b[33m", kBold = "\x1b[1m",
                           kReset = "\x1b[0m";

render::InetLabel inet_label(const model::Socket& s) {
  bool v6 = s.family == model::Family::inet6;
  switch (s.proto) {
    case model::Proto::tcp: return v6 ? render::InetLabel::tcp6 : render::InetLabel::tcp;
    case model::Proto::udp: return v6 ? render::InetLabel::udp6 : render::InetLabel::udp;
    case model::Proto::udplite:
      return v6 ? render::InetLabel::udpl6 : render::InetLabel::udpl;
    default: return v6 ? render::InetLabel::raw6 : render::InetLabel::raw;
  }
}

formats::InetRow inet_row_of(const model::Socket& s) {
  formats::InetRow r;
  r.family = s.family == model::Family::inet6 ? formats::InetFamily::inet6
                                              : formats::InetFamily::inet;
  r.local = s.local;
  r.remote = s.remote;
  r.local_port = s.local_port;
  r.remote_port = s.remote_port;
  r.state = s.state;
  r.tx_queue = s.tx_queue;
  r.rx_queue = s.rx_queue;
  r.timer_active = s.timer;
  r.timer_when = s.timer_when;
  r.retransmits = s.retransmits;
  r.uid = static_cast<int32_t>(s.uid);
  r.timeout = s.timeout;
  r.inode = s.inode;
  r.fields = 14;
  return r;
}


// \a s escaped unless --raw-strings.
std::string shown(std::string_view s, bool safe) {
  return safe ? safe_text(s) : std::string(s);
}

std::string owner_text(const model::Socket& s, bool safe) {
  if (s.owners == nullptr || s.owners->empty()) return "-";
  const model::Owner& o = s.owners->front();
  return fmt::format("{}/{}", o.pid, shown(o.program, safe));
}

std::string socket_note(const Item<model::Socket>& it, bool safe) {
  std::vector<std::string> parts;
  const model::Socket& a = *it.a;
  const model::Socket& b = *it.b;
  if (it.change == Change::replaced) {
    parts.push_back(fmt::format("replaced: inode {} -> {}", a.inode, b.inode));
  }
  if (it.fields & kState) {
    bool unx = a.proto == model::Proto::unix_domain;
    parts.push_back(fmt::format(
        "state {} -> {}",
        unx ? json::unix_state_name(a.state, a.unix_flags) : json::tcp_state_name(a.state),
        unx ? json::unix_state_name(b.state, b.unix_flags) : json::tcp_state_name(b.state)));
  }
  if (it.fields & kOwner) {
    parts.push_back(fmt::format("owner {} -> {}", owner_text(a, safe), owner_text(b, safe)));
  }
  if (it.fields & kQueues) {
    if (a.rx_queue != b.rx_queue) {
      parts.push_back(fmt::format("recv-q {} -> {}", a.rx_queue, b.rx_queue));
    }
    if (a.tx_queue != b.tx_queue) {
      parts.push_back(fmt::format("send-q {} -> {}", a.tx_queue, b.tx_queue));
    }
  }
  std::string note;
  for (const std::string& p : parts) note += (note.empty() ? "" : ", ") + p;
  return note;
}

char marker_of(Change c) {
  switch (c) {
    case Change::added: return '+';
    case Change::removed: return '-';
    default: return '~';
  }
}

// Seconds as a person writes them: "300 s", "1.5 s", "0.125 s".
std::string seconds_text(double secs) {
  std::string t = fmt::format("{:.3f}", secs);
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t + " s";
}

// "SOURCE (host, time[, netns N (names)][, frame K])" of one side.
std::string describe(const model::Metadata& m, bool safe) {
  std::vector<std::string> parts;
  if (m.live) parts.emplace_back("live");
  parts.push_back(m.host.empty() ? std::string("host unknown") : shown(m.host, safe));
  parts.push_back(m.captured_at.empty() ? std::string("time unknown") : m.captured_at);
  if (m.view) {
    std::string ns = "netns " + shown(m.view->netns, safe);
    if (!m.view->names.empty()) {
      std::string names;
      for (const std::string& n : m.view->names) names += (names.empty() ? "" : ", ") + shown(n, safe);
      ns += " (" + names + ")";
    }
    parts.push_back(std::move(ns));
    parts.push_back(fmt::format("frame {}", m.view->frame));
  }
  std::string out = shown(m.source, safe) + " (";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::string rate_text(int64_t d, std::optional<double> secs) {
  if (!secs) return fmt::format("{:+}", d);
  return fmt::format("{:+}, {:.2f}/s", d, static_cast<double>(d) / *secs);
}

}  // namespace

void TextDiff::emit(char marker, std::string_view text, std::string_view note) {
  std::string_view color = marker == '+' ? kGreen : marker == '-' ? kRed : kYellow;
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : nl - start);
    if (m_color) m_out.write(color);
    m_out.put(marker);
    m_out.put(' ');
    m_out.write(line);
    if (nl == std::string_view::npos) {
      if (!note.empty()) {
        m_out.write("  (");
        m_out.write(note);
        m_out.put(')');
      }
      if (m_color) m_out.write(kReset);
      m_out.put('\n');
      break;
    }
    if (m_color) m_out.write(kReset);
    m_out.put('\n');
    start = nl + 1;
  }
}

void TextDiff::header(std::string_view text) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (m_color) m_out.write(kBold);
    m_out.write("  ");
    m_out.write(text.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                                : nl - start));
    if (m_color) m_out.write(kReset);
    m_out.put('\n');
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

void TextDiff::title() {
  std::string a = "--- A: " + describe(m_a.meta, m_o.safe_strings) + ")";
  std::string b = "+++ B: " + describe(m_b.meta, m_o.safe_strings);
  if (m_a.meta.captured_epoch && m_b.meta.captured_epoch) {
    double d = *m_b.meta.captured_epoch - *m_a.meta.captured_epoch;
    b += d >= 0 ? ", " + seconds_text(d) + " after A"
                : ", " + seconds_text(-d) + " BEFORE A";
  }
  b += ")";
  for (const std::string* line : {&a, &b}) {
    if (m_color) m_out.write(kBold);
    m_out.write(*line);
    if (m_color) m_out.write(kReset);
    m_out.put('\n');
  }
}

void TextDiff::summary(std::string_view what, const Counts& c) {
  if (c.total() == 0) {
    m_out.print("{}: no differences\n", what);
    return;
  }
  m_out.print("{}: {} added, {} removed, {} replaced, {} changed\n", what,
              c.added, c.removed, c.replaced, c.changed);
}

void TextDiff::sockets(const std::vector<Item<model::Socket>>& items) {
  Output line;
  render::SocketText ta{m_o, m_a.resolver, line, m_a.programs, m_a.clk_tck, {}};
  render::SocketText tb{m_o, m_b.resolver, line, m_b.programs, m_b.clk_tck, {}};
  bool inet_header = false, unix_header = false;
  Counts counts;
  for (const Item<model::Socket>& it : items) {
    counts.add(it.change);
    const model::Socket& s = it.b != nullptr ? *it.b : *it.a;
    render::SocketText& t = it.b != nullptr ? tb : ta;
    line.clear();
    if (s.proto == model::Proto::unix_domain) {
      if (!unix_header) {
        render::unix_header(t);
        header(line.str());
        line.clear();
        unix_header = true;
      }
      formats::UnixRow r;
      r.refcount = s.refcount;
      r.protocol = s.unix_protocol;
      r.flags = s.unix_flags;
      r.type = s.unix_type;
      r.state = s.state;
      r.inode = s.inode;
      r.path = s.path;
      r.fields = 8;
      render::unix_row(t, r, true);
    } else {
      if (!inet_header) {
        render::inet_header(t);
        header(line.str());
        line.clear();
        inet_header = true;
      }
      if (s.proto == model::Proto::sctp) {
        // The model's decoded addresses, as the SCTP rows print them.
        std::vector<formats::SctpAddress> local, remote;
        for (const model::SctpAddress& a : s.sctp_addresses) {
          (a.remote ? remote : local).push_back(formats::SctpAddress{a.v6, a.addr});
        }
        render::SctpLines lines{static_cast<int>(s.state), static_cast<int>(s.rx_queue),
                                static_cast<int>(s.tx_queue), s.local_port, s.remote_port,
                                static_cast<int>(s.uid), s.inode, local, remote};
        if (s.sctp_assoc) {
          render::sctp_assoc_lines(t, lines, "sctp");
        } else {
          render::sctp_endpoint_lines(t, lines, "sctp");
        }
      } else {
        render::inet_row(t, inet_row_of(s), inet_label(s));
      }
    }
    std::string note = it.a != nullptr && it.b != nullptr ? socket_note(it, m_o.safe_strings) : "";
    emit(marker_of(it.change), line.str(), note);
  }
  summary("sockets", counts);
}

void TextDiff::groups(const std::vector<Item<model::Group>>& items) {
  Output line;
  render::SocketText ta{m_o, m_a.resolver, line, nullptr, m_a.clk_tck, {}};
  render::SocketText tb{m_o, m_b.resolver, line, nullptr, m_b.clk_tck, {}};
  Counts counts;
  if (!items.empty()) {
    render::groups_header(tb);
    header(line.str());
  }
  for (const Item<model::Group>& it : items) {
    counts.add(it.change);
    const model::Group& g = it.b != nullptr ? *it.b : *it.a;
    line.clear();
    formats::IgmpRow r;
    r.v6 = g.v6;
    std::memcpy(r.device_buf.data(), g.iface.data(),
                g.iface.size() < 15 ? g.iface.size() : 15);
    r.refcount = g.refcount;
    r.group = g.group;
    render::group_row(it.b != nullptr ? tb : ta, r);
    std::string note;
    if (it.fields & kRefcount) {
      note = fmt::format("refcnt {} -> {}", it.a->refcount, it.b->refcount);
    }
    emit(marker_of(it.change), line.str(), note);
  }
  summary("groups", counts);
}

void TextDiff::routes(const std::vector<Item<model::Route>>& items) {
  bool numeric = m_o.numeric_route_hosts();
  NumericHosts nh = numeric ? NumericHosts::yes : NumericHosts::no;
  RouteNames na(m_a.root.names(), nh), nb(m_b.root.names(), nh);
  RouteLayout layout = route_layout(m_o.extend);
  if (layout == RouteLayout::none) layout = RouteLayout::mss;
  bool v4_header = false, v6_header = false;
  Counts counts;
  for (const Item<model::Route>& it : items) {
    counts.add(it.change);
    const model::Route& r = it.b != nullptr ? *it.b : *it.a;
    RouteNames& names = it.b != nullptr ? nb : na;
    fmt::memory_buffer b;
    if (r.family == model::RouteFamily::inet) {
      if (!v4_header) {
        render_fib_title(b);
        render_fib_header(b, layout);
        header(std::string_view(b.data(), b.size()));
        b.clear();
        v4_header = true;
      }
      formats::Ipv4Route x;
      x.iface = r.iface;
      std::memcpy(&x.destination, r.destination.data(), 4);
      std::memcpy(&x.gateway, r.gateway.data(), 4);
      x.mask = r.mask;
      x.flags = r.flags;
      x.refcnt = r.refcnt;
      x.use = r.use;
      x.metric = r.metric;
      x.mtu = r.mtu;
      x.window = r.window;
      x.irtt = r.irtt;
      render_fib_row(b, x, layout, names);
    } else {
      Ipv6RouteView view = r.cache ? Ipv6RouteView::cache : Ipv6RouteView::fib;
      if (!v6_header) {
        render_ipv6_route_head(b, view);
        header(std::string_view(b.data(), b.size()));
        b.clear();
        v6_header = true;
      }
      formats::Ipv6Route x;
      x.destination = r.destination;
      x.destination_plen = r.prefix_len;
      x.source = r.source;
      x.source_plen = r.source_prefix_len;
      x.next_hop = r.gateway;
      x.metric = r.metric;
      x.refcnt = r.refcnt;
      x.use = r.use;
      x.flags = r.flags;
      x.iface = r.iface;
      render_ipv6_route_row(b, x, view, names);
    }
    std::string note;
    if (it.fields & kFlags) {
      bool v6 = r.family == model::RouteFamily::inet6;
      note = fmt::format("flags {} -> {}",
                         v6 ? ipv6_route_flags(it.a->flags) : fib_flags(it.a->flags),
                         v6 ? ipv6_route_flags(it.b->flags) : fib_flags(it.b->flags));
    }
    if (it.fields & kRouteParams) {
      if (!note.empty()) note += ", ";
      note += fmt::format("mss/window/irtt {}/{}/{} -> {}/{}/{}", it.a->mtu,
                          it.a->window, it.a->irtt, it.b->mtu, it.b->window,
                          it.b->irtt);
    }
    emit(marker_of(it.change), std::string_view(b.data(), b.size()), note);
  }
  summary("routes", counts);
}

void TextDiff::interfaces(const std::vector<Item<model::Interface>>& items) {
  std::optional<double> secs = elapsed(m_a.meta, m_b.meta);
  Output line;
  Counts counts;
  if (!items.empty()) {
    render_iface_short_header(line);
    header(line.str());
  }
  for (const Item<model::Interface>& it : items) {
    counts.add(it.change);
    const model::Interface& i = it.b != nullptr ? *it.b : *it.a;
    IfaceEntry e;
    e.name = shown(i.name, m_o.safe_strings);
    e.has_stats = i.has_counters;
    const model::IfaceCounters& k = i.counters;
    e.stats.rx_packets = k.rx_packets;
    e.stats.rx_errors = k.rx_errors;
    e.stats.rx_dropped = k.rx_dropped;
    e.stats.rx_fifo_errors = k.rx_fifo;
    e.stats.tx_packets = k.tx_packets;
    e.stats.tx_errors = k.tx_errors;
    e.stats.tx_dropped = k.tx_dropped;
    e.stats.tx_fifo_errors = k.tx_fifo;
    IfaceInfo info;
    info.name = e.name;
    info.flags = static_cast<int16_t>(i.flags);
    info.mtu = i.mtu;
    line.clear();
    render_iface_short(line, e, info);
    std::vector<std::string> parts;
    if (it.a != nullptr && it.b != nullptr) {
      const model::Interface& a = *it.a;
      const model::Interface& b = *it.b;
      if (it.fields & kFlags) {
        parts.push_back(fmt::format("flags {} -> {}",
                                    iface_flag_letters(static_cast<int16_t>(a.flags)),
                                    iface_flag_letters(static_cast<int16_t>(b.flags))));
      }
      if (it.fields & kMtu) parts.push_back(fmt::format("mtu {} -> {}", a.mtu, b.mtu));
      if (it.fields & kAddresses) parts.push_back("addresses changed");
      if (it.fields & kHardware) parts.push_back("hardware changed");
      if ((it.fields & kCounters) && a.has_counters && b.has_counters) {
        const model::IfaceCounters& x = a.counters;
        const model::IfaceCounters& y = b.counters;
        struct {
          const char* name;
          uint64_t model::IfaceCounters::*field;
        } const kShown[] = {
            {"rx_packets", &model::IfaceCounters::rx_packets},
            {"rx_bytes", &model::IfaceCounters::rx_bytes},
            {"rx_errors", &model::IfaceCounters::rx_errors},
            {"rx_dropped", &model::IfaceCounters::rx_dropped},
            {"tx_packets", &model::IfaceCounters::tx_packets},
            {"tx_bytes", &model::IfaceCounters::tx_bytes},
            {"tx_errors", &model::IfaceCounters::tx_errors},
            {"tx_dropped", &model::IfaceCounters::tx_dropped},
        };
        for (const auto& f : kShown) {
          if (x.*f.field == y.*f.field) continue;
          int64_t d = delta(x.*f.field, y.*f.field);
          if (secs) {
            parts.push_back(fmt::format("{} {:+} [{:.2f}/s]", f.name, d,
                                        static_cast<double>(d) / *secs));
          } else {
            parts.push_back(fmt::format("{} {:+}", f.name, d));
          }
        }
      }
    }
    std::string note;
    for (const std::string& p : parts) note += (note.empty() ? "" : ", ") + p;
    emit(marker_of(it.change), line.str(), note);
  }
  summary("interfaces", counts);
}

void TextDiff::counters(const std::vector<Item<model::Counter>>& items) {
  std::optional<double> secs = elapsed(m_a.meta, m_b.meta);
  Counts counts;
  for (const Item<model::Counter>& it : items) {
    counts.add(it.change);
    const model::Counter& k = it.b != nullptr ? *it.b : *it.a;
    std::string text = fmt::format("{}: {}", shown(k.section, m_o.safe_strings),
                                   shown(k.name, m_o.safe_strings));
    std::string note;
    if (it.a != nullptr && it.b != nullptr) {
      text += fmt::format(" {} -> {}", it.a->value, it.b->value);
      note = rate_text(delta(it.a->value, it.b->value), secs);
    } else {
      text += fmt::format(" {}", k.value);
    }
    emit(marker_of(it.change), text, note);
  }
  summary("counters", counts);
}

void TextDiff::counters_summary(const std::vector<Item<model::Counter>>& items) {
  Counts c;
  for (const Item<model::Counter>& it : items) c.add(it.change);
  if (c.total() == 0) {
    m_out.write("counters: no differences\n");
    return;
  }
  m_out.print("counters: {} changed, {} added, {} removed (diff -s lists them with rates)\n",
              c.changed, c.added, c.removed);
}

}  // namespace netstat::diff
