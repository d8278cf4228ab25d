// NameLookup over the sockets mode's Resolver: a name counts as resolved
// when the Resolver's non-numeric text differs from the numeric one.
#include "src/model/names.h"

#include "src/address_text.h"

#include <arpa/inet.h>

#include <cstring>

#include <fmt/format.h>

namespace netstat::model {

NameLookup::NameLookup(Resolver& resolver)
    : m_resolver(resolver),
      m_numeric_hosts(resolver.options().numeric_hosts()),
      m_numeric_ports(resolver.options().numeric_ports()),
      m_numeric_users(resolver.options().numeric_users()) {}

bool is_any(bool v6, const AddrBytes& addr) {
  size_t n = v6 ? 16 : 4;
  for (size_t i = 0; i < n; ++i) {
    if (addr[i] != 0) return false;
  }
  return true;
}

void append_address_text(std::string& out, bool v6, const AddrBytes& addr) {
  char buf[INET6_ADDRSTRLEN];
  if (v6) {
    out.append(buf, format_ipv6(addr.data(), buf));
  } else {
    uint32_t a;
    std::memcpy(&a, addr.data(), 4);
    out.append(buf, format_dotted_quad(a, buf));
  }
}

std::string address_text(bool v6, const AddrBytes& addr) {
  std::string s;
  append_address_text(s, v6, addr);
  return s;
}

ServiceProto service_proto(Proto p) {
  switch (p) {
    case Proto::tcp: return ServiceProto::tcp;
    case Proto::udp:
    case Proto::udplite: return ServiceProto::udp;
    case Proto::raw: return ServiceProto::raw;
    default: return ServiceProto::none;
  }
}

std::optional<std::string_view> NameLookup::host(bool v6,
                                                 const AddrBytes& addr) {
  if (m_numeric_hosts || is_any(v6, addr)) return std::nullopt;
  if (!v6) {
    uint32_t a;
    std::memcpy(&a, addr.data(), 4);
    std::string_view name = m_resolver.host4(a, false);
    char buf[16];
    size_t n = format_dotted_quad(a, buf);
    if (name == std::string_view(buf, n)) return std::nullopt;
    return name;
  }
  std::string_view name = m_resolver.host6(addr, false);
  char buf[INET6_ADDRSTRLEN];
  std::string_view numeric(buf, format_ipv6_unmapped(addr.data(), buf));
  if (name == numeric) return std::nullopt;
  return name;
}

std::optional<std::string_view> NameLookup::service(uint16_t port,
                                                    ServiceProto proto) {
  if (m_numeric_ports || port == 0 || proto == ServiceProto::none) {
    return std::nullopt;
  }
  std::string_view name = m_resolver.service(port, proto, false);
  fmt::format_int n(port);
  if (name == std::string_view(n.data(), n.size())) return std::nullopt;
  return name;
}

std::optional<std::string_view> NameLookup::user(uint32_t uid) {
  if (m_numeric_users) return std::nullopt;
  int32_t id = static_cast<int32_t>(uid);
  std::string_view name = m_resolver.user(id, false);
  fmt::format_int n(id);
  if (name == std::string_view(n.data(), n.size())) return std::nullopt;
  return name;
}

}  // namespace netstat::model
