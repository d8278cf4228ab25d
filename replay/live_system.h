// What the running kernel and libc answer outside files. Only LiveRoot (no
// prefix) and capture call these; everything else asks a Root.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "replay/interfaces.h"
#include "replay/name_service.h"
#include "replay/result.h"
#include "replay/socket_rows.h"

namespace netstat {

/// SIOCGIFCONF on an AF_INET socket: every IPv4 label, kernel order.
Result<std::vector<std::string>> live_interface_labels();
/// The first IPv4 address of each (device index, label), as the address
/// ioctls see it, from one rtnetlink dump (replay/live_netlink_interfaces.cc).
struct Ipv4LabelAddresses {
  using Key = std::pair<int, std::string>;
  struct Address {
    uint32_t local = 0, address = 0, broadcast = 0, netmask = 0;  ///< network order
  };
  std::map<Key, Address> first;
  /// Labels the ioctls must answer (an address of 0.0.0.0 among theirs).
  std::set<Key> unsure;
};
std::optional<Ipv4LabelAddresses> live_netlink_ipv4_labels();

/// What the per-device ioctls (SIOCGIFFLAGS, HWADDR, METRIC, MTU, MAP,
/// TXQLEN, INDEX) answer for one device, as read from its RTM_NEWLINK
/// message (replay/live_netlink_interfaces.cc).
struct LinkAnswers {
  int index = 0;  ///< SIOCGIFINDEX
  /// name (the device's), flags, metric, has_hw/hw_type/hw_addr, mtu,
  /// has_map/map and tx_queue_len as those ioctls fill them; the rest unset.
  IfaceInfo info;
};
/// Decodes one RTM_NEWLINK message's payload (struct ifinfomsg and its
/// attributes); nullopt for another type or when an attribute the ioctls'
/// answers need (IFLA_IFNAME, IFLA_MTU, IFLA_TXQLEN, IFLA_MAP) is missing
/// or short. Pure: unit-tested with hand-built messages.
std::optional<LinkAnswers> decode_link_message(uint16_t type, std::string_view payload);
/// Every device of the caller's network namespace by name, from one
/// RTM_GETLINK dump without statistics; nullopt when the dump failed.
struct LiveLinks {
  std::unordered_map<std::string, LinkAnswers> by_name;
};
std::optional<LiveLinks> live_netlink_links();

/// The rows of an Internet socket table from a sock_diag netlink dump
/// (replay/live_sock_diag.cc), handed to \a sink as each answer arrives. The
/// file takes over (InetRowsOutcome::file) from the first row the dump
/// cannot reproduce exactly, or where sock_diag failed unless
/// \a request.source is netlink (then: failed).
InetRowsOutcome live_sock_diag_inet_rows(const InetRowsRequest& request, long clk_tck,
                                         const InetRowSink& sink);

/// SIOCGIFFLAGS/MTU/HWADDR/MAP/TXQLEN/ADDR/DSTADDR/BRDADDR/NETMASK for \a name.
/// With \a links, the device's entry there (the name up to a ':', as the
/// ioctls look it up) replaces the device ioctls; a name not there is asked
/// through them. With \a labels, the device's index and a look-up there
/// replace the four address ioctls (unless the label is unsure).
Result<IfaceInfo> live_interface_info(std::string_view name,
                                      const Ipv4LabelAddresses* labels = nullptr,
                                      const LiveLinks* links = nullptr);
/// Drops the socket live_interface_info() keeps for the whole process: a
/// socket answers for the network namespace it was created in, so a process
/// that has entered another one (capture/netns_record.h) calls this first.
void renew_live_interface_socket();
/// libc's NSS lookups (gethostbyaddr, getnameinfo, getservent, getpwuid...).
/// Not in the static executable (replay/CMakeLists.txt): glibc's NSS loads
/// its modules with dlopen, from the glibc it was linked with.
std::unique_ptr<NameService> make_libc_name_service();

/// The running system's name service, for LiveRoot (\a live) with no prefix.
/// The usual executable (system_names.cc): /etc/hosts and /etc/networks
/// indexed as nsswitch.conf allows, libc for the rest (NETSTAT_LIBC_NAMES=1:
/// libc for everything). The static one (system_names_files.cc): \a live's
/// /etc files alone, as glibc's "files" backend reads them.
class Root;
std::unique_ptr<NameService> make_system_name_service(const Root& live);

}  // namespace netstat
