// The named network namespaces of a sosreport as views (docs/sosreport.md,
// "Network namespaces"). sos's networking plugin runs, for every name that
// `ip netns` lists (sos_commands/networking/ip_netns), `ip netns exec NAME
// netstat -W -neopa` (and -agn, -s, ip address, ip route) and keeps the
// text. No /proc/net of those namespaces is in the report, so a view of one
// is the report's tree with its /proc/net socket tables rebuilt from that
// text (formats/netstat_sockets.h): tcp, tcp6, udp, udp6, udplite,
// udplite6, raw, raw6 and unix hold the rows netstat printed, and the owners
// (-p) come from the same text's PID/Program column, as the host view's come
// from the host's netstat_-W_-neopa. /proc/net/igmp and igmp6 are rebuilt
// from the saved `netstat -W -agn` rows, /proc/net/route from the IPv4 main
// table of the saved `ip route show table all` (formats/ip_route_text.h)
// when it can be given exactly. Everything else of the namespace
// (/proc/net/snmp, dev, ipv6_route...) is not in the report: those files
// read as absent, and notes() names what the report lacks for the mode that
// asked. The host's own network state (its /proc/net, sysfs, iproute2 and
// ss/lsof text) is hidden from the view; the rest of the tree (etc/, the
// sos metadata) is shared with the host view.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "replay/result.h"
#include "replay/root.h"

namespace netstat {

/// Where a sosreport keeps the output of \a command ("netstat -W -neopa")
/// run in namespace \a name: the file sos names after `ip netns exec NAME
/// COMMAND` ("/sos_commands/networking/ip_netns_exec_NAME_netstat_-W_-neopa").
std::string sos_netns_file(std::string_view name, std::string_view command);
/// sos_netns_file(name, "netstat -W -neopa").
std::string sos_netns_neopa_path(std::string_view name);

/// The namespaces of \a tree (a sosreport) that can be views: the names
/// sos_commands/networking/ip_netns lists, in its order, whose saved
/// `netstat -W -neopa` text is there. Empty for any other tree.
std::vector<std::string> sos_netns_names(const Root& tree);

/// The view of namespace \a name of \a tree (see above); to be wrapped in a
/// SnapshotRoot like the host view. Fails when its saved text cannot be read.
Result<std::unique_ptr<Root>> open_sos_netns(std::shared_ptr<const Root> tree,
                                             const std::string& name);

}  // namespace netstat
