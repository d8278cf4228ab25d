// Socket rows of the model, read through a Root with the committed parsers
// (formats/proc_net_inet, proc_net_unix, proc_net_sctp) in net-tools 2.10's
// section order: tcp, tcp6, sctp, udp, udp6, udplite, udplite6, raw, raw6,
// unix. scan_sockets() streams (one reused Socket per row, constant memory
// per row); load_sockets() collects.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "replay/root.h"
#include "src/model/owners.h"
#include "src/model/selection.h"
#include "src/model/snapshot.h"

namespace netstat::model {

using SocketSink = std::function<void(const Socket&)>;

/// Calls \a sink for every selected socket that passes the -a/-l filter.
/// Files that are missing are skipped; bogus lines add 2.10's warning text
/// to \a warnings. \a owners may be null (no -p).
void scan_sockets(const Root& root, const SocketSelection& sel,
                  const OwnerTable* owners, const SocketSink& sink,
                  std::vector<std::string>* warnings);

/// scan_sockets() into a vector.
std::vector<Socket> load_sockets(const Root& root, const SocketSelection& sel,
                                 const OwnerTable* owners,
                                 std::vector<std::string>* warnings);

/// Group memberships of /proc/net/igmp (when \a inet) and igmp6 (\a inet6).
std::vector<Group> load_groups(const Root& root, bool inet, bool inet6,
                               std::vector<std::string>* warnings);

/// "tcp", "udp", "udplite", "raw", "sctp", "unix".
const char* proto_name(Proto p);
/// netstat's Proto column label: "tcp6", "udpl", "raw", "unix", ...
const char* proto_label(const Socket& s);

}  // namespace netstat::model
