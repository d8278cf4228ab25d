// Decoders for the kernel's socket diagnostics (sock_diag netlink,
// SOCK_DIAG_BY_FAMILY dumps): one answer message's payload to the row
// /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6} would carry for
// the same socket, so a listing renders either source with the same code.
// Pure: no I/O; every length is checked (formats/netlink_messages.h).
//
// An inet_diag_msg (linux/inet_diag.h) holds family, state, timer kind,
// retransmits, ports and addresses (network order), timer expiry (ms), the
// two queues, uid and inode; attributes follow. How its fields map to the
// /proc columns (kernel: net/ipv4/tcp_ipv4.c get_tcp4_sock,
// get_openreq4, get_timewait4_sock; net/ipv4/inet_diag.c
// inet_sk_diag_fill, inet_req_diag_fill, inet_twsk_diag_fill;
// net/ipv4/tcp_diag.c, udp_diag.c, raw_diag.c):
//  * addresses, ports, state (TIME_WAIT sockets: their substate, as /proc),
//    uid and inode: the same kernel values. The uid is munged into the
//    opener's user namespace either way.
//  * Recv-Q/Send-Q: TCP idiag_rqueue/idiag_wqueue are /proc's rx/tx queue
//    for every state but LISTEN; for LISTEN the kernel answers the accept
//    backlog and its maximum, where /proc prints the backlog and
//    write_seq - snd_una, which is 0 for a socket that listens (only one
//    that was connected, disconnected with AF_UNSPEC and then listened can
//    differ; --proc reads the file). UDP/raw: sk_rmem/sk_wmem, as /proc.
//  * tm->when: /proc prints the timer's distance in clock ticks
//    (jiffies_delta_to_clock_t), sock_diag in milliseconds
//    (jiffies_delta_to_msecs); both clamp at 0. ms * CLK_TCK / 1000 is the
//    same number whenever HZ is 100, 250 or 1000 (the kernel converts jiffies
//    exactly then); with HZ=300 it can be one tick (10 ms) off.
//  * retrnsmt / timeout (the -o "R/P" numbers): /proc prints
//    icsk_retransmits and icsk_probes_out; idiag_retrans holds one or the
//    other depending on the timer. With timers wanted the dump asks for
//    tcp_info (INET_DIAG_INFO), whose tcpi_retransmits and tcpi_probes are
//    those two fields. TIME_WAIT sockets carry 0/0 in both. A pending
//    connection (SYN_RECV request) has no tcp_info, and sock_diag counts its
//    SYN-ACK retransmits (num_retrans) where /proc counts its timeouts
//    (num_timeout): such a row is inexact and the table is read from /proc.
#pragma once

#include <cstdint>
#include <string_view>

#include "formats/proc_net_inet.h"

namespace netstat::formats {

enum class DiagRowStatus : uint8_t {
  row,        ///< \a row holds what /proc would show
  malformed,  ///< too short, wrong family: the answer cannot be trusted
  inexact,    ///< a field /proc shows cannot be reproduced from this message
};

struct InetDiagDecode {
  InetKind kind = InetKind::tcp;
  InetFamily family = InetFamily::inet;
  /// The -o columns are shown: retransmits and probes must be exact, which
  /// needs the INET_DIAG_INFO attribute (tcp_info) on TCP rows.
  bool timers = false;
  long clk_tck = 100;  ///< the unit /proc prints tm->when in
};

/// Decodes one SOCK_DIAG_BY_FAMILY answer payload (inet_diag_msg and its
/// attributes) into \a row. \a row.line is left alone.
DiagRowStatus decode_inet_diag(std::string_view payload, const InetDiagDecode& how,
                               InetRow& row);

}  // namespace netstat::formats
