// Tests for FileNameService: lookups answered from a root's /etc files with
// glibc "files" rules (first match wins, file order kept, nsswitch honoured).
#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "replay/memory_root.h"

namespace netstat {
namespace {

uint32_t addr4(const char* s) {
  in_addr a;
  inet_pton(AF_INET, s, &a);
  return a.s_addr;
}
in6_addr addr6(const char* s) {
  in6_addr a;
  inet_pton(AF_INET6, s, &a);
  return a;
}

class FileNameServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    root.add_file("/etc/hosts",
                  "127.0.0.1 localhost\n"
                  "10.1.2.3 first alias\n"
                  "10.1.2.3 second\n"
                  "::ffff:10.7.7.7 mapped\n"
                  "2001:db8::5 v6host\n");
    root.add_file("/etc/networks", "loopback 127\nweirdnet 0.1.2.3\n");
    root.add_file("/etc/services",
                  "ssh 22/tcp\nssh 22/udp\nhexsvc 0x1e62/tcp\n");
    root.add_file("/etc/protocols", "ip 0 IP\nicmp 1 ICMP\n");
    root.add_file("/etc/passwd", "root:x:0:0::/:\nsix:x:6:6::/:\nsix2:x:6:6::/:\n");
  }
  MemoryRoot root;
};

TEST_F(FileNameServiceTest, Hosts) {
  const NameService& n = root.names();
  EXPECT_EQ("localhost", n.host_by_addr4(addr4("127.0.0.1")).value_or("?"));
  EXPECT_EQ("first", n.host_by_addr4(addr4("10.1.2.3")).value_or("?"));
  EXPECT_EQ("mapped", n.host_by_addr4(addr4("10.7.7.7")).value_or("?"));
  EXPECT_FALSE(n.host_by_addr4(addr4("10.9.9.9")));
  EXPECT_EQ("v6host", n.host_by_addr6(addr6("2001:db8::5")).value_or("?"));
  EXPECT_EQ("mapped", n.host_by_addr6(addr6("::ffff:10.7.7.7")).value_or("?"));
  EXPECT_FALSE(n.host_by_addr6(addr6("::ffff:10.1.2.3")));
}

TEST_F(FileNameServiceTest, NetworksServicesProtocolsUsers) {
  const NameService& n = root.names();
  EXPECT_EQ("loopback", n.net_by_addr(0x7f000000).value_or("?"));
  EXPECT_EQ("weirdnet", n.net_by_addr(0x00010203).value_or("?"));
  std::vector<ServiceEntry> s = n.services();
  ASSERT_EQ(3u, s.size());
  EXPECT_EQ("udp", s[1].proto);
  EXPECT_EQ(7778, s[2].port);
  std::vector<ProtocolEntry> p = n.protocols();
  ASSERT_EQ(2u, p.size());
  EXPECT_EQ("icmp", p[1].name);
  EXPECT_EQ("six", n.user_by_uid(6).value_or("?"));
  EXPECT_FALSE(n.user_by_uid(7));
}

TEST_F(FileNameServiceTest, NsswitchWithoutFilesAnswersNothing) {
  root.add_file("/etc/nsswitch.conf", "hosts: dns\npasswd: files\n");
  const NameService& n = root.names();
  EXPECT_FALSE(n.host_by_addr4(addr4("127.0.0.1")));
  EXPECT_EQ("root", n.user_by_uid(0).value_or("?"));
}

TEST(FileNameServiceEmpty, MissingFilesAnswerNothing) {
  MemoryRoot root;
  EXPECT_FALSE(root.names().host_by_addr4(0));
  EXPECT_TRUE(root.names().services().empty());
  EXPECT_FALSE(root.names().user_by_uid(0));
}

}  // namespace
}  // namespace netstat
