// parse_netstat_sockets: section by section, each row split into words with
// their offsets; the cells 2.10 may leave blank (State) or print with
// blanks (State "CONN SENT", the PID/Program name) are told by shape.
#include "formats/netstat_sockets.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "formats/c_scan.h"
#include "formats/text_words.h"

namespace netstat::formats {
namespace {

/// The most a unix socket's printed path holds: sun_path's 108 bytes (the
/// kernel prints at most that many, an abstract name's NULs as '@').
constexpr size_t kUnixPathMax = 108;

enum class Section : uint8_t { none, inet, unix_ };

// 2.10's TCP state names, at their state number (12-15: what it reads past
// its table; 16 stands for every larger one, "UNKNOWN").
constexpr std::array<std::string_view, 17> kTcpStates = {
    "",          "ESTABLISHED", "SYN_SENT",  "SYN_RECV",  "FIN_WAIT1",  "FIN_WAIT2",
    "TIME_WAIT", "CLOSE",       "CLOSE_WAIT", "LAST_ACK", "LISTEN",     "CLOSING",
    "LISTENING", "CONN SENT",   "DISC SENT", "ESTABLISHED", "UNKNOWN"};

constexpr std::array<std::string_view, 6> kUnixStates = {
    "FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING", "UNKNOWN"};

constexpr std::array<std::string_view, 6> kUnixTypes = {
    "UNKNOWN", "STREAM", "DGRAM", "RAW", "RDM", "SEQPACKET"};

bool is_inet_proto(std::string_view p) { return !proc_file_of(p).empty(); }

bool is_timer_word(std::string_view w) {
  return w == "off" || w == "on" || w == "on1" || w == "on2" || w == "keepalive" ||
         w == "timewait" || w == "probe" || w.substr(0, 5) == "unkn-";
}

bool is_tcp_state_word(std::string_view w) {
  for (std::string_view s : kTcpStates) {
    if (!s.empty() && s.substr(0, s.find(' ')) == w) return true;
  }
  return false;
}

/// "12" or "-12" -> value; false for anything else.
bool signed_number(std::string_view s, int64_t& out) {
  bool neg = !s.empty() && s.front() == '-';
  if (neg) s.remove_prefix(1);
  if (!all_digits(s)) return false;
  uint64_t v = to_u64(s);
  if (v > (uint64_t{1} << 32)) return false;
  out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

/// "127.0.0.1:8080", ":::22", "0.0.0.0:*" -> address bytes and port.
bool address_port(std::string_view text, bool v6, std::array<uint8_t, 16>& addr,
                  uint32_t& port) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 63) return false;
  std::string_view p = text.substr(colon + 1);
  if (p == "*") {
    port = 0;
  } else if (all_digits(p) && p.size() <= 5 && to_u64(p) <= 0xffff) {
    port = static_cast<uint32_t>(to_u64(p));
  } else {
    return false;
  }
  char host[64];
  std::memcpy(host, text.data(), colon);
  host[colon] = '\0';
  addr.fill(0);
  if (inet_pton(v6 ? AF_INET6 : AF_INET, host, addr.data()) == 1) return true;
  // 2.10 prints an IPv4-mapped address of a tcp6/udp6 socket as the IPv4
  // address ("127.0.0.1"): the file held ::ffff:127.0.0.1.
  if (!v6 || inet_pton(AF_INET, host, addr.data() + 12) != 1) return false;
  addr[10] = addr[11] = 0xff;
  return true;
}

/// "7199.99" -> 719999 (hundredths, as 2.10 printed "%2.2f").
bool hundredths(std::string_view s, uint64_t& out) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos || s.size() - dot != 3) return false;
  std::string_view whole = s.substr(0, dot), frac = s.substr(dot + 1);
  if (!all_digits(whole) || whole.size() > 15 || !all_digits(frac)) return false;
  out = to_u64(whole) * 100 + to_u64(frac);
  return true;
}

/// "keepalive (7199.99/0/0)" -> tr, when, retransmits, timeout.
bool timer_values(std::string_view word, std::string_view paren, bool tcp, InetRow& r) {
  if (word == "off") {
    r.timer_active = 0;
  } else if (tcp && word == "on") {
    r.timer_active = 1;
  } else if (tcp && word == "keepalive") {
    r.timer_active = 2;
  } else if (tcp && word == "timewait") {
    r.timer_active = 3;
  } else if (tcp && word == "probe") {
    r.timer_active = 4;
  } else if (!tcp && (word == "on1" || word == "on2")) {
    r.timer_active = word == "on1" ? 1 : 2;
  } else if (word.substr(0, 5) == "unkn-" && all_digits(word.substr(5)) &&
             to_u64(word.substr(5)) <= 0xffffffffu) {
    r.timer_active = static_cast<uint32_t>(to_u64(word.substr(5)));
  } else {
    return false;
  }
  if (paren.size() < 2) return false;
  std::string_view in = paren.substr(1, paren.size() - 2);
  size_t s1 = in.find('/');
  size_t s2 = s1 == std::string_view::npos ? s1 : in.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return false;
  int64_t retr = 0, timeout = 0;
  if (!hundredths(in.substr(0, s1), r.timer_when) ||
      !signed_number(in.substr(s1 + 1, s2 - s1 - 1), retr) || retr < 0 ||
      !signed_number(in.substr(s2 + 1), timeout) || timeout > INT32_MAX || timeout < INT32_MIN) {
    return false;
  }
  if (r.timer_active == 0) r.timer_when = 0;
  r.retransmits = static_cast<uint64_t>(retr);
  r.timeout = static_cast<int32_t>(timeout);
  return true;
}

struct Words {
  std::string_view line;
  std::vector<std::string_view> w;
  size_t at(size_t i) const { return static_cast<size_t>(w[i].data() - line.data()); }
};

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool inet_row(const Words& ws, uint32_t number, SavedInetRow& out) {
  const std::vector<std::string_view>& w = ws.w;
  if (w.size() < 5 || !all_digits(w[1]) || !all_digits(w[2])) return false;
  out.proto = w[0];
  out.local = w[3];
  out.foreign = w[4];
  std::string_view file = proc_file_of(w[0]);
  bool tcp = file.substr(0, 3) == "tcp";
  bool raw = file.substr(0, 3) == "raw";
  size_t end = w.size();
  // The timer: "word (x/y/z)" at the end.
  if (end >= 7 && w[end - 1].size() >= 2 && w[end - 1].front() == '(' &&
      w[end - 1].back() == ')' && is_timer_word(w[end - 2])) {
    out.timer = ws.line.substr(ws.at(end - 2), ws.at(end - 1) + w[end - 1].size() - ws.at(end - 2));
    end -= 2;
  }
  size_t i = 5;
  bool state_known = true;
  if (raw) {
    if (i >= end) return false;
    out.state = w[i++];
  } else if (i < end && is_tcp_state_word(w[i])) {
    size_t from = i++;
    if ((w[from] == "CONN" || w[from] == "DISC") && i < end && w[i] == "SENT") ++i;
    out.state = ws.line.substr(ws.at(from), ws.at(i - 1) + w[i - 1].size() - ws.at(from));
  }
  // -e: User and Inode.
  if (i + 1 < end && all_digits(w[i + 1])) {
    out.user = w[i];
    out.has_inode = true;
    out.row.inode = to_u64(w[i + 1]);
    i += 2;
  }
  if (i < end) {
    out.owner = rtrim(ws.line.substr(ws.at(i), ws.at(end - 1) + w[end - 1].size() - ws.at(i)));
  }

  // The file's values.
  InetRow& r = out.row;
  r.line = number;
  bool v6 = file.back() == '6';
  r.family = v6 ? InetFamily::inet6 : InetFamily::inet;
  r.rx_queue = to_u64(w[1]);
  r.tx_queue = to_u64(w[2]);
  r.fields = 14;
  if (tcp) {
    state_known = false;
    for (size_t s = 0; s < kTcpStates.size(); ++s) {
      if (kTcpStates[s] == out.state) {
        r.state = static_cast<uint32_t>(s);
        state_known = true;
        break;
      }
    }
  } else if (raw) {
    int64_t st = 0;
    state_known = signed_number(out.state, st) && st >= 0 && st <= 0xff;
    r.state = static_cast<uint32_t>(st);
  } else {
    // 2.10's UDP: ESTABLISHED (1), blank (7, TCP_CLOSE), anything else UNKNOWN.
    r.state = out.state.empty() ? 7 : out.state == "ESTABLISHED" ? 1 : 2;
    state_known = out.state.empty() || out.state == "ESTABLISHED" || out.state == "UNKNOWN";
  }
  int64_t uid = 0;
  bool user_ok = out.has_inode && signed_number(out.user, uid);
  r.uid = static_cast<int32_t>(uid);
  bool timer_ok = out.timer.empty() ||
                  timer_values(out.timer.substr(0, out.timer.find(' ')),
                               out.timer.substr(out.timer.rfind(' ') + 1), tcp, r);
  out.numeric = state_known && user_ok && timer_ok &&
                address_port(out.local, v6, r.local, r.local_port) &&
                address_port(out.foreign, v6, r.remote, r.remote_port);
  return true;
}

bool unix_row(const Words& ws, bool programs, uint32_t number, SavedUnixRow& out) {
  const std::vector<std::string_view>& w = ws.w;
  // unix refcnt [ flags ] type [state] inode [owner] [path]
  if (w.size() < 6 || !all_digits(w[1]) || w[2] != "[") return false;
  UnixRow& r = out.row;
  r.line = number;
  r.protocol = w[0] == "unix" ? 0 : 1;
  r.refcount = to_u64(w[1]);
  size_t i = 3;
  for (; i < w.size() && w[i] != "]"; ++i) {
    if (w[i] == "ACC") {
      r.flags |= kUnixAcceptCon;
    } else if (w[i] == "W") {
      r.flags |= kUnixWaitData;
    } else if (w[i] == "N") {
      r.flags |= kUnixNoSpace;
    } else {
      return false;
    }
  }
  if (++i >= w.size()) return false;
  r.type = 99;
  for (size_t t = 0; t < kUnixTypes.size(); ++t) {
    if (w[i] == kUnixTypes[t]) r.type = t == 0 ? 99 : static_cast<uint32_t>(t);
  }
  if (w[i] != "UNKNOWN" && r.type == 99) return false;
  ++i;
  r.state = 1;
  if (i < w.size() && w[i] == "LISTENING") {
    ++i;
    if ((r.flags & kUnixAcceptCon) == 0) return false;
  } else {
    for (size_t s = 0; s < kUnixStates.size(); ++s) {
      if (i < w.size() && !kUnixStates[s].empty() && w[i] == kUnixStates[s]) {
        r.state = static_cast<uint32_t>(s);
        ++i;
        break;
      }
    }
    // A listening socket's state prints as LISTENING, never blank.
    if (r.state == 1 && (r.flags & kUnixAcceptCon) != 0) return false;
  }
  if (i >= w.size()) return false;
  if (all_digits(w[i])) {
    out.has_inode = true;
    r.inode = to_u64(w[i]);
  } else if (w[i] != "-") {
    return false;
  }
  size_t cell = ws.at(i) + std::max<size_t>(w[i].size(), 8) + 1;  // "%-8lu "
  ++i;
  r.fields = 7;
  std::string_view rest = cell < ws.line.size() ? ws.line.substr(cell) : std::string_view();
  if (programs) {
    if (i >= w.size()) return false;
    // "%-20s " then the path: the cell may hold blanks ("612/sshd: root").
    size_t from = ws.at(i);
    size_t width = std::max<size_t>(w[i].size(), 20);
    out.owner = rtrim(ws.line.substr(from, width));
    rest = from + width + 1 < ws.line.size() ? ws.line.substr(from + width + 1) : std::string_view();
  }
  std::vector<std::string_view> tail = words(rest);
  if (!tail.empty()) {
    r.path = tail.back();
    r.fields = 8;
    // The path goes back through /proc/net/unix, which 2.10 reads with
    // "%s" from a C string: a NUL or any white space (\v, \f, \r, which
    // words() leaves in the token) would cut it there, and a path longer
    // than a socket address could not be the kernel's (a damaged text, two
    // rows run together). Such a row is not rebuilt.
    if (r.path.size() > kUnixPathMax) return false;
    for (char c : r.path) {
      if (c == '\0' || CScan::is_space(c)) return false;
    }
  }
  return true;
}

}  // namespace

std::string_view proc_file_of(std::string_view proto) {
  if (proto == "tcp" || proto == "tcp6" || proto == "udp" || proto == "udp6" || proto == "raw" ||
      proto == "raw6") {
    return proto;
  }
  if (proto == "udpl") return "udplite";
  if (proto == "udpl6") return "udplite6";
  return {};
}

SavedGroups parse_netstat_groups(std::string_view text) {
  SavedGroups out;
  bool rows = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find("Group Memberships") != std::string_view::npos) {
      out.table = true;
      rows = false;
      continue;
    }
    if (!out.table) continue;
    if (line.substr(0, 4) == "----") {
      rows = true;
      continue;
    }
    if (!rows) continue;
    if (line.substr(0, 7) == "Active ") break;  // another table follows
    std::vector<std::string_view> w = words(line);
    if (w.empty()) continue;
    SavedGroup g;
    int64_t refs = 0;
    if (w.size() != 3 || !signed_number(w[1], refs) || refs > INT32_MAX || refs < INT32_MIN ||
        w[2].size() > 63) {
      ++out.unreadable;
      continue;
    }
    g.device = w[0];
    g.refcount = static_cast<int>(refs);
    char host[64];
    std::memcpy(host, w[2].data(), w[2].size());
    host[w[2].size()] = '\0';
    g.v6 = w[2].find(':') != std::string_view::npos;
    if (inet_pton(g.v6 ? AF_INET6 : AF_INET, host, g.group.data()) != 1) {
      ++out.unreadable;
      continue;
    }
    out.rows.push_back(g);
  }
  return out;
}

SavedSockets parse_netstat_sockets(std::string_view text) {
  SavedSockets out;
  Section section = Section::none;
  bool programs = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 7) == "Active ") {
      programs = false;
      if (line.find("Internet") != std::string_view::npos) {
        section = Section::inet;
        out.inet_section = true;
      } else if (line.find("UNIX") != std::string_view::npos) {
        section = Section::unix_;
        out.unix_section = true;
      } else {
        section = Section::none;
      }
      continue;
    }
    if (line.substr(0, 6) == "Proto ") {
      programs = line.find("PID/Program name") != std::string_view::npos;
      continue;
    }
    if (section == Section::none) continue;
    Words ws{line, words(line)};
    if (ws.w.empty()) continue;
    if (section == Section::inet && is_inet_proto(ws.w[0])) {
      SavedInetRow row;
      if (!inet_row(ws, static_cast<uint32_t>(out.inet.size()), row)) {
        ++out.unreadable;
        continue;
      }
      if (!programs) row.owner = {};
      out.inet.push_back(row);
    } else if (section == Section::unix_ && (ws.w[0] == "unix" || ws.w[0] == "??")) {
      SavedUnixRow row;
      if (!unix_row(ws, programs, static_cast<uint32_t>(out.unix_sockets.size()), row)) {
        ++out.unreadable;
        continue;
      }
      out.unix_sockets.push_back(row);
    } else {
      ++out.unreadable;
    }
  }
  return out;
}

}  // namespace netstat::formats
