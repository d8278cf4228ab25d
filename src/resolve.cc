// Resolver: the host/port/user text of net-tools 2.10's INET_sprint,
// INET6_sprint, get_sname and finish_this_one for sockets and groups, over a
// NameService, with per-process caches (2.10 caches IPv4 names per
// (address, host-or-network) and builds its service lists once).
#include "src/resolve.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

#include <fmt/format.h>

#include "src/address_text.h"

namespace netstat {
namespace {

bool is_v4_mapped(const std::array<uint8_t, 16>& a) {
  for (size_t i = 0; i < 10; ++i) {
    if (a[i] != 0) return false;
  }
  return a[10] == 0xff && a[11] == 0xff;
}

bool is_zero(const std::array<uint8_t, 16>& a) {
  for (uint8_t b : a) {
    if (b != 0) return false;
  }
  return true;
}

std::string_view cut(std::string_view s, size_t max) {
  return s.size() > max ? s.substr(0, max) : s;
}

}  // namespace

size_t Resolver::V6Hash::operator()(const std::array<uint8_t, 16>& a) const {
  uint64_t h = 1469598103934665603ull;
  for (uint8_t b : a) h = (h ^ b) * 1099511628211ull;
  return static_cast<size_t>(h);
}

std::string_view Resolver::host4(uint32_t addr, bool numeric) {
  if (numeric || addr == 0) {
    return std::string_view(m_host_buf, format_dotted_quad(addr, m_host_buf));
  }
  // 2.10 asks for a network name when (addr & ~0xffffff00) == 0, i.e. when
  // the first octet is 0.
  bool host = (addr & 0xffu) != 0;
  uint64_t key = static_cast<uint64_t>(addr) << 1 | (host ? 1u : 0u);
  auto it = m_host4.find(key);
  if (it == m_host4.end()) {
    std::optional<std::string> name =
        host ? m_names.host_by_addr4(addr) : m_names.net_by_addr(ntohl(addr));
    std::string text;
    if (name) {
      text = std::string(cut(*name, kMaxHostText));
    } else {
      text.assign(m_host_buf, format_dotted_quad(addr, m_host_buf));
    }
    it = m_host4.emplace(key, std::move(text)).first;
  }
  return it->second;
}

std::string_view Resolver::host6(const std::array<uint8_t, 16>& addr,
                                 bool numeric) {
  std::string_view text;
  if (numeric) {
    text = std::string_view(m_host_buf, format_ipv6(addr.data(), m_host_buf));
  } else if (is_zero(addr)) {
    return "[::]";
  } else {
    auto it = m_host6.find(addr);
    if (it == m_host6.end()) {
      in6_addr a;
      std::memcpy(&a, addr.data(), 16);
      std::optional<std::string> name = m_names.host_by_addr6(a);
      std::string t;
      if (name && name->size() <= kMaxHostText) {
        t = std::move(*name);
      } else {
        t.assign(m_host_buf, format_ipv6(addr.data(), m_host_buf));
      }
      it = m_host6.emplace(addr, std::move(t)).first;
    }
    text = it->second;
  }
  if (is_v4_mapped(addr) && text.substr(0, 7) == "::ffff:") {
    text.remove_prefix(7);
  }
  return text;
}

void Resolver::load_services() {
  m_services_loaded = true;
  for (const ServiceEntry& s : m_names.services()) {
    std::unordered_map<uint16_t, std::string>* table = nullptr;
    if (s.proto == "tcp") {
      table = &m_tcp;
    } else if (s.proto == "udp") {
      table = &m_udp;
    } else if (s.proto == "raw") {
      table = &m_raw;
    } else {
      continue;
    }
    (*table)[s.port] = std::string(cut(s.name, kMaxServiceText));  // last wins
  }
  for (const ProtocolEntry& p : m_names.protocols()) {
    m_raw[static_cast<uint16_t>(p.number)] =
        std::string(cut(p.name, kMaxServiceText));
  }
}

std::string_view Resolver::service(uint16_t port, ServiceProto proto,
                                   bool numeric) {
  if (port == 0) return "*";
  if (!numeric && proto != ServiceProto::none) {
    if (!m_services_loaded) load_services();
    const std::unordered_map<uint16_t, std::string>& table =
        proto == ServiceProto::tcp ? m_tcp
        : proto == ServiceProto::udp ? m_udp
                                     : m_raw;
    auto it = table.find(port);
    if (it != table.end()) return it->second;
  }
  fmt::format_int n(port);
  std::memcpy(m_port_buf, n.data(), n.size());
  return std::string_view(m_port_buf, n.size());
}

std::string_view Resolver::user(int32_t uid, bool numeric) {
  if (!numeric) {
    uint32_t key = static_cast<uint32_t>(uid);
    auto it = m_users.find(key);
    if (it == m_users.end()) {
      it = m_users.emplace(key, m_names.user_by_uid(key)).first;
    }
    if (it->second) return *it->second;
  }
  fmt::format_int n(uid);
  std::memcpy(m_user_buf, n.data(), n.size());
  return std::string_view(m_user_buf, n.size());
}

}  // namespace netstat
