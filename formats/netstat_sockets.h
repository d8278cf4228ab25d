// Socket rows from net-tools `netstat` output saved as text, as a sosreport
// keeps it for the host (sos_commands/networking/netstat_-W_-neopa) and for
// every named network namespace (ip_netns_exec_NAME_netstat_-W_-neopa).
// Pure parser: each row's printed cells, and where the text is numeric
// (-n) and extended (-e), the values the /proc/net file behind it held, so
// that replay can rebuild the file (replay/sos_netns.h). The owners parser
// (netstat_owners.h) reads its PID/Program cells through this one.
//
//   Proto Recv-Q Send-Q Local Address  Foreign Address  State  User  Inode  PID/Program name  Timer
//   tcp        0      0 127.0.0.1:8080 0.0.0.0:*        LISTEN 0     49095  13835/python3     off (0.00/0/0)
//   udp        0      0 0.0.0.0:5353   0.0.0.0:*               0     49098  13835/python3     off (0.00/0/0)
//   raw6       0      0 :::58          :::*             7      0     31000  900/NetworkManager off (0.00/0/0)
//   Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path
//   unix  2      [ ACC ]     STREAM     LISTENING     49099    13835/python3        @zoo
//
// Columns are found by shape (blank State cells, -W addresses wider than
// their column); the PID/Program cell is 2.10's "%-20s" (it cuts "PID/name"
// to 19 bytes, which may hold blanks), the unix path one blank-free token.
// A unix row whose path /proc/net/unix could not give back as it is (a NUL
// or white space such as \v in it, more than sun_path's 108 bytes: a
// damaged text) is unreadable.
// What goes back exactly: addresses, ports, queues, state, uid, inode,
// timers (2.10 prints them in 1/100 s, the kernel's USER_HZ tick), unix
// RefCnt, flags, type, state and path. Not in the text, so not rebuilt:
// the socket's kernel address, a unix socket's protocol (0 unless "??").
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/proc_net_inet.h"
#include "formats/proc_net_unix.h"

namespace netstat::formats {

/// One Internet row as printed.
struct SavedInetRow {
  std::string_view proto;    ///< "tcp", "tcp6", "udp", "udp6", "udpl", "udpl6", "raw", "raw6"
  std::string_view local;    ///< "127.0.0.1:8080" as printed
  std::string_view foreign;
  std::string_view state;    ///< "" when blank; may be two words ("CONN SENT")
  std::string_view user;     ///< "" without the -e columns
  bool has_inode = false;    ///< the -e columns are there
  std::string_view owner;    ///< "" without -p; "-" or "PID/name"
  std::string_view timer;    ///< "" without -o; "off (0.00/0/0)"
  /// The /proc/net line's values (InetRow::line = 0-based row number in
  /// the text). Valid only when \a numeric.
  InetRow row;
  /// Addresses, ports and user are numbers (`netstat -n`), the -e columns
  /// and a known state are there: \a row holds what the file said.
  bool numeric = false;
};

/// One unix row as printed.
struct SavedUnixRow {
  std::string_view owner;  ///< "" without -p; "-" or "PID/name"
  bool has_inode = false;  ///< an inode number (2.10 prints "-" without one)
  /// The /proc/net/unix line's values (path points into the text).
  UnixRow row;
};

struct SavedSockets {
  std::vector<SavedInetRow> inet;
  std::vector<SavedUnixRow> unix_sockets;
  bool inet_section = false;  ///< an "Active Internet connections" section
  bool unix_section = false;  ///< an "Active UNIX domain sockets" section
  uint32_t unreadable = 0;    ///< rows of those sections not understood
};

/// Every socket row of \a text, in text order (views point into \a text).
SavedSockets parse_netstat_sockets(std::string_view text);

/// One row of saved `netstat -g` text (sos: `netstat -W -agn`):
///   Interface       RefCnt Group
///   lo              1      224.0.0.1
struct SavedGroup {
  std::string_view device;
  int refcount = 0;
  bool v6 = false;
  std::array<uint8_t, 16> group{};  ///< network order; IPv4 in [0..4)
};

struct SavedGroups {
  bool table = false;        ///< the "Group Memberships" header was there
  std::vector<SavedGroup> rows;
  uint32_t unreadable = 0;   ///< rows not understood (names instead of numbers)
};

/// The group rows of \a text, in text order (views point into \a text).
SavedGroups parse_netstat_groups(std::string_view text);

/// The /proc/net file an Internet row came from: "tcp", "tcp6", "udp",
/// "udp6", "udplite", "udplite6", "raw", "raw6"; "" for another label.
std::string_view proc_file_of(std::string_view proto);

}  // namespace netstat::formats
