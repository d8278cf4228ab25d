// Renders SCTP endpoints and associations as net-tools 2.10's sctp_do_ept
// and sctp_do_assoc print them: one output line per address, the extended
// columns on the last one, hosts numeric with any numeric flag (even -N or
// --numeric-ports), names cut to 63 bytes, ports always numeric, no 23-byte
// truncation.
#include <cstdio>

#include "src/render/socket_text.h"
#include "src/render/text_columns.h"
#include "src/resolve.h"

namespace netstat::render {
namespace {

constexpr size_t kSctpHostMax = 63;  // char local_addr[64]

/// Host text of one decoded address, cut to 63 bytes.
std::string_view sctp_host(SocketText& t, const formats::SctpAddress& a) {
  bool numeric = t.o.numeric != 0;
  std::string_view h;
  if (a.v6) {
    h = t.resolver.host6(a.bytes, numeric);
  } else {
    uint32_t w = static_cast<uint32_t>(a.bytes[0]) |
                 static_cast<uint32_t>(a.bytes[1]) << 8 |
                 static_cast<uint32_t>(a.bytes[2]) << 16 |
                 static_cast<uint32_t>(a.bytes[3]) << 24;
    h = t.resolver.host4(w, numeric);
  }
  return h.size() > kSctpHostMax ? h.substr(0, kSctpHostMax) : h;
}

std::string_view strip_primary(std::string_view token) {
  if (!token.empty() && token[0] == '*') token.remove_prefix(1);
  return token;
}

/// \a tokens decoded into \a out (reused between rows), each with its
/// leading '*' dropped when \a strip.
void decode(const std::vector<std::string_view>& tokens, bool strip,
            std::vector<formats::SctpAddress>& out) {
  out.clear();
  for (std::string_view token : tokens) {
    out.push_back(formats::decode_sctp_address(strip ? strip_primary(token) : token));
  }
}

void prefix(fmt::memory_buffer& b, std::string_view label) {
  cols::left(b, label, 4);
  cols::put(b, "  ");
}

}  // namespace

std::string_view sctp_state_text(int state, char (&buf)[32]) {
  // 2.10 prints SCTP states untranslated.
  if (state >= 0 && state <= 11) return tcp_state_name(static_cast<uint32_t>(state));
  int n = std::snprintf(buf, sizeof buf, "UNKNOWN(%d)", state);
  return std::string_view(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

void sctp_endpoint_lines(SocketText& t, const SctpLines& r, std::string_view label) {
  fmt::memory_buffer& b = t.out.buffer();
  char port_buf[16];
  std::string_view port = t.resolver.service(static_cast<uint16_t>(r.local_port),
                                             ServiceProto::none, true);
  port = std::string_view(port_buf, port.copy(port_buf, sizeof port_buf));
  char state_buf[32];
  std::string_view state = sctp_state_text(r.state, state_buf);
  bool first = true;
  std::string text;
  for (const formats::SctpAddress& addr : r.local) {
    if (first) {
      prefix(b, label);
      cols::put(b, "       ");  // "%6s " of ""
      cols::put(b, "       ");
    } else {
      cols::put(b, '\n');
      cols::put(b, "                    ");
    }
    text.assign(sctp_host(t, addr));
    text.push_back(':');
    text.append(port);
    cols::left(b, t.text(text), 47);
    cols::put(b, ' ');
    cols::left(b, first ? state : std::string_view(), 11);
    first = false;
  }
  finish_row(t, r.uid, r.inode, "");
}

void sctp_assoc_lines(SocketText& t, const SctpLines& r, std::string_view label) {
  fmt::memory_buffer& b = t.out.buffer();
  char lport_buf[16], rport_buf[16];
  std::string_view lport = t.resolver.service(
      static_cast<uint16_t>(r.local_port), ServiceProto::none, true);
  lport = std::string_view(lport_buf, lport.copy(lport_buf, sizeof lport_buf));
  std::string_view rport = t.resolver.service(
      static_cast<uint16_t>(r.remote_port), ServiceProto::none, true);
  rport = std::string_view(rport_buf, rport.copy(rport_buf, sizeof rport_buf));
  char state_buf[32];
  std::string_view state = sctp_state_text(r.state, state_buf);

  size_t nl = r.local.size(), nr = r.remote.size();
  size_t lines = nl > nr ? nl : nr;
  std::string text;
  for (size_t i = 0; i < lines; ++i) {
    bool has_local = i < nl, has_remote = i < nr;
    if (i == 0) {
      prefix(b, label);
      cols::right_int(b, static_cast<unsigned>(r.rx_queue), 6);
      cols::put(b, ' ');
      cols::right_int(b, static_cast<unsigned>(r.tx_queue), 6);
      cols::put(b, ' ');
    } else {
      cols::put(b, '\n');
      cols::put(b, "                    ");
    }
    text.clear();
    if (has_local) {
      text.assign(sctp_host(t, r.local[i]));
      if (i == 0) {
        text.push_back(':');
        text.append(lport);
      }
    }
    cols::left(b, t.text(text), 23);
    cols::put(b, ' ');
    text.clear();
    if (has_remote) {
      text.assign(sctp_host(t, r.remote[i]));
      if (i == 0) {
        text.push_back(':');
        text.append(rport);
      }
    }
    cols::left(b, t.text(text), 23);
    cols::put(b, ' ');
    cols::left(b, i == 0 ? state : std::string_view(), 11);
  }
  finish_row(t, r.uid, r.inode, "");
}

void sctp_endpoint_row(SocketText& t, const formats::SctpEndpointRow& r,
                       std::string_view label) {
  // 2.10 decodes an endpoint's tokens as they are (no '*' there).
  std::vector<formats::SctpAddress> local;
  decode(r.addresses, false, local);
  // No queues, no remote side: state, port, owner and the addresses.
  sctp_endpoint_lines(t, {r.state, 0, 0, r.port, 0, r.uid, r.inode, local, {}}, label);
}

void sctp_assoc_row(SocketText& t, const formats::SctpAssocRow& r,
                    std::string_view label) {
  std::vector<formats::SctpAddress> local, remote;
  decode(r.local_addresses, true, local);
  decode(r.remote_addresses, true, remote);
  sctp_assoc_lines(t, {r.state, r.rx_queue, r.tx_queue, r.local_port, r.remote_port,
                       r.uid, r.inode, local, remote},
                   label);
}

}  // namespace netstat::render
