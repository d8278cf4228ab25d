// Redaction of the legacy families' tables (capture/redact_legacy.h):
// realistic kernel rows of every IPX, AX.25, NET/ROM, ROSE, X.25 and
// AppleTalk table, each rewritten in place with same-shape pseudonyms (no
// original identity left, every other byte kept, every line the same
// length), the identities consistent across tables, and the pseudonym
// schemes' properties on many random inputs (X.121 prefix preservation,
// IPX/AppleTalk permutations, callsign shape).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>

#include "capture/redacting_root.h"
#include "capture/redactor.h"
#include "formats/proc_net_legacy.h"
#include "formats/proc_net_legacy_route.h"
#include "replay/memory_root.h"

namespace netstat {
namespace {

RedactKey key_of(uint8_t seed) {
  RedactKey k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(seed * 37 + i * 11 + 5);
  return k;
}

std::string redact(Redactor& r, const std::string& path, const std::string& data) {
  std::string rule;
  Result<std::string> out = redact_file(r, path, data, rule);
  EXPECT_TRUE(out.ok()) << path << ": " << (out.ok() ? "" : out.error().message);
  EXPECT_EQ(rule, out.ok() ? "legacy addresses" : "dropped") << path;
  return out.ok() ? *out : std::string();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Same lines of the same lengths, the same tokens at the same byte offsets;
// the tokens at \a changed (per line from \a first) differ, all others are
// equal. None of \a secrets is left anywhere.
void expect_in_place(const std::string& in, const std::string& out, size_t first,
                     const std::set<size_t>& changed, const std::vector<std::string>& secrets) {
  std::vector<std::string> a = lines_of(in);
  std::vector<std::string> b = lines_of(out);
  ASSERT_EQ(a.size(), b.size()) << out;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].size(), b[i].size()) << "line " << i << ":\n" << a[i] << "\n" << b[i];
    for (size_t c = 0; c < a[i].size(); ++c) {
      EXPECT_EQ(a[i][c] == ' ', b[i][c] == ' ') << "line " << i << " byte " << c << "\n" << b[i];
    }
    std::vector<std::string> wa = words(a[i]);
    std::vector<std::string> wb = words(b[i]);
    ASSERT_EQ(wa.size(), wb.size());
    for (size_t k = 0; k < wa.size(); ++k) {
      if (i < first || !changed.count(k)) {
        EXPECT_EQ(wa[k], wb[k]) << "line " << i << " token " << k;
      }
    }
  }
  for (const std::string& s : secrets) EXPECT_EQ(out.find(s), std::string::npos) << s << "\n" << out;
}

TEST(RedactLegacy, Ipx) {
  Redactor r(key_of(1), RedactOptions{});
  std::string sock =
      "Local_Address               Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n"
      "5EC12E70:00163ECAFE01:4000  Not_Connected               00000000  00000000  07     000\n"
      "5EC12E70:00163ECAFE01:0452  7A11C0DE:0050569ABC12:0453  00000010  00000020  01     1000\n";
  std::string out = redact(r, "/proc/net/ipx/socket", sock);
  expect_in_place(sock, out, 1, {0, 1},
                  {"5EC12E70", "00163ECAFE01", "7A11C0DE", "0050569ABC12", "CAFE01", "9ABC12"});
  // 2.10's reader sees the same rows, queues, states, uids and ports.
  std::vector<formats::IpxRow> a = formats::parse_proc_net_ipx(sock);
  std::vector<formats::IpxRow> b = formats::parse_proc_net_ipx(out);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].local.connected, b[i].local.connected);
    EXPECT_EQ(a[i].remote.connected, b[i].remote.connected);
    EXPECT_EQ(a[i].local.port, b[i].local.port);
    EXPECT_EQ(a[i].remote.port, b[i].remote.port);
    EXPECT_EQ(a[i].tx_queue, b[i].tx_queue);
    EXPECT_EQ(a[i].state, b[i].state);
    EXPECT_EQ(a[i].uid, b[i].uid);
  }
  EXPECT_EQ(out, redact(r, "/proc/net/ipx", sock));  // the older file name
  // One network and node, one pseudonym, in sockets, routes and interfaces.
  EXPECT_EQ(b[0].local.network, b[1].local.network);
  EXPECT_EQ(b[0].local.node, b[1].local.node);
  std::string route =
      "Network    Router_Net   Router_Node\n"
      "5EC12E70   Directly     Connected\n"
      "7A11C0DE   5EC12E70     0050569ABC12\n"
      "FFFFFFFF   00000000     FFFFFFFFFFFF\n";
  std::string ro = redact(r, "/proc/net/ipx/route", route);
  expect_in_place(route, ro, 1, {0, 1, 2}, {"5EC12E70", "7A11C0DE", "0050569ABC12"});
  EXPECT_NE(ro.find("   Directly     Connected\n"), std::string::npos) << ro;
  EXPECT_NE(ro.find("FFFFFFFF   00000000     FFFFFFFFFFFF\n"), std::string::npos) << ro;
  std::vector<formats::IpxRouteRow> rr = formats::parse_proc_net_ipx_route(ro);
  ASSERT_EQ(rr.size(), 3u);
  EXPECT_EQ(rr[0].network, b[0].local.network);
  EXPECT_EQ(rr[1].network, b[1].remote.network);
  EXPECT_EQ(rr[1].router_network, b[0].local.network);
  EXPECT_EQ(rr[1].router_node, b[1].remote.node);
  EXPECT_EQ(ro, redact(r, "/proc/net/ipx_route", route));
  std::string iface =
      "Network    Node_Address   Primary  Device     Frame_Type\n"
      "5EC12E70   00163ECAFE01   Yes      eth0       802.2\n";
  std::string io = redact(r, "/proc/net/ipx/interface", iface);
  expect_in_place(iface, io, 1, {0, 1}, {"5EC12E70", "00163ECAFE01"});
  EXPECT_EQ(io.substr(io.find('\n') + 1, 8), ro.substr(ro.find('\n') + 1, 8));
}

TEST(RedactLegacy, Ax25) {
  Redactor r(key_of(2), RedactOptions{});
  // magic dev src dest[,digis] st vs vr va t1 t1 t2 t2 t3 t3 idle idle n2 n2
  // rtt window paclen Snd-Q Rcv-Q inode
  std::string sock =
      "ffff8d2f4a1c0800 ax0 DL9QXY-1 W7LEAK-2,RELAY7*,WIDE2-1 3 1 2 0 0 3 0 3 0 300 0 0 0 10 "
      "0 2 4 256 7 9 12345\n"
      "ffff8d2f4a1c0c00 ax1 DL9QXY* * 0 0 0 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 * * *\n";
  std::string out = redact(r, "/proc/net/ax25", sock);
  expect_in_place(sock, out, 0, {2, 3}, {"DL9QXY", "W7LEAK", "RELAY7", "WIDE2"});
  // SSIDs, digipeater marks and the listening "*" kept.
  std::vector<std::string> w = words(lines_of(out)[0]);
  EXPECT_EQ(w[2].substr(6), "-1");
  EXPECT_EQ(std::count(w[3].begin(), w[3].end(), ','), 2);
  EXPECT_NE(w[3].find("*,"), std::string::npos);
  std::vector<std::string> w1 = words(lines_of(out)[1]);
  EXPECT_EQ(w1[2], w[2].substr(0, 6) + "*");  // the same station, one pseudonym
  EXPECT_EQ(w1[3], "*");
  std::vector<formats::Ax25Row> a = formats::parse_proc_net_ax25(sock);
  std::vector<formats::Ax25Row> b = formats::parse_proc_net_ax25(out);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].bad, b[i].bad);
    EXPECT_EQ(a[i].state, b[i].state);
    EXPECT_EQ(a[i].send_q, b[i].send_q);
    EXPECT_EQ(a[i].dest.size(), b[i].dest.size());
  }
  std::string route =
      "callsign  dev  mode digipeaters\n"
      "W7LEAK-2  ax0    vc\n"
      "default   ax1     * RELAY7 WIDE2-1\n"
      "DL9QXY    bpq0   dg\n";
  std::string ro = redact(r, "/proc/net/ax25_route", route);
  expect_in_place(route, ro, 1, {0, 3, 4}, {"DL9QXY", "W7LEAK", "RELAY7", "WIDE2"});
  EXPECT_NE(ro.find("\ndefault   ax1     * "), std::string::npos) << ro;
  EXPECT_NE(ro.find(b[0].dest), std::string::npos);  // W7LEAK-2 as in the sockets
  std::vector<formats::Ax25RouteRow> ra = formats::parse_proc_net_ax25_route(route);
  std::vector<formats::Ax25RouteRow> rb = formats::parse_proc_net_ax25_route(ro);
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].device, rb[i].device);
    EXPECT_EQ(ra[i].use, rb[i].use);
  }
}

TEST(RedactLegacy, NetRom) {
  Redactor r(key_of(3), RedactOptions{});
  std::string sock =
      "user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2    t4      "
      "idle   n2  wnd Snd-Q Rcv-Q inode\n"
      "G0LEAK    GB7QXZ    DL9QXY-1  nr0    01/02 03/04  3   1   2   0   0/030  0/003   0/180"
      "   0/000  0/003  4     5     6 12345\n"
      "*         *         DL9QXY-2  ???    00/00 00/00  0   0   0   0   0/030  0/003   0/180"
      "   0/000  0/003  4     0     0 0\n";
  std::string out = redact(r, "/proc/net/nr", sock);
  expect_in_place(sock, out, 1, {0, 1, 2}, {"G0LEAK", "GB7QXZ", "DL9QXY"});
  std::vector<formats::NetromRow> a = formats::parse_proc_net_nr(sock);
  std::vector<formats::NetromRow> b = formats::parse_proc_net_nr(out);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].bad, b[i].bad);
    EXPECT_EQ(a[i].state, b[i].state);
    EXPECT_EQ(a[i].device, b[i].device);
    EXPECT_EQ(a[i].recv_q, b[i].recv_q);
    EXPECT_EQ(a[i].user.size(), b[i].user.size());
  }
  std::string nodes =
      "callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n"
      "GB7QXZ    LEAKND  0 1 200   6 00001\n"
      "GB7ABQ-1  *       1 2 192   5 00001 150   4 00002\n";
  std::string neigh =
      "addr  callsign  dev  qual lock count failed digipeaters\n"
      "00001 G0LEAK    ax0   200    0     1      0\n"
      "00002 DL9QXY-1  bpq0  150    1     2      0 RELAY7 WIDE2-1\n";
  std::string no = redact(r, "/proc/net/nr_nodes", nodes);
  std::string ne = redact(r, "/proc/net/nr_neigh", neigh);
  expect_in_place(nodes, no, 1, {0, 1}, {"GB7QXZ", "LEAKND", "GB7ABQ"});
  expect_in_place(neigh, ne, 1, {1, 7, 8}, {"G0LEAK", "DL9QXY", "RELAY7", "WIDE2"});
  EXPECT_NE(no.find("\n" + std::string(b[0].dest) + " "), std::string::npos) << no << out;
  std::vector<formats::NetromRouteRow> ra = formats::parse_proc_net_nr_nodes(nodes, neigh);
  std::vector<formats::NetromRouteRow> rb = formats::parse_proc_net_nr_nodes(no, ne);
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(ra[i].quality, rb[i].quality);
    EXPECT_EQ(ra[i].found, rb[i].found);
    EXPECT_EQ(ra[i].neigh_device, rb[i].neigh_device);
  }
  // G0LEAK: the same pseudonym everywhere (2.10's fixed columns hold the padding).
  EXPECT_EQ(rb[0].neigh_call.substr(0, b[0].user.size()), b[0].user);
  EXPECT_EQ(rb[0].neigh_call.substr(b[0].user.size()).find_first_not_of(' '), std::string::npos);
  EXPECT_EQ(rb[1].mnemonic, ra[1].mnemonic);  // "*"
}

TEST(RedactLegacy, Rose) {
  Redactor r(key_of(4), RedactOptions{});
  std::string sock =
      "dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs vr va   t  t1  t2  t3  "
      "hb    idle Snd-Q Rcv-Q inode\n"
      "3106123456 W7LEAK-2  3106129999 DL9QXY-1  rose0 001 00002  3  0  0  0   0 200 180 180   "
      "5   0/000     0     0 23456\n"
      "*          *         3106129999 ?????\?-?  ???   000 00000  0  0  0  0   0 200 180 180   "
      "5   0/000     0     0 23457\n";
  std::string out = redact(r, "/proc/net/rose", sock);
  expect_in_place(sock, out, 1, {0, 1, 2, 3}, {"3106123456", "3106129999", "W7LEAK", "DL9QXY"});
  std::vector<std::string> w = words(lines_of(out)[1]);
  std::vector<std::string> w2 = words(lines_of(out)[2]);
  EXPECT_EQ(w[0].substr(0, 6), w[2].substr(0, 6));  // 310612 shared: still shared
  EXPECT_NE(w[0].substr(6, 1), w[2].substr(6, 1));
  EXPECT_EQ(w2[0], "*");
  EXPECT_EQ(w2[3], "?????\?-?");
  std::vector<formats::RoseRow> a = formats::parse_proc_net_rose(sock);
  std::vector<formats::RoseRow> b = formats::parse_proc_net_rose(out);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].bad, b[i].bad);
    EXPECT_EQ(a[i].lci, b[i].lci);
    EXPECT_EQ(a[i].neigh, b[i].neigh);
    EXPECT_EQ(a[i].state, b[i].state);
  }
  std::string nodes =
      "address    mask n neigh neigh neigh\n"
      "3106123456 0010 1 00001\n"
      "3106100000 0005 2 00002 00001\n";
  std::string neigh =
      "addr  callsign  dev  count use mode restart  t0  tf digipeaters\n"
      "00001 RSLOOP-0  ???      1   0   DTE     no   0   0\n"
      "00002 W7LEAK-2  ax0      2   1   DCE    yes 180   0 RELAY7\n";
  std::string routes =
      "lci  address     callsign   neigh  <-> lci  address     callsign   neigh\n"
      "001  3106129999  DL9QXY-1   00002      002  3106123456  W7LEAK-2   00002\n"
      "000  *           *          00000      003  3106123456  W7LEAK-2   00002\n";
  std::string no = redact(r, "/proc/net/rose_nodes", nodes);
  std::string ne = redact(r, "/proc/net/rose_neigh", neigh);
  std::string rt = redact(r, "/proc/net/rose_routes", routes);
  expect_in_place(nodes, no, 1, {0}, {"3106123456", "31061"});
  expect_in_place(neigh, ne, 1, {1, 9}, {"W7LEAK", "RELAY7"});
  expect_in_place(routes, rt, 1, {1, 2, 5, 6}, {"3106123456", "3106129999", "W7LEAK", "DL9QXY"});
  std::vector<std::string> n1 = words(lines_of(no)[1]);
  std::vector<std::string> n2 = words(lines_of(no)[2]);
  EXPECT_EQ(n1[0], w[0]);                        // the node is the socket's address
  EXPECT_EQ(n2[0].substr(0, 5), w[0].substr(0, 5));  // the /5 network covers it
  EXPECT_EQ(n2[0].substr(5), "00000");              // and keeps its zero digits
  EXPECT_NE(ne.find("00001 RSLOOP-0  ???"), std::string::npos);
  std::vector<formats::RoseRouteRow> ra = formats::parse_proc_net_rose_nodes(nodes, neigh);
  std::vector<formats::RoseRouteRow> rb = formats::parse_proc_net_rose_nodes(no, ne);
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    ASSERT_EQ(ra[i].neighbours.size(), rb[i].neighbours.size());
    for (size_t k = 0; k < ra[i].neighbours.size(); ++k) {
      EXPECT_EQ(ra[i].neighbours[k].number, rb[i].neighbours[k].number);
      EXPECT_EQ(ra[i].neighbours[k].device, rb[i].neighbours[k].device);
    }
  }
}

TEST(RedactLegacy, X25) {
  Redactor r(key_of(5), RedactOptions{});
  std::string sock =
      "dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n"
      "311061234567 311069876543 x25a0 010  3  1  2  0   0   3 200 180 180     4     5 12345\n"
      "*          *          ???   000  0  0  0  0   0   3 200 180 180     0     0 0\n";
  std::string out = redact(r, "/proc/net/x25", sock);
  expect_in_place(sock, out, 1, {0, 1}, {"311061234567", "311069876543"});
  EXPECT_EQ(out, redact(r, "/proc/net/x25/socket", sock));
  std::string route =
      "Address          Digits  Device\n"
      "31106            5       x25a0\n"
      "311061234567     12      x25a0\n";
  std::string ro = redact(r, "/proc/net/x25/route", route);
  expect_in_place(route, ro, 1, {0}, {"31106", "311061234567"});
  EXPECT_EQ(ro, redact(r, "/proc/net/x25_routes", route));
  std::vector<formats::X25RouteRow> rb = formats::parse_proc_net_x25_route(ro);
  std::vector<formats::X25Row> sb = formats::parse_proc_net_x25(out);
  ASSERT_EQ(rb.size(), 2u);
  ASSERT_EQ(sb.size(), 2u);
  EXPECT_EQ(rb[0].digits, 5);
  EXPECT_EQ(rb[1].address, sb[0].dest);                  // one address, one pseudonym
  EXPECT_EQ(rb[0].address, sb[0].dest.substr(0, 5));    // the route's prefix covers it
  EXPECT_EQ(sb[0].dest.substr(0, 5), sb[0].source.substr(0, 5));
  std::string fwd = "lci  dev1       dev2\n001  x25a0      x25a1\n";
  EXPECT_EQ(redact(r, "/proc/net/x25/forward", fwd), fwd);
}

TEST(RedactLegacy, AppleTalk) {
  Redactor r(key_of(6), RedactOptions{});
  std::string route =
      "Target        Router  Flags Dev\n"
      "Default     7A3C:2B  3     eth0\n"
      "7A3C:00     7A3C:2B  1     eth0\n"
      "1D2E:81     7A3C:2B  7     ipddp0\n"
      "FF00:FF     FF00:01  1     eth1\n";
  std::string out = redact(r, "/proc/net/atalk_route", route);
  expect_in_place(route, out, 1, {0, 1}, {"7A3C:", "1D2E:"});
  std::vector<formats::DdpRouteRow> a = formats::parse_proc_net_atalk_route(route);
  std::vector<formats::DdpRouteRow> b = formats::parse_proc_net_atalk_route(out);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].flags, b[i].flags);
    EXPECT_EQ(a[i].device, b[i].device);
  }
  EXPECT_EQ(b[0].target, "Default");
  EXPECT_EQ(b[0].gateway, b[1].gateway);
  EXPECT_EQ(b[1].target.substr(0, 5), b[1].gateway.substr(0, 5));  // same network
  EXPECT_EQ(b[1].target.substr(5), "00");                           // node 0 kept
  EXPECT_EQ(b[3].target, "FF00:FF");  // start-up range and broadcast node kept
}

TEST(RedactLegacy, RenamedDevicesKeepLaterColumns) {
  RedactOptions o;
  o.keep_interfaces = false;
  Redactor r(key_of(7), o);
  std::string route =
      "Address          Digits  Device\n"
      "31106            5       x25a0\n";
  std::string rule;
  std::string ro = redact_file(r, "/proc/net/x25/route", route, rule).value();
  std::string dev = r.interface("x25a0");
  EXPECT_EQ(ro.find("x25a0"), std::string::npos) << ro;
  std::vector<formats::X25RouteRow> rb = formats::parse_proc_net_x25_route(ro);
  ASSERT_EQ(rb.size(), 1u);
  EXPECT_EQ(rb[0].digits, 5);
  EXPECT_EQ(rb[0].device, dev);
  std::string sock =
      "ffff8d2f4a1c0800 ax0 DL9QXY-1 W7LEAK-2 3 1 2 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 7 9 1\n"
      "ffff8d2f4a1c0c00 ??? DL9QXY* * 0 0 0 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 * * *\n";
  Result<std::string> so = redact_file(r, "/proc/net/ax25", sock, rule);
  ASSERT_TRUE(so.ok());
  EXPECT_EQ(words(lines_of(*so)[0])[1], r.interface("ax0"));
  EXPECT_EQ(words(lines_of(*so)[1])[1], "???");
  EXPECT_EQ(formats::parse_proc_net_ax25(*so)[0].send_q,
            formats::parse_proc_net_ax25(sock)[0].send_q);
  // 2.10 reads ax25_route's "Use" at byte 15, nr_neigh's and rose_neigh's
  // device in 4-5 byte columns: the pseudonym is cut to the kernel's 4.
  std::string ax_route = "callsign  dev  mode digipeaters\nW7LEAK-2  ax0    vc\n";
  Result<std::string> ar = redact_file(r, "/proc/net/ax25_route", ax_route, rule);
  ASSERT_TRUE(ar.ok());
  std::vector<formats::Ax25RouteRow> aa = formats::parse_proc_net_ax25_route(ax_route);
  std::vector<formats::Ax25RouteRow> ab = formats::parse_proc_net_ax25_route(*ar);
  ASSERT_EQ(ab.size(), 1u);
  EXPECT_EQ(ab[0].use, aa[0].use);
  EXPECT_EQ(ab[0].device, r.interface("ax0").substr(0, 4));
  EXPECT_EQ(ar->size(), ax_route.size());
  std::string nodes = "callsign  mnemonic w n qual obs neigh\nGB7QXZ    LEAKND  0 1 200   6 00001\n";
  std::string neigh =
      "addr  callsign  dev  qual lock count failed digipeaters\n"
      "00001 G0LEAK    bpq0  200    0     1      0\n";
  Result<std::string> nn = redact_file(r, "/proc/net/nr_neigh", neigh, rule);
  ASSERT_TRUE(nn.ok());
  EXPECT_EQ(nn->size(), neigh.size());
  std::vector<formats::NetromRouteRow> nb = formats::parse_proc_net_nr_nodes(nodes, *nn);
  ASSERT_EQ(nb.size(), 1u);
  EXPECT_TRUE(nb[0].found);
  EXPECT_EQ(nb[0].neigh_device, r.interface("bpq0").substr(0, 4));
}

TEST(RedactLegacy, HeaderOnlyAndOtherFiles) {
  Redactor r(key_of(8), RedactOptions{});
  std::string rule;
  // An unknown file of a legacy folder: kept while it holds only a header.
  Result<std::string> empty = redact_file(r, "/proc/net/ipx/other", "Network Node\n", rule);
  EXPECT_TRUE(empty.ok());
  Result<std::string> rows =
      redact_file(r, "/proc/net/ipx/other", "Network Node\n5EC12E70 00163ECAFE01\n", rule);
  EXPECT_FALSE(rows.ok());
  EXPECT_EQ(rule, "dropped");
  // Headers alone pass through every rule unchanged.
  for (const char* f : {"ax25_route", "nr", "nr_nodes", "nr_neigh", "rose", "rose_nodes",
                        "rose_neigh", "x25", "x25/route", "ipx/socket", "atalk_route"}) {
    std::string header = "some header line\n";
    Result<std::string> h = redact_file(r, std::string("/proc/net/") + f, header, rule);
    ASSERT_TRUE(h.ok()) << f;
    EXPECT_EQ(*h, header) << f;
  }
}

// Two X.121 addresses sharing exactly k leading digits map to two sharing
// exactly k; lengths and classes kept; the same key maps the same.
TEST(RedactLegacy, X121PrefixPreservingOnRandomPairs) {
  Redactor r(key_of(9), RedactOptions{});
  Redactor same(key_of(9), RedactOptions{});
  Redactor other(key_of(10), RedactOptions{});
  std::mt19937 rng(1234);
  auto digits = [&](size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng() % 10));
    return s;
  };
  size_t differs = 0;
  for (int i = 0; i < 400; ++i) {
    std::string a = digits(4 + rng() % 12);
    std::string b = a.substr(0, rng() % (a.size() + 1));
    b += digits(a.size() - b.size());
    size_t k = 0;
    while (k < a.size() && a[k] == b[k]) ++k;
    std::string ma = r.x121(a);
    std::string mb = r.x121(b);
    ASSERT_EQ(ma.size(), a.size());
    ASSERT_EQ(ma.find_first_not_of("0123456789"), std::string::npos);
    size_t mk = 0;
    while (mk < ma.size() && ma[mk] == mb[mk]) ++mk;
    EXPECT_EQ(mk, k) << a << " " << b << " -> " << ma << " " << mb;
    EXPECT_EQ(ma, same.x121(a));
    differs += ma != other.x121(a);
  }
  EXPECT_GT(differs, 390u);
}

TEST(RedactLegacy, NumberPermutationsAndCallsignShape) {
  Redactor r(key_of(11), RedactOptions{});
  // AppleTalk networks: a permutation of 1..FEFF (every 16th value tried),
  // the rest kept.
  std::set<uint16_t> seen;
  for (uint32_t n = 1; n < 0xff00; n += 16) {
    uint16_t m = r.atalk_network(static_cast<uint16_t>(n));
    ASSERT_TRUE(m >= 1 && m < 0xff00) << n;
    seen.insert(m);
  }
  EXPECT_EQ(seen.size(), 0xfeffu / 16 + 1);
  EXPECT_EQ(r.atalk_network(0), 0);
  EXPECT_EQ(r.atalk_network(0xff42), 0xff42);
  std::set<uint8_t> nodes;
  for (uint32_t n = 1; n < 254; ++n) nodes.insert(r.atalk_node(static_cast<uint8_t>(n)));
  EXPECT_EQ(nodes.size(), 253u);
  EXPECT_EQ(nodes.count(0) + nodes.count(254) + nodes.count(255), 0u);
  EXPECT_EQ(r.atalk_node(255), 255);
  // IPX networks: distinct on many inputs, 0 and FFFFFFFF kept.
  std::mt19937 rng(99);
  std::set<uint32_t> nets;
  std::set<uint32_t> mapped;
  for (int i = 0; i < 2000; ++i) {
    uint32_t n = static_cast<uint32_t>(rng()) | 1;
    if (!nets.insert(n).second || n == 0xffffffffu) continue;
    uint32_t m = r.ipx_network(n);
    EXPECT_NE(m, 0u);
    EXPECT_NE(m, 0xffffffffu);
    mapped.insert(m);
  }
  EXPECT_EQ(mapped.size(), nets.size() - nets.count(0xffffffffu));
  EXPECT_EQ(r.ipx_network(0), 0u);
  EXPECT_EQ(r.ipx_network(0xffffffffu), 0xffffffffu);
  // Callsigns: letters stay letters, digits digits, SSID and '*' kept.
  std::string c = r.callsign("VK2ABC-12*");
  ASSERT_EQ(c.size(), 10u);
  EXPECT_NE(c.substr(0, 6), "VK2ABC");
  for (size_t i : {0u, 1u, 3u, 4u, 5u}) EXPECT_TRUE(std::isupper(static_cast<unsigned char>(c[i]))) << c;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(c[2]))) << c;
  EXPECT_EQ(c.substr(6), "-12*");
  EXPECT_EQ(r.callsign("VK2ABC"), c.substr(0, 6));
  for (const char* kept : {"*", "default", "RSLOOP-0", "QST", "N0CALL-3", "?????\?-?"}) {
    EXPECT_EQ(r.callsign(kept), kept);
  }
  EXPECT_EQ(r.node_alias("*"), "*");
  EXPECT_NE(r.node_alias("BPQNOD"), "BPQNOD");
  EXPECT_EQ(r.node_alias("BPQNOD").size(), 6u);
  // Hostile lengths stay linear and keep their shape.
  std::string huge(100000, '7');
  EXPECT_EQ(r.x121(huge).size(), huge.size());
  EXPECT_EQ(r.callsign(huge).size(), huge.size());
}

}  // namespace
}  // namespace netstat

namespace netstat {
namespace {

// The recorded ioctl answers of AX.25/NET/ROM, ROSE and X.25 interfaces
// (-i/-ie "HWaddr") map their callsign or X.121 address as the tables do,
// so an interface and its sockets keep one pseudonym (and -ie shows a
// callsign, not bytes).
TEST(RedactLegacy, InterfaceHardwareAddressesMatchTheTables) {
  // What a capture records: AX.25 and NET/ROM "MD2T-7" (6 characters
  // shifted left, blank-padded, then the SSID byte), ROSE 3106123456 (BCD),
  // X.25 3110612 (text).
  auto iface = [](const char* name, uint16_t type, std::vector<uint8_t> bytes) {
    IfaceInfo i;
    i.name = name;
    i.has_hw = true;
    i.hw_type = type;
    std::copy(bytes.begin(), bytes.end(), i.hw_addr.begin());
    return i;
  };
  const std::vector<uint8_t> md2t = {0x9a, 0x88, 0x64, 0xa8, 0x40, 0x40, 0x6e};
  auto mem = std::make_unique<MemoryRoot>();
  mem->add_file("/proc/net/dev", "Inter-|\n face |\n");
  mem->set_interfaces({"ax0", "nr0", "rose0", "x25a0"},
                      {iface("ax0", 3, md2t), iface("nr0", 0, md2t),
                       iface("rose0", 270, {0x31, 0x06, 0x12, 0x34, 0x56}),
                       iface("x25a0", 271, {'3', '1', '1', '0', '6', '1', '2'})});
  std::unique_ptr<Root> inner = std::move(mem);
  Redactor r(key_of(12), RedactOptions{});
  RedactingRoot red(*inner, r);
  auto callsign_of = [](const IfaceInfo& i) {
    std::string c;
    for (size_t k = 0; k < 6 && (i.hw_addr[k] >> 1) != ' '; ++k) {
      c.push_back(static_cast<char>(i.hw_addr[k] >> 1));
    }
    return c;
  };
  for (const char* name : {"ax0", "nr0"}) {
    Result<IfaceInfo> a = inner->interface_info(name);
    Result<IfaceInfo> b = red.interface_info(name);
    ASSERT_TRUE(a.ok()) << name << ": " << a.error().message;
    ASSERT_TRUE(b.ok()) << name << ": " << b.error().message;
    EXPECT_EQ(callsign_of(*a), "MD2T") << name;
    EXPECT_EQ(callsign_of(*b), r.callsign("MD2T")) << name;  // as in /proc/net/ax25
    EXPECT_NE(callsign_of(*b), "MD2T");
    EXPECT_EQ(b->hw_addr[6], a->hw_addr[6]);  // the SSID byte
    for (size_t k = 0; k < 6; ++k) EXPECT_EQ(b->hw_addr[k] & 1, a->hw_addr[k] & 1);
  }
  Result<IfaceInfo> rose = red.interface_info("rose0");
  Result<IfaceInfo> x25 = red.interface_info("x25a0");
  ASSERT_TRUE(rose.ok()) << rose.error().message;
  ASSERT_TRUE(x25.ok()) << x25.error().message;
  std::string bcd;
  for (size_t k = 0; k < 5; ++k) {
    bcd.push_back(static_cast<char>('0' + (rose->hw_addr[k] >> 4)));
    bcd.push_back(static_cast<char>('0' + (rose->hw_addr[k] & 15)));
  }
  EXPECT_EQ(bcd, r.x121("3106123456"));  // the /proc/net/rose pseudonym
  std::string text(reinterpret_cast<const char*>(x25->hw_addr.data()));
  EXPECT_EQ(text, r.x121("3110612"));  // the /proc/net/x25 pseudonym
  EXPECT_EQ(text.substr(0, 2), bcd.substr(0, 2));  // "31" shared, then 1 vs 0
  EXPECT_NE(text[2], bcd[2]);
}

}  // namespace
}  // namespace netstat
