// SCTP eps/assocs tokenizing with strtok semantics (each call skips leading
// delimiters and consumes one trailing delimiter), as net-tools 2.10 does.
#include "formats/proc_net_sctp.h"

#include "formats/c_scan.h"
#include "formats/etc_files.h"

namespace netstat::formats {
namespace {

/// strtok(3) over a string_view: one shared position, per-call delimiters.
class Strtok {
 public:
  explicit Strtok(std::string_view s) : m_s(s) {}
  bool next(std::string_view delims, std::string_view& tok) {
    while (m_i < m_s.size() && delims.find(m_s[m_i]) != std::string_view::npos) {
      ++m_i;
    }
    if (m_i >= m_s.size()) return false;
    size_t start = m_i;
    while (m_i < m_s.size() && delims.find(m_s[m_i]) == std::string_view::npos) {
      ++m_i;
    }
    tok = m_s.substr(start, m_i - start);
    if (m_i < m_s.size()) ++m_i;  // the delimiter is overwritten with NUL
    return true;
  }
  bool skip(std::string_view delims) {
    std::string_view t;
    return next(delims, t);
  }

 private:
  std::string_view m_s;
  size_t m_i = 0;
};

constexpr std::string_view kBlank = " \t\n";

/// atoi(): strtol base 10, cut to int.
int c_atoi(std::string_view s) {
  CScan c(s);
  long v = 0;
  return c.dec_long(v) ? static_cast<int>(v) : 0;
}

/// strtoul(s, 0, 0).
uint64_t c_strtoul0(std::string_view s) {
  CScan c(s);
  c.blanks();
  std::string_view rest = c.rest();
  size_t i = 0;
  bool neg = false;
  if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) {
    neg = rest[i] == '-';
    ++i;
  }
  int base = 10;
  if (i + 2 < rest.size() && rest[i] == '0' &&
      (rest[i + 1] == 'x' || rest[i + 1] == 'X') &&
      CScan::hex_digit(rest[i + 2]) >= 0) {
    base = 16;
    i += 2;
  } else if (i < rest.size() && rest[i] == '0') {
    base = 8;
  }
  uint64_t v = 0;
  for (; i < rest.size(); ++i) {
    int d = CScan::hex_digit(rest[i]);
    if (d < 0 || d >= base) break;
    uint64_t ub = static_cast<uint64_t>(base);
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / ub) return UINT64_MAX;
    v = v * ub + static_cast<uint64_t>(d);
  }
  return neg ? 0 - v : v;
}

void split_addresses(std::string_view list, std::vector<std::string_view>& out) {
  Strtok t(list);
  std::string_view tok;
  while (t.next(kBlank, tok)) out.push_back(tok);
}

}  // namespace

bool parse_sctp_endpoint_line(std::string_view line, SctpEndpointRow& row) {
  uint32_t keep_line = row.line;
  row = SctpEndpointRow{};
  row.line = keep_line;
  Strtok t(line);
  std::string_view sst, lport, uid, inode, laddrs;
  t.skip(kBlank);  // ENDPT
  t.skip(kBlank);  // SOCK
  t.skip(kBlank);  // STY
  bool ok = t.next(kBlank, sst);
  ok = ok && t.skip(kBlank);  // HBKT
  ok = ok && t.next(kBlank, lport);
  ok = ok && t.next(kBlank, uid);
  ok = ok && t.next(kBlank, inode);
  if (!ok) return false;
  if (t.next("\t\n", laddrs)) split_addresses(laddrs, row.addresses);
  row.state = c_atoi(sst);
  row.port = c_atoi(lport);
  row.uid = c_atoi(uid);
  row.inode = c_strtoul0(inode);
  return true;
}

bool parse_sctp_assoc_line(std::string_view line, SctpAssocRow& row) {
  uint32_t keep_line = row.line;
  row = SctpAssocRow{};
  row.line = keep_line;
  Strtok t(line);
  std::string_view state, txq, rxq, uid, inode, lport, rport, laddrs, raddrs;
  t.skip(kBlank);  // ASSOC
  t.skip(kBlank);  // SOCK
  t.skip(kBlank);  // STY
  bool ok = t.next(kBlank, state);  // SST
  ok = ok && t.skip(kBlank);        // ST
  ok = ok && t.skip(kBlank);        // HBKT
  ok = ok && t.skip(kBlank);        // ASSOC-ID
  ok = ok && t.next(kBlank, txq);
  ok = ok && t.next(kBlank, rxq);
  ok = ok && t.next(kBlank, uid);
  ok = ok && t.next(kBlank, inode);
  ok = ok && t.next(kBlank, lport);
  ok = ok && t.next(kBlank, rport);
  if (!ok) return false;
  if (t.next("<->\t\n", laddrs)) {
    split_addresses(laddrs, row.local_addresses);
    if (t.next("<->\t\n", raddrs)) split_addresses(raddrs, row.remote_addresses);
  }
  row.state = c_atoi(state);
  row.tx_queue = c_atoi(txq);
  row.rx_queue = c_atoi(rxq);
  row.uid = c_atoi(uid);
  row.inode = c_strtoul0(inode);
  row.local_port = c_atoi(lport);
  row.remote_port = c_atoi(rport);
  return true;
}

SctpEndpointTable parse_proc_net_sctp_eps(std::string_view text) {
  SctpEndpointTable t;
  FgetsLines lines(text);
  std::string_view piece;
  while (lines.next(piece)) {
    uint32_t n = static_cast<uint32_t>(lines.count() - 1);
    if (n == 0) continue;
    SctpEndpointRow row;
    row.line = n;
    if (parse_sctp_endpoint_line(piece, row)) {
      t.rows.push_back(std::move(row));
    } else {
      t.issues.push_back({n, SctpIssueKind::bogus_eps});
    }
  }
  return t;
}

SctpAssocTable parse_proc_net_sctp_assocs(std::string_view text) {
  SctpAssocTable t;
  FgetsLines lines(text);
  std::string_view piece;
  while (lines.next(piece)) {
    uint32_t n = static_cast<uint32_t>(lines.count() - 1);
    if (n == 0) continue;
    SctpAssocRow row;
    row.line = n;
    if (parse_sctp_assoc_line(piece, row)) {
      t.rows.push_back(std::move(row));
    } else {
      t.issues.push_back({n, SctpIssueKind::bogus_assoc});
    }
  }
  return t;
}

SctpAddress decode_sctp_address(std::string_view token) {
  SctpAddress a;
  if (token.find(':') != std::string_view::npos) {
    a.v6 = true;
    // sscanf "%04X:%04X:...:%04X": each group up to 4 hex digits.
    CScan s(token);
    for (size_t g = 0; g < 8; ++g) {
      if (g > 0 && !s.literal(':')) break;
      std::string_view digits;
      s.blanks();
      if (!s.hex_span(4, digits)) break;
      unsigned v = 0;
      for (char c : digits) v = (v << 4) | static_cast<unsigned>(CScan::hex_digit(c));
      a.bytes[g * 2] = static_cast<uint8_t>(v >> 8);
      a.bytes[g * 2 + 1] = static_cast<uint8_t>(v);
    }
    return a;
  }
  std::optional<uint32_t> v4 = parse_inet_aton(token);
  uint32_t w = v4 ? *v4 : 0xFFFFFFFFu;
  for (int k = 0; k < 4; ++k) a.bytes[static_cast<size_t>(k)] = static_cast<uint8_t>(w >> (8 * k));
  return a;
}

}  // namespace netstat::formats
