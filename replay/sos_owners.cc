// sos_process_table: owners from saved netstat/ss/lsof text -> the process
// table -p walks. Built straight into a ProcessTable (no table text written
// and parsed again), the rows grouped by PID with one sort, no set or string
// per row: a report with 60k owned sockets costs a few milliseconds.
#include "replay/sos_owners.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

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

// One owner row kept: its process, its socket, and where its program name is.
struct Row {
  uint64_t pid;
  uint64_t inode;
  const std::string* program;
};

}  // namespace

std::optional<ProcessTable> sos_process_table(const Root& tree,
                                              std::vector<std::string>* used) {
  // Every file's rows, in source order then text order. An inode an earlier
  // file named is skipped (that file listed all its owners already).
  std::vector<std::vector<formats::SocketOwner>> parsed;
  std::vector<Row> rows;
  std::unordered_set<uint64_t> named;  // inodes of earlier files
  size_t named_upto = 0;               // rows[0, named_upto) are in it
  for (const SosOwnerSource& src : kSosOwnerSources) {
    for (auto& [path, text] : texts_at(tree, src.path)) {
      std::vector<formats::SocketOwner> owners = src.parse(text);
      if (owners.empty()) continue;
      // Only a later file asks which inodes earlier ones named: the set is
      // filled when one follows (most reports have a single source).
      for (; named_upto < rows.size(); ++named_upto) named.insert(rows[named_upto].inode);
      size_t first = rows.size();
      for (const formats::SocketOwner& o : owners) {
        if (!parsed.empty() && named.count(o.inode) != 0) continue;
        uint64_t pid = 0;
        std::from_chars(o.pid.data(), o.pid.data() + o.pid.size(), pid);
        rows.push_back({pid, o.inode, &o.program});
      }
      if (rows.size() == first) continue;
      if (used) used->push_back(path);
      parsed.push_back(std::move(owners));  // rows point into its strings
    }
  }
  if (rows.empty()) return std::nullopt;
  // Grouped by PID in numeric order; each PID's rows keep their order, and
  // its first row names the program.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.pid < b.pid; });
  std::vector<ProcessTable::OwnerProcess> procs;
  std::vector<uint64_t> inodes;
  inodes.reserve(rows.size());
  std::unordered_set<uint64_t> seen;  // a large PID group's inodes
  for (size_t i = 0; i < rows.size();) {
    size_t j = i;
    while (j < rows.size() && rows[j].pid == rows[i].pid) ++j;
    ProcessTable::OwnerProcess p;
    p.pid = rows[i].pid;
    p.program = *rows[i].program;
    p.begin = static_cast<uint32_t>(inodes.size());
    // A socket a process holds twice (two fds, or several files naming
    // it) is listed once.
    bool large = j - i > 32;
    if (large) seen.clear();
    for (size_t k = i; k < j; ++k) {
      uint64_t inode = rows[k].inode;
      bool dup = large ? !seen.insert(inode).second
                       : std::find(inodes.begin() + p.begin, inodes.end(), inode) !=
                             inodes.end();
      if (!dup) inodes.push_back(inode);
    }
    p.end = static_cast<uint32_t>(inodes.size());
    procs.push_back(p);
    i = j;
  }
  return ProcessTable::from_socket_owners(procs, inodes);
}

}  // namespace netstat
