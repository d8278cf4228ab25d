// format_dotted_quad against glibc's inet_ntop, which it replaces on the hot
// paths of -rn, -ie and JSON.
#include "src/address_text.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <initializer_list>
#include <random>
#include <string>

namespace netstat {
namespace {

std::string ntop(uint32_t addr) {
  char buf[INET_ADDRSTRLEN];
  in_addr a;
  a.s_addr = addr;
  return inet_ntop(AF_INET, &a, buf, sizeof buf);
}

TEST(DottedQuad, EdgeValues) {
  char buf[16];
  std::memset(buf, 'x', sizeof buf);
  EXPECT_EQ(format_dotted_quad(0xffffffffu, buf), 15u);
  EXPECT_STREQ(buf, "255.255.255.255");
  EXPECT_EQ(format_dotted_quad(0, buf), 7u);
  EXPECT_STREQ(buf, "0.0.0.0");
  EXPECT_EQ(dotted_quad(htonl(0x0a006409)).view(),
            "10.0.100.9");  // s_addr order
  EXPECT_EQ(dotted_quad(htonl(0x7f000001)).view(), "127.0.0.1");
}

TEST(DottedQuad, EqualsInetNtop) {
  std::mt19937 rng(42);
  for (uint32_t octet = 0; octet < 256; ++octet) {
    uint32_t a = octet * 0x01010101u;
    EXPECT_EQ(dotted_quad(a).view(), ntop(a));
  }
  for (int i = 0; i < 100000; ++i) {
    uint32_t a = static_cast<uint32_t>(rng());
    ASSERT_EQ(dotted_quad(a).view(), ntop(a)) << a;
  }
}

std::string ntop6(const uint8_t* a) {
  char buf[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, a, buf, sizeof buf);
}

std::string ours6(const uint8_t* a) {
  char buf[INET6_ADDRSTRLEN + 8];
  std::memset(buf, 'x', sizeof buf);
  size_t n = format_ipv6(a, buf);
  EXPECT_EQ(buf[n], '\0');
  EXPECT_EQ(std::strlen(buf), n);
  return std::string(buf, n);
}

TEST(Ipv6Text, KnownForms) {
  auto text = [](std::initializer_list<uint8_t> bytes) {
    uint8_t a[16] = {};
    size_t i = 0;
    for (uint8_t b : bytes) a[i++] = b;
    return ours6(a);
  };
  EXPECT_EQ(text({}), "::");
  EXPECT_EQ(text({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), "::1");
  EXPECT_EQ(text({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}),
            "::ffff:10.0.0.1");
  EXPECT_EQ(text({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}),
            "::1.2.3.4");
  EXPECT_EQ(text({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}),
            "2001:db8::1:0:0:1");  // the first of two equal runs
  EXPECT_EQ(text({0x20, 0x01, 0x0d, 0xb8, 0, 1}), "2001:db8:1::");
  EXPECT_EQ(text({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe,
                  0x33, 0x44, 0x55}),
            "fe80::211:22ff:fe33:4455");
  EXPECT_EQ(text({0, 1, 0, 0, 0, 2}), "1:0:2::");  // one zero group stays "0"
}

TEST(Ipv6Text, UnmappedPrintsMappedAsDottedQuad) {
  uint8_t a[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 2};
  char buf[INET6_ADDRSTRLEN];
  EXPECT_EQ(std::string(buf, format_ipv6_unmapped(a, buf)), "192.168.1.2");
  a[10] = a[11] = 0;  // ::c0a8:102 is not mapped: inet_ntop's "::192.168.1.2"
  EXPECT_EQ(std::string(buf, format_ipv6_unmapped(a, buf)), "::192.168.1.2");
  a[0] = 0xfe;
  EXPECT_EQ(std::string(buf, format_ipv6_unmapped(a, buf)), ntop6(a));
}

// Every shape of zero runs (each group zero, small or large), plus random
// bytes, equals glibc's text.
TEST(Ipv6Text, EqualsInetNtop) {
  std::mt19937 rng(7);
  const uint16_t values[] = {0x1,   0xf,   0x10,   0xff,
                             0x100, 0xfff, 0x1000, 0xffff};
  uint8_t a[16];
  for (uint32_t mask = 0; mask < 256; ++mask) {
    for (int round = 0; round < 40; ++round) {
      for (int g = 0; g < 8; ++g) {
        uint16_t w = 0;
        if (mask & (1u << g)) w = values[rng() % 8];
        if (round % 5 == 0 && g == 5 && (mask & 0x20)) w = 0xffff;
        a[2 * g] = static_cast<uint8_t>(w >> 8);
        a[2 * g + 1] = static_cast<uint8_t>(w);
      }
      ASSERT_EQ(ours6(a), ntop6(a)) << "mask " << mask;
    }
  }
  for (int i = 0; i < 100000; ++i) {
    for (uint8_t& b : a) b = static_cast<uint8_t>(rng());
    ASSERT_EQ(ours6(a), ntop6(a));
  }
}

}  // namespace
}  // namespace netstat
