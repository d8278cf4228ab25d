// formats/sock_diag.h and formats/netlink_messages.h: inet_diag answers to
// /proc rows, and bounds on every kernel-supplied length.
#include "formats/sock_diag.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/inet_diag.h>
#include <sys/socket.h>

#include <cstring>
#include <string>

#include "formats/netlink_messages.h"

namespace netstat::formats {
namespace {

inet_diag_msg tcp4_msg() {
  inet_diag_msg m;
  std::memset(&m, 0, sizeof m);
  m.idiag_family = AF_INET;
  m.idiag_state = 1;  // ESTABLISHED
  m.idiag_timer = 2;  // keepalive
  m.idiag_retrans = 3;  // probes_out here: /proc's retrnsmt is not this
  m.id.idiag_sport = htons(22);
  m.id.idiag_dport = htons(40000);
  m.id.idiag_src[0] = htonl(0x7F000001);
  m.id.idiag_dst[0] = htonl(0x0A000002);
  m.idiag_expires = 7199990;  // ms
  m.idiag_rqueue = 5;
  m.idiag_wqueue = 9;
  m.idiag_uid = 0xFFFFFFFF;
  m.idiag_inode = 123456;
  return m;
}

std::string bytes(const inet_diag_msg& m) {
  return std::string(reinterpret_cast<const char*>(&m), sizeof m);
}

std::string attribute(uint16_t type, std::string value) {
  uint16_t len = static_cast<uint16_t>(4 + value.size());
  std::string a(4, '\0');
  std::memcpy(a.data(), &len, 2);
  std::memcpy(a.data() + 2, &type, 2);
  a += value;
  a.resize(netlink_align(a.size()), '\0');
  return a;
}

TEST(SockDiag, Tcp4RowAsProcShowsIt) {
  InetRow row;
  InetDiagDecode how;
  ASSERT_EQ(decode_inet_diag(bytes(tcp4_msg()), how, row), DiagRowStatus::row);
  EXPECT_EQ(row.family, InetFamily::inet);
  EXPECT_EQ(row.local[0], 127);
  EXPECT_EQ(row.local[3], 1);
  EXPECT_EQ(row.remote[0], 10);
  EXPECT_EQ(row.local_port, 22u);
  EXPECT_EQ(row.remote_port, 40000u);
  EXPECT_EQ(row.state, 1u);
  EXPECT_EQ(row.rx_queue, 5u);
  EXPECT_EQ(row.tx_queue, 9u);
  EXPECT_EQ(row.uid, -1);  // /proc's %5u read back with %d
  EXPECT_EQ(row.inode, 123456u);
  EXPECT_EQ(row.timer_active, 2u);
  EXPECT_EQ(row.timer_when, 719999u);  // ms -> clock ticks, rounded down
  EXPECT_EQ(row.fields, 14);
}

TEST(SockDiag, ListenSendQueueIsProcsNotTheBacklogMaximum) {
  inet_diag_msg m = tcp4_msg();
  m.idiag_state = 10;
  m.idiag_rqueue = 2;    // accept backlog: /proc shows it too
  m.idiag_wqueue = 4096; // the maximum: /proc shows write_seq - snd_una
  InetRow row;
  ASSERT_EQ(decode_inet_diag(bytes(m), InetDiagDecode{}, row), DiagRowStatus::row);
  EXPECT_EQ(row.rx_queue, 2u);
  EXPECT_EQ(row.tx_queue, 0u);
}

TEST(SockDiag, TimersTakeRetransmitsAndProbesFromTcpInfo) {
  InetDiagDecode how;
  how.timers = true;
  InetRow row;
  // Without tcp_info a full socket's retransmits are unknown.
  EXPECT_EQ(decode_inet_diag(bytes(tcp4_msg()), how, row), DiagRowStatus::inexact);
  std::string info = {1, 0, 4, 3};  // state, ca_state, retransmits, probes
  info.resize(104, '\0');
  std::string msg = bytes(tcp4_msg()) + attribute(INET_DIAG_INFO, info);
  ASSERT_EQ(decode_inet_diag(msg, how, row), DiagRowStatus::row);
  EXPECT_EQ(row.retransmits, 4u);
  EXPECT_EQ(row.timeout, 3);
  // TIME_WAIT: 0/0 in both sources, no tcp_info needed.
  inet_diag_msg tw = tcp4_msg();
  tw.idiag_state = 6;
  tw.idiag_timer = 3;
  ASSERT_EQ(decode_inet_diag(bytes(tw), how, row), DiagRowStatus::row);
  EXPECT_EQ(row.retransmits, 0u);
  // A pending connection (request socket): num_retrans is not /proc's
  // num_timeout.
  inet_diag_msg req = tcp4_msg();
  req.idiag_state = 3;
  req.idiag_timer = 1;
  EXPECT_EQ(decode_inet_diag(bytes(req), how, row), DiagRowStatus::inexact);
}

TEST(SockDiag, UdpHasNoTimersAndKeepsBothQueues) {
  inet_diag_msg m = tcp4_msg();
  m.idiag_state = 7;
  m.idiag_timer = 0;
  m.idiag_wqueue = 768;
  InetDiagDecode how;
  how.kind = InetKind::udp;
  how.timers = true;
  InetRow row;
  ASSERT_EQ(decode_inet_diag(bytes(m), how, row), DiagRowStatus::row);
  EXPECT_EQ(row.tx_queue, 768u);
  EXPECT_EQ(row.timer_active, 0u);
  EXPECT_EQ(row.timer_when, 0u);
}

TEST(SockDiag, Ipv6AddressesAreCopiedWhole) {
  inet_diag_msg m = tcp4_msg();
  m.idiag_family = AF_INET6;
  for (int i = 0; i < 4; ++i) m.id.idiag_src[i] = htonl(0x20010db8u + static_cast<uint32_t>(i));
  InetDiagDecode how;
  how.family = InetFamily::inet6;
  InetRow row;
  ASSERT_EQ(decode_inet_diag(bytes(m), how, row), DiagRowStatus::row);
  EXPECT_EQ(row.local[0], 0x20);
  EXPECT_EQ(row.local[15], 0xbb);
  // The wrong family is not a row.
  how.family = InetFamily::inet;
  EXPECT_EQ(decode_inet_diag(bytes(m), how, row), DiagRowStatus::malformed);
}

TEST(SockDiag, ShortOrOverlongInputIsMalformed) {
  InetRow row;
  InetDiagDecode how;
  std::string msg = bytes(tcp4_msg());
  for (size_t n = 0; n < msg.size(); ++n) {
    EXPECT_EQ(decode_inet_diag(msg.substr(0, n), how, row), DiagRowStatus::malformed) << n;
  }
  how.timers = true;
  // An attribute claiming more bytes than there are.
  std::string bad = msg + attribute(INET_DIAG_INFO, "abcd");
  bad[msg.size()] = 100;
  EXPECT_EQ(decode_inet_diag(bad, how, row), DiagRowStatus::malformed);
  // A length shorter than the attribute header.
  bad[msg.size()] = 2;
  EXPECT_EQ(decode_inet_diag(bad, how, row), DiagRowStatus::malformed);
}

TEST(NetlinkMessages, WalksMessagesWithinBounds) {
  auto message = [](uint16_t type, std::string payload) {
    NetlinkHeader h;
    h.length = static_cast<uint32_t>(kNetlinkHeaderSize + payload.size());
    h.type = type;
    std::string m(reinterpret_cast<const char*>(&h), kNetlinkHeaderSize);
    m += payload;
    m.resize(netlink_align(m.size()), '\0');
    return m;
  };
  std::string buf = message(20, "abc") + message(3, "");
  int seen = 0;
  EXPECT_TRUE(for_each_netlink_message(buf, [&](const NetlinkHeader& h, std::string_view p) {
    EXPECT_EQ(p.size(), seen == 0 ? 3u : 0u);
    EXPECT_EQ(h.type, seen == 0 ? 20 : 3);
    ++seen;
    return true;
  }));
  EXPECT_EQ(seen, 2);
  // A length past the buffer, or shorter than the header, stops the walk.
  std::string over = buf;
  over[0] = 120;
  EXPECT_FALSE(for_each_netlink_message(over, [](const NetlinkHeader&, std::string_view) {
    return true;
  }));
  std::string under = buf;
  under[0] = 8;
  EXPECT_FALSE(for_each_netlink_message(under, [](const NetlinkHeader&, std::string_view) {
    return true;
  }));
  EXPECT_FALSE(for_each_netlink_message(buf.substr(0, 10), [](const NetlinkHeader&,
                                                               std::string_view) {
    return true;
  }));
}

}  // namespace
}  // namespace netstat::formats
