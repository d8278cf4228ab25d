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
  if (p.sockets.empty()) return;
  uint32_t index = static_cast<uint32_t>(m_programs.size());
  bool used = false;
  for (const FdWalkProcess::Socket& s : p.sockets) {
    if (s.inode == kEmpty) continue;  // never from socket_inode_from_link
    if ((m_size + 1) * 2 > m_slots.size()) grow();
    Slot& slot = m_slots[find_slot(s.inode)];
    if (slot.inode != kEmpty) continue;  // first PID wins
    slot = {s.inode, index};
    ++m_size;
    used = true;
  }
  if (used) m_programs.push_back(e);
}

size_t ProgramCache::find_slot(uint64_t inode) const {
  const size_t mask = m_slots.size() - 1;
  // Fibonacci hashing: inodes come in runs of consecutive numbers.
  size_t i = static_cast<size_t>((inode * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  while (m_slots[i].inode != kEmpty && m_slots[i].inode != inode) i = (i + 1) & mask;
  return i;
}

void ProgramCache::grow() {
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(old.empty() ? 256 : old.size() * 2, Slot{});
  for (const Slot& s : old) {
    if (s.inode != kEmpty) m_slots[find_slot(s.inode)] = s;
  }
}

std::string_view ProgramCache::get(uint64_t inode) const {
  if (m_size == 0 || inode == kEmpty) return "-";
  size_t i = find_slot(inode);
  if (m_slots[i].inode == kEmpty) return "-";
  const Entry& e = m_programs[m_slots[i].program];
  return std::string_view(e.text.data(), e.len);
}

}  // namespace netstat
