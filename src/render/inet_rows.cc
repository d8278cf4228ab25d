// Renders Internet socket rows exactly as net-tools 2.10's tcp_do_one,
// udp_do_one and raw_do_one print them: "%-4s  %6ld %6ld %-23s %-23s %-11s"
// (UDP: "%-5s "), addresses built by addr_do_one with the 22/18 truncation
// unless -W, then finish_this_one's -e/-p/-o columns. Padding counts bytes.
#include <array>

#include "src/i18n.h"
#include "src/programs.h"
#include "src/render/socket_text.h"
#include "src/render/text_columns.h"
#include "src/resolve.h"
#include "src/safe_text.h"
#include "src/timers.h"

namespace netstat::render {
namespace {

constexpr std::array<const char*, 16> kTcpStates = {
    "",          "ESTABLISHED", "SYN_SENT", "SYN_RECV",  "FIN_WAIT1",
    "FIN_WAIT2", "TIME_WAIT",   "CLOSE",    "CLOSE_WAIT", "LAST_ACK",
    "LISTEN",    "CLOSING",
    // 2.10 reads past its table here and finds the NET/ROM state names.
    "LISTENING", "CONN SENT", "DISC SENT", "ESTABLISHED"};

uint32_t v4_word(const std::array<uint8_t, 16>& a) {
  return static_cast<uint32_t>(a[0]) | static_cast<uint32_t>(a[1]) << 8 |
         static_cast<uint32_t>(a[2]) << 16 | static_cast<uint32_t>(a[3]) << 24;
}

bool all_zero(const std::array<uint8_t, 16>& a, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != 0) return false;
  }
  return true;
}

ServiceProto service_proto(formats::InetKind k) {
  switch (k) {
    case formats::InetKind::tcp: return ServiceProto::tcp;
    case formats::InetKind::udp: return ServiceProto::udp;
    case formats::InetKind::raw: return ServiceProto::raw;
  }
  return ServiceProto::none;
}

}  // namespace

std::string_view SocketText::text(std::string_view s) {
  return safe_view(s, o.safe_strings, scratch);
}

std::string_view label_text(InetLabel l) {
  switch (l) {
    case InetLabel::tcp: return "tcp";
    case InetLabel::tcp6: return "tcp6";
    case InetLabel::udp: return "udp";
    case InetLabel::udp6: return "udp6";
    case InetLabel::udpl: return "udpl";
    case InetLabel::udpl6: return "udpl6";
    case InetLabel::raw: return "raw";
    case InetLabel::raw6: return "raw6";
  }
  return "";
}

formats::InetKind label_kind(InetLabel l) {
  switch (l) {
    case InetLabel::tcp:
    case InetLabel::tcp6: return formats::InetKind::tcp;
    case InetLabel::raw:
    case InetLabel::raw6: return formats::InetKind::raw;
    default: return formats::InetKind::udp;
  }
}

std::string_view listing_scope(const Options& o) {
  if (o.all) return i18n::trv("(servers and established)");
  if (o.listening) return i18n::trv("(only servers)");
  return i18n::trv("(w/o servers)");
}

const char* tcp_state_name(uint32_t state) {
  return state < kTcpStates.size() ? kTcpStates[state] : "UNKNOWN";
}

std::string_view tcp_state_text(uint32_t state) {
  // State 0 has the empty name: 2.10's _("") prints the catalog's header
  // there (docs/compat.md); we print it empty, as under C.
  return i18n::trv(tcp_state_name(state));
}

void inet_header(SocketText& t) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active Internet connections "));
  cols::put(b, listing_scope(t.o));
  cols::put(b, i18n::trv("\nProto Recv-Q Send-Q Local Address           Foreign Address         State      "));
  if (t.o.extend > 0) cols::put(b, i18n::trv(" User       Inode     "));
  if (t.o.programs > 0) cols::put(b, " PID/Program name    ");
  if (t.o.timers > 0) cols::put(b, i18n::trv(" Timer"));
  cols::put(b, '\n');
  t.out.after_write();
}

bool inet_row_shown(const model::SocketSelection& sel, const formats::InetRow& row,
                    formats::InetKind kind) {
  if (sel.listen == model::Listening::all) return true;
  bool listening;
  if (kind == formats::InetKind::tcp) {
    listening = row.remote_port == 0;
  } else {
    listening = all_zero(row.remote,
                         row.family == formats::InetFamily::inet6 ? 16 : 4);
  }
  return sel.shows_listening(listening);
}

size_t address_port_text(std::string_view host, std::string_view port,
                         bool wide, char* buf) {
  constexpr size_t kShort = 22;
  constexpr size_t kMax = 127;  // snprintf into 128 bytes
  size_t n = 0;
  auto put = [&](std::string_view s, size_t limit) {
    for (size_t i = 0; i < s.size() && i < limit && n < kMax; ++i) buf[n++] = s[i];
  };
  if (wide || host.size() + port.size() <= kShort) {
    put(host, host.size());
    put(":", 1);
    put(port, port.size());
  } else {
    size_t p = port.size() < kShort - 4 ? port.size() : kShort - 4;
    put(host, kShort - p);
    put(":", 1);
    put(port, p);
  }
  return n;
}

void finish_row(SocketText& t, int32_t uid, uint64_t inode,
                std::string_view timer) {
  fmt::memory_buffer& b = t.out.buffer();
  if (t.o.extend > 0) {
    cols::put(b, ' ');
    cols::left(b, t.text(t.resolver.user(uid, t.o.numeric_users())), 10);
    cols::put(b, ' ');
    cols::left_int(b, inode, 10);
  }
  if (t.programs != nullptr) {
    cols::put(b, ' ');
    cols::left(b, t.text(t.programs->get(inode)), 20);
  }
  if (t.o.timers > 0) {
    cols::put(b, ' ');
    cols::put(b, timer);
  }
  cols::put(b, '\n');
  t.out.after_write();
}

void inet_row(SocketText& t, const formats::InetRow& r, InetLabel label) {
  formats::InetKind kind = label_kind(label);
  ServiceProto sp = service_proto(kind);
  bool wide = t.o.wide > 0;
  bool num_host = t.o.numeric_hosts();
  bool num_port = t.o.numeric_ports();
  bool v6 = r.family == formats::InetFamily::inet6;

  char local[128], remote[128];
  size_t local_len, remote_len;
  {
    std::string_view h = v6 ? t.resolver.host6(r.local, num_host)
                            : t.resolver.host4(v4_word(r.local), num_host);
    std::string_view p = t.resolver.service(
        static_cast<uint16_t>(r.local_port), sp, num_port);
    local_len = address_port_text(h, p, wide, local);
  }
  {
    std::string_view h = v6 ? t.resolver.host6(r.remote, num_host)
                            : t.resolver.host4(v4_word(r.remote), num_host);
    std::string_view p = t.resolver.service(
        static_cast<uint16_t>(r.remote_port), sp, num_port);
    remote_len = address_port_text(h, p, wide, remote);
  }

  fmt::memory_buffer& b = t.out.buffer();
  std::string_view lt = label_text(label);
  if (kind == formats::InetKind::udp) {
    cols::left(b, lt, 5);
    cols::put(b, ' ');
  } else {
    cols::left(b, lt, 4);
    cols::put(b, "  ");
  }
  cols::right_int(b, static_cast<long>(r.rx_queue), 6);
  cols::put(b, ' ');
  cols::right_int(b, static_cast<long>(r.tx_queue), 6);
  cols::put(b, ' ');
  cols::left(b, t.text(std::string_view(local, local_len)), 23);
  cols::put(b, ' ');
  cols::left(b, t.text(std::string_view(remote, remote_len)), 23);
  cols::put(b, ' ');
  switch (kind) {
    case formats::InetKind::tcp:
      cols::left(b, tcp_state_text(r.state), 11);
      break;
    case formats::InetKind::udp:
      cols::left(b, r.state == 1   ? i18n::trv("ESTABLISHED")
                    : r.state == 7 ? std::string_view()
                                   : i18n::trv("UNKNOWN"),
                 11);
      break;
    case formats::InetKind::raw:
      cols::left_int(b, static_cast<int>(r.state), 11);
      break;
  }

  char timer[kTimerBuf];
  size_t timer_len = 0;
  if (t.o.timers > 0) {
    if (kind == formats::InetKind::tcp) {
      timer_len = format_tcp_timer(timer, r.timer_active, r.timer_when,
                                   r.retransmits, r.timeout,
                                   t.clk_tck > 0 ? t.clk_tck : 100);
    } else {
      timer_len = format_dgram_timer(
          timer, r.timer_active, r.timer_when,
          kind == formats::InetKind::raw ? r.retransmits : 0, r.timeout);
    }
  }
  finish_row(t, r.uid, r.inode, std::string_view(timer, timer_len));
}

}  // namespace netstat::render
