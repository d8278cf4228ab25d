// NameService: every name lookup netstat makes that is not a /proc read.
// Live, these go to libc (NSS: /etc files, DNS, LDAP...); for a snapshot or a
// directory root they are answered from that root's own etc/ files plus the
// answers capture recorded, never from the analyst's machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <netinet/in.h>

namespace netstat {

/// One services(5) entry as getservent() yields it (port in host order).
struct ServiceEntry {
  std::string name;
  uint16_t port = 0;
  std::string proto;
};

/// One protocols(5) entry as getprotoent() yields it.
struct ProtocolEntry {
  std::string name;
  int number = 0;
};

class NameService {
 public:
  virtual ~NameService() = default;

  /// gethostbyaddr(AF_INET): canonical name, or nullopt. \a addr is in network
  /// byte order.
  virtual std::optional<std::string> host_by_addr4(uint32_t addr) const = 0;
  /// getnetbyaddr(AF_INET): network name for \a net (host byte order).
  virtual std::optional<std::string> net_by_addr(uint32_t net) const = 0;
  /// getnameinfo(AF_INET6, flags 0) name part when it resolved to a name
  /// (nullopt when only the numeric form would be returned).
  virtual std::optional<std::string> host_by_addr6(const in6_addr& addr) const = 0;
  /// The whole services database in order (getservent loop).
  virtual std::vector<ServiceEntry> services() const = 0;
  /// The whole protocols database in order (getprotoent loop).
  virtual std::vector<ProtocolEntry> protocols() const = 0;
  /// getpwuid(uid)->pw_name.
  virtual std::optional<std::string> user_by_uid(uint32_t uid) const = 0;
};

}  // namespace netstat
