// decode_link_message: an RTM_NEWLINK message's attributes turned into what
// the device ioctls answer (SIOCGIFFLAGS, HWADDR, METRIC, MTU, MAP, TXQLEN,
// INDEX), checked with hand-built messages; and, on the running system, the
// link dump's answers equal the ioctls' for every device there is.
#include <gtest/gtest.h>

#include <net/if.h>
#include <net/if_arp.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "replay/live_system.h"

namespace netstat {
namespace {

/// An RTM_NEWLINK payload: struct ifinfomsg, then attributes.
class LinkMessage {
 public:
  LinkMessage(int index, uint16_t type, uint32_t flags) {
    ifinfomsg m;
    std::memset(&m, 0, sizeof m);
    m.ifi_family = AF_UNSPEC;
    m.ifi_index = index;
    m.ifi_type = type;
    m.ifi_flags = flags;
    m_bytes.assign(reinterpret_cast<const char*>(&m), sizeof m);
  }
  LinkMessage& attr(uint16_t type, const void* value, size_t len) {
    uint16_t total = static_cast<uint16_t>(4 + len);
    m_bytes.append(reinterpret_cast<const char*>(&total), 2);
    m_bytes.append(reinterpret_cast<const char*>(&type), 2);
    m_bytes.append(static_cast<const char*>(value), len);
    m_bytes.append((4 - len % 4) % 4, '\0');
    return *this;
  }
  LinkMessage& u32(uint16_t type, uint32_t v) { return attr(type, &v, sizeof v); }
  LinkMessage& str(uint16_t type, const std::string& s) {
    return attr(type, s.c_str(), s.size() + 1);
  }
  LinkMessage& bytes(uint16_t type, const std::vector<uint8_t>& v) {
    return attr(type, v.data(), v.size());
  }
  LinkMessage& map(const rtnl_link_ifmap& m) { return attr(IFLA_MAP, &m, sizeof m); }
  /// The attributes every answer needs, with a zero map.
  LinkMessage& basics(const std::string& name, uint32_t mtu = 1500, uint32_t qlen = 1000) {
    rtnl_link_ifmap m;
    std::memset(&m, 0, sizeof m);
    return str(IFLA_IFNAME, name).u32(IFLA_MTU, mtu).u32(IFLA_TXQLEN, qlen).map(m);
  }
  std::string_view payload() const { return m_bytes; }

 private:
  std::string m_bytes;
};

TEST(LinkDecode, AnswersAsTheIoctls) {
  LinkMessage msg(7, ARPHRD_ETHER, IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST);
  msg.basics("eth0", 9000, 4242).bytes(IFLA_ADDRESS, {0x02, 0x11, 0x22, 0x33, 0x44, 0x55});
  std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(7, got->index);
  EXPECT_EQ("eth0", got->info.name);
  EXPECT_EQ(IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST, got->info.flags);
  EXPECT_EQ(9000, got->info.mtu);
  EXPECT_EQ(4242, got->info.tx_queue_len);
  EXPECT_EQ(0, got->info.metric);
  EXPECT_TRUE(got->info.has_hw);
  EXPECT_EQ(ARPHRD_ETHER, got->info.hw_type);
  std::array<uint8_t, 14> want{0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
  EXPECT_EQ(want, got->info.hw_addr);
  EXPECT_TRUE(got->info.has_map);
  EXPECT_FALSE(got->info.has_addr);
}

TEST(LinkDecode, FlagsAreCutToSixteenBits) {
  // IFF_LOWER_UP (1<<16), IFF_DORMANT (1<<17), IFF_ECHO (1<<18) are in
  // ifi_flags but not in SIOCGIFFLAGS's short; IFF_MULTICAST (0x1000) and
  // IFF_DYNAMIC (0x8000, the sign bit of the short) are.
  uint32_t flags = IFF_UP | IFF_MULTICAST | IFF_DYNAMIC | (1u << 16) | (1u << 17) | (1u << 18);
  LinkMessage msg(3, ARPHRD_ETHER, flags);
  msg.basics("t2");
  std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(static_cast<int16_t>(IFF_UP | IFF_MULTICAST | IFF_DYNAMIC), got->info.flags);
  EXPECT_LT(got->info.flags, 0);
}

TEST(LinkDecode, HardwareAddressShortLongAndAbsent) {
  {  // addr_len 0: no IFLA_ADDRESS, sa_data all zero, still answered
    LinkMessage msg(1, ARPHRD_NONE, IFF_UP);
    msg.basics("tun0");
    std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
    ASSERT_TRUE(got.has_value());
    EXPECT_TRUE(got->info.has_hw);
    EXPECT_EQ(ARPHRD_NONE, got->info.hw_type);
    EXPECT_EQ((std::array<uint8_t, 14>{}), got->info.hw_addr);
  }
  {  // 4 bytes (ipip): the rest zero
    LinkMessage msg(2, ARPHRD_TUNNEL, 0);
    msg.basics("tunl0").bytes(IFLA_ADDRESS, {10, 1, 2, 3});
    std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ((std::array<uint8_t, 14>{10, 1, 2, 3}), got->info.hw_addr);
  }
  {  // 20 bytes (InfiniBand): the first 14 only
    std::vector<uint8_t> ib(20);
    for (size_t i = 0; i < ib.size(); ++i) ib[i] = static_cast<uint8_t>(0xA0 + i);
    LinkMessage msg(4, ARPHRD_INFINIBAND, 0);
    msg.basics("ib0").bytes(IFLA_ADDRESS, ib);
    std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
    ASSERT_TRUE(got.has_value());
    std::array<uint8_t, 14> want{};
    for (size_t i = 0; i < want.size(); ++i) want[i] = ib[i];
    EXPECT_EQ(want, got->info.hw_addr);
  }
}

TEST(LinkDecode, MapIsTruncatedToStructIfmap) {
  rtnl_link_ifmap m;
  std::memset(&m, 0, sizeof m);
  m.mem_start = 0x1122334455667788ull;
  m.mem_end = 0xFFFFFFFFFFFFFFFFull;
  m.base_addr = 0x12345678;  // unsigned short in struct ifmap
  m.irq = 0x1FF;             // unsigned char in struct ifmap
  m.dma = 7;
  m.port = 3;
  LinkMessage msg(5, ARPHRD_ETHER, 0);
  msg.str(IFLA_IFNAME, "eth1").u32(IFLA_MTU, 1500).u32(IFLA_TXQLEN, 1000).map(m);
  std::optional<LinkAnswers> got = decode_link_message(RTM_NEWLINK, msg.payload());
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->info.has_map);
  EXPECT_EQ(0x1122334455667788ull, got->info.map.mem_start);
  EXPECT_EQ(0xFFFFFFFFFFFFFFFFull, got->info.map.mem_end);
  EXPECT_EQ(0x5678, got->info.map.base_addr);
  EXPECT_EQ(0xFF, got->info.map.irq);
  EXPECT_EQ(7, got->info.map.dma);
  EXPECT_EQ(3, got->info.map.port);
}

TEST(LinkDecode, MissingOrShortAttributesLeaveTheDeviceToTheIoctls) {
  rtnl_link_ifmap m;
  std::memset(&m, 0, sizeof m);
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // no IFLA_MAP
    msg.str(IFLA_IFNAME, "a").u32(IFLA_MTU, 1500).u32(IFLA_TXQLEN, 1000);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // no IFLA_TXQLEN
    msg.str(IFLA_IFNAME, "a").u32(IFLA_MTU, 1500).map(m);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // no IFLA_MTU
    msg.str(IFLA_IFNAME, "a").u32(IFLA_TXQLEN, 1000).map(m);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // no name
    msg.u32(IFLA_MTU, 1500).u32(IFLA_TXQLEN, 1000).map(m);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // a map shorter than the struct
    msg.str(IFLA_IFNAME, "a").u32(IFLA_MTU, 1500).u32(IFLA_TXQLEN, 1000).attr(IFLA_MAP, &m, 8);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {
    LinkMessage msg(1, ARPHRD_ETHER, 0);  // a 2-byte MTU
    uint16_t two = 1500;
    msg.str(IFLA_IFNAME, "a").attr(IFLA_MTU, &two, 2).u32(IFLA_TXQLEN, 1000).map(m);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, msg.payload()).has_value());
  }
  {  // an attribute running past the message
    LinkMessage msg(1, ARPHRD_ETHER, 0);
    msg.basics("a");
    std::string cut(msg.payload());
    uint16_t huge = 200;
    cut.append(reinterpret_cast<const char*>(&huge), 2).append("\x01\x00", 2);
    EXPECT_FALSE(decode_link_message(RTM_NEWLINK, cut).has_value());
  }
  LinkMessage ok(1, ARPHRD_ETHER, 0);
  ok.basics("a");
  EXPECT_TRUE(decode_link_message(RTM_NEWLINK, ok.payload()).has_value());
  EXPECT_FALSE(decode_link_message(RTM_DELLINK, ok.payload()).has_value());
  EXPECT_FALSE(decode_link_message(RTM_NEWLINK, ok.payload().substr(0, 10)).has_value());
}

// The running system (no root needed: reading links is unprivileged): for
// every device of this namespace, and an alias label of each, the dump's
// answers equal the ioctls'.
TEST(LinkDecode, LiveDumpEqualsTheIoctls) {
  std::optional<LiveLinks> links = live_netlink_links();
  if (!links) GTEST_SKIP() << "no rtnetlink link dump here";
  ASSERT_FALSE(links->by_name.empty());
  for (const auto& [name, link] : links->by_name) {
    for (std::string asked : {name, name.substr(0, IFNAMSIZ - 3) + ":9"}) {
      Result<IfaceInfo> by_ioctl = live_interface_info(asked);
      Result<IfaceInfo> by_dump = live_interface_info(asked, nullptr, &*links);
      if (!by_ioctl.ok()) continue;  // gone meanwhile
      ASSERT_TRUE(by_dump.ok()) << asked;
      if (asked == name || asked.substr(0, asked.find(':')) == name) {
        EXPECT_EQ(*by_ioctl, *by_dump) << asked;
      }
    }
  }
}

}  // namespace
}  // namespace netstat
