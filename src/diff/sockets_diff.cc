// Socket identity and change detection (see diff.h): inet and SCTP rows by
// (netns, protocol, family, local, remote[, association]); inside one tuple
// rows with the same inode are the same socket, so is a socket that lost
// its inode (closed: TIME_WAIT), other leftover pairs are "replaced". UNIX rows by path (or, without a path, by inode), then inode.
#include <cstring>
#include <unordered_map>

#include "src/diff/diff.h"
#include "src/diff/match.h"

namespace netstat::diff {
namespace {

using model::Proto;
using model::Socket;

int section_order(Proto p) {
  switch (p) {
    case Proto::tcp: return 0;
    case Proto::sctp: return 1;
    case Proto::udp: return 2;
    case Proto::udplite: return 3;
    case Proto::raw: return 4;
    case Proto::unix_domain: return 5;
  }
  return 6;
}

int compare_key(const Socket& x, const Socket& y) {
  if (int c = cmp3(x.netns, y.netns)) return c;
  if (int c = cmp3(section_order(x.proto), section_order(y.proto))) return c;
  if (x.proto == Proto::unix_domain) {
    if (int c = x.path.compare(y.path)) return c < 0 ? -1 : 1;
    if (x.path.empty()) return cmp3(x.inode, y.inode);
    return 0;
  }
  if (int c = cmp3(static_cast<int>(x.family), static_cast<int>(y.family))) return c;
  if (int c = cmp3(x.sctp_assoc, y.sctp_assoc)) return c;
  if (int c = std::memcmp(x.local.data(), y.local.data(), 16)) return c < 0 ? -1 : 1;
  if (int c = cmp3(x.local_port, y.local_port)) return c;
  if (int c = std::memcmp(x.remote.data(), y.remote.data(), 16)) return c < 0 ? -1 : 1;
  return cmp3(x.remote_port, y.remote_port);
}

bool same_owner(const Socket& x, const Socket& y) {
  bool hx = x.owners != nullptr && !x.owners->empty();
  bool hy = y.owners != nullptr && !y.owners->empty();
  if (hx != hy) return false;
  if (!hx) return true;
  const model::Owner& a = x.owners->front();
  const model::Owner& b = y.owners->front();
  return a.pid == b.pid && a.program == b.program;
}

uint32_t changed_fields(const Socket& x, const Socket& y, const DiffOptions& o) {
  uint32_t f = 0;
  if (x.state != y.state) f |= kState;
  if (o.owners && !same_owner(x, y)) f |= kOwner;
  if (o.queues && (x.rx_queue != y.rx_queue || x.tx_queue != y.tx_queue)) f |= kQueues;
  return f;
}

}  // namespace

void Counts::add(Change c) {
  switch (c) {
    case Change::added: ++added; break;
    case Change::removed: ++removed; break;
    case Change::replaced: ++replaced; break;
    case Change::changed: ++changed; break;
  }
}

const char* change_name(Change c) {
  switch (c) {
    case Change::added: return "added";
    case Change::removed: return "removed";
    case Change::replaced: return "replaced";
    case Change::changed: return "changed";
  }
  return "?";
}

std::vector<Item<Socket>> diff_sockets(const std::vector<Socket>& a,
                                       const std::vector<Socket>& b,
                                       const DiffOptions& opt) {
  std::vector<Item<Socket>> out;
  std::vector<char> used_a, used_b;
  match_sorted(a, b, compare_key, [&](const std::vector<uint32_t>& ga,
                                      const std::vector<uint32_t>& gb) {
    used_a.assign(ga.size(), 0);
    used_b.assign(gb.size(), 0);
    // Same inode behind the same key: the same socket.
    auto same = [&](size_t i, size_t j) {
      used_a[i] = used_b[j] = 1;
      uint32_t f = changed_fields(a[ga[i]], b[gb[j]], opt);
      if (f != 0) out.push_back({Change::changed, &a[ga[i]], &b[gb[j]], f});
    };
    if (ga.size() * gb.size() <= 64) {
      for (size_t j = 0; j < gb.size(); ++j) {
        for (size_t i = 0; i < ga.size(); ++i) {
          if (used_a[i] || a[ga[i]].inode != b[gb[j]].inode) continue;
          same(i, j);
          break;
        }
      }
    } else {
      // Big groups (many UNIX sockets on one path): match through a map.
      std::unordered_multimap<uint64_t, size_t> by_inode;
      by_inode.reserve(ga.size());
      for (size_t i = ga.size(); i-- > 0;) by_inode.emplace(a[ga[i]].inode, i);
      for (size_t j = 0; j < gb.size(); ++j) {
        auto it = by_inode.find(b[gb[j]].inode);
        if (it == by_inode.end()) continue;
        same(it->second, j);
        by_inode.erase(it);
      }
    }
    // Leftovers on both sides: a new socket behind the same identity.
    size_t i = 0;
    for (size_t j = 0; j < gb.size(); ++j) {
      if (used_b[j]) continue;
      while (i < ga.size() && used_a[i]) ++i;
      if (i == ga.size()) break;
      const Socket& x = a[ga[i]];
      const Socket& y = b[gb[j]];
      bool replaceable = x.proto != Proto::unix_domain ||
                         (!x.path.empty() && x.listening && y.listening);
      if (!replaceable) break;
      used_a[i] = used_b[j] = 1;
      // A connection its process closed keeps its tuple but loses its inode
      // (TIME_WAIT, orphaned FIN_WAIT2/LAST_ACK): the same connection, whose
      // state changed. An inode never comes back, so the other way round
      // is a new connection on the old tuple.
      if (x.proto != Proto::unix_domain && x.inode != 0 && y.inode == 0) {
        out.push_back({Change::changed, &x, &y, changed_fields(x, y, opt)});
        continue;
      }
      out.push_back({Change::replaced, &x, &y, changed_fields(x, y, opt)});
    }
    for (size_t k = 0; k < ga.size(); ++k) {
      if (!used_a[k]) out.push_back({Change::removed, &a[ga[k]], nullptr, 0});
    }
    for (size_t k = 0; k < gb.size(); ++k) {
      if (!used_b[k]) out.push_back({Change::added, nullptr, &b[gb[k]], 0});
    }
  });
  return out;
}

std::optional<double> elapsed(const model::Metadata& a, const model::Metadata& b) {
  if (!a.captured_epoch || !b.captured_epoch) return std::nullopt;
  double d = *b.captured_epoch - *a.captured_epoch;
  if (d <= 0) return std::nullopt;
  return d;
}

}  // namespace netstat::diff
