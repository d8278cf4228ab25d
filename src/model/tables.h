// Non-socket sections of the model, read through a Root with the shared
// parsers: routes (/proc/net/route, ipv6_route), interfaces (/proc/net/dev,
// the root's interface ioctls, /proc/net/if_inet6), statistics counters
// (/proc/net/snmp, netstat, sctp/snmp, snmp6) and the masquerade table.
// Problems that net-tools reports on stderr come back as warning texts;
// a missing file gives no rows.
#pragma once

#include <string>
#include <vector>

#include "replay/root.h"
#include "src/model/selection.h"
#include "src/model/snapshot.h"

namespace netstat::model {

/// Routes of one family: FIB entries, plus (IPv6) cache entries when
/// \a cache. Missing file: an empty list and a warning.
std::vector<Route> load_routes(const Root& root, RouteFamily family,
                               bool fib, bool cache,
                               std::vector<std::string>* warnings);

/// Every interface named by /proc/net/dev or the root's SIOCGIFCONF labels,
/// in netstat -i order; \a all keeps interfaces that are not UP.
std::vector<Interface> load_interfaces(const Root& root, bool all,
                                       std::vector<std::string>* warnings);

/// Counters of the -s files \a sel picks, sections filtered as -s does.
std::vector<Counter> load_counters(const Root& root, const StatsSelection& sel,
                                   std::vector<std::string>* warnings);

/// The -M table; an unreadable or malformed file gives a warning.
std::vector<Masquerade> load_masquerade(const Root& root,
                                        std::vector<std::string>* warnings);

}  // namespace netstat::model
