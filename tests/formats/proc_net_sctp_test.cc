// Tests for the SCTP eps/assocs parsers (strtok tokenizing as in 2.10).
#include <gtest/gtest.h>

#include "formats/proc_net_sctp.h"

namespace netstat::formats {
namespace {

TEST(ProcNetSctp, Endpoints) {
  SctpEndpointTable t = parse_proc_net_sctp_eps(
      " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n"
      "ffff88017e0c0000 ffff880122d94000 2   10  29   11111   0   39473 "
      "127.0.0.1 10.1.2.3 \n"
      "ffff88017e0c0004 ffff880122d94004 2   12  29   22   0   0x10 \n"
      "ffff88017e0c0005 ffff880122d94005 2   99\n");
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(10, t.rows[0].state);
  EXPECT_EQ(11111, t.rows[0].port);
  EXPECT_EQ(39473u, t.rows[0].inode);
  ASSERT_EQ(2u, t.rows[0].addresses.size());
  EXPECT_EQ("10.1.2.3", t.rows[0].addresses[1]);
  EXPECT_TRUE(t.rows[1].addresses.empty());
  EXPECT_EQ(16u, t.rows[1].inode);
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_EQ(3u, t.issues[0].line);
  EXPECT_EQ(SctpIssueKind::bogus_eps, t.issues[0].kind);
}

TEST(ProcNetSctp, Associations) {
  SctpAssocTable t = parse_proc_net_sctp_assocs(
      " ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE "
      "LPORT RPORT LADDRS <-> RADDRS\n"
      "ffff8800 ffff8801 2   1   4  0    1        5        6     0 39480 "
      "11111 22222 127.0.0.1 10.1.2.3 <-> *127.0.0.2 10.9.9.9 \t    7500 2\n"
      "ffff8802 ffff8803 2   1   0  0    2        -1        0  1000 39482 0 0 "
      "10.1.2.3 <->\n"
      "ffff8802 ffff8803 2   1   12  0    2        -1        0  1000\n");
  ASSERT_EQ(2u, t.rows.size());
  const SctpAssocRow& a = t.rows[0];
  EXPECT_EQ(1, a.state);  // SST, not ST
  EXPECT_EQ(5, a.tx_queue);
  EXPECT_EQ(6, a.rx_queue);
  EXPECT_EQ(22222, a.remote_port);
  ASSERT_EQ(2u, a.local_addresses.size());
  ASSERT_EQ(2u, a.remote_addresses.size());
  EXPECT_EQ("*127.0.0.2", a.remote_addresses[0]);
  EXPECT_EQ(-1, t.rows[1].tx_queue);
  EXPECT_TRUE(t.rows[1].remote_addresses.empty());
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_EQ(SctpIssueKind::bogus_assoc, t.issues[0].kind);
}

TEST(ProcNetSctp, AddressDecoding) {
  SctpAddress a = decode_sctp_address("2001:0db8:0000:0000:0000:0000:0000:0001");
  EXPECT_TRUE(a.v6);
  EXPECT_EQ(0x20, a.bytes[0]);
  EXPECT_EQ(0xb8, a.bytes[3]);
  EXPECT_EQ(1, a.bytes[15]);
  SctpAddress b = decode_sctp_address("10.1.2.3");
  EXPECT_FALSE(b.v6);
  EXPECT_EQ(10, b.bytes[0]);
  EXPECT_EQ(3, b.bytes[3]);
  SctpAddress c = decode_sctp_address("*10.1.2.3");  // inet_addr fails
  EXPECT_EQ(255, c.bytes[0]);
  EXPECT_EQ(255, c.bytes[3]);
}

TEST(ProcNetSctp, HeaderOnly) {
  EXPECT_TRUE(parse_proc_net_sctp_eps(" ENDPT SOCK\n").rows.empty());
  EXPECT_TRUE(parse_proc_net_sctp_assocs("").rows.empty());
}

}  // namespace
}  // namespace netstat::formats
