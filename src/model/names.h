// NameLookup: the resolved forms --json and diff show next to the numeric
// ones ("local_port": 22, "local_service": "ssh"). It asks the sockets
// mode's Resolver (src/resolve.h: 2.10's lookup rules and caches) and
// answers nullopt where netstat would print the numeric form: -n and
// friends, the any address, port 0, or nothing found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "src/model/snapshot.h"
#include "src/resolve.h"

namespace netstat::model {

class NameLookup {
 public:
  explicit NameLookup(Resolver& resolver);

  bool numeric_hosts() const { return m_numeric_hosts; }
  bool numeric_ports() const { return m_numeric_ports; }
  bool numeric_users() const { return m_numeric_users; }
  Resolver& resolver() { return m_resolver; }

  /// The host name of a socket/group address, or nullopt. The view is
  /// valid until the next host() call.
  std::optional<std::string_view> host(bool v6, const AddrBytes& addr);
  /// The service name of \a port, or nullopt (valid until the next call).
  std::optional<std::string_view> service(uint16_t port, ServiceProto proto);
  /// The user name of \a uid, or nullopt (valid until the next call).
  std::optional<std::string_view> user(uint32_t uid);

 private:
  Resolver& m_resolver;
  bool m_numeric_hosts, m_numeric_ports, m_numeric_users;
};

/// The numeric text of an address: dotted quad, or inet_ntop's IPv6 form
/// (never truncated, v4-mapped kept as "::ffff:a.b.c.d").
std::string address_text(bool v6, const AddrBytes& addr);
/// Appends address_text() to \a out.
void append_address_text(std::string& out, bool v6, const AddrBytes& addr);
/// True for 0.0.0.0 / ::.
bool is_any(bool v6, const AddrBytes& addr);
/// The services(5) protocol netstat looks a socket's ports up under.
ServiceProto service_proto(Proto p);

}  // namespace netstat::model
