// Legacy socket tables (IPX, AX.25, NET/ROM, X.25, ROSE), tokenized the way
// net-tools 2.10 reads them for well-formed kernel lines.
#include "formats/proc_net_legacy.h"

#include "formats/c_scan.h"
#include "formats/fgets_lines.h"

namespace netstat::formats {
namespace {

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  CScan s(line);
  std::string_view w;
  while (s.word(w)) out.push_back(w);
  return out;
}

/// "%d" over a token: false when it does not start with a number.
bool to_int(std::string_view tok, int& out) {
  CScan s(tok);
  long v = 0;
  if (!s.dec_long(v)) return false;
  out = static_cast<int>(v);
  return true;
}

uint64_t hex_value(std::string_view digits, bool& ok) {
  uint64_t v = 0;
  ok = !digits.empty();
  for (char c : digits) {
    int d = CScan::hex_digit(c);
    if (d < 0) {
      ok = false;
      return v;
    }
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}

IpxAddress parse_ipx_address(std::string_view text) {
  IpxAddress a;
  size_t c1 = text.find(':');
  if (c1 == std::string_view::npos) return a;
  size_t c2 = text.find(':', c1 + 1);
  bool ok1 = false, ok2 = false, ok3 = false;
  a.network = static_cast<uint32_t>(hex_value(text.substr(0, c1), ok1));
  std::string_view node, port;
  if (c2 == std::string_view::npos) {
    port = text.substr(c1 + 1);
    ok2 = true;
  } else {
    node = text.substr(c1 + 1, c2 - c1 - 1);
    port = text.substr(c2 + 1);
    ok2 = node.size() == 12;
    for (size_t i = 0; ok2 && i < 6; ++i) {
      bool okb = false;
      a.node[i] = static_cast<uint8_t>(hex_value(node.substr(i * 2, 2), okb));
      ok2 = okb;
    }
  }
  a.port = static_cast<uint16_t>(hex_value(port, ok3));
  a.connected = ok1 && ok2 && ok3;
  return a;
}

template <typename Fn>
void data_lines(std::string_view text, bool skip_header, Fn&& fn) {
  FgetsLines lines(text);
  std::string_view piece;
  while (lines.next(piece)) {
    if (skip_header && lines.count() == 1) continue;
    fn(piece);
  }
}

}  // namespace

std::vector<IpxRow> parse_proc_net_ipx(std::string_view text) {
  std::vector<IpxRow> rows;
  int last_uid = 0;
  data_lines(text, true, [&](std::string_view line) {
    std::vector<std::string_view> t = tokens(line);
    if (t.size() < 2) return;
    IpxRow r;
    r.local = parse_ipx_address(t[0]);
    r.remote = parse_ipx_address(t[1]);
    bool ok = false;
    if (t.size() > 2) r.tx_queue = hex_value(t[2], ok);
    if (t.size() > 3) r.rx_queue = hex_value(t[3], ok);
    if (t.size() > 4) to_int(t[4], r.state);
    // "%d %d" over "0A 1000" stops inside the state: the uid keeps the
    // previous row's value.
    int uid = last_uid;
    bool state_clean = t.size() > 4 && !t[4].empty();
    for (char c : t.size() > 4 ? t[4] : std::string_view{}) {
      state_clean = state_clean && ((c >= '0' && c <= '9') || c == '-' || c == '+');
    }
    if (state_clean && t.size() > 5) to_int(t[5], uid);
    r.uid = uid;
    last_uid = uid;
    rows.push_back(r);
  });
  return rows;
}

std::vector<Ax25Row> parse_proc_net_ax25(std::string_view text) {
  std::vector<Ax25Row> rows;
  data_lines(text, false, [&](std::string_view line) {
    std::vector<std::string_view> t = tokens(line);
    Ax25Row r;
    if (t.size() < 23 || !to_int(t[4], r.state) || !to_int(t[5], r.vs) ||
        !to_int(t[6], r.vr) || !to_int(t[21], r.send_q) ||
        !to_int(t[22], r.recv_q)) {
      rows.push_back(Ax25Row{true, {}, {}, {}, 0, 0, 0, 0, 0});
      return;
    }
    r.device = t[1];
    r.source = t[2];
    r.dest = t[3].substr(0, t[3].find(','));
    rows.push_back(r);
  });
  return rows;
}

std::vector<NetromRow> parse_proc_net_nr(std::string_view text) {
  std::vector<NetromRow> rows;
  data_lines(text, true, [&](std::string_view line) {
    NetromRow r;
    if (line.size() < 30) {
      r.bad = true;
      rows.push_back(r);
      return;
    }
    auto column = [&](size_t from) {
      std::string_view c = line.substr(from, 9);
      while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
      return c;
    };
    r.user = column(0);
    r.dest = column(10);
    r.source = column(20);
    std::vector<std::string_view> t = tokens(line.substr(29));
    // dev my/id your/id st vs vr va t1 t2 t4 idle n2 wnd Snd-Q Rcv-Q inode
    if (t.size() < 15 || !to_int(t[3], r.state) || !to_int(t[4], r.vs) ||
        !to_int(t[5], r.vr) || !to_int(t[13], r.send_q) ||
        !to_int(t[14], r.recv_q)) {
      r.bad = true;
      rows.push_back(r);
      return;
    }
    r.device = t[0];
    rows.push_back(r);
  });
  return rows;
}

std::vector<X25Row> parse_proc_net_x25(std::string_view text) {
  std::vector<X25Row> rows;
  data_lines(text, true, [&](std::string_view line) {
    std::vector<std::string_view> t = tokens(line);
    // dest src dev lci st vs vr va t t2 t21 t22 t23 Snd-Q Rcv-Q inode
    if (t.size() < 15) return;
    X25Row r;
    r.dest = t[0];
    r.source = t[1];
    r.device = t[2];
    to_int(t[3], r.lci);
    to_int(t[4], r.state);
    to_int(t[5], r.vs);
    to_int(t[6], r.vr);
    to_int(t[13], r.send_q);
    to_int(t[14], r.recv_q);
    rows.push_back(r);
  });
  return rows;
}

std::vector<RoseRow> parse_proc_net_rose(std::string_view text) {
  std::vector<RoseRow> rows;
  data_lines(text, true, [&](std::string_view line) {
    std::vector<std::string_view> t = tokens(line);
    RoseRow r;
    bool ok = false;
    // dest_addr dest_call src_addr src_call dev lci neigh st ...
    if (t.size() < 8) {
      r.bad = true;
      rows.push_back(r);
      return;
    }
    r.dest_addr = t[0];
    r.dest_call = t[1];
    r.src_addr = t[2];
    r.src_call = t[3];
    r.device = t[4];
    r.lci = static_cast<int>(hex_value(t[5], ok));
    r.bad = !ok || !to_int(t[6], r.neigh) || !to_int(t[7], r.state);
    rows.push_back(r);
  });
  return rows;
}

}  // namespace netstat::formats
