// Tests for the legacy socket tables (IPX, AX.25, NET/ROM, X.25, ROSE).
#include <gtest/gtest.h>

#include "formats/proc_net_legacy.h"

namespace netstat::formats {
namespace {

TEST(ProcNetLegacy, Ipx) {
  std::vector<IpxRow> r = parse_proc_net_ipx(
      "Local_Address               Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n"
      "0000ABCD:000000000000:4000  Not_Connected               00000000  00000000  07     000\n"
      "0000ABCD:0A0B0C0D0E0F:0452  0000BEEF:112233445566:0453  00000010  00000020  01     1000\n"
      "00000001:000000000001:0001  00000002:000000000000:0002  00000001  00000002  0A     12345\n");
  ASSERT_EQ(3u, r.size());
  EXPECT_TRUE(r[0].local.connected);
  EXPECT_EQ(0xABCDu, r[0].local.network);
  EXPECT_EQ(0x4000, r[0].local.port);
  EXPECT_FALSE(r[0].remote.connected);
  EXPECT_EQ(7, r[0].state);
  EXPECT_EQ(0x10u, r[1].tx_queue);
  EXPECT_EQ(0x0A, r[1].local.node[0]);
  EXPECT_EQ(1000, r[1].uid);
  EXPECT_EQ(0, r[2].state);
  EXPECT_EQ(1000, r[2].uid);  // "0A" stops the scan: previous uid kept
}

TEST(ProcNetLegacy, Ax25) {
  std::vector<Ax25Row> r = parse_proc_net_ax25(
      "ffff888000000001 ax0 N0CALL-1 N0DEST-2,DIGI1 3 1 2 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 0 0 12345\n"
      "ffff888000000002 ax0 N0CALL-2 N0DEST-3 0 0 0 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 * * *\n");
  ASSERT_EQ(2u, r.size());
  EXPECT_FALSE(r[0].bad);
  EXPECT_EQ("N0DEST-2", r[0].dest);
  EXPECT_EQ(256, r[0].send_q);
  EXPECT_EQ(0, r[0].recv_q);
  EXPECT_TRUE(r[1].bad);
}

TEST(ProcNetLegacy, NetromX25Rose) {
  std::vector<NetromRow> n = parse_proc_net_nr(
      "user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2    t4      idle   n2  wnd Snd-Q Rcv-Q inode\n"
      "N0USER    N0DEST    N0SRC-1   nr0    01/02 03/04  3   1   2   0   0/030  0/003   0/180   0/000  0/003  4     5     6 12345\n"
      "short\n");
  ASSERT_EQ(2u, n.size());
  EXPECT_EQ("N0USER", n[0].user);
  EXPECT_EQ("nr0", n[0].device);
  EXPECT_EQ(3, n[0].state);
  EXPECT_EQ(5, n[0].send_q);
  EXPECT_TRUE(n[1].bad);
  std::vector<X25Row> x = parse_proc_net_x25(
      "dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n"
      "*          *          ???   000  0  0  0  0   0   3 200 180 180     0     0 0\n");
  ASSERT_EQ(1u, x.size());
  EXPECT_EQ("???", x[0].device);
  std::vector<RoseRow> ro = parse_proc_net_rose(
      "dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs\n"
      "1234567890 N0DEST-1  0987654321 N0SRC-1   rose0 00A 00001  3  0\n");
  ASSERT_EQ(1u, ro.size());
  EXPECT_EQ(10, ro[0].lci);
  EXPECT_EQ(3, ro[0].state);
}

}  // namespace
}  // namespace netstat::formats
