// Resolver: net-tools' name formatting (hosts, networks, services, users) on
// top of a root's NameService, with 2.10's caches. Modes ask it for the text
// 2.10 would print; it never calls libc lookups itself.
//
// The text rules (all confirmed against /usr/bin/netstat 2.10):
//  * IPv4 host: numeric -> dotted quad; 0.0.0.0 stays "0.0.0.0"; an address
//    whose first octet is 0 is looked up in networks(5), any other in hosts;
//    names are cut to 127 bytes; no answer -> dotted quad.
//  * IPv6 host: numeric -> inet_ntop text; "::" -> "[::]" unless numeric;
//    names longer than 127 bytes do not fit 2.10's buffer and print numeric;
//    a v4-mapped address then loses its "::ffff:" prefix.
//  * Service: port 0 -> "*" (even numeric); the services table is built once
//    per process, per protocol, the last duplicate in file order winning; the
//    "raw" table is raw services overlaid by /etc/protocols; names are cut to
//    63 bytes; no answer -> decimal.
//  * User: passwd name, or the uid as a signed int.
//
// Returned views stay valid until the next call of the same method.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "replay/name_service.h"
#include "src/options.h"

namespace netstat {

/// Which services(5) protocol a port is looked up under.
enum class ServiceProto : uint8_t { tcp, udp, raw, none };

/// Longest host text 2.10 keeps (its buffers are 128 bytes).
inline constexpr size_t kMaxHostText = 127;
/// Longest service text 2.10 keeps (64-byte buffer).
inline constexpr size_t kMaxServiceText = 63;

class Resolver {
 public:
  Resolver(const NameService& names, const Options& options)
      : m_names(names), m_options(options) {}
  const NameService& names() const { return m_names; }
  const Options& options() const { return m_options; }

  /// IPv4 host text; \a addr in network byte order (first octet lowest).
  std::string_view host4(uint32_t addr, bool numeric);
  /// IPv6 host text; \a addr in network byte order.
  std::string_view host6(const std::array<uint8_t, 16>& addr, bool numeric);
  /// Port text; \a port in host order (already cut to 16 bits).
  std::string_view service(uint16_t port, ServiceProto proto, bool numeric);
  /// User column text for \a uid (2.10 keeps it in an int).
  std::string_view user(int32_t uid, bool numeric);

 private:
  struct V6Hash {
    size_t operator()(const std::array<uint8_t, 16>& a) const;
  };
  void load_services();

  const NameService& m_names;
  const Options& m_options;
  std::unordered_map<uint64_t, std::string> m_host4;  ///< (addr, is-host) -> text
  std::unordered_map<std::array<uint8_t, 16>, std::string, V6Hash> m_host6;
  bool m_services_loaded = false;
  std::unordered_map<uint16_t, std::string> m_tcp, m_udp, m_raw;
  std::unordered_map<uint32_t, std::optional<std::string>> m_users;
  char m_host_buf[64] = {};
  char m_port_buf[16] = {};
  char m_user_buf[16] = {};
};


}  // namespace netstat
