// Parsers for /proc/net/sctp/eps and /proc/net/sctp/assocs (kernel:
// net/sctp/proc.c sctp_eps_seq_show, sctp_assocs_seq_show):
//
//   ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS
//   ffff88017e0c0000 ffff880122d94000 2   10  29   11111   0   39473 127.0.0.1 10.1.2.3
//
//   ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS ...
//   ffff... ffff... 2   1   4  0    1        0        0     0 39480 11111 22222 127.0.0.1 <-> *127.0.0.2 \t ...
//
// Tokenized the way net-tools 2.10's sctp_do_ept/sctp_do_assoc strtok them:
// fields split on blanks, the local address list runs to the next tab
// (eps) or to "<->" (assocs), the remote list from there to the next tab.
// Line 0 is skipped. Note that 2.10 shows SST (the socket state) as the
// association's state, not ST.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/fgets_lines.h"

namespace netstat::formats {

struct SctpEndpointRow {
  uint32_t line = 0;
  int state = 0;        ///< SST (atoi)
  int port = 0;         ///< LPORT (atoi)
  int uid = 0;          ///< UID (atoi)
  uint64_t inode = 0;   ///< INODE (strtoul base 0)
  std::vector<std::string_view> addresses;  ///< LADDRS tokens, raw
};

struct SctpAssocRow {
  uint32_t line = 0;
  int state = 0;  ///< SST
  int tx_queue = 0;
  int rx_queue = 0;
  int uid = 0;
  uint64_t inode = 0;
  int local_port = 0;
  int remote_port = 0;
  std::vector<std::string_view> local_addresses;   ///< raw tokens ("*" kept)
  std::vector<std::string_view> remote_addresses;
};

enum class SctpIssueKind : uint8_t {
  bogus_eps,    ///< "warning, got bogus sctp eps line."
  bogus_assoc,  ///< "warning, got bogus sctp assoc line."
};

struct SctpIssue {
  uint32_t line = 0;
  SctpIssueKind kind = SctpIssueKind::bogus_eps;
};

struct SctpEndpointTable {
  std::vector<SctpEndpointRow> rows;
  std::vector<SctpIssue> issues;
};
struct SctpAssocTable {
  std::vector<SctpAssocRow> rows;
  std::vector<SctpIssue> issues;
};

/// One data piece of eps / assocs; false when mandatory fields are missing.
bool parse_sctp_endpoint_line(std::string_view line, SctpEndpointRow& row);
bool parse_sctp_assoc_line(std::string_view line, SctpAssocRow& row);

SctpEndpointTable parse_proc_net_sctp_eps(std::string_view text);
SctpAssocTable parse_proc_net_sctp_assocs(std::string_view text);

/// An address token decoded as 2.10 does: text with ':' is the kernel's full
/// IPv6 form ("%04X:%04X:..." groups; missing groups read as 0), anything
/// else goes through inet_addr() (malformed text = 255.255.255.255).
struct SctpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  ///< network order; IPv4 in bytes[0..4)
};
SctpAddress decode_sctp_address(std::string_view token);

}  // namespace netstat::formats
