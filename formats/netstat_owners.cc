// parse_netstat_owners: section by section; columns found by shape, since
// blank State cells (udp, unix) and wide addresses (-W) shift them.
#include "formats/netstat_owners.h"
#include "formats/text_words.h"

#include <optional>

namespace netstat::formats {
namespace {

enum class Section : uint8_t { none, inet, inet_owned, unix_, unix_owned };

/// "1234/name" -> owner fields; nullopt for "-" or another shape.
std::optional<SocketOwner> owner_cell(std::string_view cell, uint64_t inode) {
  size_t slash = cell.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash > 10) return std::nullopt;
  std::string_view pid = cell.substr(0, slash);
  if (!all_digits(pid)) return std::nullopt;
  return SocketOwner{inode, std::string(pid), std::string(cell.substr(slash + 1))};
}

bool is_inet_proto(std::string_view p) {
  for (std::string_view k : {"tcp", "tcp6", "udp", "udp6", "udpl", "udpl6", "raw", "raw6",
                             "udplite", "udplite6", "sctp", "sctp6"}) {
    if (p == k) return true;
  }
  return false;
}

bool is_timer_word(std::string_view w) {
  return w == "off" || w == "on" || w == "keepalive" || w == "timewait" ||
         w.substr(0, 5) == "unkn-";
}

void inet_row(const std::vector<std::string_view>& w, std::vector<SocketOwner>& out) {
  // proto recvq sendq local foreign [state] user inode owner... [timer (x)]
  size_t end = w.size();
  if (end >= 2 && w[end - 1].size() >= 2 && w[end - 1].front() == '(' &&
      w[end - 1].back() == ')' && is_timer_word(w[end - 2])) {
    end -= 2;
  }
  for (size_t i = 5; i + 2 < end; ++i) {
    if (!all_digits(w[i]) || !all_digits(w[i + 1])) continue;
    // The owner cell: "PID/name" (a name with blanks runs to the timer) or "-".
    if (w[i + 2] == "-") return;
    std::string cell(w[i + 2]);
    for (size_t k = i + 3; k < end; ++k) {
      cell.push_back(' ');
      cell.append(w[k]);
    }
    if (std::optional<SocketOwner> o = owner_cell(cell, to_u64(w[i + 1]))) {
      out.push_back(std::move(*o));
      return;
    }
  }
}

void unix_row(const std::vector<std::string_view>& w, std::vector<SocketOwner>& out) {
  // unix refcnt [ flags ] type [state] inode owner [path]
  size_t i = 2;
  while (i < w.size() && w[i].back() != ']') ++i;
  for (i += 2; i + 1 < w.size(); ++i) {  // skip "]" and the type
    if (!all_digits(w[i])) continue;
    if (std::optional<SocketOwner> o = owner_cell(w[i + 1], to_u64(w[i]))) {
      out.push_back(std::move(*o));
    }
    return;
  }
}

}  // namespace

std::vector<SocketOwner> parse_netstat_owners(std::string_view text) {
  std::vector<SocketOwner> out;
  Section section = Section::none;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 7) == "Active ") {
      if (line.find("Internet") != std::string_view::npos) {
        section = Section::inet;
      } else if (line.find("UNIX") != std::string_view::npos) {
        section = Section::unix_;
      } else {
        section = Section::none;
      }
      continue;
    }
    if (line.substr(0, 6) == "Proto ") {
      bool owned = line.find("PID/Program name") != std::string_view::npos;
      if (section == Section::inet || section == Section::inet_owned) {
        section = owned && line.find("Inode") != std::string_view::npos ? Section::inet_owned
                                                                         : Section::inet;
      } else if (section == Section::unix_ || section == Section::unix_owned) {
        section = owned ? Section::unix_owned : Section::unix_;
      }
      continue;
    }
    std::vector<std::string_view> w = words(line);
    if (w.empty()) continue;
    if (section == Section::inet_owned && w.size() >= 8 && is_inet_proto(w[0])) {
      inet_row(w, out);
    } else if (section == Section::unix_owned && w.size() >= 6 && w[0] == "unix") {
      unix_row(w, out);
    }
  }
  return out;
}

}  // namespace netstat::formats
