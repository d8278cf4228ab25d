// Renders the legacy socket tables net-tools 2.10 still prints (IPX, AX.25,
// NET/ROM, X.25, ROSE) with its titles, headers and row formats. 2.10's
// parsers for these overrun buffers on real kernel lines; the rows here are
// what it prints for well-formed lines (see docs/compat.md).
#include <array>

#include "replay/read_plan.h"
#include "src/i18n.h"
#include "src/render/socket_text.h"
#include "src/render/text_columns.h"
#include "src/resolve.h"

namespace netstat::render {
namespace {

// 2.10's state tables; AX.25, NET/ROM and ROSE print them through gettext,
// X.25 untranslated.
constexpr std::array<const char*, 5> kAx25States = {
    "LISTENING", "SABM SENT", "DISC SENT", "ESTABLISHED", "RECOVERY"};
constexpr std::array<const char*, 4> kNetromStates = {
    "LISTENING", "CONN SENT", "DISC SENT", "ESTABLISHED"};
// ROSE's own table: state 1 is "CONN SENT" (2.10's rose_state), not AX.25's
// "SABM SENT"; state 4 reads past 2.10's table, shown as AX.25's RECOVERY.
constexpr std::array<const char*, 5> kRoseStates = {
    "LISTENING", "CONN SENT", "DISC SENT", "ESTABLISHED", "RECOVERY"};

template <size_t N>
const char* state_name(const std::array<const char*, N>& table, int state) {
  if (state < 0 || static_cast<size_t>(state) >= N) return "UNKNOWN";
  return table[static_cast<size_t>(state)];
}

template <size_t N>
std::string_view state_text(const std::array<const char*, N>& table,
                            int state) {
  return i18n::trv(state_name(table, state));
}

void hex(fmt::memory_buffer& b, unsigned v, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = digits - 1; i >= 0; --i) {
    b.push_back(kHex[(v >> (4 * i)) & 0xf]);
  }
}

std::string ipx_text(const formats::IpxAddress& a) {
  if (!a.connected) return "-";
  fmt::memory_buffer b;
  hex(b, a.network, 8);
  b.push_back(':');
  bool node = false;
  for (uint8_t x : a.node) node = node || x != 0;
  if (node) {
    for (uint8_t x : a.node) hex(b, x, 2);
    b.push_back(':');
  }
  // 2.10 prints the port byte-swapped.
  hex(b, static_cast<unsigned>((a.port >> 8) | ((a.port & 0xff) << 8)), 4);
  return fmt::to_string(b);
}

void vr_vs(fmt::memory_buffer& b, int vr, int vs, const char* f) {
  fmt::format_to(std::back_inserter(b), fmt::runtime(f), vr, vs);
}

}  // namespace

void ipx_section(SocketText& t, const std::vector<formats::IpxRow>& rows) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active IPX sockets\nProto Recv-Q Send-Q Local Address              "
                         "Foreign Address            State"));
  if (t.o.extend > 0) cols::put(b, i18n::trv(" User"));
  cols::put(b, '\n');
  for (const formats::IpxRow& r : rows) {
    cols::put(b, "IPX   ");
    cols::right_int(b, static_cast<long>(r.tx_queue), 6);
    cols::put(b, ' ');
    cols::right_int(b, static_cast<long>(r.rx_queue), 6);
    cols::put(b, ' ');
    cols::left(b, ipx_text(r.local), 26);
    cols::put(b, ' ');
    cols::left(b, ipx_text(r.remote), 26);
    cols::put(b, ' ');
    cols::left(b,
               r.state == 1   ? i18n::trv("ESTAB")
               : r.state == 7 ? std::string_view()
                              : i18n::trv("UNK."),
               5);
    if (t.o.extend > 0) {
      cols::put(b, ' ');
      cols::left(b, t.text(t.resolver.user(r.uid, t.o.numeric_users())), 10);
    }
    cols::put(b, '\n');
    t.out.after_write();
  }
}

// The common tail of AX.25, NET/ROM and X.25 rows: "%-11s  Vr/Vs  %-6d  %-6d\n".
void state_and_queues(fmt::memory_buffer& b, std::string_view state, int vr,
                      int vs, const char* vr_vs_format, int send_q,
                      int recv_q) {
  cols::left(b, state, 11);
  cols::put(b, "  ");
  vr_vs(b, vr, vs, vr_vs_format);
  cols::put(b, "  ");
  cols::left_int(b, send_q, 6);
  cols::put(b, "  ");
  cols::left_int(b, recv_q, 6);
  cols::put(b, '\n');
}

void ax25_section(SocketText& t, const std::vector<formats::Ax25Row>& rows) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active AX.25 sockets\n"));
  cols::put(b, i18n::trv("Dest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n"));
  for (const formats::Ax25Row& r : rows) {
    if (r.bad) {
      i18n::printf_to(b, "problem reading data from %s\n",
                      read_plan::path(read_plan::NetFile::ax25).data());
      continue;
    }
    cols::left(b, t.text(r.dest), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.source), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.device), 6);
    cols::put(b, "  ");
    state_and_queues(b, state_text(kAx25States, r.state), r.vr, r.vs,
                     "{:03}/{:03}", r.send_q, r.recv_q);
    t.out.after_write();
  }
}

void netrom_section(SocketText& t, const std::vector<formats::NetromRow>& rows) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active NET/ROM sockets\n"));
  cols::put(b, i18n::trv("User       Dest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n"));
  for (const formats::NetromRow& r : rows) {
    if (r.bad) {
      i18n::printf_to(b, "Problem reading data from %s\n",
                      read_plan::path(read_plan::NetFile::nr).data());
      continue;
    }
    cols::left(b, t.text(r.user), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.dest), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.source), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.device), 6);
    cols::put(b, "  ");
    state_and_queues(b, state_text(kNetromStates, r.state), r.vr, r.vs,
                     "{:03}/{:03}", r.send_q, r.recv_q);
    t.out.after_write();
  }
}

void x25_section(SocketText& t, const std::vector<formats::X25Row>& rows) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active X.25 sockets\n"));
  cols::put(b, i18n::trv("Dest         Source          Device  LCI  State        Vr/Vs  Send-Q  Recv-Q\n"));
  for (const formats::X25Row& r : rows) {
    if (r.lci == 0 && t.o.all == 0) continue;
    cols::left(b, t.text(r.dest), 15);
    cols::put(b, ' ');
    cols::left(b, t.text(r.source), 15);
    cols::put(b, ' ');
    cols::left(b, t.text(r.device), 7);
    cols::put(b, ' ');
    cols::left_int(b, r.lci, 3);
    cols::put(b, "  ");
    state_and_queues(b, state_name(kAx25States, r.state), r.vr, r.vs,
                     "{:02}/{:02}", r.send_q, r.recv_q);
    t.out.after_write();
  }
}

void rose_section(SocketText& t, const std::vector<formats::RoseRow>& rows) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active ROSE sockets\n"));
  cols::put(b, i18n::trv("dest_addr   dest_call  src_addr    src_call  dev   lci neigh   state\n"));
  for (const formats::RoseRow& r : rows) {
    if (r.bad) {
      i18n::printf_to(b, "Problem reading data from %s\n",
                      read_plan::path(read_plan::NetFile::rose).data());
      continue;
    }
    cols::left(b, t.text(r.dest_addr), 10);
    cols::put(b, "  ");
    cols::left(b, t.text(r.dest_call), 9);
    cols::put(b, "  ");
    cols::left(b, t.text(r.src_addr), 10);
    cols::put(b, "  ");
    cols::left(b, t.text(r.src_call), 9);
    cols::put(b, ' ');
    cols::left(b, t.text(r.device), 5);
    cols::put(b, ' ');
    cols::right_int(b, r.lci, 3);
    cols::put(b, ' ');
    cols::right_int(b, r.neigh, 5);
    cols::put(b, "   ");
    cols::put(b, state_text(kRoseStates, r.state));
    cols::put(b, '\n');
    t.out.after_write();
  }
}

}  // namespace netstat::render
