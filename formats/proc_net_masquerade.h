// /proc/net/ip_masquerade (Linux 2.0-2.2 masquerading table), as net-tools
// 2.10's ip_masq_info reads it. Gone since Linux 2.4; kept for old bundles.
//
// Kernel format (net/ipv4/ip_masq.c, ip_msqhst_procinfo):
//   Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires (free=...)
//   TCP 0A010203:0401 0A090909:0017 F3C1 00001234      0      0  123456
// Addresses are in host order (%08lX of ntohl). Older kernels have no PDelta.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

struct MasqEntry {
  std::string proto;  ///< lower-case label: ip, tcp, udp, icmp, gre, esp
  uint32_t source = 0;  ///< host byte order (0x0A010203 is 10.1.2.3)
  uint16_t source_port = 0;
  uint32_t destination = 0;
  uint16_t destination_port = 0;
  uint16_t masq_port = 0;
  uint64_t initseq = 0;
  int16_t delta = 0;
  int16_t pdelta = 0;  ///< only meaningful when the table has_pdelta
  uint64_t expires = 0;  ///< hundredths of a second
  bool operator==(const MasqEntry&) const = default;
};

struct MasqTable {
  enum class Status : uint8_t {
    ok,
    no_header,     ///< empty file: "masq_info: Internal Error `fgets() failed'."
    format_error,  ///< a line with the wrong field count or trailing data
    unknown_type,  ///< a protocol other than IP TCP UDP ICMP GRE ESP
  };
  Status status = Status::ok;
  bool has_pdelta = false;  ///< header mentions PDelta: 10 fields per row
  size_t bad_line = 0;      ///< 1-based line of a format_error/unknown_type
  std::vector<MasqEntry> entries;  ///< file order; blank lines are skipped
};

/// Parses the whole file; on an error the entries read so far are kept but
/// 2.10 prints none of them.
MasqTable parse_proc_net_masquerade(std::string_view text);

}  // namespace netstat::formats
