// sos_process_table: owners from saved netstat/ss/lsof text -> ProcessRecords.
#include "replay/sos_owners.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_set>

#include "replay/process_table.h"

namespace netstat {
namespace {

// The texts at \a path: the file itself, or for ".../lsof" every file of
// the folder whose name starts with "lsof" (sos names it after the whole
// command line), in listing order.
std::vector<std::pair<std::string, std::string>> texts_at(const Root& tree,
                                                          std::string_view path) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t slash = path.rfind('/');
  std::string_view base = path.substr(slash + 1);
  if (base != "lsof") {
    Result<std::string> t = tree.read_file(path);
    if (t.ok()) out.emplace_back(std::string(path), std::move(*t));
    return out;
  }
  std::string dir(path.substr(0, slash));
  Result<std::vector<DirEntry>> entries = tree.list_dir(dir);
  if (!entries.ok()) return out;
  for (const DirEntry& e : *entries) {
    if (e.name.rfind("lsof", 0) != 0) continue;
    std::string p = dir + "/" + e.name;
    Result<std::string> t = tree.read_file(p);
    if (t.ok()) out.emplace_back(std::move(p), std::move(*t));
  }
  return out;
}

}  // namespace

std::optional<std::string> sos_process_table(const Root& tree, std::vector<std::string>* used) {
  // pid (numeric, for procfs order) -> record
  std::map<uint64_t, ProcessRecord> procs;
  std::unordered_set<uint64_t> named;
  for (const SosOwnerSource& src : kSosOwnerSources) {
    for (auto& [path, text] : texts_at(tree, src.path)) {
      std::unordered_set<uint64_t> here;
      std::set<std::pair<uint64_t, uint64_t>> pairs;  // (pid, inode) once
      for (formats::SocketOwner& o : src.parse(text)) {
        if (named.count(o.inode) != 0) continue;  // an earlier source named it
        uint64_t pid = 0;
        std::from_chars(o.pid.data(), o.pid.data() + o.pid.size(), pid);
        if (!pairs.insert({pid, o.inode}).second) continue;
        here.insert(o.inode);
        ProcessRecord& p = procs[pid];
        if (p.pid.empty()) {
          p.pid = std::to_string(pid);
          std::string cmdline = std::move(o.program);
          cmdline.push_back('\0');
          p.cmdline = Result<std::string>(std::move(cmdline));
        }
        p.fds.push_back({std::to_string(p.fds.size()), "socket:[" + std::to_string(o.inode) + "]"});
      }
      if (!here.empty() && used) used->push_back(path);
      named.insert(here.begin(), here.end());
    }
  }
  if (procs.empty()) return std::nullopt;
  std::vector<ProcessRecord> records;
  records.reserve(procs.size());
  for (auto& [pid, p] : procs) records.push_back(std::move(p));
  return serialize_process_table(records);
}

}  // namespace netstat
