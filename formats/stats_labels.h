// The `netstat -s` label tables of net-tools 2.10 (reference Appendix A):
// for each known section, its counters' sentences and print classes, in
// 2.10's internal order, and the lookup 2.10 does over them.
//
// 2.10 looks a counter up with glibc bsearch()/strcmp() although several
// tables are not sorted, so some names that are in a table are never found
// and get printed raw ("Forwarding: 1"). find_label() runs the same binary
// search over the same order, so exactly those names are missed.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace netstat::formats {

enum class LabelClass : uint8_t {
  always,    ///< printed even when 0, indent 4
  nonzero,   ///< printed when != 0, indent 4
  in_hist,   ///< ICMP input histogram entry (indent 8, only when > 0)
  out_hist,  ///< ICMP output histogram entry
  fixed,     ///< "static" in 2.10 (DefaultTTL, RtoAlgorithm): never printed
  empty,     ///< empty sentence (MaxConn, RtoMin, RtoMax): never printed
};

struct Label {
  std::string_view key;
  /// Contains "%llu" where the value goes. Views a whole string literal, so
  /// data() is also its NUL-terminated msgid, one address per sentence (the
  /// statistics printer looks translations up by it; a test checks).
  std::string_view sentence;
  LabelClass cls;
};

/// Which protocol filter (-t -u -w -S) enables a known section.
enum class StatsFilter : uint8_t { raw, tcp, udp, sctp };

struct LabelTable {
  std::string_view title;
  StatsFilter filter;
  std::span<const Label> labels;
};

/// The label set a file is read with.
enum class LabelSet : uint8_t {
  ipv4,  ///< /proc/net/snmp, /proc/net/netstat, sctp/snmp: Ip Icmp Tcp Udp TcpExt Sctp
  ipv6,  ///< /proc/net/snmp6: Ip6 Icmp6 Udp6 Tcp6
};

/// The table of section \a title (exact match), or nullptr for a section
/// 2.10 does not know (printed raw, always, whatever the filters).
const LabelTable* find_label_table(LabelSet set, std::string_view title);

/// 2.10's lookup: glibc bsearch with strcmp over the table in its order.
const Label* find_label(const LabelTable& table, std::string_view name);

/// Every table of a set, for tests.
std::span<const LabelTable> label_tables(LabelSet set);

}  // namespace netstat::formats
