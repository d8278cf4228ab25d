// sos_process_table: owners from saved netstat text -> ProcessRecords.
#include "replay/sos_owners.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_set>

#include "formats/netstat_owners.h"
#include "replay/process_table.h"

namespace netstat {

std::optional<std::string> sos_process_table(const Root& tree) {
  // pid (numeric, for procfs order) -> record
  std::map<uint64_t, ProcessRecord> procs;
  std::unordered_set<uint64_t> named;
  for (std::string_view path : kSosOwnerSources) {
    Result<std::string> text = tree.read_file(path);
    if (!text.ok()) continue;
    for (formats::SocketOwner& o : formats::parse_netstat_owners(*text)) {
      if (!named.insert(o.inode).second) continue;  // first source wins
      uint64_t pid = 0;
      std::from_chars(o.pid.data(), o.pid.data() + o.pid.size(), pid);
      ProcessRecord& p = procs[pid];
      if (p.pid.empty()) {
        p.pid = std::to_string(pid);
        std::string cmdline = std::move(o.program);
        cmdline.push_back('\0');
        p.cmdline = Result<std::string>(std::move(cmdline));
      }
      p.fds.push_back({std::to_string(p.fds.size()), "socket:[" + std::to_string(o.inode) + "]"});
    }
  }
  if (procs.empty()) return std::nullopt;
  std::vector<ProcessRecord> records;
  records.reserve(procs.size());
  for (auto& [pid, p] : procs) records.push_back(std::move(p));
  return serialize_process_table(records);
}

}  // namespace netstat
