// LiveRoot: reads through the kernel. Under a prefix every open goes through
// open_in_root (openat2 RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS, or its
// user-space walk on kernels before 5.6) relative to the prefix's directory
// fd; readlink opens the parent the same way and uses readlinkat.
#include "replay/live_root.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "replay/file_name_service.h"
#include "replay/live_system.h"
#include "replay/open_in_root.h"

namespace netstat {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

FileType type_from_dirent(unsigned char t) {
  switch (t) {
    case DT_REG: return FileType::regular;
    case DT_DIR: return FileType::directory;
    case DT_LNK: return FileType::symlink;
    case DT_UNKNOWN: return FileType::unknown;
    default: return FileType::other;
  }
}

// Strips leading slashes: paths inside a prefix are relative to its fd.
std::string relative(std::string_view path) {
  size_t i = 0;
  while (i < path.size() && path[i] == '/') ++i;
  std::string rel(path.substr(i));
  return rel.empty() ? std::string(".") : rel;
}

Result<std::string> read_all(int fd, size_t max_size, std::string_view path) {
  std::string data;
  // Whether fstat gave a size to read into. (Not data.capacity() == 0: an
  // empty std::string already has room for its short-string buffer.)
  bool sized = false;
  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Error{Errc::is_a_directory, EISDIR, std::string(path)};
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
      size_t size = static_cast<size_t>(st.st_size);
      // Refused before reserving: a sparse 8 GiB file is cheap to plant.
      if (max_size != 0 && size > max_size) {
        return Error{Errc::too_large, EFBIG, std::string(path)};
      }
      data.reserve(size + 1);
      sized = true;
    }
  }
  auto read_into = [&](char* at, size_t room) -> ssize_t {
    while (true) {
      ssize_t n = ::read(fd, at, room);
      if (n >= 0 || errno != EINTR) return n;
    }
  };
  size_t len = 0;
  if (!sized) {
    // No size known (procfs): most such files fit one stack buffer and are
    // then copied once into a string of their exact size. (A 64 KiB heap
    // buffer per file, kept by the caller, cost 16 page faults even for a
    // 1 KiB file, and a fault costs ~12 us on a virtual machine.)
    char first[size_t{1} << 16];
    while (len < sizeof first) {
      ssize_t n = read_into(first + len, sizeof first - len);
      if (n < 0) return error_from_errno(errno, std::string(path));
      if (n == 0) {
        data.assign(first, len);
        return data;
      }
      len += static_cast<size_t>(n);
      if (max_size != 0 && len > max_size) {
        return Error{Errc::too_large, EFBIG, std::string(path)};
      }
    }
    data.resize(2 * sizeof first);
    std::copy(first, first + len, data.data());
  } else {
    data.resize(data.capacity());
  }
  // procfs answers a seq_file read one page (~4 KiB) at a time, so grow the
  // buffer geometrically and read into its free tail: zero-filling a fresh
  // chunk per read() would cost O(file size x reads).
  while (true) {
    if (len == data.size()) data.resize(data.size() * 2);
    ssize_t n = read_into(data.data() + len, data.size() - len);
    if (n < 0) return error_from_errno(errno, std::string(path));
    if (n == 0) break;
    len += static_cast<size_t>(n);
    if (max_size != 0 && len > max_size) {
      return Error{Errc::too_large, EFBIG, std::string(path)};
    }
  }
  data.resize(len);
  return data;
}

}  // namespace

LiveRoot::LiveRoot() : m_names(make_system_name_service(*this)) {}

LiveRoot::LiveRoot(int root_fd, std::string prefix)
    : m_root_fd(root_fd), m_prefix(std::move(prefix)),
      m_walk_only(openat2_disabled_by_environment()) {
  m_names = make_file_name_service(*this);
}

LiveRoot::~LiveRoot() {
  if (m_root_fd >= 0) ::close(m_root_fd);
}

Result<std::unique_ptr<LiveRoot>> LiveRoot::open_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, dir + ": " + std::strerror(e));
  }
  return std::unique_ptr<LiveRoot>(new LiveRoot(fd, dir));
}

int LiveRoot::open_path(std::string_view path, int flags) const {
  if (m_root_fd < 0) {
    std::string p(path);
    return ::open(p.c_str(), flags | O_CLOEXEC);
  }
  return open_in_root(m_root_fd, path, flags, m_walk_only);
}

Result<std::string> LiveRoot::read_file(std::string_view path) const {
  int fd = open_path(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, std::string(path));
  }
  Fd guard(fd);
  if (m_root_fd >= 0) {
    // Never block on a FIFO or read a device planted in an untrusted tree.
    struct stat st;
    if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
      return Error{Errc::invalid, EINVAL,
                   std::string(path) + ": not a regular file"};
    }
  }
  return read_all(fd, m_max_file, path);
}

Result<void> LiveRoot::read_file_pieces(
    std::string_view path, const std::function<void(std::string_view)>& sink) const {
  int fd = open_path(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, std::string(path));
  }
  Fd guard(fd);
  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Error{Errc::is_a_directory, EISDIR, std::string(path)};
    if (m_root_fd >= 0 && !S_ISREG(st.st_mode)) {
      return Error{Errc::invalid, EINVAL, std::string(path) + ": not a regular file"};
    }
    if (m_max_file != 0 && S_ISREG(st.st_mode) &&
        static_cast<size_t>(st.st_size) > m_max_file) {
      return Error{Errc::too_large, EFBIG, std::string(path)};
    }
  }
  // Not zero-filled: only the pages read(2) writes are touched (a small
  // table costs one page fault, not sixteen).
  constexpr size_t kPiece = size_t{1} << 16;
  std::unique_ptr<char[]> buf = std::make_unique_for_overwrite<char[]>(kPiece);
  size_t total = 0;
  while (true) {
    ssize_t n = ::read(fd, buf.get(), kPiece);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      return error_from_errno(e, std::string(path));
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
    if (m_max_file != 0 && total > m_max_file) {
      return Error{Errc::too_large, EFBIG, std::string(path)};
    }
    sink(std::string_view(buf.get(), static_cast<size_t>(n)));
  }
  return Result<void>();
}

namespace {

// The directory stream of \a fd (an open_path answer for \a path), or the
// error of whichever step failed; the fd is closed on failure.
Result<DIR*> dir_stream(int fd, std::string_view path) {
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, std::string(path));
  }
  DIR* d = ::fdopendir(fd);
  if (d == nullptr) {
    int e = errno;
    ::close(fd);
    return error_from_errno(e, std::string(path));
  }
  return d;
}

}  // namespace

Result<std::vector<DirEntry>> LiveRoot::list_dir(std::string_view path) const {
  Result<DIR*> opened = dir_stream(open_path(path, O_RDONLY | O_DIRECTORY), path);
  if (!opened.ok()) return opened.error();
  DIR* d = *opened;
  std::vector<DirEntry> entries;
  errno = 0;
  while (struct dirent* de = ::readdir(d)) {
    if (de->d_name[0] == '.' &&
        (de->d_name[1] == '\0' ||
         (de->d_name[1] == '.' && de->d_name[2] == '\0'))) {
      continue;
    }
    entries.push_back({de->d_name, type_from_dirent(de->d_type)});
  }
  ::closedir(d);
  return entries;
}

Result<std::string> LiveRoot::read_link(std::string_view path) const {
  char buf[PATH_MAX];
  ssize_t n;
  if (m_root_fd < 0) {
    std::string p(path);
    n = ::readlink(p.c_str(), buf, sizeof buf);
  } else {
    std::string rel = relative(path);
    size_t slash = rel.rfind('/');
    std::string parent = slash == std::string::npos ? "." : rel.substr(0, slash);
    std::string base = slash == std::string::npos ? rel : rel.substr(slash + 1);
    int dfd = open_path("/" + parent, O_PATH | O_DIRECTORY);
    if (dfd < 0) {
      int e = errno;
      return error_from_errno(e, std::string(path));
    }
    Fd guard(dfd);
    n = ::readlinkat(dfd, base.c_str(), buf, sizeof buf);
  }
  if (n < 0) {
    int e = errno;
    return error_from_errno(e, std::string(path));
  }
  return std::string(buf, static_cast<size_t>(n));
}

Result<std::vector<LinkEntry>> LiveRoot::read_links(std::string_view dir) const {
  Result<DIR*> opened = dir_stream(open_path(dir, O_RDONLY | O_DIRECTORY), dir);
  if (!opened.ok()) return opened.error();
  DIR* d = *opened;
  std::vector<LinkEntry> entries;
  char buf[PATH_MAX];
  while (struct dirent* de = ::readdir(d)) {
    if (de->d_name[0] == '.' &&
        (de->d_name[1] == '\0' ||
         (de->d_name[1] == '.' && de->d_name[2] == '\0'))) {
      continue;
    }
    ssize_t n = ::readlinkat(::dirfd(d), de->d_name, buf, sizeof buf);
    if (n < 0) {
      int e = errno;
      entries.push_back({de->d_name, error_from_errno(e)});
    } else {
      entries.push_back({de->d_name, std::string(buf, static_cast<size_t>(n))});
    }
  }
  ::closedir(d);
  return entries;
}

Result<void> LiveRoot::each_link(
    std::string_view dir,
    const std::function<void(std::string_view, std::string_view)>& each) const {
  Result<DIR*> opened = dir_stream(open_path(dir, O_RDONLY | O_DIRECTORY), dir);
  if (!opened.ok()) return opened.error();
  DIR* d = *opened;
  char buf[PATH_MAX];
  while (struct dirent* de = ::readdir(d)) {
    if (de->d_name[0] == '.' &&
        (de->d_name[1] == '\0' ||
         (de->d_name[1] == '.' && de->d_name[2] == '\0'))) {
      continue;
    }
    ssize_t n = ::readlinkat(::dirfd(d), de->d_name, buf, sizeof buf);
    if (n >= 0) each(de->d_name, std::string_view(buf, static_cast<size_t>(n)));
  }
  ::closedir(d);
  return {};
}

InetRowsOutcome LiveRoot::inet_rows(const InetRowsRequest& request,
                                   const InetRowSink& sink) const {
  if (m_root_fd >= 0 || request.source == SocketSource::proc) return {};
  return live_sock_diag_inet_rows(request, identity().clk_tck, sink);
}

Result<std::vector<std::string>> LiveRoot::interface_labels() const {
  if (m_root_fd >= 0) {
    return Error{Errc::not_captured, 0, "no interface data in a directory"};
  }
  return live_interface_labels();
}

Result<IfaceInfo> LiveRoot::interface_info(std::string_view name) const {
  if (m_root_fd >= 0) {
    return Error{Errc::not_captured, 0, "no interface data in a directory"};
  }
  // One rtnetlink dump of the links answers the device ioctls, one of the
  // IPv4 addresses the four address ioctls, for every name
  // (replay/live_netlink_interfaces.cc).
  // NETSTAT_IOCTL_IFACES=1 asks every name through the ioctls alone.
  std::call_once(m_netlink_once, [this] {
    const char* ioctls = std::getenv("NETSTAT_IOCTL_IFACES");
    if (ioctls == nullptr || std::strcmp(ioctls, "1") != 0) {
      m_links = live_netlink_links();
      m_ipv4_labels = live_netlink_ipv4_labels();
    }
  });
  return live_interface_info(name, m_ipv4_labels ? &*m_ipv4_labels : nullptr,
                             m_links ? &*m_links : nullptr);
}

const NameService& LiveRoot::names() const { return *m_names; }

SystemIdentity LiveRoot::identity() const {
  SystemIdentity id;
  // A bare tree records no capturer: what it lets us read (EACCES in its
  // /proc/<pid>/fd) depends on the reader, so the reader's euid is the one
  // 2.10's -p note names. Host name and kernel are unknown for a tree.
  id.euid = ::geteuid();
  if (m_root_fd >= 0) return id;
  long tck = ::sysconf(_SC_CLK_TCK);
  if (tck > 0) id.clk_tck = tck;
  struct utsname u;
  if (::uname(&u) == 0) {
    id.hostname = u.nodename;
    id.kernel_release = u.release;
  }
  return id;
}

std::string LiveRoot::description() const {
  return m_root_fd < 0 ? std::string("/") : m_prefix;
}

Result<void> Root::read_file_pieces(
    std::string_view path, const std::function<void(std::string_view)>& sink) const {
  Result<std::string> whole = read_file(path);
  if (!whole.ok()) return whole.error();
  sink(*whole);
  return Result<void>();
}

Result<std::vector<LinkEntry>> Root::read_links(std::string_view dir) const {
  Result<std::vector<DirEntry>> listed = list_dir(dir);
  if (!listed.ok()) return listed.error();
  std::vector<LinkEntry> out;
  out.reserve(listed->size());
  std::string path(dir);
  path.push_back('/');
  size_t base = path.size();
  for (DirEntry& e : *listed) {
    path.resize(base);
    path += e.name;
    out.push_back({std::move(e.name), read_link(path)});
  }
  return out;
}

Result<void> Root::each_link(
    std::string_view dir,
    const std::function<void(std::string_view, std::string_view)>& each) const {
  Result<std::vector<LinkEntry>> links = read_links(dir);
  if (!links.ok()) return links.error();
  for (const LinkEntry& l : *links) {
    if (l.target.ok()) each(l.name, *l.target);
  }
  return {};
}

}  // namespace netstat
