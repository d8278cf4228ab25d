// Redaction building blocks: Crypto-PAn's prefix preservation and per-key
// determinism on many random pairs (IPv4, IPv6, IPv4-mapped, link-local),
// the kept ranges, pseudonyms, and redact_file's rules in each file's own
// encoding.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "capture/crypto_pan.h"
#include "capture/redacting_root.h"
#include "capture/redactor.h"

namespace netstat {
namespace {

RedactKey key_of(uint8_t seed) {
  RedactKey k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(seed * 31 + i * 7 + 1);
  return k;
}

template <size_t N>
unsigned common_prefix(const std::array<uint8_t, N>& a, const std::array<uint8_t, N>& b) {
  for (unsigned i = 0; i < N * 8; ++i) {
    if (((a[i / 8] ^ b[i / 8]) >> (7 - i % 8)) & 1) return i;
  }
  return N * 8;
}

std::array<uint8_t, 4> bytes4(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
          static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

TEST(CryptoPan, Ipv4PrefixPreservingOnRandomPairs) {
  CryptoPan pan(key_of(1));
  std::mt19937 rng(42);
  for (int n = 0; n < 20000; ++n) {
    uint32_t a = rng();
    // Pairs sharing a chosen number of leading bits, then random.
    unsigned k = rng() % 33;
    uint32_t b = k == 32 ? a : ((a & ~(0xffffffffu >> k)) | (rng() & (0xffffffffu >> k)));
    if (k < 32) b ^= 0x80000000u >> k;  // differ exactly at bit k
    unsigned before = common_prefix(bytes4(a), bytes4(b));
    unsigned after = common_prefix(bytes4(pan.map4(a)), bytes4(pan.map4(b)));
    ASSERT_EQ(before, after) << std::hex << a << " " << b;
  }
}

TEST(CryptoPan, Ipv6PrefixPreservingIncludingMappedAndLinkLocal) {
  CryptoPan pan(key_of(2));
  std::mt19937 rng(7);
  auto random6 = [&rng](int kind) {
    Ipv6Bytes a{};
    for (auto& b : a) b = static_cast<uint8_t>(rng());
    if (kind == 1) {  // ::ffff:a.b.c.d
      std::fill(a.begin(), a.begin() + 10, 0);
      a[10] = a[11] = 0xff;
    } else if (kind == 2) {  // fe80::/10
      a[0] = 0xfe;
      a[1] = static_cast<uint8_t>(0x80 | (a[1] & 0x3f));
    } else if (kind == 3) {  // 2001:db8::/32
      a[0] = 0x20, a[1] = 0x01, a[2] = 0x0d, a[3] = 0xb8;
    }
    return a;
  };
  for (int n = 0; n < 3000; ++n) {
    Ipv6Bytes a = random6(static_cast<int>(rng() % 4));
    Ipv6Bytes b = rng() % 2 ? random6(static_cast<int>(rng() % 4)) : a;
    if (b == a) b[15 - rng() % 16] ^= static_cast<uint8_t>(1u << (rng() % 8));
    ASSERT_EQ(common_prefix(a, b), common_prefix(pan.map6(a), pan.map6(b)));
  }
}

TEST(CryptoPan, DeterministicPerKeyAndDifferentAcrossKeys) {
  CryptoPan a(key_of(3));
  CryptoPan b(key_of(3));
  CryptoPan c(key_of(4));
  int differ = 0;
  int tried = 0;
  std::mt19937 rng(1);
  for (int n = 0; n < 1000; ++n) {
    uint32_t v = rng() | 0x80000000u;  // outside the kept 0/1 paths' common bits
    if ((v >> 28) >= 0xe) continue;    // multicast and reserved are kept
    ASSERT_EQ(a.map4(v), b.map4(v));
    ++tried;
    differ += a.map4(v) != c.map4(v);
    EXPECT_NE(a.map4(v), v);
  }
  EXPECT_GT(tried, 500);
  EXPECT_GT(differ, tried * 95 / 100);
}

TEST(CryptoPan, KeptRangesMapToThemselves) {
  CryptoPan pan(key_of(5));
  EXPECT_EQ(pan.map4(0x7f000001u), 0x7f000001u);  // 127.0.0.1
  EXPECT_EQ(pan.map4(0x7f0a0b0cu), 0x7f0a0b0cu);
  EXPECT_EQ(pan.map4(0), 0u);
  EXPECT_EQ(pan.map4(0xe00000fbu), 0xe00000fbu);  // 224.0.0.251
  EXPECT_EQ(pan.map4(0xffffffffu), 0xffffffffu);
  Ipv6Bytes one{};
  one[15] = 1;
  EXPECT_EQ(pan.map6(one), one);
  Ipv6Bytes zero{};
  EXPECT_EQ(pan.map6(zero), zero);
  Ipv6Bytes ll{};
  ll[0] = 0xfe, ll[1] = 0x80, ll[8] = 0x52, ll[15] = 0x77;
  Ipv6Bytes m = pan.map6(ll);
  EXPECT_EQ(m[0], 0xfe);
  EXPECT_EQ(m[1] & 0xc0, 0x80);
  // fe80::/64 kept whole: it still reads as link-local (fe80::...).
  EXPECT_TRUE(std::equal(ll.begin(), ll.begin() + 8, m.begin()));
  EXPECT_NE(m, ll);
  // IPv4-mapped maps its IPv4 part exactly as IPv4.
  Ipv6Bytes v4m{};
  v4m[10] = v4m[11] = 0xff;
  v4m[12] = 10, v4m[13] = 77, v4m[14] = 123, v4m[15] = 45;
  uint32_t mapped = pan.map4(0x0a4d7b2du);
  Ipv6Bytes r = pan.map6(v4m);
  EXPECT_EQ(r[10], 0xff);
  EXPECT_EQ((uint32_t{r[12]} << 24) | (uint32_t{r[13]} << 16) | (uint32_t{r[14]} << 8) | r[15],
            mapped);
  // Nothing else lands in a kept range.
  std::mt19937 rng(9);
  for (int n = 0; n < 5000; ++n) {
    uint32_t v = rng();
    uint32_t o = pan.map4(v);
    EXPECT_EQ(v >> 24 == 127, o >> 24 == 127) << std::hex << v;
    EXPECT_EQ(v >> 28 == 0xe, o >> 28 == 0xe) << std::hex << v;
  }
}

Ipv6Bytes parse6(const char* text) {
  Ipv6Bytes a{};
  EXPECT_EQ(::inet_pton(AF_INET6, text, a.data()), 1) << text;
  return a;
}

// Multicast groups are kept, except the bits in them that name a unicast
// address: a solicited-node group's low 24 bits (an interface address's,
// the NIC half of an EUI-64 MAC) and the prefix a unicast-prefix-based or
// embedded-RP group carries (it maps as that network does).
TEST(CryptoPan, MulticastGroupsLoseTheUnicastBitsTheyCarry) {
  CryptoPan pan(key_of(6));
  Ipv6Bytes all_nodes = parse6("ff02::1");
  EXPECT_EQ(pan.map6(all_nodes), all_nodes);
  Ipv6Bytes chosen = parse6("ff15::5ec7:58");
  EXPECT_EQ(pan.map6(chosen), chosen);
  std::mt19937 rng(11);
  for (int n = 0; n < 200; ++n) {
    Ipv6Bytes sn = parse6("ff02::1:ff00:0");
    sn[13] = static_cast<uint8_t>(rng()), sn[14] = static_cast<uint8_t>(rng());
    sn[15] = static_cast<uint8_t>(rng());
    Ipv6Bytes m = pan.map6(sn);
    EXPECT_TRUE(std::equal(sn.begin(), sn.begin() + 13, m.begin()));  // the /104 kept
    EXPECT_NE(m, sn);
    EXPECT_EQ(pan.map6(sn), m);
  }
  // ff3e:40:2001:db8:5ec7:a11:0:1234 names 2001:db8:5ec7:a11::/64.
  Ipv6Bytes g = parse6("ff3e:40:2001:db8:5ec7:a11:0:1234");
  Ipv6Bytes net = parse6("2001:db8:5ec7:a11::");
  Ipv6Bytes mg = pan.map6(g);
  Ipv6Bytes mnet = pan.map6(net);
  EXPECT_TRUE(std::equal(g.begin(), g.begin() + 4, mg.begin()));
  EXPECT_TRUE(std::equal(mnet.begin(), mnet.begin() + 8, mg.begin() + 4));
  EXPECT_TRUE(std::equal(g.begin() + 12, g.end(), mg.begin() + 12));
  EXPECT_NE(mg, g);
  // Embedded RP (ff7x), a /48 prefix: only the first 48 bits of it change.
  Ipv6Bytes rp = parse6("ff7e:230:2001:db8:5ec7::9");
  Ipv6Bytes mrp = pan.map6(rp);
  EXPECT_TRUE(std::equal(mnet.begin(), mnet.begin() + 6, mrp.begin() + 4));
  EXPECT_TRUE(std::equal(rp.begin() + 10, rp.end(), mrp.begin() + 10));
  // The most specific range decides: a verbatim range inside a prefix-only
  // one is verbatim; a prefix-only range inside a verbatim one is not.
  CryptoPan pan2(key_of(6));
  KeptRange outer, inner;
  bool v6 = false;
  ASSERT_TRUE(parse_kept_range("10.0.0.0/8", false, outer, v6));
  ASSERT_TRUE(parse_kept_range("10.1.0.0/16", true, inner, v6));
  pan2.set_kept_ranges({outer, inner}, {});
  EXPECT_EQ(pan2.map4(0x0a010203u), 0x0a010203u);
  EXPECT_EQ(pan2.map4(0x0a020304u) >> 24, 10u);
  EXPECT_NE(pan2.map4(0x0a020304u), 0x0a020304u);
  ASSERT_TRUE(parse_kept_range("10.0.0.0/8", true, outer, v6));
  ASSERT_TRUE(parse_kept_range("10.1.0.0/16", false, inner, v6));
  pan2.set_kept_ranges({outer, inner}, {});
  EXPECT_EQ(pan2.map4(0x0a020304u), 0x0a020304u);
  EXPECT_EQ(pan2.map4(0x0a010203u) >> 16, 0x0a01u);
  EXPECT_NE(pan2.map4(0x0a010203u), 0x0a010203u);
}

TEST(CryptoPan, ParsesRanges) {
  KeptRange r;
  bool v6 = false;
  ASSERT_TRUE(parse_kept_range("10.0.0.0/8", true, r, v6));
  EXPECT_FALSE(v6);
  EXPECT_EQ(r.length, 8u);
  ASSERT_TRUE(parse_kept_range("2001:db8::/32", false, r, v6));
  EXPECT_TRUE(v6);
  EXPECT_FALSE(r.verbatim);
  EXPECT_FALSE(parse_kept_range("10.0.0.0", true, r, v6));
  EXPECT_FALSE(parse_kept_range("10.0.0.0/33", true, r, v6));
  EXPECT_FALSE(parse_kept_range("nonsense/3", true, r, v6));
}

TEST(Redactor, PseudonymsAreConsistentAndKeepStructure) {
  Redactor r(key_of(6), RedactOptions{});
  Redactor same(key_of(6), RedactOptions{});
  EXPECT_EQ(r.host("web1.corp.example"), same.host("web1.corp.example"));
  std::string h = r.host("web1.corp.example");
  EXPECT_EQ(std::count(h.begin(), h.end(), '.'), 2);
  EXPECT_EQ(h.find("web1"), std::string::npos);
  EXPECT_EQ(r.host("localhost"), "localhost");
  EXPECT_EQ(r.user("root"), "root");
  EXPECT_NE(r.user("alice"), "alice");
  std::string p = r.path("@/tmp/.X11-unix/X0");
  EXPECT_EQ(p[0], '@');
  EXPECT_EQ(std::count(p.begin(), p.end(), '/'), 3);
  EXPECT_EQ(p.find("X11"), std::string::npos);
  // The same component maps the same wherever it appears.
  EXPECT_EQ(r.path("/tmp").substr(1), p.substr(2, p.find('/', 2) - 2));
  std::string cmd = r.cmdline(std::string("/usr/sbin/sshd\0-D\0", 18));
  EXPECT_EQ(std::count(cmd.begin(), cmd.end(), '\0'), 2);
  EXPECT_EQ(cmd.find("sshd"), std::string::npos);
}

TEST(Redactor, MacAddresses) {
  Redactor r(key_of(7), RedactOptions{});
  std::optional<std::string> m = r.hw_text("52:54:00:AB:CD:EF");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->size(), 17u);
  EXPECT_EQ(m->find("AB:CD:EF"), std::string::npos);
  int first = std::stoi(m->substr(0, 2), nullptr, 16);
  EXPECT_EQ(first & 3, 2);  // locally administered, unicast
  EXPECT_EQ(r.hw_text("00:00:00:00:00:00"), "00:00:00:00:00:00");
  EXPECT_EQ(r.hw_text("ff:ff:ff:ff:ff:ff"), "ff:ff:ff:ff:ff:ff");
  EXPECT_FALSE(r.hw_text("not a mac"));
  RedactOptions keep;
  keep.keep_oui = true;
  Redactor k(key_of(7), keep);
  std::optional<std::string> o = k.hw_text("52:54:00:ab:cd:ef");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->substr(0, 9), "52:54:00:");
  EXPECT_NE(o->substr(9), "ab:cd:ef");
}

std::string redact(Redactor& r, const std::string& path, const std::string& data) {
  std::string rule;
  Result<std::string> out = redact_file(r, path, data, rule);
  EXPECT_TRUE(out.ok()) << path << ": " << (out.ok() ? "" : out.error().message);
  return out.ok() ? *out : std::string();
}

TEST(RedactFile, TcpKeepsEverythingButAddresses) {
  Redactor r(key_of(8), RedactOptions{});
  std::string in =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
      "timeout inode\n"
      "   0: 2D7B4D0A:0016 0100007F:D431 01 00000001:00000002 00:00000000 00000000  "
      "1000        0 99 1 0000000000000000 100 0 0 10 0\n";
  std::string out = redact(r, "/proc/net/tcp", in);
  ASSERT_EQ(out.size(), in.size());
  EXPECT_EQ(out.find("2D7B4D0A"), std::string::npos);
  EXPECT_NE(out.find(":0016 0100007F:D431 01 00000001:00000002"), std::string::npos) << out;
  uint32_t mapped = r.ipv4(0x0a4d7b2du);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08X", __builtin_bswap32(mapped));
  EXPECT_NE(out.find(hex), std::string::npos) << out;
}

TEST(RedactFile, Tcp6WordsIfInet6PlainAndMappedAgree) {
  Redactor r(key_of(9), RedactOptions{});
  // 2001:db8:abcd:1234::77 in tcp6's little-endian words and in if_inet6's order.
  std::string tcp6 =
      "  sl  local_address                         remote_address                        st\n"
      "   0: B80D01203412CDAB0000000077000000:0016 00000000000000000000000001000000:0000 0A\n";
  std::string if6 = "20010db8abcd12340000000000000077 02 40 00 80     eth0\n";
  std::string o6 = redact(r, "/proc/net/tcp6", tcp6);
  std::string oi = redact(r, "/proc/net/if_inet6", if6);
  EXPECT_EQ(o6.find("B80D01203412CDAB0000000077000000"), std::string::npos);
  EXPECT_EQ(oi.find("20010db8abcd12340000000000000077"), std::string::npos);
  // Same address, two encodings, one pseudonym.
  std::string plain = oi.substr(0, 32);
  std::string words;
  for (int w = 0; w < 4; ++w) {
    for (int b = 3; b >= 0; --b) {
      std::string byte = plain.substr(static_cast<size_t>(8 * w + 2 * b), 2);
      for (char& c : byte) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      words += byte;
    }
  }
  EXPECT_NE(o6.find(words + ":0016"), std::string::npos) << o6 << "\n" << oi;
  EXPECT_NE(o6.find("00000000000000000000000001000000:0000"), std::string::npos);  // ::1 kept
}

TEST(RedactFile, RoutesKeepNetworksAndMasks) {
  Redactor r(key_of(10), RedactOptions{});
  std::string route =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
      "eth0\t00004D0A\t017B4D0A\t0003\t0\t0\t0\t0000FFFF\t0\t0\t0\n";
  std::string out = redact(r, "/proc/net/route", route);
  std::vector<std::string> f;
  std::string line = out.substr(out.find('\n') + 1);
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find_first_of("\t\n", i);
    f.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  ASSERT_GE(f.size(), 8u);
  EXPECT_EQ(f[0], "eth0");
  EXPECT_EQ(f[7], "0000FFFF");
  EXPECT_EQ(f[1].substr(0, 4), "0000");  // host bits of the network stay zero
  EXPECT_NE(f[1], "00004D0A");
  EXPECT_NE(f[2], "017B4D0A");
  EXPECT_EQ(f[1].substr(4), f[2].substr(4));  // gateway inside the same /16
}

TEST(RedactFile, TextFormsAndNames) {
  Redactor r(key_of(11), RedactOptions{});
  std::string hosts = "# the lab\n10.77.123.45\tsecret-host.example secret\n127.0.0.1 localhost\n";
  std::string oh = redact(r, "/etc/hosts", hosts);
  EXPECT_EQ(oh.find("10.77.123.45"), std::string::npos);
  EXPECT_EQ(oh.find("secret"), std::string::npos);
  EXPECT_EQ(oh.find("lab"), std::string::npos);
  EXPECT_NE(oh.find("127.0.0.1\tlocalhost\n"), std::string::npos);
  std::string eps =
      " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n"
      "ffff88017e0c0000 ffff880122d94000 2   10  29   11111   0   39473 127.0.0.1 10.77.123.45 \n"
      "ffff88017e0c0001 ffff880122d94001 2   10  29   80   1000   39474 "
      "2001:0db8:abcd:1234:0000:0000:0000:0077 \n";
  std::string oe = redact(r, "/proc/net/sctp/eps", eps);
  EXPECT_EQ(oe.find("10.77.123.45"), std::string::npos);
  EXPECT_EQ(oe.find("2001:0db8:abcd:1234"), std::string::npos);
  EXPECT_NE(oe.find(" 127.0.0.1 "), std::string::npos);
  std::string passwd = "alice:x:1000:1000:Alice Secret,,,:/home/alice:/bin/bash\n";
  std::string op = redact(r, "/etc/passwd", passwd);
  EXPECT_EQ(op.find("lice"), std::string::npos);
  EXPECT_NE(op.find(":x:1000:1000::/"), std::string::npos) << op;
  std::string unix_table =
      "Num       RefCount Protocol Flags    Type St Inode Path\n"
      "ffff9b61ac490038: 00000002 00000000 00010000 0001 01 4001 /run/secret-q7/sock\n"
      "ffff9b61ac490039: 00000002 00000000 00010000 0001 01 4002\n";
  std::string ou = redact(r, "/proc/net/unix", unix_table);
  EXPECT_EQ(ou.find("secret"), std::string::npos);
  EXPECT_NE(ou.find(" 4001 /p"), std::string::npos) << ou;
  EXPECT_NE(ou.find(" 4002\n"), std::string::npos) << ou;
}

// Not every device has a MAC: tun and wireguard show an empty line, and
// ipip/sit/gre tunnels show their endpoints as IP text. Empty lines are kept
// as they are (two views with one stay one member) and endpoints mapped like
// every other address, never dropped.
TEST(RedactFile, SysfsAddressesOfDevicesWithoutMac) {
  Redactor r(key_of(13), RedactOptions{});
  std::string rule;
  Result<std::string> empty = redact_file(r, "/sys/class/net/tun0/address", "\n", rule);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "\n");
  Result<std::string> v4 = redact_file(r, "/sys/class/net/t1/address", "10.77.123.45\n", rule);
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->find("10.77.123.45"), std::string::npos);
  EXPECT_EQ(*v4, *r.ip_text("10.77.123.45") + "\n");
  Result<std::string> zero = redact_file(r, "/sys/class/net/t1/broadcast", "0.0.0.0\n", rule);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(*zero, "0.0.0.0\n");
  Result<std::string> v6 =
      redact_file(r, "/sys/class/net/ip6t/address", "2001:db8:77:1::5\n", rule);
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->find("2001:db8:77:1::5"), std::string::npos);
  Result<std::string> junk = redact_file(r, "/sys/class/net/x/address", "secret-thing\n", rule);
  EXPECT_FALSE(junk.ok());
  EXPECT_EQ(rule, "dropped");
}

// Legacy tables have rules of their own (tests/capture/redact_legacy_test.cc);
// a legacy folder's unknown file with rows and ndisc with rows are dropped.
TEST(RedactFile, UnknownFilesAreDropped) {
  Redactor r(key_of(12), RedactOptions{});
  std::string rule;
  Result<std::string> x = redact_file(r, "/proc/net/something_new", "10.1.2.3\n", rule);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.code(), Errc::not_captured);
  EXPECT_EQ(rule, "dropped");
  Result<std::string> ax = redact_file(r, "/proc/net/ax25", "ffff1 ax0 SECRET-1 XYZZY\n", rule);
  ASSERT_TRUE(ax.ok());
  EXPECT_EQ(ax->find("SECRET"), std::string::npos);
  Result<std::string> nd = redact_file(r, "/proc/net/ndisc", "header\n10.1.2.3 x\n", rule);
  EXPECT_FALSE(nd.ok());
  Result<std::string> empty = redact_file(r, "/proc/net/ndisc", "header\n", rule);
  EXPECT_TRUE(empty.ok());
  Result<std::string> snmp = redact_file(r, "/proc/net/snmp", "Ip: Forwarding\nIp: 1\n", rule);
  EXPECT_TRUE(snmp.ok());
  Result<std::string> bad = redact_file(r, "/proc/net/snmp", "Ip: 10.77.123.45\n", rule);
  EXPECT_FALSE(bad.ok());
}

TEST(RedactKey, CreatedPrivateAndReread) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("redact-key-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "k").string();
  bool created = false;
  Result<RedactKey> k = load_or_create_key(path, created);
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_TRUE(created);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<RedactKey> again = load_or_create_key(path, created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(*again, *k);
  std::ofstream(dir / "bad") << "xyz\n";
  EXPECT_FALSE(load_or_create_key((dir / "bad").string(), created).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace netstat
