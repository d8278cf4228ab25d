// The interface list of `netstat -i`: names from /proc/net/dev (with their
// counters) and SIOCGIFCONF labels (without), kept in net-tools 2.10's
// "natural" order and without duplicates.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "formats/proc_net_dev.h"

namespace netstat {

struct IfaceEntry {
  std::string name;
  bool has_stats = false;  ///< the name came from /proc/net/dev
  formats::DevCounters stats;
};

/// 2.10's nstrcmp: an alias suffix ":<digits>" is cut off first; then the
/// part before the trailing digits compares as bytes (shorter first on a
/// common start), then the trailing number (atoi), then the alias-less
/// names as bytes, then no alias < alias, aliases by number, then as bytes.
/// So eth2 < eth10, veth0 < veth0:1 < veth1 < veth0:lbl.
int compare_iface_names(std::string_view a, std::string_view b);

/// compare_iface_names as a std::map ordering.
struct IfaceNameLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const {
    return compare_iface_names(a, b) < 0;
  }
};

class IfaceList {
 public:
  using Map = std::map<std::string, IfaceEntry, IfaceNameLess>;

  /// The entry called \a name (cut to 15 bytes), added in order if new.
  IfaceEntry& add(std::string_view name);
  /// Adds a /proc/net/dev row: its counters go over the entry's (only the
  /// ones the line held, as 2.10's sscanf does) and mark it as having
  /// statistics.
  void add_dev_row(const formats::ProcNetDevRow& row,
                   formats::ProcNetDevVersion version);
  /// Name -> entry, in 2.10's order.
  const Map& entries() const { return m_entries; }

 private:
  Map m_entries;
};

}  // namespace netstat
