// parse_netstat_owners: the PID/Program cells of the rows
// parse_netstat_sockets finds (formats/netstat_sockets.h).
#include "formats/netstat_owners.h"
#include "formats/netstat_sockets.h"
#include "formats/text_words.h"

#include <optional>

namespace netstat::formats {
namespace {

/// "1234/name" -> owner fields; nullopt for "-" or another shape.
std::optional<SocketOwner> owner_cell(std::string_view cell, uint64_t inode) {
  size_t slash = cell.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash > 10) return std::nullopt;
  std::string_view pid = cell.substr(0, slash);
  if (!all_digits(pid)) return std::nullopt;
  return SocketOwner{inode, std::string(pid), std::string(cell.substr(slash + 1))};
}

}  // namespace

std::vector<SocketOwner> parse_netstat_owners(std::string_view text) {
  std::vector<SocketOwner> out;
  SavedSockets rows = parse_netstat_sockets(text);
  for (const SavedInetRow& r : rows.inet) {
    if (!r.has_inode) continue;  // no -e: no inode to match on
    if (std::optional<SocketOwner> o = owner_cell(r.owner, r.row.inode)) out.push_back(std::move(*o));
  }
  for (const SavedUnixRow& r : rows.unix_sockets) {
    if (!r.has_inode) continue;
    if (std::optional<SocketOwner> o = owner_cell(r.owner, r.row.inode)) out.push_back(std::move(*o));
  }
  return out;
}

}  // namespace netstat::formats
