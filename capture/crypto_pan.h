// Prefix-preserving IP address pseudonyms: Crypto-PAn (Xu, Fan, Ammar, Moon,
// "Prefix-preserving IP address anonymization", ICNP 2002) with AES-128 from
// GNU Nettle. Bit i of the output is bit i of the input XOR the first bit of
// AES_K(first i input bits, padded with a secret pad), so two addresses that
// share exactly k leading bits map to two that share exactly k, and the map
// is a bijection fixed by the 32-byte key.
//
// Kept ranges: a prefix on the path to (or, for a verbatim range, inside) a
// kept range is never flipped, so its addresses map into themselves and
// everything else maps outside. Defaults (docs/redaction.md):
//   IPv4 verbatim: 0.0.0.0/32, 127.0.0.0/8, 224.0.0.0/4 (multicast),
//                  255.255.255.255/32
//   IPv6 verbatim: ::/128, ::1/128, ff00::/8 (multicast)
//   IPv6 prefix kept, rest pseudonymised: fe80::/64 (link-local),
//                  ff02::1:ff00:0/104 (solicited-node groups: their low 24
//                  bits are an interface address's)
//   The most specific range holding an address decides.
//   Multicast groups kept verbatim that embed a unicast prefix (ff3x, ff7x:
//   RFC 3306/3956) get that prefix mapped as the network maps.
//   ::ffff:0:0/96 (IPv4-mapped): the prefix kept and the IPv4 part mapped as
//                  IPv4, so a client seen on a v4 and a v6 socket stays one.
// The price of keeping a range is intrinsic to prefix preservation: an
// address keeps its leading bits as long as they agree with a kept range's
// (10.0.0.0/8 shares 0000 1 with 0.0.0.0/32, so it maps into 8.0.0.0/5).
#pragma once

#include <nettle/aes.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netstat {

using Ipv6Bytes = std::array<uint8_t, 16>;

/// A range of addresses whose prefix bits are never changed.
struct KeptRange {
  Ipv6Bytes prefix{};  ///< IPv4 ranges use the first 4 bytes
  unsigned length = 0;
  /// true: every address inside is kept as is; false: only the prefix.
  bool verbatim = true;
};

/// "127.0.0.0/8", "fe80::/10" (verbatim unless \a verbatim is false). Sets
/// \a v6; false when malformed.
bool parse_kept_range(std::string_view text, bool verbatim, KeptRange& out,
                      bool& v6);

class CryptoPan {
 public:
  /// \a key: 32 bytes (16 AES key, 16 pad seed).
  explicit CryptoPan(const std::array<uint8_t, 32>& key);

  /// Replaces the default kept ranges.
  void set_kept_ranges(std::vector<KeptRange> v4, std::vector<KeptRange> v6);
  static std::vector<KeptRange> default_v4_ranges();
  static std::vector<KeptRange> default_v6_ranges();

  /// \a addr in host order (10.1.2.3 = 0x0a010203).
  uint32_t map4(uint32_t addr);
  Ipv6Bytes map6(const Ipv6Bytes& addr);

 private:
  /// The first bit of AES(first \a i bits of \a addr + pad bits).
  bool flip(const uint8_t* addr, unsigned i);
  template <size_t N>
  std::array<uint8_t, N> map_bits(const std::array<uint8_t, N>& in,
                                  const std::vector<KeptRange>& ranges);

  aes128_ctx m_aes;
  std::array<uint8_t, 16> m_pad{};
  std::vector<KeptRange> m_v4;
  std::vector<KeptRange> m_v6;
  std::unordered_map<uint32_t, uint32_t> m_cache4;
  std::unordered_map<std::string, Ipv6Bytes> m_cache6;
};

}  // namespace netstat
