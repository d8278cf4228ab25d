#include "formats/sock_diag.h"

#include <linux/inet_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "formats/netlink_messages.h"

namespace netstat::formats {
namespace {

constexpr uint32_t kTimeWaitTimer = 3;
// The /proc row's sscanf conversions when every column is there
// (sl through inode).
constexpr uint8_t kFullRowFields = 14;

uint16_t port(uint16_t be) {
  return static_cast<uint16_t>((be & 0xFF) << 8 | (be >> 8));
}

}  // namespace

DiagRowStatus decode_inet_diag(std::string_view payload, const InetDiagDecode& how,
                               InetRow& row) {
  inet_diag_msg m;
  if (!read_fixed(payload, m)) return DiagRowStatus::malformed;
  const bool v6 = how.family == InetFamily::inet6;
  if (m.idiag_family != (v6 ? AF_INET6 : AF_INET)) return DiagRowStatus::malformed;

  row.family = how.family;
  row.local.fill(0);
  row.remote.fill(0);
  const size_t n = v6 ? 16 : 4;
  std::memcpy(row.local.data(), m.id.idiag_src, n);
  std::memcpy(row.remote.data(), m.id.idiag_dst, n);
  row.local_port = port(m.id.idiag_sport);
  row.remote_port = port(m.id.idiag_dport);
  row.state = m.idiag_state;
  row.rx_queue = m.idiag_rqueue;
  row.uid = static_cast<int32_t>(m.idiag_uid);
  row.inode = m.idiag_inode;
  row.fields = kFullRowFields;
  row.timer_active = 0;
  row.timer_when = 0;
  row.retransmits = 0;
  row.timeout = 0;

  if (how.kind != InetKind::tcp) {
    // udp4_format_sock / raw_sock_seq_show: wmem, rmem, no timers.
    row.tx_queue = m.idiag_wqueue;
    return DiagRowStatus::row;
  }
  constexpr uint8_t kListen = 10;
  row.tx_queue = m.idiag_state == kListen ? 0 : m.idiag_wqueue;
  row.timer_active = m.idiag_timer;
  row.timer_when = static_cast<uint64_t>(m.idiag_expires) *
                   static_cast<uint64_t>(how.clk_tck > 0 ? how.clk_tck : 100) / 1000;
  if (!how.timers) return DiagRowStatus::row;

  // tcp_info starts with state, ca_state, retransmits, probes (u8 each).
  bool have_info = false;
  uint8_t info[4] = {};
  bool well_formed = for_each_netlink_attribute(
      payload, sizeof m, [&](uint16_t type, std::string_view v) {
        if (type == INET_DIAG_INFO && v.size() >= sizeof info) {
          std::memcpy(info, v.data(), sizeof info);
          have_info = true;
        }
      });
  if (!well_formed) return DiagRowStatus::malformed;
  if (have_info) {
    row.retransmits = info[2];
    row.timeout = info[3];
    return DiagRowStatus::row;
  }
  if (m.idiag_timer == kTimeWaitTimer) return DiagRowStatus::row;  // 0/0 as /proc
  return DiagRowStatus::inexact;
}

}  // namespace netstat::formats
