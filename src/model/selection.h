// Which rows a mode shows, derived from the 2.10 command line exactly as the
// text modes select them (reference §3.1, §1.3): socket sections by the
// explicit protocol flags, files by -4/-6, rows by -a/-l; statistics
// sections by -t/-u/-w/-S and -6; route families by the AF list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/model/snapshot.h"
#include "src/options.h"

namespace netstat::model {

enum class Listening : uint8_t { connected, listening, all };

/// The socket sections, files and rows a command line selects: the one
/// home of 2.10's selection rules for the text listing, --json and diff.
struct SocketSelection {
  bool tcp = false, udp = false, udplite = false, raw = false, sctp = false,
       unix_domain = false, groups = false;
  /// The legacy families (text only: --json and diff count their rows).
  bool ipx = false, ax25 = false, x25 = false, netrom = false, rose = false;
  /// --bluetooth/-l2cap/-rfcomm named: 2.10 says it was built without it.
  bool bluetooth = false;
  bool inet = true, inet6 = true;  ///< which files of the inet protocols
  Listening listen = Listening::connected;
  bool owners = false;  ///< -p
  /// 2.10's flag_arg: some protocol or family named on the command line
  /// (then only those sections are listed).
  bool explicit_protocols = false;
  /// Protocols turned on by -4/-6/-A inet (2.10's flag_noprot): a missing
  /// file of theirs is not news.
  bool implicit_protocols = false;
  bool verbose = false;  ///< -v
  /// Name a selected table whose file is absent (protocols named on the
  /// command line, or -v), as 2.10's "no support for" message does; other
  /// read failures (permission, I/O) are always named.
  bool report_absent = false;

  static SocketSelection from_options(const Options& o);
  /// True when no socket section at all is selected (e.g. plain -g).
  bool no_sockets() const {
    return !(tcp || udp || udplite || raw || sctp || unix_domain);
  }
  /// Whether the Internet title is printed (any inet protocol selected).
  bool any_inet() const { return tcp || sctp || udp || udplite || raw; }
  /// Whether a socket that is (or is not) listening is shown (-a, -l).
  bool shows_listening(bool listening) const {
    return listen == Listening::all || (listen == Listening::listening) == listening;
  }
  bool shows(const Socket& s) const { return shows_listening(s.listening); }
  /// The text listing's INFO_GUTS rule for an inet or UNIX table's first
  /// file that is absent: whether 2.10 prints "no support for", and the
  /// pass status (1 stops the listing).
  bool notes_absent_table() const {
    return !implicit_protocols && (explicit_protocols || verbose);
  }
  int absent_table_status() const { return !implicit_protocols && explicit_protocols ? 1 : 0; }
  /// The same for a legacy family's file (2.10 ignores -4/-6 there).
  bool notes_absent_legacy() const { return explicit_protocols || verbose; }
  int absent_legacy_status() const { return explicit_protocols ? 1 : 0; }
};

/// -s: IPv6 statistics (snmp6 + Tcp of snmp) or IPv4; which known sections.
struct StatsSelection {
  bool v6 = false;
  bool tcp = true, udp = true, raw = true, sctp = true;
  /// Empty when fine; otherwise 2.10's "No statistics support..." AF list.
  std::string unsupported_af;
  static StatsSelection from_options(const Options& o);
  /// Whether a section with this title is shown (unknown ones always are).
  bool shows_section(std::string_view title) const;
};

/// -r: the families of the AF list, in order ("inet", "inet6"); others are
/// reported in \a unsupported.
struct RouteSelection {
  std::vector<RouteFamily> families;
  std::vector<std::string> unsupported;
  bool fib = true, cache = false;
  static RouteSelection from_options(const Options& o);
};

}  // namespace netstat::model
