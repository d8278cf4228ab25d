// Scans /proc/net/unix lines with the conversions of net-tools 2.10's
// unix_do_one ("%p: %lX %lX %lX %X %X %lu %s").
#include "formats/proc_net_unix.h"

#include "formats/c_scan.h"

namespace netstat::formats {

namespace {

/// The kernel's own layout (unix_seq_show: "%pK: %08X %08X %08X %04X %02X
/// %5lu" on a 64-bit kernel): its fixed-width hex fields are read in place,
/// ~8x fewer instructions than the general scan, which gives the same
/// values for such a line (each field ends at the blank that follows it).
/// Returns the position after the inode's digits, 0 when the line does not
/// have this layout (the general scan then reads it).
size_t kernel_layout(std::string_view line, UnixRow& row) {
  constexpr size_t kInode = 53;  // after "%016lx: " and five fields + blanks
  if (line.size() < kInode + 1) return 0;
  const char* p = line.data();
  if (p[16] != ':' || p[17] != ' ' || p[26] != ' ' || p[35] != ' ' ||
      p[44] != ' ' || p[49] != ' ' || p[52] != ' ') {
    return 0;
  }
  uint64_t pointer, type, state;
  if (!hex_digits<16>(p, pointer) || !hex_digits<8>(p + 18, row.refcount) ||
      !hex_digits<8>(p + 27, row.protocol) || !hex_digits<8>(p + 36, row.flags) ||
      !hex_digits<4>(p + 45, type) || !hex_digits<2>(p + 50, state)) {
    return 0;
  }
  // %5lu: blanks, then up to 19 digits (no overflow to saturate).
  size_t i = kInode;
  while (i < line.size() && line[i] == ' ') ++i;
  size_t start = i;
  uint64_t inode = 0;
  while (i < line.size() && i - start < 19 && line[i] >= '0' && line[i] <= '9') {
    inode = inode * 10 + static_cast<uint64_t>(line[i] - '0');
    ++i;
  }
  if (i == start || (i < line.size() && line[i] >= '0' && line[i] <= '9')) return 0;
  row.type = static_cast<uint32_t>(type);
  row.state = static_cast<uint32_t>(state);
  row.inode = inode;
  return i;
}

}  // namespace

bool parse_unix_line(std::string_view line, UnixRow& row) {
  uint32_t keep_line = row.line;
  row = UnixRow{};
  row.line = keep_line;
  if (size_t after_inode = kernel_layout(line, row); after_inode != 0) {
    CScan s(line);
    s.seek(after_inode);
    row.fields = s.word(row.path) ? 8 : 7;
    return true;
  }
  return parse_unix_line_scanf(line, row);
}

bool parse_unix_line_scanf(std::string_view line, UnixRow& row) {
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
