// The diff of two snapshots, computed on the model by identity, never on
// text:
//   sockets     protocol, family and both endpoints (+ netns); the same
//               tuple behind a different inode is "replaced", except a
//               socket that lost its inode (closed by its process:
//               ESTABLISHED -> TIME_WAIT), which is "changed". UNIX sockets
//               by path and inode; a listener whose path comes back with a
//               new inode is "replaced".
//   routes      family, destination, prefix, gateway, interface, metric
//               (+ IPv6 source prefix and cache flag)
//   interfaces  name;  groups  family, interface, group;
//   counters    section and name.
// A matched pair is "changed" when a watched field differs: socket state,
// owners (with -p), queues (with -e); route flags/MSS/window/irtt; group
// refcount; interface flags/MTU/addresses/counters; counter value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/model/snapshot.h"

namespace netstat::diff {

enum class Change : uint8_t { added, removed, replaced, changed };

const char* change_name(Change c);

/// Bits of what differs in a "changed" (or "replaced") pair.
enum Field : uint32_t {
  kState = 1u << 0,
  kOwner = 1u << 1,
  kQueues = 1u << 2,
  kFlags = 1u << 3,
  kMtu = 1u << 4,
  kAddresses = 1u << 5,
  kCounters = 1u << 6,
  kRefcount = 1u << 7,
  kValue = 1u << 8,
  kRouteParams = 1u << 9,
  kHardware = 1u << 10,
};

/// One difference; \a a / \a b point into the two snapshots (null on the
/// side where the row does not exist).
template <typename Row>
struct Item {
  Change change = Change::changed;
  const Row* a = nullptr;
  const Row* b = nullptr;
  uint32_t fields = 0;
};

struct DiffOptions {
  bool owners = false;  ///< -p: owner changes count
  bool queues = false;  ///< -e: queue changes count
};

struct Counts {
  size_t added = 0, removed = 0, replaced = 0, changed = 0;
  size_t total() const { return added + removed + replaced + changed; }
  void add(Change c);
};

std::vector<Item<model::Socket>> diff_sockets(
    const std::vector<model::Socket>& a, const std::vector<model::Socket>& b,
    const DiffOptions& opt);
std::vector<Item<model::Route>> diff_routes(const std::vector<model::Route>& a,
                                            const std::vector<model::Route>& b);
std::vector<Item<model::Interface>> diff_interfaces(
    const std::vector<model::Interface>& a,
    const std::vector<model::Interface>& b);
std::vector<Item<model::Group>> diff_groups(const std::vector<model::Group>& a,
                                            const std::vector<model::Group>& b);
std::vector<Item<model::Counter>> diff_counters(
    const std::vector<model::Counter>& a, const std::vector<model::Counter>& b);

/// Seconds between the two capture times, when both are known and B is
/// later than A.
std::optional<double> elapsed(const model::Metadata& a, const model::Metadata& b);

/// b - a as a signed number (a counter reset gives a negative delta).
inline int64_t delta(uint64_t a, uint64_t b) {
  return static_cast<int64_t>(b - a);
}

}  // namespace netstat::diff
