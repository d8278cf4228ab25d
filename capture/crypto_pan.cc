#include "capture/crypto_pan.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace netstat {
namespace {


KeptRange range4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, unsigned len) {
  KeptRange r;
  r.prefix[0] = a;
  r.prefix[1] = b;
  r.prefix[2] = c;
  r.prefix[3] = d;
  r.length = len;
  return r;
}

// ::ffff:0:0/96 acts as a kept prefix (map6 maps its members as IPv4), so
// no other address maps into it.
KeptRange mapped_range() {
  KeptRange r;
  r.prefix[10] = 0xff;
  r.prefix[11] = 0xff;
  r.length = 96;
  r.verbatim = false;
  return r;
}

}  // namespace

bool parse_kept_range(std::string_view text, bool verbatim, KeptRange& out,
                      bool& v6) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  std::string addr(text.substr(0, slash));
  std::string_view len_text = text.substr(slash + 1);
  unsigned len = 0;
  auto [p, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  if (ec != std::errc() || p != len_text.data() + len_text.size()) return false;
  KeptRange r;
  r.verbatim = verbatim;
  r.length = len;
  if (::inet_pton(AF_INET, addr.c_str(), r.prefix.data()) == 1) {
    if (len > 32) return false;
    v6 = false;
  } else if (::inet_pton(AF_INET6, addr.c_str(), r.prefix.data()) == 1) {
    if (len > 128) return false;
    v6 = true;
  } else {
    return false;
  }
  out = r;
  return true;
}

CryptoPan::CryptoPan(const std::array<uint8_t, 32>& key) {
  aes128_set_encrypt_key(&m_aes, key.data());
  aes128_encrypt(&m_aes, 16, m_pad.data(), key.data() + 16);
  set_kept_ranges(default_v4_ranges(), default_v6_ranges());
}

std::vector<KeptRange> CryptoPan::default_v4_ranges() {
  return {range4(0, 0, 0, 0, 32), range4(127, 0, 0, 0, 8), range4(224, 0, 0, 0, 4),
          range4(255, 255, 255, 255, 32)};
}

std::vector<KeptRange> CryptoPan::default_v6_ranges() {
  std::vector<KeptRange> r(5);
  r[0].length = 128;  // ::
  r[1].length = 128;  // ::1
  r[1].prefix[15] = 1;
  r[2].prefix[0] = 0xff;  // ff00::/8
  r[2].length = 8;
  r[3].prefix[0] = 0xfe;  // fe80::/64 (link-local), prefix only
  r[3].prefix[1] = 0x80;
  r[3].length = 64;
  r[3].verbatim = false;
  // ff02::1:ff00:0/104, the solicited-node groups: their low 24 bits are
  // those of an address of the interface (the NIC's half of an EUI-64
  // MAC), so only the prefix is kept.
  r[4].prefix[0] = 0xff;
  r[4].prefix[1] = 0x02;
  r[4].prefix[11] = 0x01;
  r[4].prefix[12] = 0xff;
  r[4].length = 104;
  r[4].verbatim = false;
  return r;
}

void CryptoPan::set_kept_ranges(std::vector<KeptRange> v4, std::vector<KeptRange> v6) {
  m_v4 = std::move(v4);
  m_v6 = std::move(v6);
  m_v6.push_back(mapped_range());
  m_cache4.clear();
  m_cache6.clear();
}

bool CryptoPan::flip(const uint8_t* addr, unsigned i) {
  // The first i bits from the address, the rest from the pad.
  uint8_t block[16];
  std::memcpy(block, m_pad.data(), 16);
  unsigned bytes = i / 8;
  std::memcpy(block, addr, bytes);
  if (unsigned rest = i % 8; rest != 0) {
    uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
    block[bytes] = static_cast<uint8_t>((addr[bytes] & mask) | (m_pad[bytes] & ~mask));
  }
  uint8_t out[16];
  aes128_encrypt(&m_aes, 16, out, block);
  return (out[0] & 0x80) != 0;
}

// Common prefix length of \a a and \a b (at most \a n bits).
unsigned common_bits(const uint8_t* a, const uint8_t* b, unsigned n) {
  unsigned i = 0;
  while (i + 8 <= n && a[i / 8] == b[i / 8]) i += 8;
  while (i < n && (((a[i / 8] ^ b[i / 8]) >> (7 - i % 8)) & 1) == 0) ++i;
  return i;
}

template <size_t N>
std::array<uint8_t, N> CryptoPan::map_bits(const std::array<uint8_t, N>& in,
                                           const std::vector<KeptRange>& ranges) {
  // keep_bit(i) in closed form: bit i is kept while the first i bits lie on
  // a kept range's path (i < length and i <= the common prefix), and always
  // inside a verbatim range, unless a longer prefix-only range inside it
  // holds the address (the most specific range wins: ff02::1:ff00:0/104
  // inside ff00::/8).
  unsigned kept_until = 0;  // bits [0, kept_until) are kept
  const KeptRange* inside = nullptr;  // the longest range holding the address
  for (const KeptRange& r : ranges) {
    unsigned cp = common_bits(in.data(), r.prefix.data(), r.length);
    if (cp >= r.length && (inside == nullptr || r.length > inside->length ||
                           (r.length == inside->length && r.verbatim))) {
      inside = &r;
    }
    unsigned k = std::min(cp + 1, r.length);
    kept_until = std::max(kept_until, k);
  }
  if (inside != nullptr && inside->verbatim) return in;
  std::array<uint8_t, N> out = in;
  for (unsigned i = kept_until; i < N * 8; ++i) {
    if (flip(in.data(), i)) out[i / 8] = static_cast<uint8_t>(out[i / 8] ^ (0x80 >> (i % 8)));
  }
  return out;
}

uint32_t CryptoPan::map4(uint32_t addr) {
  if (auto it = m_cache4.find(addr); it != m_cache4.end()) return it->second;
  std::array<uint8_t, 4> in{static_cast<uint8_t>(addr >> 24), static_cast<uint8_t>(addr >> 16),
                            static_cast<uint8_t>(addr >> 8), static_cast<uint8_t>(addr)};
  std::array<uint8_t, 4> o = map_bits(in, m_v4);
  uint32_t r = (uint32_t{o[0]} << 24) | (uint32_t{o[1]} << 16) | (uint32_t{o[2]} << 8) | o[3];
  m_cache4.emplace(addr, r);
  return r;
}

Ipv6Bytes CryptoPan::map6(const Ipv6Bytes& addr) {
  std::string key(reinterpret_cast<const char*>(addr.data()), addr.size());
  if (auto it = m_cache6.find(key); it != m_cache6.end()) return it->second;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  Ipv6Bytes r;
  if (std::memcmp(addr.data(), kMapped, 12) == 0) {
    // IPv4-mapped: the prefix is on the path of :: and ::1 (80 zero bits)
    // and kept; the IPv4 part maps as IPv4 does.
    uint32_t v4 = (uint32_t{addr[12]} << 24) | (uint32_t{addr[13]} << 16) |
                  (uint32_t{addr[14]} << 8) | addr[15];
    uint32_t m = map4(v4);
    r = addr;
    r[12] = static_cast<uint8_t>(m >> 24);
    r[13] = static_cast<uint8_t>(m >> 16);
    r[14] = static_cast<uint8_t>(m >> 8);
    r[15] = static_cast<uint8_t>(m);
  } else {
    r = map_bits(addr, m_v6);
    // A multicast group kept verbatim that embeds a unicast prefix
    // (RFC 3306 ff3x::/12, RFC 3956 embedded-RP ff7x::/12: flag P set,
    // byte 3 the prefix length, bytes 4-11 the prefix): the prefix maps as
    // that network does, so the group still names the (pseudonymous)
    // network and no original bit of it survives.
    unsigned plen = addr[3];
    if (r == addr && addr[0] == 0xff && ((addr[1] >> 4) & 0x2) != 0 && plen > 0 && plen <= 64) {
      Ipv6Bytes net{};
      std::memcpy(net.data(), addr.data() + 4, 8);
      Ipv6Bytes m = map6(net);
      for (unsigned i = 0; i < plen; ++i) {
        uint8_t bit = static_cast<uint8_t>(0x80 >> (i % 8));
        uint8_t& o = r[4 + i / 8];
        o = static_cast<uint8_t>((o & ~bit) | (m[i / 8] & bit));
      }
    }
  }
  m_cache6.emplace(std::move(key), r);
  return r;
}

}  // namespace netstat
