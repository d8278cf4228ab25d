// The identity replacements of `netstat redact` (docs/redaction.md): one
// 32-byte key drives Crypto-PAn for IPv4/IPv6 (capture/crypto_pan.h) and
// HMAC-SHA256 pseudonyms (GNU Nettle) for host, user and group names, UNIX
// socket paths, program names and MAC addresses, so the same key gives the
// same pseudonyms in every bundle. Optionally logs every original ->
// pseudonym pair for `--map`.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capture/crypto_pan.h"
#include "replay/result.h"

namespace netstat {

using RedactKey = std::array<uint8_t, 32>;

/// A key from the kernel's random source.
RedactKey random_redact_key();
/// Reads \a path (64 hex digits, optional newline). When the file does not
/// exist it is created (O_EXCL, mode 0600) with a random key and \a created
/// is set.
Result<RedactKey> load_or_create_key(const std::string& path, bool& created);
/// 16 hex digits naming the key without revealing it (HMAC of a constant):
/// two bundles with the same fingerprint are comparable.
std::string key_fingerprint(const RedactKey& key);

struct RedactOptions {
  bool keep_oui = false;         ///< MACs keep their first three bytes
  bool keep_interfaces = true;   ///< interface names kept (--rename-interfaces: false)
  bool log_pairs = false;        ///< collect the --map table
  std::vector<KeptRange> v4_ranges = CryptoPan::default_v4_ranges();
  std::vector<KeptRange> v6_ranges = CryptoPan::default_v6_ranges();
};

class Redactor {
 public:
  Redactor(const RedactKey& key, RedactOptions options);

  const RedactOptions& options() const { return m_options; }

  uint32_t ipv4(uint32_t host_order);
  Ipv6Bytes ipv6(const Ipv6Bytes& addr);
  /// Dotted or IPv6 text (any form inet_pton takes, optional "%scope" kept)
  /// -> the pseudonym in the same style (IPv6 written in full 8-group form
  /// when the input was, else compressed); nullopt when not an address.
  std::optional<std::string> ip_text(std::string_view text);

  /// Host names, label by label ("web1.corp.example" -> "h3a9c1e07.h..."),
  /// localhost-style names kept.
  std::string host(std::string_view name);
  /// User and group names ("root" kept).
  std::string user(std::string_view name);
  std::string group(std::string_view name);
  /// Paths component by component, '/' structure and a leading '@'
  /// (abstract UNIX sockets) kept, "." and ".." kept.
  std::string path(std::string_view p);
  /// An interface name or alias label: with keep_interfaces off, the base
  /// name becomes "i" + 8 hex digits ("eth0:1" -> "i3a9c1e07:1"; "lo"
  /// kept); unchanged otherwise.
  std::string interface(std::string_view name);
  /// The original of a name interface() returned (itself when unknown).
  std::string interface_original(std::string_view pseudonym) const;
  bool renames_interfaces() const { return !m_options.keep_interfaces; }
  /// A network namespace's name under /run/netns ("n" + 8 hex digits).
  std::string netns_name(std::string_view name);
  /// An opaque identifier (a container id, a pod UID): every hex digit
  /// replaced by a keyed one, the rest (dashes, length, case) kept.
  std::string opaque_id(std::string_view kind, std::string_view id);
  /// A recorded cmdline: each NUL-terminated argument as a path.
  std::string cmdline(std::string_view c);
  /// A hardware address's bytes: 6-byte MACs get a locally administered
  /// unicast pseudonym (first three bytes kept with keep_oui); all-zero,
  /// broadcast and multicast addresses are kept; other lengths are replaced
  /// byte for byte unless all zero.
  void hw(uint8_t* bytes, size_t n);
  /// "52:54:00:12:34:56" text form (same case); nullopt when not hex pairs.
  std::optional<std::string> hw_text(std::string_view text);

  // Legacy families (AX.25, NET/ROM, ROSE, X.25, IPX, AppleTalk): keyed
  // pseudonyms of the same shape, so fixed-width columns stay in place.

  /// An AX.25 callsign as the kernel prints it ("G4KLX", "W1AW-15", a
  /// digipeater's "RELAY*"): the base replaced by a keyed one of the same
  /// length and character classes (letters stay letters in their case,
  /// digits stay digits, anything else kept), the "-SSID" and a trailing
  /// '*' kept. Strings the kernel writes itself ("*", "default",
  /// "??????-?", "RSLOOP-0"), "QST" and the placeholders "NOCALL"/"N0CALL"
  /// are kept.
  std::string callsign(std::string_view call);
  /// A NET/ROM node alias ("BPQNOD"): same length and classes; "*" kept.
  std::string node_alias(std::string_view alias);
  /// An X.121 (X.25) or ROSE address ("505012345"): prefix-preserving per
  /// character (two addresses sharing exactly k leading characters map to
  /// two sharing exactly k, so route prefixes still cover their
  /// addresses), same length and classes; "*" kept. Past 32 characters it
  /// is not an address and is mapped like callsign() (not prefix-preserving).
  std::string x121(std::string_view address);
  /// An IPX network number: a keyed permutation of 1..FFFFFFFE; 0 and
  /// FFFFFFFF kept.
  uint32_t ipx_network(uint32_t network);
  /// An IPX node (6 bytes): a unicast one is a MAC address and maps as
  /// hw() does; all-zero and all-ones are kept; another group address gets
  /// keyed bytes that stay a group address.
  void ipx_node(uint8_t* node);
  /// AppleTalk: the network number is a keyed permutation of 1..FEFF
  /// (0 and the start-up range FF00-FFFF kept), the node one of 1..253
  /// (0, 254 and the broadcast 255 kept).
  uint16_t atalk_network(uint16_t network);
  uint8_t atalk_node(uint8_t node);

  /// kind ("ipv4", "host", ...) -> original -> pseudonym (log_pairs only).
  const std::map<std::string, std::map<std::string, std::string>>& pairs() const {
    return m_pairs;
  }

 private:
  /// Lowercase hex of HMAC-SHA256(key, kind NUL text), \a n digits.
  std::string mac_hex(std::string_view kind, std::string_view text, size_t n) const;
  std::string label(std::string_view kind, char letter, std::string_view text);
  /// \a text with every letter and digit replaced by a keyed one of its
  /// class (the whole text keys every character).
  std::string same_shape(std::string_view kind, std::string_view text);
  /// A keyed permutation of the \a bits-bit values (bits even, <= 32)
  /// that leaves out the values \a fixed says are kept (cycle walking).
  uint32_t permute(std::string_view kind, uint32_t value, unsigned bits,
                   bool (*fixed)(uint32_t));
  void log(const char* kind, std::string_view from, std::string_view to);

  RedactKey m_key;
  RedactOptions m_options;
  CryptoPan m_pan;
  std::map<std::string, std::map<std::string, std::string>> m_pairs;
  std::map<std::string, std::string, std::less<>> m_label_cache;
  std::map<std::string, std::string, std::less<>> m_iface_original;  ///< pseudonym -> name
};

}  // namespace netstat
