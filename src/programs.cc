// The -p cache of net-tools 2.10 (prg_cache_load / prg_cache_get): one fd
// walk per pass (replay/fd_walk.h), the first PID in listing order wins an
// inode, entries cut to 19 bytes, and the two non-root notes exactly when
// 2.10 prints them.
#include "src/programs.h"

#include "replay/fd_walk.h"
#include "replay/root.h"
#include "src/i18n.h"

namespace netstat {
namespace {

constexpr size_t kEntryMax = 19;  // snprintf into char[20]

}  // namespace

void ProgramCache::load(const Root& root, Output& err) {
  if (m_loaded) return;
  m_loaded = true;
  bool eacces = false;
  bool added = false;
  Result<void> procs = walk_fds(root, PidOrder::listing, [&](FdWalkProcess& p) {
    if (p.fd_error != nullptr) {
      if (p.fd_error->code == Errc::permission_denied) eacces = true;
      return;
    }
    if (p.cmdline && p.cmdline->ok()) added = true;
    add(p);
  });
  if (procs.ok() && !eacces) return;
  if (!procs.ok() || !added) {
    i18n::printf_to(err.buffer(),
                    "(No info could be read for \"-p\": geteuid()=%d but you should be root.)\n",
                    static_cast<int>(root.identity().euid));
    err.after_write();
  } else {
    err.write(i18n::trv(
        "(Not all processes could be identified, non-owned process info\n"
        " will not be shown, you would have to be root to see it all.)\n"));
  }
}

void ProgramCache::add(const FdWalkProcess& p) {
  m_loaded = true;
  if (!p.cmdline || !p.cmdline->ok()) return;
  Entry e;  // "PID/name", the same for each of its sockets
  size_t n = 0;
  auto put = [&](std::string_view text) {
    for (char c : text) {
      if (n == kEntryMax) return;
      e.text[n++] = c;
    }
  };
  put(p.pid);
  put("/");
  put(program_name(**p.cmdline));
  e.len = static_cast<uint8_t>(n);
  for (const FdWalkProcess::Socket& s : p.sockets) {
    m_entries.try_emplace(s.inode, e);  // first PID wins
  }
}

std::string_view ProgramCache::get(uint64_t inode) const {
  auto it = m_entries.find(inode);
  if (it == m_entries.end()) return "-";
  return std::string_view(it->second.text.data(), it->second.len);
}

}  // namespace netstat
