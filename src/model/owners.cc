// Builds the -p owner table from /proc through the Root, as net-tools 2.10's
// prg_cache_load (netstat.c) does, with the sockets mode's link and cmdline
// rules (src/programs.h), but keeping every owner of an inode with its full
// program name and numeric pid (ProgramCache keeps only the first owner's
// "PID/name" cut to 19 bytes, which is what the text column needs).
#include "src/model/owners.h"

#include <algorithm>
#include <cstdlib>

#include "src/programs.h"

namespace netstat::model {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

OwnerTable load_owners(const Root& root) {
  OwnerTable table;
  Result<std::vector<DirEntry>> procs = root.list_dir("/proc");
  if (!procs.ok()) return table;
  std::vector<std::pair<uint64_t, std::string>> pids;
  for (const DirEntry& e : *procs) {
    if (all_digits(e.name) && e.name.size() < 20) {
      pids.emplace_back(std::strtoull(e.name.c_str(), nullptr, 10), e.name);
    }
  }
  std::sort(pids.begin(), pids.end());
  std::string path;
  for (const auto& [pid, name] : pids) {
    path = "/proc/" + name + "/fd";
    Result<std::vector<LinkEntry>> links = root.read_links(path);
    if (!links.ok()) {
      if (links.code() == Errc::permission_denied) table.access_denied = true;
      continue;
    }
    bool have_program = false;
    std::string program;
    for (const LinkEntry& l : *links) {
      if (l.name.empty() || l.name[0] < '0' || l.name[0] > '9') continue;
      if (!l.target.ok()) continue;
      std::optional<uint64_t> inode = socket_inode_from_link(*l.target);
      if (!inode || *inode == 0) continue;
      if (!have_program) {
        Result<std::string> cmd = root.read_file("/proc/" + name + "/cmdline");
        if (!cmd.ok()) continue;  // 2.10 retries with the next fd
        program = std::string(program_name(*cmd));
        have_program = true;
      }
      std::vector<Owner>& owners = table.by_inode[*inode];
      uint32_t p = static_cast<uint32_t>(pid);
      bool dup = std::any_of(owners.begin(), owners.end(),
                             [p](const Owner& o) { return o.pid == p; });
      if (!dup) owners.push_back(Owner{p, program});
    }
  }
  return table;
}

}  // namespace netstat::model
