// The -p cache of net-tools 2.10 (prg_cache_load / prg_cache_get): one walk
// of /proc per pass, first PID in listing order wins an inode, entries cut to
// 19 bytes, and the two non-root notes exactly when 2.10 prints them.
#include "src/programs.h"

#include <cctype>
#include <string>

#include "replay/root.h"

namespace netstat {
namespace {

constexpr size_t kLinkMax = 29;     // readlink into char[30]
constexpr size_t kCmdlineMax = 511; // read into char[512]
constexpr size_t kEntryMax = 19;    // snprintf into char[20]

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

void ProgramCache::load(const Root& root, Output& err) {
  if (m_loaded) return;
  m_loaded = true;
  bool eacces = false;
  bool added = false;
  Result<std::vector<DirEntry>> procs = root.list_dir("/proc");
  if (procs.ok()) {
    std::string path;
    for (const DirEntry& p : *procs) {
      bool digits = true;
      for (char c : p.name) digits = digits && is_digit(c);
      if (!digits) continue;
      path = "/proc/" + p.name + "/fd";
      Result<std::vector<LinkEntry>> fds = root.read_links(path);
      if (!fds.ok()) {
        if (fds.code() == Errc::permission_denied) eacces = true;
        continue;
      }
      std::optional<std::string> cmdline;
      for (const LinkEntry& fd : *fds) {
        if (fd.name.empty() || !is_digit(fd.name[0])) continue;
        if (!fd.target.ok()) continue;
        std::optional<uint64_t> inode = socket_inode_from_link(*fd.target);
        if (!inode) continue;
        if (!cmdline) {
          Result<std::string> text = root.read_file("/proc/" + p.name + "/cmdline");
          if (!text.ok()) continue;
          cmdline = std::move(*text);
        }
        added = true;
        if (m_entries.count(*inode) != 0) continue;  // first PID wins
        Entry e;
        std::string_view name = program_name(*cmdline);
        size_t n = 0;
        auto put = [&](std::string_view s) {
          for (char c : s) {
            if (n == kEntryMax) return;
            e.text[n++] = c;
          }
        };
        put(p.name);
        put("/");
        put(name);
        e.len = static_cast<uint8_t>(n);
        m_entries.emplace(*inode, e);
      }
    }
  }
  if (procs.ok() && !eacces) return;
  if (!procs.ok() || !added) {
    err.print("(No info could be read for \"-p\": geteuid()={} but you should be root.)\n",
              static_cast<int>(root.identity().euid));
  } else {
    err.write(
        "(Not all processes could be identified, non-owned process info\n"
        " will not be shown, you would have to be root to see it all.)\n");
  }
}

std::string_view ProgramCache::get(uint64_t inode) const {
  auto it = m_entries.find(inode);
  if (it == m_entries.end()) return "-";
  return std::string_view(it->second.text.data(), it->second.len);
}

}  // namespace netstat
