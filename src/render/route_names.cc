// Route/cache/masquerade address naming as net-tools 2.10 does it
// (lib/inet.c INET_rresolve, lib/inet6.c INET6_rresolve and the callers in
// lib/inet_gr.c, lib/inet6_gr.c and masq_info.c), confirmed against
// /usr/bin/netstat on fixture trees with /etc/hosts and /etc/networks names.
#include "src/render/route_names.h"

#include <cstring>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace netstat {
namespace {

// The s_addr value of the file's hex text as network-order bytes.
in_addr to_in_addr(uint32_t addr) {
  uint8_t bytes[4] = {static_cast<uint8_t>(addr & 0xff),
                      static_cast<uint8_t>((addr >> 8) & 0xff),
                      static_cast<uint8_t>((addr >> 16) & 0xff),
                      static_cast<uint8_t>((addr >> 24) & 0xff)};
  in_addr a;
  std::memcpy(&a.s_addr, bytes, 4);
  return a;
}

uint32_t host_order(uint32_t addr) {
  return ((addr & 0xff) << 24) | (((addr >> 8) & 0xff) << 16) |
         (((addr >> 16) & 0xff) << 8) | ((addr >> 24) & 0xff);
}

}  // namespace

std::string RouteNames::dotted(uint32_t addr) {
  return std::string(dotted_quad(addr).view());
}

std::string RouteNames::ipv6_numeric(const formats::Ipv6Bytes& addr) {
  char buf[INET6_ADDRSTRLEN];
  return std::string(buf, format_ipv6_unmapped(addr.data(), buf));
}

const std::string& RouteNames::lookup(uint32_t addr, bool host) {
  uint64_t key = (static_cast<uint64_t>(host) << 32) | addr;
  auto it = m_cache.find(key);
  if (it != m_cache.end()) return it->second;
  std::optional<std::string> name =
      host ? m_names.host_by_addr4(to_in_addr(addr).s_addr)
           : m_names.net_by_addr(host_order(addr));
  auto inserted = m_cache.emplace(key, name ? std::move(*name) : dotted(addr));
  return inserted.first->second;
}

std::string_view RouteNames::route_destination_view(uint32_t addr,
                                                    uint32_t mask,
                                                    uint32_t flags) {
  if (m_numeric == NumericHosts::yes || addr == 0) {
    if (addr == 0 && mask == 0 && m_numeric == NumericHosts::no) return "default";
    m_dest = dotted_quad(addr);
    return m_dest.view();
  }
  bool host = (flags & 0x0004) != 0 || (addr & ~mask) != 0;
  return lookup(addr, host);
}

std::string_view RouteNames::route_gateway_view(uint32_t addr) {
  if (m_numeric == NumericHosts::yes || addr == 0) {
    m_gateway = dotted_quad(addr);
    return m_gateway.view();
  }
  return lookup(addr, true);
}

std::string_view RouteNames::address_view(uint32_t addr) {
  if (m_numeric == NumericHosts::yes || addr == 0) {
    m_address = dotted_quad(addr);
    return m_address.view();
  }
  return lookup(addr, (addr & 0xff) != 0);
}

std::string RouteNames::ipv6(const formats::Ipv6Bytes& addr) const {
  if (m_numeric == NumericHosts::no) {
    static constexpr formats::Ipv6Bytes kZero{};
    if (addr == kZero) return "[::]";
    in6_addr a;
    std::memcpy(a.s6_addr, addr.data(), 16);
    if (std::optional<std::string> name = m_names.host_by_addr6(a)) {
      return *name;
    }
  }
  return ipv6_numeric(addr);
}

}  // namespace netstat
