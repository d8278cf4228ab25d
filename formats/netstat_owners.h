// Socket owners from net-tools `netstat -p` output saved as text, as a
// sosreport keeps it (sos_commands/networking/netstat_-W_-neopa, also
// `netstat -neopa`, `-anp`, `-tunapl`): the inode and "PID/Program name" of
// each socket row. Pure parser.
//
//   Proto Recv-Q Send-Q Local Address  Foreign Address  State  User  Inode  PID/Program name  Timer
//   tcp        0      0 127.0.0.1:8080 0.0.0.0:*        LISTEN 0     49095  13835/python3     off (0.00/0/0)
//   udp        0      0 0.0.0.0:5353   0.0.0.0:*               0     49098  13835/python3     off (0.00/0/0)
//   Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path
//   unix  2      [ ACC ]     STREAM     LISTENING     49099    13835/python3        @zoo
//
// Internet rows need the `-e` columns (User, Inode): without them the text
// names no inode and gives nothing. Rows without an owner ("-") are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

struct SocketOwner {
  uint64_t inode = 0;
  std::string pid;      ///< decimal, as printed
  std::string program;  ///< as printed (2.10 cut "PID/name" to 19 bytes)
  bool operator==(const SocketOwner&) const = default;
};

/// Every owned socket row of \a text, in text order.
std::vector<SocketOwner> parse_netstat_owners(std::string_view text);

/// Owners from `ss -peaonmi` text (sos_commands/networking/ss_-peaonmi):
/// every process of each row's users:(("comm",pid=N,fd=N),...), the inode
/// from "ino:N" (inet) or the local port column (unix: "@name 123").
/// Rows without users or with inode 0 give nothing. Program = comm.
std::vector<SocketOwner> parse_ss_owners(std::string_view text);

/// Owners from `lsof` text (sos: lsof -b +M -n -l -P): socket rows only,
/// inode from DEVICE (IPv4, IPv6) or NODE (unix, sock, ...). Thread rows
/// (TID set) repeat their process's. Program = lsof's COMMAND.
std::vector<SocketOwner> parse_lsof_owners(std::string_view text);

}  // namespace netstat::formats
