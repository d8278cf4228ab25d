// Route, interface, group and counter identity and change detection (see
// diff.h). Rows with equal keys on both sides are paired in file order;
// none of these sections has a "replaced" change.
#include <algorithm>
#include <cstring>

#include "src/diff/diff.h"
#include "src/diff/match.h"

namespace netstat::diff {
namespace {

template <typename Row, typename Cmp, typename Fields>
std::vector<Item<Row>> pair_in_order(const std::vector<Row>& a,
                                     const std::vector<Row>& b, Cmp cmp,
                                     Fields fields) {
  std::vector<Item<Row>> out;
  match_sorted(a, b, cmp, [&](const std::vector<uint32_t>& ga,
                              const std::vector<uint32_t>& gb) {
    size_t n = ga.size() < gb.size() ? ga.size() : gb.size();
    for (size_t k = 0; k < n; ++k) {
      uint32_t f = fields(a[ga[k]], b[gb[k]]);
      if (f != 0) out.push_back({Change::changed, &a[ga[k]], &b[gb[k]], f});
    }
    for (size_t k = n; k < ga.size(); ++k) {
      out.push_back({Change::removed, &a[ga[k]], nullptr, 0});
    }
    for (size_t k = n; k < gb.size(); ++k) {
      out.push_back({Change::added, nullptr, &b[gb[k]], 0});
    }
  });
  // Present in the files' order: B's position for rows B has, A's
  // position for removed rows.
  auto pos = [&](const Item<Row>& it) {
    return it.b != nullptr ? static_cast<size_t>(it.b - b.data()) * 2
                           : static_cast<size_t>(it.a - a.data()) * 2 + 1;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto& x, const auto& y) { return pos(x) < pos(y); });
  return out;
}

int bytes_cmp(const model::AddrBytes& x, const model::AddrBytes& y) {
  int c = std::memcmp(x.data(), y.data(), x.size());
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool same_counters(const model::IfaceCounters& x, const model::IfaceCounters& y) {
  return std::memcmp(&x, &y, sizeof x) == 0;
}

bool same_address(const model::IfaceAddress& x, const model::IfaceAddress& y) {
  return x.v6 == y.v6 && x.addr == y.addr && x.prefix_len == y.prefix_len &&
         x.scope == y.scope && x.broadcast == y.broadcast &&
         x.destination == y.destination && x.netmask == y.netmask;
}

}  // namespace

std::vector<Item<model::Route>> diff_routes(const std::vector<model::Route>& a,
                                            const std::vector<model::Route>& b) {
  auto cmp = [](const model::Route& x, const model::Route& y) {
    if (int c = cmp3(x.netns, y.netns)) return c;
    if (int c = cmp3(static_cast<int>(x.family), static_cast<int>(y.family))) return c;
    if (int c = cmp3(x.cache, y.cache)) return c;
    if (int c = bytes_cmp(x.destination, y.destination)) return c;
    if (int c = cmp3(x.prefix_len, y.prefix_len)) return c;
    if (int c = cmp3(x.mask, y.mask)) return c;
    if (int c = bytes_cmp(x.source, y.source)) return c;
    if (int c = cmp3(x.source_prefix_len, y.source_prefix_len)) return c;
    if (int c = bytes_cmp(x.gateway, y.gateway)) return c;
    if (int c = x.iface.compare(y.iface)) return c < 0 ? -1 : 1;
    return cmp3(x.metric, y.metric);
  };
  auto fields = [](const model::Route& x, const model::Route& y) {
    uint32_t f = 0;
    if (x.flags != y.flags) f |= kFlags;
    if (x.mtu != y.mtu || x.window != y.window || x.irtt != y.irtt) f |= kRouteParams;
    return f;
  };
  return pair_in_order(a, b, cmp, fields);
}

std::vector<Item<model::Interface>> diff_interfaces(
    const std::vector<model::Interface>& a,
    const std::vector<model::Interface>& b) {
  auto cmp = [](const model::Interface& x, const model::Interface& y) {
    if (int c = cmp3(x.netns, y.netns)) return c;
    int c = x.name.compare(y.name);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  };
  auto fields = [](const model::Interface& x, const model::Interface& y) {
    uint32_t f = 0;
    if (x.flags != y.flags) f |= kFlags;
    if (x.mtu != y.mtu) f |= kMtu;
    if (x.has_hw != y.has_hw || x.hw_type != y.hw_type || x.hw_addr != y.hw_addr ||
        x.tx_queue_len != y.tx_queue_len) {
      f |= kHardware;
    }
    bool same_addrs = x.addresses.size() == y.addresses.size();
    for (size_t i = 0; same_addrs && i < x.addresses.size(); ++i) {
      same_addrs = same_address(x.addresses[i], y.addresses[i]);
    }
    if (!same_addrs) f |= kAddresses;
    if (x.has_counters != y.has_counters || !same_counters(x.counters, y.counters)) {
      f |= kCounters;
    }
    return f;
  };
  return pair_in_order(a, b, cmp, fields);
}

std::vector<Item<model::Group>> diff_groups(const std::vector<model::Group>& a,
                                            const std::vector<model::Group>& b) {
  auto cmp = [](const model::Group& x, const model::Group& y) {
    if (int c = cmp3(x.netns, y.netns)) return c;
    if (int c = cmp3(x.v6, y.v6)) return c;
    if (int c = x.iface.compare(y.iface)) return c < 0 ? -1 : 1;
    return bytes_cmp(x.group, y.group);
  };
  auto fields = [](const model::Group& x, const model::Group& y) {
    return x.refcount != y.refcount ? uint32_t{kRefcount} : 0u;
  };
  return pair_in_order(a, b, cmp, fields);
}

std::vector<Item<model::Counter>> diff_counters(
    const std::vector<model::Counter>& a, const std::vector<model::Counter>& b) {
  auto cmp = [](const model::Counter& x, const model::Counter& y) {
    if (int c = cmp3(x.netns, y.netns)) return c;
    if (int c = x.section.compare(y.section)) return c < 0 ? -1 : 1;
    int c = x.name.compare(y.name);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  };
  auto fields = [](const model::Counter& x, const model::Counter& y) {
    return x.value != y.value ? uint32_t{kValue} : 0u;
  };
  return pair_in_order(a, b, cmp, fields);
}

}  // namespace netstat::diff
