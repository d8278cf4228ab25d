// Scans /proc/net/{tcp,udp,udplite,raw}{,6} lines the way net-tools 2.10's
// tcp_do_one/udp_do_one/raw_do_one sscanf them, then decodes the hex
// addresses (host-endian 32-bit words, as the kernel prints them).
#include "formats/proc_net_inet.h"

#include "formats/c_scan.h"

namespace netstat::formats {
namespace {

/// Parses up to 8 hex digits as the 32-bit word sscanf("%X") would store.
uint32_t hex_word(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) {
    v = (v << 4) | static_cast<uint32_t>(CScan::hex_digit(c));
  }
  return v;
}

/// sscanf(text, "%X", &u32) over a run of hex digits of any length:
/// strtoul semantics (saturating), then cut to 32 bits.
uint32_t hex_strtoul32(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) {
    if (v >> 60) return 0xFFFFFFFFu;  // ULONG_MAX, cut to unsigned int
    v = (v << 4) | static_cast<uint64_t>(CScan::hex_digit(c));
  }
  return static_cast<uint32_t>(v);
}

/// Stores a host-endian (little-endian, as on the machines that wrote these
/// files) 32-bit word into 4 bytes in memory order.
void put_word(std::array<uint8_t, 16>& out, size_t at, uint32_t w) {
  out[at] = static_cast<uint8_t>(w);
  out[at + 1] = static_cast<uint8_t>(w >> 8);
  out[at + 2] = static_cast<uint8_t>(w >> 16);
  out[at + 3] = static_cast<uint8_t>(w >> 24);
}

/// "%08X%08X%08X%08X": needs 32 digits (the rest of a longer run is
/// ignored); false for shorter runs, which 2.10 half-parses.
bool decode_v6(std::string_view digits, std::array<uint8_t, 16>& out) {
  if (digits.size() < 32) return false;
  for (size_t w = 0; w < 4; ++w) {
    put_word(out, w * 4, hex_word(digits.substr(w * 8, 8)));
  }
  return true;
}

}  // namespace

InetLineStatus parse_inet_line(std::string_view line, InetKind kind,
                               InetRow& row) {
  uint32_t keep_line = row.line;
  row = InetRow{};
  row.line = keep_line;
  CScan s(line);
  int fields = 0;
  std::string_view local_hex, remote_hex;
  long sl = 0, l = 0;
  uint64_t u = 0;
  // Each step is one conversion of the 2.10 format; stop at the first miss.
  do {
    if (!s.dec_long(sl)) break;
    ++fields;
    if (!s.literal(':')) break;
    s.blanks();
    if (!s.hex_span(64, local_hex)) break;
    ++fields;
    if (!s.literal(':')) break;
    if (!s.unsigned_long(16, u)) break;
    row.local_port = static_cast<uint32_t>(u);
    ++fields;
    s.blanks();
    if (!s.hex_span(64, remote_hex)) break;
    ++fields;
    if (!s.literal(':')) break;
    if (!s.unsigned_long(16, u)) break;
    row.remote_port = static_cast<uint32_t>(u);
    ++fields;
    if (!s.unsigned_long(16, u)) break;
    row.state = static_cast<uint32_t>(u);
    ++fields;
    if (!s.unsigned_long(16, row.tx_queue)) break;
    ++fields;
    if (!s.literal(':')) break;
    if (!s.unsigned_long(16, row.rx_queue)) break;
    ++fields;
    if (!s.unsigned_long(16, u)) break;
    row.timer_active = static_cast<uint32_t>(u);
    ++fields;
    if (!s.literal(':')) break;
    if (!s.unsigned_long(16, row.timer_when)) break;
    ++fields;
    if (!s.unsigned_long(16, row.retransmits)) break;
    ++fields;
    if (!s.dec_long(l)) break;
    row.uid = static_cast<int32_t>(l);
    ++fields;
    if (!s.dec_long(l)) break;
    row.timeout = static_cast<int32_t>(l);
    ++fields;
    if (!s.unsigned_long(10, row.inode)) break;
    ++fields;
  } while (false);
  (void)sl;
  row.fields = static_cast<uint8_t>(fields);
  int needed = kind == InetKind::tcp ? 11 : 10;
  if (fields < needed) return InetLineStatus::bogus;

  if (local_hex.size() > 8) {
    row.family = InetFamily::inet6;
    if (!decode_v6(local_hex, row.local) || !decode_v6(remote_hex, row.remote)) {
      return InetLineStatus::bad_address;
    }
  } else {
    row.family = InetFamily::inet;
    put_word(row.local, 0, hex_word(local_hex));
    put_word(row.remote, 0, hex_strtoul32(remote_hex));
  }
  return InetLineStatus::row;
}

InetTable parse_proc_net_inet(std::string_view text, InetKind kind) {
  InetTable t;
  scan_proc_net_inet(
      text, kind, [&](const InetRow& r) { t.rows.push_back(r); },
      [&](const InetIssue& i) { t.issues.push_back(i); });
  return t;
}

}  // namespace netstat::formats
