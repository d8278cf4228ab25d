// The interface list of `netstat -i`: names from /proc/net/dev (with their
// counters) and SIOCGIFCONF labels (without), kept in net-tools 2.10's
// "natural" order and without duplicates.
#pragma once

#include <cstdint>
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

/// An interface name with its compare_iface_names sort key worked out once
/// (the key is positions in the name, so it survives copies and moves).
class IfaceSortKey {
 public:
  explicit IfaceSortKey(std::string_view name);
  const std::string& name() const { return m_name; }
  /// <0, 0, >0 as compare_iface_names(name(), other.name()).
  int compare(const IfaceSortKey& other) const;
  bool operator<(const IfaceSortKey& other) const { return compare(other) < 0; }

 private:
  std::string m_name;
  uint32_t m_prefix_len = 0;  ///< the base without its trailing digits
  uint32_t m_base_len = 0;    ///< the name without ":<digits>"
  int m_number = 0;           ///< atoi of the base's trailing digits
  bool m_has_alias = false;
  int m_alias_number = 0;     ///< atoi of the alias digits
};

class IfaceList {
 public:
  using Map = std::map<IfaceSortKey, IfaceEntry>;

  /// The entry called \a name (cut to 15 bytes), added in order if new.
  IfaceEntry& add(std::string_view name);
  /// Adds a /proc/net/dev row: its counters go over the entry's (only the
  /// ones the line held, as 2.10's sscanf does) and mark it as having
  /// statistics.
  void add_dev_row(const formats::ProcNetDevRow& row,
                   formats::ProcNetDevVersion version);
  /// Entries (with their names as keys) in 2.10's order.
  const Map& entries() const { return m_entries; }

 private:
  Map m_entries;
};

}  // namespace netstat
