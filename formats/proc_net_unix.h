// Parser for /proc/net/unix (kernel: net/unix/af_unix.c unix_seq_show):
//
//   Num       RefCount Protocol Flags    Type St Inode Path
//   ffff9b61ac49c400: 00000002 00000000 00010000 0001 01 42776 /run/x.sock
//
// Read as net-tools 2.10's unix_do_one reads it: fgets pieces, line 0 is the
// header (it only tells whether an "Inode" column exists), every other piece
// goes through sscanf("%p: %lX %lX %lX %X %X %lu %s"); fewer than 6
// conversions make the line bogus. The path is one blank-free token, so a
// path with spaces is cut at the first blank.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/fgets_lines.h"

namespace netstat::formats {

/// Flag bits of the Flags column (__SO_ACCEPTCON and friends).
inline constexpr uint64_t kUnixAcceptCon = 0x10000;
inline constexpr uint64_t kUnixWaitData = 0x20000;
inline constexpr uint64_t kUnixNoSpace = 0x40000;

struct UnixRow {
  uint32_t line = 0;
  uint64_t refcount = 0;
  uint64_t protocol = 0;
  uint64_t flags = 0;
  uint32_t type = 0;   ///< SOCK_STREAM = 1, ...
  uint32_t state = 0;  ///< SS_FREE = 0, SS_UNCONNECTED = 1, ...
  uint64_t inode = 0;  ///< 0 when the line has no inode field
  std::string_view path;  ///< empty when absent; points into the file text
  uint8_t fields = 0;     ///< sscanf conversions (6..8)
};

struct UnixIssue {
  uint32_t line = 0;  ///< "warning, got bogus unix line."
};

struct UnixTable {
  bool has_inode = false;  ///< the header names an Inode column
  std::vector<UnixRow> rows;
  std::vector<UnixIssue> issues;
};

/// Whether header line \a line announces the Inode column.
inline bool unix_header_has_inode(std::string_view line) {
  return line.find("Inode") != std::string_view::npos;
}

/// Scans one data piece; false when it is bogus.
/// One line as 2.10's sscanf("%p: %lX %lX %lX %X %X %lu %s") reads it
/// (row.fields = conversions); true when at least six converted. The
/// kernel's fixed layout is read in place, anything else by
/// parse_unix_line_scanf, with the same results.
bool parse_unix_line(std::string_view line, UnixRow& row);
/// The general scan (conversion by conversion, like sscanf).
bool parse_unix_line_scanf(std::string_view line, UnixRow& row);

/// Parses a whole file (views point into \a text).
UnixTable parse_proc_net_unix(std::string_view text);

/// Streams a file: \a on_header(bool has_inode) once for line 0, then
/// \a on_row(const UnixRow&) / \a on_issue(const UnixIssue&) in file order.
/// A file handed over in runs of whole lines: pass the pieces of the runs
/// before as \a pieces_before (the header is piece 0 of the first run).
/// Returns the pieces of \a text.
template <typename OnHeader, typename OnRow, typename OnIssue>
size_t scan_proc_net_unix(std::string_view text, OnHeader&& on_header,
                          OnRow&& on_row, OnIssue&& on_issue,
                          size_t pieces_before = 0) {
  FgetsLines lines(text);
  std::string_view piece;
  UnixRow row;
  while (lines.next(piece)) {
    uint32_t n = static_cast<uint32_t>(pieces_before + lines.count() - 1);
    if (n == 0) {
      on_header(unix_header_has_inode(piece));
      continue;
    }
    row.line = n;
    if (parse_unix_line(piece, row)) {
      on_row(static_cast<const UnixRow&>(row));
    } else {
      on_issue(UnixIssue{n});
    }
  }
  return lines.count();
}

}  // namespace netstat::formats
