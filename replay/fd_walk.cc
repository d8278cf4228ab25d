// The /proc/<pid>/fd walk shared by -p, JSON owners, diff and capture, with
// net-tools 2.10's link and cmdline rules (prg_cache_load in netstat.c).
#include "replay/fd_walk.h"

#include <algorithm>
#include <cctype>
#include <charconv>

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

Result<void> walk_fds(const Root& root, PidOrder order,
                      const std::function<void(FdWalkProcess&)>& visit,
                      const std::vector<std::string>* only) {
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
  FdWalkProcess p;
  std::string path;
  for (const std::string* pid : pids) {
    p.pid = *pid;
    p.fd_error = nullptr;
    p.sockets.clear();
    p.cmdline.reset();
    path.assign("/proc/").append(*pid).append("/fd");
    Result<std::vector<LinkEntry>> links = root.read_links(path);
    if (!links.ok()) {
      if (only != nullptr && links.code() == Errc::not_found) continue;
      p.fd_error = &links.error();
      visit(p);
      continue;
    }
    for (const LinkEntry& l : *links) {
      if (l.name.empty() || !is_digit(l.name[0]) || !l.target.ok()) continue;
      std::optional<uint64_t> inode = socket_inode_from_link(*l.target);
      if (inode) p.sockets.push_back({l.name, *l.target, *inode});
    }
    if (!p.sockets.empty()) {
      path.assign("/proc/").append(*pid).append("/cmdline");
      p.cmdline = root.read_file(path);
    }
    visit(p);
  }
  return {};
}

}  // namespace netstat
