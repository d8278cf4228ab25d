// Redaction rules for the legacy families' tables under /proc/net: IPX
// (ipx/socket, ipx/route, ipx/interface, the older ipx and ipx_route),
// AX.25 (ax25, ax25_route), NET/ROM (nr, nr_nodes, nr_neigh), ROSE (rose,
// rose_nodes, rose_neigh, rose_routes), X.25 (x25 or x25/socket, x25/route
// or x25_routes, x25/forward) and AppleTalk (atalk_route).
//
// Their identities are callsigns, node aliases, X.121/ROSE addresses, IPX
// network numbers and nodes, and AppleTalk net:node addresses. Each is
// replaced by a keyed pseudonym of the same length and shape
// (capture/redactor.h), in place, so the kernel's column layout survives
// and net-tools 2.10's readers, several of which read these files at fixed
// byte offsets, see the same rows, states and numbers. Everything else
// (queues, states, counters, LCIs, neighbour numbers, qualities, masks,
// flags, ports) is kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "capture/redactor.h"

namespace netstat {

/// The redacted \a data of /proc/net/\a name, or nullopt when \a name is
/// not one of the tables above.
std::optional<std::string> redact_legacy_table(Redactor& r, std::string_view name,
                                               std::string_view data);

/// --rename-interfaces for the same tables: the device columns renamed
/// (the kernel's "???" kept), later columns kept at their byte offsets as
/// far as the padding allows; in the three tables net-tools 2.10 reads at
/// fixed offsets with a 4-character device column (ax25_route, nr_neigh,
/// rose_neigh) the pseudonym is cut to 4 characters. nullopt when \a name
/// has no device column.
std::optional<std::string> rename_legacy_devices(Redactor& r, std::string_view name,
                                                 std::string_view text);

}  // namespace netstat
