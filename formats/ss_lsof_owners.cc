// parse_ss_owners / parse_lsof_owners: socket owners from `ss -peaonmi`
// and `lsof` text, for reports without a saved `netstat -p`. Written from
// the output formats, not from iproute2's or lsof's source.
#include <optional>

#include "formats/netstat_owners.h"
#include "formats/text_words.h"

namespace netstat::formats {
namespace {

template <typename F>
void for_each_line(std::string_view text, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line);
  }
}

// users:(("name",pid=1,fd=3),("other",pid=2,fd=4)) -> (pid, name) pairs.
void ss_users(std::string_view s, uint64_t inode, std::vector<SocketOwner>& out) {
  size_t p = s.find("users:((");
  if (p == std::string_view::npos) return;
  p += 7;  // at the first '('
  while (p + 1 < s.size() && s[p] == '(' && s[p + 1] == '"') {
    size_t name_start = p + 2;
    size_t name_end = s.find("\",pid=", name_start);
    if (name_end == std::string_view::npos) return;
    size_t pid_start = name_end + 6;
    size_t pid_end = pid_start;
    while (pid_end < s.size() && s[pid_end] >= '0' && s[pid_end] <= '9') ++pid_end;
    std::string_view pid = s.substr(pid_start, pid_end - pid_start);
    if (!all_digits(pid) || pid.size() > 10) return;
    out.push_back({inode, std::string(pid), std::string(s.substr(name_start, name_end - name_start))});
    size_t close = s.find(')', pid_end);
    if (close == std::string_view::npos) return;
    p = close + 1;
    if (p < s.size() && s[p] == ',') ++p;
  }
}

}  // namespace

std::vector<SocketOwner> parse_ss_owners(std::string_view text) {
  std::vector<SocketOwner> out;
  std::vector<std::string_view> w;  // reused for every line
  for_each_line(text, [&](std::string_view line) {
    if (line.empty() || line[0] == '\t' || line[0] == ' ') return;  // details
    if (line.find("users:((") == std::string_view::npos) return;
    words(line, w);
    if (w.size() < 6) return;
    uint64_t inode = 0;
    if (w[0].substr(0, 2) == "u_") {
      // unix: "Local Address:Port" is "PATH INODE" ("@name 123", "* 124").
      for (size_t i = 5; i < w.size() && w[i].substr(0, 6) != "users:"; ++i) {
        if (all_digits(w[i])) {
          inode = to_u64(w[i]);
          break;
        }
      }
    } else {
      for (std::string_view x : w) {
        if (x.substr(0, 4) == "ino:" && all_digits(x.substr(4))) {
          inode = to_u64(x.substr(4));
          break;
        }
      }
    }
    if (inode == 0) return;
    ss_users(line, inode, out);
  });
  return out;
}

std::vector<SocketOwner> parse_lsof_owners(std::string_view text) {
  std::vector<SocketOwner> out;
  std::vector<std::string_view> w;  // reused for every line
  for_each_line(text, [&](std::string_view line) {
    words(line, w);
    if (w.size() < 8 || !all_digits(w[1]) || w[1].size() > 10) return;
    // COMMAND PID [TID [TASKCMD]] USER FD TYPE DEVICE SIZE/OFF NODE NAME:
    // TYPE is the first known socket type after an FD ("3u", "12r").
    for (size_t i = 3; i + 1 < w.size(); ++i) {
      std::string_view fd = w[i - 1];
      size_t d = 0;
      while (d < fd.size() && ((fd[d] >= '0' && fd[d] <= '9') || fd[d] == '*')) ++d;
      if (d == 0 || d == fd.size() || fd.size() > d + 2) continue;
      std::string_view type = w[i];
      if (type == "IPv4" || type == "IPv6") {
        if (all_digits(w[i + 1])) out.push_back({to_u64(w[i + 1]), std::string(w[1]), std::string(w[0])});
        return;
      }
      if (type == "unix" || type == "sock" || type == "pack" ||
          type == "ax25" || type == "ipx" || type == "x.25" || type == "rose" || type == "ATALK") {
        // DEVICE SIZE/OFF NODE
        if (i + 3 < w.size() && all_digits(w[i + 3])) {
          out.push_back({to_u64(w[i + 3]), std::string(w[1]), std::string(w[0])});
        }
        return;
      }
    }
  });
  return out;
}

}  // namespace netstat::formats
