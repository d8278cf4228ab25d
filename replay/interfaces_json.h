// interfaces.json: what a bundle records of the interface ioctls (stored as
// netstat/interfaces.json), so `-i` replays exactly what the kernel answered.
//
//   {
//     "version": 1,
//     "labels": ["lo", "eth0", "eth0:1"],          // SIOCGIFCONF, kernel order
//     "interfaces": [                              // one per name asked
//       {"name": "eth0", "flags": 4163, "mtu": 1500, "metric": 0,
//        "hwaddr": {"type": 1, "addr": "02:fc:00:00:00:01:00:00:00:00:00:00:00:00"},
//        "map": {"mem_start": 0, "mem_end": 0, "base_addr": 0, "irq": 0,
//                "dma": 0, "port": 0},
//        "txqueuelen": 1000,
//        "inet": {"addr": "192.0.2.2", "dstaddr": "192.0.2.2",
//                 "broadaddr": "192.0.2.255", "netmask": "255.255.255.0"},
//        "outfill": 0, "keepalive": 0},
//       {"name": "gone0", "error": "not_found:19"}  // the fetch failed
//     ]
//   }
//
// "hwaddr", "map" and "inet" are null when that ioctl failed (inet: no IPv4
// address on the label); an inet member is null when its ioctl failed.
// "flags" is the 16-bit value (0..65535; -32768..-1 is read too), "addr" the
// 14 sa_data bytes as hex pairs. "labels" may be replaced by "labels_error"
// when SIOCGIFCONF failed. Errors use replay/errc_names.h's text
// ("permission_denied:13"). A name or label that is not valid UTF-8 is
// written as {"hex": "<bytes>"} instead of a string. Only "name", "flags"
// and "mtu" are required per interface; unknown keys are ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "replay/interfaces.h"
#include "replay/result.h"

namespace netstat {

/// A per-name fetch that failed at capture time (SIOCGIFFLAGS's errno).
struct InterfaceFailure {
  std::string name;
  Error error;
};

/// Everything interfaces.json holds.
struct InterfaceSnapshot {
  std::vector<std::string> labels;
  /// Set when SIOCGIFCONF failed (labels is then empty).
  std::optional<Error> labels_error;
  std::vector<IfaceInfo> infos;
  std::vector<InterfaceFailure> failures;
};

/// The JSON document for \a snap (infos, then failures, in the given order).
nlohmann::json interfaces_to_json(const InterfaceSnapshot& snap);
/// Shorthand for a snapshot without failures.
nlohmann::json interfaces_to_json(const std::vector<std::string>& labels,
                                  const std::vector<IfaceInfo>& infos);
/// interfaces_to_json(snap) as text: 2-space indented, '\n' at the end,
/// byte-identical for identical input.
std::string interfaces_to_json_text(const InterfaceSnapshot& snap);

/// Parses and validates interfaces.json (untrusted). Errc::invalid with a
/// message naming the offending member ("interfaces[2].mtu: not an
/// integer") on any problem; never throws.
Result<InterfaceSnapshot> interfaces_from_json(std::string_view text);

}  // namespace netstat
