// Scans /proc/net/unix lines with the conversions of net-tools 2.10's
// unix_do_one ("%p: %lX %lX %lX %X %X %lu %s").
#include "formats/proc_net_unix.h"

#include "formats/c_scan.h"

namespace netstat::formats {

bool parse_unix_line(std::string_view line, UnixRow& row) {
  uint32_t keep_line = row.line;
  row = UnixRow{};
  row.line = keep_line;
  CScan s(line);
  int fields = 0;
  uint64_t u = 0;
  do {
    if (!s.unsigned_long(16, u)) break;  // %p: the kernel pointer
    ++fields;
    if (!s.literal(':')) break;
    if (!s.unsigned_long(16, row.refcount)) break;
    ++fields;
    if (!s.unsigned_long(16, row.protocol)) break;
    ++fields;
    if (!s.unsigned_long(16, row.flags)) break;
    ++fields;
    if (!s.unsigned_long(16, u)) break;
    row.type = static_cast<uint32_t>(u);
    ++fields;
    if (!s.unsigned_long(16, u)) break;
    row.state = static_cast<uint32_t>(u);
    ++fields;
    if (!s.unsigned_long(10, row.inode)) break;
    ++fields;
    if (!s.word(row.path)) break;
    ++fields;
  } while (false);
  row.fields = static_cast<uint8_t>(fields);
  return fields >= 6;
}

UnixTable parse_proc_net_unix(std::string_view text) {
  UnixTable t;
  scan_proc_net_unix(
      text, [&](bool has_inode) { t.has_inode = has_inode; },
      [&](const UnixRow& r) { t.rows.push_back(r); },
      [&](const UnixIssue& i) { t.issues.push_back(i); });
  return t;
}

}  // namespace netstat::formats
