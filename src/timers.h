// The -o "Timer" column text of net-tools 2.10 (tcp_do_one / udp_do_one /
// raw_do_one): "off (0.00/R/T)", "on (S/R/T)", "keepalive (...)", ... for
// TCP and "on1"/"on2" for UDP, UDP-Lite and RAW, cut to 63 bytes like 2.10's
// 64-byte buffer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace netstat {

/// Capacity a timer text needs (63 bytes + NUL).
inline constexpr size_t kTimerBuf = 64;

/// TCP timer text: S = \a when / \a clk_tck, printed "%2.2f".
size_t format_tcp_timer(char (&buf)[kTimerBuf], uint32_t timer_active,
                        uint64_t when, uint64_t retransmits, int32_t timeout,
                        long clk_tck);

/// UDP/UDP-Lite/RAW timer text: S = \a when / 100 (2.10's fixed divisor).
/// Callers pass retransmits = 0 for UDP and UDP-Lite, as 2.10 shows.
size_t format_dgram_timer(char (&buf)[kTimerBuf], uint32_t timer_active,
                          uint64_t when, uint64_t retransmits, int32_t timeout);

}  // namespace netstat
