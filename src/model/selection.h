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

struct SocketSelection {
  bool tcp = false, udp = false, udplite = false, raw = false, sctp = false,
       unix_domain = false, groups = false;
  bool inet = true, inet6 = true;  ///< which files of the inet protocols
  Listening listen = Listening::connected;
  bool owners = false;  ///< -p
  /// Name a selected table whose file is absent (protocols named on the
  /// command line, or -v), as 2.10's "no support for" message does; other
  /// read failures (permission, I/O) are always named.
  bool report_absent = false;

  static SocketSelection from_options(const Options& o);
  /// True when no socket section at all is selected (e.g. plain -g).
  bool no_sockets() const {
    return !(tcp || udp || udplite || raw || sctp || unix_domain);
  }
  bool shows(const Socket& s) const {
    return listen == Listening::all ||
           (listen == Listening::listening) == s.listening;
  }
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
