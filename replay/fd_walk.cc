// The /proc/<pid>/fd walk shared by -p, JSON owners, diff and capture, with
// net-tools 2.10's link and cmdline rules (prg_cache_load in netstat.c).
#include "replay/fd_walk.h"

#include <algorithm>
#include <cctype>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

#include "replay/root.h"

namespace netstat {
namespace {

constexpr size_t kLinkMax = 29;      // readlink into char[30]
constexpr size_t kCmdlineMax = 511;  // read into char[512]

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

/// strtoul(s, &end, 0) that must consume all of \a s.
std::optional<uint64_t> whole_strtoul0(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  unsigned base = 10;
  if (i + 2 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
      std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
    base = 16;
    i += 2;
  } else if (i < s.size() && s[i] == '0') {
    base = 8;
  }
  size_t start = i;
  uint64_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'z') {
      d = c - 'a' + 10u;
    } else if (c >= 'A' && c <= 'Z') {
      d = c - 'A' + 10u;
    } else {
      break;
    }
    if (d >= base) break;
    if (v > (UINT64_MAX - d) / base) overflow = true;
    v = v * base + d;
  }
  if (i == start || i != s.size()) return std::nullopt;
  if (overflow) return UINT64_MAX;
  return neg ? 0 - v : v;
}

}  // namespace

std::optional<uint64_t> socket_inode_from_link(std::string_view target) {
  // What the kernel writes, "socket:[N]" with N in 1-19 plain decimal
  // digits, without the general parse (the walk sees every fd of every
  // process).
  if (target.size() >= 11 && target.size() <= kLinkMax && target.back() == ']' &&
      target.compare(0, 8, "socket:[") == 0 && target[8] >= '1' && target[8] <= '9' &&
      target.size() - 9 <= 19) {
    uint64_t v = 0;
    size_t i = 8;
    for (; i + 1 < target.size() && is_digit(target[i]); ++i) {
      v = v * 10 + static_cast<uint64_t>(target[i] - '0');
    }
    if (i + 1 == target.size()) return v;
  }
  if (target.size() > kLinkMax) target = target.substr(0, kLinkMax);
  size_t nul = target.find('\0');
  if (nul != std::string_view::npos) target = target.substr(0, nul);
  std::optional<uint64_t> inode;
  constexpr std::string_view kType1 = "socket:[";
  constexpr std::string_view kType2 = "[0000]:";
  if (target.size() >= kType1.size() + 3 && target.substr(0, 8) == kType1 &&
      target.back() == ']') {
    inode = whole_strtoul0(target.substr(8, target.size() - 9));
  } else if (target.size() >= kType2.size() + 1 && target.substr(0, 7) == kType2) {
    inode = whole_strtoul0(target.substr(7));
  }
  if (inode && *inode == UINT64_MAX) return std::nullopt;
  return inode;
}

std::string_view program_name(std::string_view cmdline) {
  if (cmdline.size() > kCmdlineMax) cmdline = cmdline.substr(0, kCmdlineMax);
  size_t nul = cmdline.find('\0');
  if (nul != std::string_view::npos) cmdline = cmdline.substr(0, nul);
  if (!cmdline.empty() && cmdline[0] == '/') {
    cmdline.remove_prefix(cmdline.rfind('/') + 1);
  }
  return cmdline;
}

namespace {

/// One process as read, before it is visited: the socket links' names and
/// targets in one buffer.
struct ReadProcess {
  struct Link {
    uint32_t fd_at, fd_len, target_at, target_len;
    uint64_t inode;
  };
  std::string text;
  std::vector<Link> links;
  std::optional<Error> fd_error;
  bool gone = false;  ///< with `only`: fd/ no longer exists
  std::optional<Result<std::string>> cmdline;
};

/// Reads /proc/<pid>/fd (and cmdline) into \a r; returns the entries seen.
size_t read_process(const Root& root, std::string_view pid, bool only, ReadProcess& r,
                    std::string& path) {
  path.assign("/proc/").append(pid).append("/fd");
  size_t entries = 0;
  Result<void> listed = root.each_link(path, [&](std::string_view name, std::string_view target) {
    ++entries;
    if (name.empty() || !is_digit(name[0])) return;
    std::optional<uint64_t> inode = socket_inode_from_link(target);
    if (!inode) return;
    ReadProcess::Link l{static_cast<uint32_t>(r.text.size()), static_cast<uint32_t>(name.size()),
                        0, static_cast<uint32_t>(target.size()), *inode};
    r.text.append(name);
    l.target_at = static_cast<uint32_t>(r.text.size());
    r.text.append(target);
    r.links.push_back(l);
  });
  if (!listed.ok()) {
    r.links.clear();
    if (only && listed.code() == Errc::not_found) {
      r.gone = true;
    } else {
      r.fd_error = listed.error();
    }
    return entries;
  }
  if (!r.links.empty()) {
    path.assign("/proc/").append(pid).append("/cmdline");
    r.cmdline = root.read_file(path);
  }
  return entries;
}

void visit_read(std::string_view pid, ReadProcess& r, FdWalkProcess& p,
                const std::function<void(FdWalkProcess&)>& visit) {
  if (r.gone) return;
  p.pid = pid;
  p.fd_error = r.fd_error ? &*r.fd_error : nullptr;
  p.sockets.clear();
  std::string_view text = r.text;
  for (const ReadProcess::Link& l : r.links) {
    p.sockets.push_back(
        {text.substr(l.fd_at, l.fd_len), text.substr(l.target_at, l.target_len), l.inode});
  }
  p.cmdline = std::move(r.cmdline);
  visit(p);
}

/// One process of a walk shared by threads.
struct Slot {
  ReadProcess read;
  std::atomic<bool> ready{false};
};

/// The processes of \a pids read by up to \a threads threads (helpers start
/// once the links seen pass spawn_after_links) and visited on this thread
/// in \a pids' order.
void walk_pids(const Root& root, const std::vector<const std::string*>& pids, bool only,
               const std::function<void(FdWalkProcess&)>& visit, const FdWalkThreads& t) {
  FdWalkProcess p;
  std::string path;
  const size_t n = pids.size();
  if (t.threads <= 1 || n < 2) {
    ReadProcess r;
    for (const std::string* pid : pids) {
      r.text.clear();
      r.links.clear();
      r.fd_error.reset();
      r.gone = false;
      r.cmdline.reset();
      read_process(root, *pid, only, r, path);
      visit_read(*pid, r, p, visit);
    }
    return;
  }
  std::unique_ptr<Slot[]> slots(new Slot[n]);
  std::atomic<size_t> next{0};
  auto read_next = [&](std::string& where) -> size_t {
    size_t j = next.fetch_add(1, std::memory_order_relaxed);
    if (j >= n) return 0;
    size_t entries = read_process(root, *pids[j], only, slots[j].read, where);
    slots[j].ready.store(true, std::memory_order_release);
    slots[j].ready.notify_one();
    return entries;
  };
  std::vector<std::thread> helpers;
  struct Join {
    std::vector<std::thread>& helpers;
    std::atomic<size_t>& next;
    size_t n;
    ~Join() {
      next.store(n, std::memory_order_relaxed);  // a visit that threw: stop
      for (std::thread& h : helpers) h.join();
    }
  } join{helpers, next, n};
  size_t seen = 0;
  for (size_t i = 0; i < n; ++i) {
    Slot& s = slots[i];
    while (!s.ready.load(std::memory_order_acquire)) {
      if (next.load(std::memory_order_relaxed) >= n) {
        s.ready.wait(false, std::memory_order_acquire);
        break;
      }
      seen += read_next(path);
      if (helpers.empty() && seen >= t.spawn_after_links &&
          next.load(std::memory_order_relaxed) < n) {
        for (unsigned k = 1; k < t.threads; ++k) {
          helpers.emplace_back([&] {
            std::string where;
            while (next.load(std::memory_order_relaxed) < n) (void)read_next(where);
          });
        }
      }
    }
    visit_read(*pids[i], s.read, p, visit);
    s.read = ReadProcess{};  // its buffers are not needed again
  }
}

}  // namespace

FdWalkThreads FdWalkThreads::for_root(const Root& root) {
  FdWalkThreads t;
  if (!root.concurrent_reads()) return t;
  // At 200k sockets on a 2-core machine two threads took -tanp from 1.18x
  // to 0.90x the wall time of a one-thread walk when a core was free, and
  // cost ~5% more CPU (docs/performance.md); a small /proc never starts
  // them (spawn_after_links).
  t.threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  if (const char* env = std::getenv("NETSTAT_FD_WALK_THREADS")) {
    unsigned v = 0;
    std::from_chars(env, env + std::strlen(env), v);
    if (v >= 1 && v <= 64) t.threads = v;
  }
  return t;
}

Result<void> walk_fds(const Root& root, PidOrder order,
                      const std::function<void(FdWalkProcess&)>& visit,
                      const std::vector<std::string>* only) {
  return walk_fds(root, order, visit, only, FdWalkThreads::for_root(root));
}

Result<void> walk_fds(const Root& root, PidOrder order,
                      const std::function<void(FdWalkProcess&)>& visit,
                      const std::vector<std::string>* only, const FdWalkThreads& threads) {
  Result<std::vector<DirEntry>> listed =
      only != nullptr ? Result<std::vector<DirEntry>>(std::vector<DirEntry>())
                      : root.list_dir("/proc");
  if (!listed.ok()) return listed.error();
  std::vector<const std::string*> pids;
  pids.reserve(listed->size());
  if (only != nullptr) {
    for (const std::string& pid : *only) pids.push_back(&pid);
  } else if (order == PidOrder::listing) {
    for (const DirEntry& e : *listed) {
      if (all_digits(e.name)) pids.push_back(&e.name);
    }
  } else {
    std::vector<std::pair<uint64_t, const std::string*>> sorted;
    for (const DirEntry& e : *listed) {
      if (!all_digits(e.name) || e.name.size() >= 20) continue;
      uint64_t v = 0;
      std::from_chars(e.name.data(), e.name.data() + e.name.size(), v);
      sorted.emplace_back(v, &e.name);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : *a.second < *b.second;
    });
    for (const auto& s : sorted) pids.push_back(s.second);
  }
  walk_pids(root, pids, only != nullptr, visit, threads);
  return {};
}

}  // namespace netstat
