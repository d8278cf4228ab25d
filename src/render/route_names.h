// Address text for the routing tables, the IPv4 routing cache and the
// masquerade table, the way net-tools 2.10 builds it (INET_rresolve and
// INET6_rresolve over gethostbyaddr/getnetbyaddr/getnameinfo), answered
// through the root's NameService. Lookups are cached per (address, host or
// network) for the life of the object, like 2.10's INET_nn list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "formats/proc_net_ipv6_route.h"
#include "replay/name_service.h"
#include "src/address_text.h"
#include "src/safe_text.h"

namespace netstat {

/// Whether host names are looked up at all (-n, --numeric-hosts, and for
/// routes also -N, turn them off).
enum class NumericHosts : uint8_t { no, yes };

class RouteNames {
 public:
  RouteNames(const NameService& names, NumericHosts numeric)
      : m_names(names), m_numeric(numeric) {}

  /// -r Destination: "default" for 0.0.0.0/0, "0.0.0.0" for 0.0.0.0 with a
  /// mask, a host name if flag H is set or the address has bits outside the
  /// mask, else an /etc/networks name; dotted quad when nothing is found.
  /// Not yet cut to 15 bytes. \a addr and \a mask are s_addr values.
  std::string route_destination(uint32_t addr, uint32_t mask, uint32_t flags) {
    return std::string(route_destination_view(addr, mask, flags));
  }
  /// -r Gateway: "0.0.0.0" or a host name (dotted quad if none).
  std::string route_gateway(uint32_t addr) {
    return std::string(route_gateway_view(addr));
  }
  /// rt_cache and -M addresses: "0.0.0.0"; a network name when the first
  /// octet is 0; otherwise a host name; dotted quad if nothing is found.
  std::string address(uint32_t addr) { return std::string(address_view(addr)); }

  /// --safe-strings: renderers pass untrusted text (host, network and
  /// interface names) through text(), which escapes it when this is on.
  void set_safe_strings(bool on) { m_safe = on; }
  bool safe_strings() const { return m_safe; }
  /// \a s escaped when safe strings are on (held in \a scratch), else \a s.
  std::string_view text(std::string_view s, std::string& scratch) const {
    return safe_view(s, m_safe, scratch);
  }

  /// Allocation-free forms of the three above for the renderers; a view
  /// stays valid until the next call of the same method.
  std::string_view route_destination_view(uint32_t addr, uint32_t mask,
                                          uint32_t flags);
  std::string_view route_gateway_view(uint32_t addr);
  std::string_view address_view(uint32_t addr);
  /// IPv6 route address: numeric text (v4-mapped shown as a dotted quad),
  /// or "[::]" for :: and a getnameinfo name when not numeric.
  std::string ipv6(const formats::Ipv6Bytes& addr) const;

  /// Dotted quad of an s_addr value (first octet in the low byte).
  static std::string dotted(uint32_t addr);
  /// inet_ntop text, except that a v4-mapped address is its dotted quad.
  static std::string ipv6_numeric(const formats::Ipv6Bytes& addr);

 private:
  const std::string& lookup(uint32_t addr, bool host);

  const NameService& m_names;
  NumericHosts m_numeric;
  std::unordered_map<uint64_t, std::string> m_cache;
  DottedQuad m_dest, m_gateway, m_address;
  bool m_safe = false;
};

}  // namespace netstat
