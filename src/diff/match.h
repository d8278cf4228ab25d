// match_sorted(): the one matching algorithm behind every diff section.
// Both sides are sorted by identity key (stable, so file order breaks ties);
// groups of equal keys are walked together and \a pair_up decides, inside a
// group, which rows are the same row; leftovers are removed / added.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace netstat::diff {

/// Calls on_group(ga, gb) for each key present on either side, with the
/// indices (into a / b) of that key's rows, in key order.
template <typename Row, typename Cmp, typename OnGroup>
void match_sorted(const std::vector<Row>& a, const std::vector<Row>& b, Cmp cmp,
                  OnGroup on_group) {
  auto sorted = [&](const std::vector<Row>& v) {
    std::vector<uint32_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](uint32_t x, uint32_t y) { return cmp(v[x], v[y]) < 0; });
    return idx;
  };
  std::vector<uint32_t> ia = sorted(a), ib = sorted(b);
  size_t i = 0, j = 0;
  std::vector<uint32_t> ga, gb;
  while (i < ia.size() || j < ib.size()) {
    ga.clear();
    gb.clear();
    int c;
    if (i == ia.size()) {
      c = 1;
    } else if (j == ib.size()) {
      c = -1;
    } else {
      c = cmp(a[ia[i]], b[ib[j]]);
    }
    const Row& key = c <= 0 ? a[ia[i]] : b[ib[j]];
    if (c <= 0) {
      while (i < ia.size() && cmp(a[ia[i]], key) == 0) ga.push_back(ia[i++]);
    }
    if (c >= 0) {
      while (j < ib.size() && cmp(b[ib[j]], key) == 0) gb.push_back(ib[j++]);
    }
    on_group(ga, gb);
  }
}

/// Three-way compare helper.
template <typename T>
int cmp3(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

}  // namespace netstat::diff
