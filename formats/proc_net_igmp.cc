// The igmp/igmp6 state machine of net-tools 2.10's igmp_do_one, including
// its shared device buffer (stale bytes after short reads are kept, as they
// show in 2.10's output).
#include "formats/proc_net_igmp.h"

#include <cstring>

#include "formats/c_scan.h"

namespace netstat::formats {
namespace {

/// "%15c": up to 15 bytes (at least 1) copied without a terminator.
bool read_chars(CScan& s, std::string_view piece, std::array<char, 16>& buf) {
  std::string_view rest = piece.substr(s.pos());
  if (rest.empty()) return false;
  size_t n = rest.size() < 15 ? rest.size() : 15;
  std::memcpy(buf.data(), rest.data(), n);
  buf[15] = '\0';
  return true;
}

/// Cuts the C string in \a buf at its last ':'.
void cut_at_last_colon(std::array<char, 16>& buf) {
  size_t len = 0;
  while (len < 16 && buf[len] != '\0') ++len;
  for (size_t i = len; i > 0; --i) {
    if (buf[i - 1] == ':') {
      buf[i - 1] = '\0';
      return;
    }
  }
}

uint32_t hex_u32(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) v = (v << 4) | static_cast<uint32_t>(CScan::hex_digit(c));
  return v;
}

}  // namespace

bool parse_igmp_line(std::string_view piece, uint32_t line, IgmpState& st,
                     IgmpRow& row, bool& bogus, bool& bogus_v6) {
  bogus = false;
  bogus_v6 = false;
  if (line == 0) {
    if (piece.find("Device") == std::string_view::npos) {
      st.v6_layout = true;
    } else {
      st.index_layout = piece.substr(0, 3) == "Idx";
      return false;
    }
  }
  CScan s(piece);
  if (st.v6_layout) {
    long idx = 0, refcnt = 0;
    std::string_view dev, hex;
    bool ok = s.dec_long(idx) && s.word(dev, 15);
    if (ok) {
      std::memcpy(st.device.data(), dev.data(), dev.size());
      st.device[dev.size()] = '\0';
      s.blanks();
      ok = s.hex_span(64, hex) && s.dec_long(refcnt);
    }
    if (!ok) {
      bogus = true;
      bogus_v6 = true;
      return false;
    }
    row = IgmpRow{};
    row.line = line;
    row.v6 = true;
    row.device_buf = st.device;
    row.refcount = static_cast<int>(refcnt);
    // "%08X" x4, each word then htonl'd: the digits in order.
    for (size_t w = 0; w < 4 && (w + 1) * 8 <= hex.size(); ++w) {
      uint32_t v = hex_u32(hex.substr(w * 8, 8));
      row.group[w * 4] = static_cast<uint8_t>(v >> 24);
      row.group[w * 4 + 1] = static_cast<uint8_t>(v >> 16);
      row.group[w * 4 + 2] = static_cast<uint8_t>(v >> 8);
      row.group[w * 4 + 3] = static_cast<uint8_t>(v);
    }
    return true;
  }
  if (piece.empty() || piece[0] != '\t') {
    bool ok;
    if (st.index_layout) {
      long idx = 0;
      ok = s.dec_long(idx);
      if (ok) {
        s.blanks();
        ok = read_chars(s, piece, st.device);
      }
    } else {
      ok = read_chars(s, piece, st.device);
    }
    if (!ok) {
      bogus = true;
      return false;
    }
    cut_at_last_colon(st.device);
    return false;
  }
  std::string_view hex;
  long refcnt = 0;
  s.blanks();
  if (!s.hex_span(8, hex) || !s.dec_long(refcnt)) {
    bogus = true;
    return false;
  }
  row = IgmpRow{};
  row.line = line;
  row.device_buf = st.device;
  row.refcount = static_cast<int>(refcnt);
  uint32_t v = hex_u32(hex);  // the kernel's __be32 printed as a native int
  for (size_t k = 0; k < 4; ++k) row.group[k] = static_cast<uint8_t>(v >> (8 * k));
  return true;
}

IgmpTable parse_proc_net_igmp(std::string_view text, IgmpState& state) {
  IgmpTable t;
  FgetsLines lines(text);
  std::string_view piece;
  IgmpRow row;
  while (lines.next(piece)) {
    uint32_t n = static_cast<uint32_t>(lines.count() - 1);
    bool bogus = false, bogus_v6 = false;
    if (parse_igmp_line(piece, n, state, row, bogus, bogus_v6)) {
      t.rows.push_back(row);
    } else if (bogus) {
      t.issues.push_back({n, bogus_v6});
    }
  }
  return t;
}

}  // namespace netstat::formats
