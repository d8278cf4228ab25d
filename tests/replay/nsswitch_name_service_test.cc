// Tests for NsswitchNameService: which lookups the /etc index answers and
// which go on to the fallback (libc, live), per nsswitch.conf line.
#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "replay/memory_root.h"
#include "replay/nsswitch_name_service.h"

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

/// Stands in for libc: answers "libc-..." and counts the calls.
class FakeLibc final : public NameService {
 public:
  explicit FakeLibc(int& calls) : m_calls(calls) {}
  std::optional<std::string> host_by_addr4(uint32_t) const override {
    ++m_calls;
    return "libc-host";
  }
  std::optional<std::string> net_by_addr(uint32_t) const override {
    ++m_calls;
    return "libc-net";
  }
  std::optional<std::string> host_by_addr6(const in6_addr&) const override {
    ++m_calls;
    return "libc-host6";
  }
  std::vector<ServiceEntry> services() const override {
    ++m_calls;
    return {{"libc-svc", 1, "tcp"}};
  }
  std::vector<ProtocolEntry> protocols() const override {
    ++m_calls;
    return {{"libc-proto", 1}};
  }
  std::optional<std::string> user_by_uid(uint32_t) const override {
    ++m_calls;
    return "libc-user";
  }

 private:
  int& m_calls;
};

class NsswitchNameServiceTest : public testing::Test {
 protected:
  std::unique_ptr<NameService> make(const std::string& nsswitch) {
    if (!nsswitch.empty()) root.add_file("/etc/nsswitch.conf", nsswitch);
    root.add_file("/etc/hosts", "10.1.2.3 first\n10.1.2.3 second\n2001:db8::5 v6host\n"
                                "::ffff:10.7.7.7 mapped\n");
    root.add_file("/etc/networks", "net172 172.16.5.0\n");
    root.add_file("/etc/services", "ssh 22/tcp\n");
    root.add_file("/etc/passwd", "root:x:0:0::/:\n");
    return make_nsswitch_name_service(root, std::make_unique<FakeLibc>(calls));
  }
  MemoryRoot root;
  int calls = 0;
};

TEST_F(NsswitchNameServiceTest, FilesOnlyNeverAsksLibc) {
  auto n = make("hosts: files\nnetworks: files\n");
  EXPECT_EQ("first", n->host_by_addr4(addr4("10.1.2.3")).value_or("?"));
  EXPECT_FALSE(n->host_by_addr4(addr4("10.9.9.9")));
  EXPECT_EQ("net172", n->net_by_addr(0xAC100500).value_or("?"));
  EXPECT_FALSE(n->net_by_addr(0xAC100600));
  EXPECT_EQ("v6host", n->host_by_addr6(addr6("2001:db8::5")).value_or("?"));
  EXPECT_FALSE(n->host_by_addr6(addr6("2001:db8::6")));
  EXPECT_EQ(0, calls);
}

TEST_F(NsswitchNameServiceTest, NotfoundReturnEndsAtFiles) {
  auto n = make("hosts: files [NOTFOUND=return] dns\nnetworks: files\n");
  EXPECT_FALSE(n->host_by_addr4(addr4("10.9.9.9")));
  EXPECT_EQ(0, calls);
}

TEST_F(NsswitchNameServiceTest, FilesThenDnsAsksLibcOnMissOnly) {
  auto n = make("hosts: files dns\nnetworks: files dns\n");
  EXPECT_EQ("first", n->host_by_addr4(addr4("10.1.2.3")).value_or("?"));
  EXPECT_EQ("net172", n->net_by_addr(0xAC100500).value_or("?"));
  EXPECT_EQ(0, calls);
  EXPECT_EQ("libc-host", n->host_by_addr4(addr4("10.9.9.9")).value_or("?"));
  EXPECT_EQ("libc-net", n->net_by_addr(0xAC100600).value_or("?"));
  EXPECT_EQ("libc-host6", n->host_by_addr6(addr6("2001:db8::6")).value_or("?"));
  EXPECT_EQ(3, calls);
}

TEST_F(NsswitchNameServiceTest, OtherServiceFirstOrNoLineGoesToLibc) {
  auto n = make("hosts: dns files\n");  // no networks line: glibc's default
  EXPECT_EQ("libc-host", n->host_by_addr4(addr4("10.1.2.3")).value_or("?"));
  EXPECT_EQ("libc-net", n->net_by_addr(0xAC100500).value_or("?"));
  EXPECT_EQ(2, calls);
}

TEST_F(NsswitchNameServiceTest, NoNsswitchConfGoesToLibc) {
  auto n = make("");
  EXPECT_EQ("libc-host", n->host_by_addr4(addr4("10.1.2.3")).value_or("?"));
  EXPECT_EQ(1, calls);
}

TEST_F(NsswitchNameServiceTest, MappedV6AndTheRestGoToLibc) {
  auto n = make("hosts: files\nnetworks: files\n");
  // glibc looks these up as IPv4 addresses.
  EXPECT_EQ("libc-host6", n->host_by_addr6(addr6("::ffff:10.7.7.7")).value_or("?"));
  EXPECT_EQ("libc-host6", n->host_by_addr6(addr6("::10.1.2.3")).value_or("?"));
  EXPECT_EQ("libc-svc", n->services().at(0).name);
  EXPECT_EQ("libc-user", n->user_by_uid(0).value_or("?"));
  EXPECT_EQ(4, calls);
}

}  // namespace
}  // namespace netstat
