// Tests for the Resolver's 2.10 text rules over a scripted NameService.
#include <gtest/gtest.h>

#include <arpa/inet.h>

#include <map>

#include "src/render/socket_text.h"
#include "src/resolve.h"
#include "src/timers.h"

namespace netstat {
namespace {

class FakeNames : public NameService {
 public:
  std::map<uint32_t, std::string> hosts4, nets, users;
  std::map<std::string, std::string> hosts6;  // inet_ntop text -> name
  std::vector<ServiceEntry> svcs;
  std::vector<ProtocolEntry> protos;
  mutable int host_lookups = 0;

  std::optional<std::string> host_by_addr4(uint32_t a) const override {
    ++host_lookups;
    auto it = hosts4.find(a);
    if (it == hosts4.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> net_by_addr(uint32_t n) const override {
    auto it = nets.find(n);
    if (it == nets.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> host_by_addr6(const in6_addr& a) const override {
    char buf[64];
    inet_ntop(AF_INET6, &a, buf, sizeof buf);
    auto it = hosts6.find(buf);
    if (it == hosts6.end()) return std::nullopt;
    return it->second;
  }
  std::vector<ServiceEntry> services() const override { return svcs; }
  std::vector<ProtocolEntry> protocols() const override { return protos; }
  std::optional<std::string> user_by_uid(uint32_t u) const override {
    auto it = users.find(u);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
};

uint32_t a4(const char* s) {
  in_addr a;
  inet_pton(AF_INET, s, &a);
  return a.s_addr;
}
std::array<uint8_t, 16> a6(const char* s) {
  std::array<uint8_t, 16> a;
  inet_pton(AF_INET6, s, a.data());
  return a;
}

TEST(Resolver, Ipv4Hosts) {
  FakeNames n;
  n.hosts4[a4("10.1.2.3")] = "myhost";
  n.hosts4[a4("10.6.6.6")] = std::string(150, 'a');
  n.hosts4[a4("0.1.2.3")] = "never-used";
  n.nets[0x00010203] = "weirdnet";
  Options o;
  Resolver r(n, o);
  EXPECT_EQ("myhost", r.host4(a4("10.1.2.3"), false));
  EXPECT_EQ("10.1.2.3", r.host4(a4("10.1.2.3"), true));
  EXPECT_EQ("0.0.0.0", r.host4(0, false));
  EXPECT_EQ("weirdnet", r.host4(a4("0.1.2.3"), false));
  EXPECT_EQ("0.1.2.4", r.host4(a4("0.1.2.4"), false));
  EXPECT_EQ(std::string(127, 'a'), r.host4(a4("10.6.6.6"), false));
  EXPECT_EQ("10.9.9.9", r.host4(a4("10.9.9.9"), false));
  int before = n.host_lookups;
  EXPECT_EQ("myhost", r.host4(a4("10.1.2.3"), false));
  EXPECT_EQ(before, n.host_lookups);  // cached
}

TEST(Resolver, Ipv6Hosts) {
  FakeNames n;
  n.hosts6["2001:db8::5"] = "v6host";
  n.hosts6["2001:db8::7"] = std::string(128, 'b');
  n.hosts6["2001:db8::8"] = std::string(127, 'c');
  n.hosts6["::ffff:10.7.7.7"] = "mappedhost";
  Options o;
  Resolver r(n, o);
  EXPECT_EQ("[::]", r.host6(a6("::"), false));
  EXPECT_EQ("::", r.host6(a6("::"), true));
  EXPECT_EQ("v6host", r.host6(a6("2001:db8::5"), false));
  EXPECT_EQ("2001:db8::7", r.host6(a6("2001:db8::7"), false));
  EXPECT_EQ(std::string(127, 'c'), r.host6(a6("2001:db8::8"), false));
  EXPECT_EQ("mappedhost", r.host6(a6("::ffff:10.7.7.7"), false));
  EXPECT_EQ("10.1.2.3", r.host6(a6("::ffff:10.1.2.3"), false));
  EXPECT_EQ("10.7.7.7", r.host6(a6("::ffff:10.7.7.7"), true));
  EXPECT_EQ("::1.2.3.4", r.host6(a6("::1.2.3.4"), true));
}

TEST(Resolver, ServicesLastDuplicateWinsAndRawTable) {
  FakeNames n;
  n.svcs = {{"ssh", 22, "tcp"},     {"ssh-udp", 22, "udp"},
            {"first", 7779, "tcp"}, {"second", 7779, "tcp"},
            {"rawsvc", 1, "raw"},   {"myraw", 253, "raw"},
            {std::string(70, 's'), 7778, "tcp"}, {"sctpsvc", 9, "sctp"}};
  n.protos = {{"icmp", 1}, {"icmp-dup", 1}, {"tcp", 6}};
  Options o;
  Resolver r(n, o);
  EXPECT_EQ("*", r.service(0, ServiceProto::tcp, false));
  EXPECT_EQ("*", r.service(0, ServiceProto::tcp, true));
  EXPECT_EQ("ssh", r.service(22, ServiceProto::tcp, false));
  EXPECT_EQ("ssh-udp", r.service(22, ServiceProto::udp, false));
  EXPECT_EQ("22", r.service(22, ServiceProto::tcp, true));
  EXPECT_EQ("second", r.service(7779, ServiceProto::tcp, false));
  EXPECT_EQ(std::string(63, 's'), r.service(7778, ServiceProto::tcp, false));
  EXPECT_EQ("icmp-dup", r.service(1, ServiceProto::raw, false));
  EXPECT_EQ("myraw", r.service(253, ServiceProto::raw, false));
  EXPECT_EQ("tcp", r.service(6, ServiceProto::raw, false));
  EXPECT_EQ("9", r.service(9, ServiceProto::none, false));
  EXPECT_EQ("65535", r.service(65535, ServiceProto::tcp, false));
}

TEST(Resolver, Users) {
  FakeNames n;
  n.users[1000] = "cloudsdk";
  Options o;
  Resolver r(n, o);
  EXPECT_EQ("cloudsdk", r.user(1000, false));
  EXPECT_EQ("1000", r.user(1000, true));
  EXPECT_EQ("-1", r.user(-1, false));
  EXPECT_EQ("12345", r.user(12345, false));
}

TEST(AddressPortText, TruncationRule) {
  struct Case {
    const char* host;
    const char* port;
    const char* want;
  } cases[] = {
      {"myhost.example.com", "https", "myhost.example.co:https"},
      {"averyveryverylonghostnamethatexceeds.example.org", "40001", "averyveryverylong:40001"},
      {"2001:db8:1234:5678:9abc:def0:1234:5678", "443", "2001:db8:1234:5678::443"},
      {"10.1.2.3", "longservicenameabcdefghijklmnopqrstuvwxyz", "10.1:longservicenameabc"},
      {"myhost.example.com", "9999", "myhost.example.com:9999"},
      {"1.2", "longservicenameabcdefghijklmnopqrstuvwxyz", "1.2:longservicenameabc"},
      {"::", "22", ":::22"},
  };
  for (const Case& c : cases) {
    char buf[128];
    size_t n = render::address_port_text(c.host, c.port, false, buf);
    EXPECT_EQ(c.want, std::string(buf, n)) << c.host << " " << c.port;
  }
  char buf[128];
  std::string host(126, 'c');
  size_t n = render::address_port_text(host, "5", true, buf);
  EXPECT_EQ(host + ":", std::string(buf, n));  // snprintf into 128 bytes
  n = render::address_port_text("myhost.example.com", "https", true, buf);
  EXPECT_EQ("myhost.example.com:https", std::string(buf, n));
}

TEST(TcpStateText, ObservedTable) {
  EXPECT_EQ("", render::tcp_state_text(0));
  EXPECT_EQ("LISTEN", render::tcp_state_text(10));
  EXPECT_EQ("CLOSING", render::tcp_state_text(11));
  EXPECT_EQ("LISTENING", render::tcp_state_text(12));
  EXPECT_EQ("CONN SENT", render::tcp_state_text(13));
  EXPECT_EQ("DISC SENT", render::tcp_state_text(14));
  EXPECT_EQ("ESTABLISHED", render::tcp_state_text(15));
  EXPECT_EQ("UNKNOWN", render::tcp_state_text(16));
  EXPECT_EQ("UNKNOWN", render::tcp_state_text(0xFFFFFFFF));
  char buf[32];
  EXPECT_EQ("UNKNOWN(99)", render::sctp_state_text(99, buf));
  EXPECT_EQ("UNKNOWN(-3)", render::sctp_state_text(-3, buf));
  EXPECT_EQ("ESTABLISHED", render::sctp_state_text(1, buf));
}

TEST(Timers, Texts) {
  char b[kTimerBuf];
  auto tcp = [&](uint32_t tr, uint64_t when, uint64_t retr, int32_t to) {
    return std::string(b, format_tcp_timer(b, tr, when, retr, to, 100));
  };
  EXPECT_EQ("off (0.00/0/0)", tcp(0, 5, 0, 0));
  EXPECT_EQ("on (1.00/3/0)", tcp(1, 100, 3, 0));
  EXPECT_EQ("keepalive (7123.45/0/0)", tcp(2, 712345, 0, 0));
  EXPECT_EQ("timewait (59.99/0/0)", tcp(3, 5999, 0, 0));
  EXPECT_EQ("probe (2.50/7/9)", tcp(4, 250, 7, 9));
  EXPECT_EQ("unkn-5 (1.23/0/0)", tcp(5, 123, 0, 0));
  EXPECT_EQ("on (42949672.95/4294967295/-5)", tcp(1, 0xFFFFFFFF, 0xFFFFFFFF, -5));
  std::string big(b, format_tcp_timer(b, 0x7FFFFFFF, UINT64_MAX, INT64_MAX,
                                      INT32_MIN, 1));
  EXPECT_EQ(63u, big.size());  // 2.10's 64-byte buffer
  EXPECT_EQ("unkn-", big.substr(0, 5));
  auto dgram = [&](uint32_t tr, uint64_t when, uint64_t retr) {
    return std::string(b, format_dgram_timer(b, tr, when, retr, 2));
  };
  EXPECT_EQ("off (0.00/0/2)", dgram(0, 9, 0));
  EXPECT_EQ("on1 (1.50/0/2)", dgram(1, 150, 0));
  EXPECT_EQ("on2 (0.01/4/2)", dgram(2, 1, 4));
  EXPECT_EQ("unkn-3 (2.50/0/2)", dgram(3, 250, 0));
}

}  // namespace
}  // namespace netstat
