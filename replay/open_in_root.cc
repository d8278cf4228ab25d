// open_in_root: see open_in_root.h.
#include "replay/open_in_root.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace netstat {
namespace {

constexpr int kMaxSymlinks = 40;  // Linux's MAXSYMLINKS

// Set once the kernel answered ENOSYS: it has no openat2.
std::atomic<bool> g_no_openat2{false};

// The folders walked from the top: fds[0] is the caller's root_fd (not
// ours to close), each later one a folder opened O_PATH inside the previous.
class Walk {
 public:
  explicit Walk(int root_fd) { m_fds.push_back(root_fd); }
  ~Walk() { pop_to(1); }
  Walk(const Walk&) = delete;
  Walk& operator=(const Walk&) = delete;

  int top() const { return m_fds.back(); }
  void push(int fd) { m_fds.push_back(fd); }
  void up() {
    if (m_fds.size() > 1) pop_to(m_fds.size() - 1);
  }
  void to_root() { pop_to(1); }

 private:
  void pop_to(size_t n) {
    while (m_fds.size() > n) {
      ::close(m_fds.back());
      m_fds.pop_back();
    }
  }
  std::vector<int> m_fds;
};

// Splits \a path into its components, ahead of \a rest (the components still
// to walk, in reverse order, so the next one is rest.back()).
void push_components(std::string_view path, std::vector<std::string>& rest) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) parts.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  // "dir/" must name a folder: walk "." last, which opens the folder itself.
  if (!path.empty() && path.back() == '/') parts.emplace_back(".");
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) rest.push_back(*it);
}

// The user-space walk (see the header).
int walk_in_root(int root_fd, std::string_view path, int flags) {
  Walk walk(root_fd);
  std::vector<std::string> rest;
  push_components(path, rest);
  int links = 0;
  // The last component, opened with the caller's flags; stays "." when the
  // walk ends in a folder (the path is empty, "/", "..", "dir/", a link to /).
  std::string last = ".";
  while (!rest.empty()) {
    std::string name = std::move(rest.back());
    rest.pop_back();
    if (name == ".") continue;
    if (name == "..") {
      walk.up();
      continue;
    }
    struct stat st;
    if (::fstatat(walk.top(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return -1;
    }
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxSymlinks) {
        errno = ELOOP;
        return -1;
      }
      char target[PATH_MAX];
      ssize_t n = ::readlinkat(walk.top(), name.c_str(), target, sizeof target);
      if (n < 0) return -1;
      if (n == 0) {
        errno = ENOENT;
        return -1;
      }
      std::string_view t(target, static_cast<size_t>(n));
      if (t.front() == '/') walk.to_root();
      push_components(t, rest);
      continue;
    }
    if (rest.empty()) {
      last = std::move(name);
      break;
    }
    if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return -1;
    }
    int fd = ::openat(walk.top(), name.c_str(),
                      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    walk.push(fd);
  }
  // O_NOFOLLOW: a symlink swapped in since fstatat fails (ELOOP) here.
  return ::openat(walk.top(), last.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);
}

}  // namespace

bool openat2_disabled_by_environment() {
  const char* v = std::getenv("NETSTAT_NO_OPENAT2");
  return v != nullptr && std::strcmp(v, "1") == 0;
}

int open_in_root(int root_fd, std::string_view path, int flags, bool walk_only) {
  if (!walk_only && !g_no_openat2.load(std::memory_order_relaxed)) {
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    size_t i = 0;
    while (i < path.size() && path[i] == '/') ++i;
    std::string rel(i < path.size() ? path.substr(i) : std::string_view("."));
    long fd = ::syscall(SYS_openat2, root_fd, rel.c_str(), &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return static_cast<int>(fd);
    if (errno == ENOSYS) g_no_openat2.store(true, std::memory_order_relaxed);
  }
  return walk_in_root(root_fd, path, flags);
}

}  // namespace netstat
