// -i for a tree that is not a bundle (a sosreport, a fixture, a /host
// mount): no ioctl answers were recorded, so the answers net-tools' -i
// would have got (SIOCGIFCONF labels, SIOCGIFFLAGS/MTU/HWADDR/TXQLEN and
// the IPv4 address ioctls per name) are rebuilt from what the tree holds:
//
//   1. iproute2 text a sosreport keeps, first file that names a link wins
//      for it: sos_commands/networking/ip_-d_address, ip_address, ip_addr,
//      ip_-o_addr (addresses, flags, MTU, link address, qlen), then
//      ip_-s_-d_link, ip_-d_link, ip_link, ip_-o_link (fill what the
//      address text left out);
//   2. sys/class/net/NAME/{flags,mtu,address,type,tx_queue_len,operstate}
//      for what no iproute2 text says (sos keeps only `flags`; a /host
//      mount has them all).
//
// Where both say something, iproute2 wins: its flags are SIOCGIFFLAGS's
// (the user's PROMISC/ALLMULTI, RUNNING), while sysfs `flags` is the
// device's raw flags (PROMISC while a bridge or macvlan holds the device,
// no RUNNING: RUNNING is then taken from `operstate` up/unknown, or from
// UP alone when the tree has no operstate).
// Counters stay those of the tree's /proc/net/dev, read by the mode.
#pragma once

#include <optional>

#include "replay/root.h"
#include "replay/snapshot_interfaces.h"

namespace netstat {

/// The iproute2 files tried, in order.
inline constexpr std::string_view kIpAddressSources[] = {
    "/sos_commands/networking/ip_-d_address",
    "/sos_commands/networking/ip_address",
    "/sos_commands/networking/ip_addr",
    "/sos_commands/networking/ip_-o_addr",
};
inline constexpr std::string_view kIpLinkSources[] = {
    "/sos_commands/networking/ip_-s_-d_link",
    "/sos_commands/networking/ip_-d_link",
    "/sos_commands/networking/ip_link",
    "/sos_commands/networking/ip_-o_link",
};

/// The interface answers \a tree's files give; nullopt when it holds no
/// interface state at all (no iproute2 text, no sys/class/net).
std::optional<SnapshotInterfaces> tree_interfaces(const Root& tree);

}  // namespace netstat
