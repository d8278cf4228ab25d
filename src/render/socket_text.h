// Text renderers for the socket listing (net-tools 2.10 byte for byte): the
// Internet title and rows (tcp/udp/udplite/raw), SCTP endpoints and
// associations, multicast groups, UNIX sockets and the legacy families.
// They take parsed rows (formats/) and write to an Output; the sockets mode
// (src/modes/sockets.cc) decides which files and sections to show.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/proc_net_igmp.h"
#include "formats/proc_net_inet.h"
#include "formats/proc_net_legacy.h"
#include "formats/proc_net_sctp.h"
#include "formats/proc_net_unix.h"
#include "src/model/selection.h"
#include "src/options.h"
#include "src/output.h"

namespace netstat {

class ProgramCache;
class Resolver;

namespace render {

/// What every socket renderer needs.
struct SocketText {
  const Options& o;
  Resolver& resolver;
  Output& out;
  const ProgramCache* programs = nullptr;  ///< set with -p
  long clk_tck = 100;
  std::string scratch;  ///< --safe-strings escaping buffer

  /// \a s as it should be printed (escaped with --safe-strings).
  std::string_view text(std::string_view s);
};

/// The fixed label of each Internet socket file.
enum class InetLabel : uint8_t { tcp, tcp6, udp, udp6, udpl, udpl6, raw, raw6 };

std::string_view label_text(InetLabel l);
formats::InetKind label_kind(InetLabel l);

/// "(servers and established)" / "(only servers)" / "(w/o servers)".
std::string_view listing_scope(const Options& o);

// --- Internet (tcp, udp, udplite, raw): inet_rows.cc ---

/// Title and column header of the Internet section.
void inet_header(SocketText& t);
/// Whether -a/-l (\a sel's listen) let \a row through (TCP: remote port;
/// others: remote address).
bool inet_row_shown(const model::SocketSelection& sel, const formats::InetRow& row,
                     formats::InetKind kind);
/// One row, optional columns and newline.
void inet_row(SocketText& t, const formats::InetRow& row, InetLabel label);
/// 2.10's State name of a TCP state number (12-15 as observed, UNKNOWN
/// above), untranslated (2.10's SCTP rows print it so).
const char* tcp_state_name(uint32_t state);
/// The same through gettext, as 2.10's TCP rows print it.
std::string_view tcp_state_text(uint32_t state);
/// "H:P" as 2.10's addr_do_one builds it (22/18 cut unless \a wide); writes
/// to \a buf (>= 128 bytes) and returns the length.
size_t address_port_text(std::string_view host, std::string_view port,
                         bool wide, char* buf);
/// The -e/-p/-o columns and the newline (2.10's finish_this_one).
void finish_row(SocketText& t, int32_t uid, uint64_t inode,
                std::string_view timer);

// --- SCTP: sctp_rows.cc ---

/// An SCTP endpoint or association with its addresses decoded (what
/// formats::decode_sctp_address makes of each token): the rows below decode
/// /proc/net/sctp's tokens into it, diff fills it from model::Socket.
struct SctpLines {
  int state = 0;
  int rx_queue = 0, tx_queue = 0;  ///< associations only
  int local_port = 0, remote_port = 0;
  int uid = 0;
  uint64_t inode = 0;
  std::span<const formats::SctpAddress> local, remote;
};
void sctp_endpoint_lines(SocketText& t, const SctpLines& s, std::string_view label);
void sctp_assoc_lines(SocketText& t, const SctpLines& s, std::string_view label);

/// The same from the parser's rows (tokens as read; an association's
/// leading '*', the primary address mark, is dropped).
void sctp_endpoint_row(SocketText& t, const formats::SctpEndpointRow& row,
                       std::string_view label);
void sctp_assoc_row(SocketText& t, const formats::SctpAssocRow& row,
                    std::string_view label);
std::string_view sctp_state_text(int state, char (&buf)[32]);

// --- Multicast groups: groups.cc ---

void groups_header(SocketText& t);
void group_row(SocketText& t, const formats::IgmpRow& row);

// --- UNIX: unix_rows.cc ---

void unix_header(SocketText& t);
bool unix_row_shown(const model::SocketSelection& sel, const formats::UnixRow& row);
void unix_row(SocketText& t, const formats::UnixRow& row, bool has_inode);

// --- Legacy families: legacy_sockets.cc ---

void ipx_section(SocketText& t, const std::vector<formats::IpxRow>& rows);
void ax25_section(SocketText& t, const std::vector<formats::Ax25Row>& rows);
void netrom_section(SocketText& t, const std::vector<formats::NetromRow>& rows);
void x25_section(SocketText& t, const std::vector<formats::X25Row>& rows);
void rose_section(SocketText& t, const std::vector<formats::RoseRow>& rows);

}  // namespace render
}  // namespace netstat
