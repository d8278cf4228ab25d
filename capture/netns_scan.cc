// Namespace discovery: /proc/<pid>/ns/net links grouped by inode, names from
// /run/netns, comm and cgroup of the processes inside.
#include "capture/netns_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>

#include "formats/cgroup_container.h"

namespace netstat {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

template <typename T>
std::optional<T> number(std::string_view s) {
  if (!all_digits(s)) return std::nullopt;
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// "net:[4026531840]" -> 4026531840.
std::optional<uint64_t> ns_link_inode(std::string_view link) {
  if (link.substr(0, 5) != "net:[" || link.size() < 7 || link.back() != ']') {
    return std::nullopt;
  }
  return number<uint64_t>(link.substr(5, link.size() - 6));
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string NetnsInfo::netns() const {
  return self ? std::string("self") : "netns:[" + std::to_string(inode) + "]";
}

std::vector<NamedNetns> list_named_netns(const std::string& dir) {
  std::vector<NamedNetns> out;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return out;
  int dfd = ::dirfd(d);
  while (const dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    NamedNetns n;
    n.name = name;
    int fd = ::openat(dfd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
      int err = errno;
      n.error = error_from_errno(err, std::strerror(err));
      out.push_back(std::move(n));
      continue;
    }
    FdCloser closer{fd};
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      n.error = error_from_errno(err, std::strerror(err));
    } else {
      n.inode = st.st_ino;
      // A leftover file that `ip netns add` never mounted over is a plain
      // empty file: not a namespace.
      int type = ::ioctl(fd, NS_GET_NSTYPE);
      if (type != CLONE_NEWNET) {
        n.inode = 0;
        n.error = Error{Errc::invalid, type < 0 ? errno : 0, "not a network namespace"};
      }
    }
    out.push_back(std::move(n));
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(),
            [](const NamedNetns& a, const NamedNetns& b) { return a.name < b.name; });
  return out;
}

Result<NetnsScan> scan_netns(const Root& root, const std::vector<NamedNetns>& named) {
  NetnsScan scan;
  Result<std::string> self = root.read_link("/proc/self/ns/net");
  if (!self.ok()) {
    return Error{self.code(), self.error().sys_errno,
                 "/proc/self/ns/net: " + error_text(self.error())};
  }
  std::optional<uint64_t> self_inode = ns_link_inode(*self);
  if (!self_inode) {
    return Error{Errc::invalid, 0, "/proc/self/ns/net: unexpected link '" + *self + "'"};
  }
  scan.self_inode = *self_inode;
  Result<std::vector<DirEntry>> listed = root.list_dir("/proc");
  if (!listed.ok()) {
    return Error{listed.code(), listed.error().sys_errno, "/proc: " + error_text(listed.error())};
  }
  std::vector<uint32_t> pids;
  for (const DirEntry& e : *listed) {
    if (std::optional<uint32_t> pid = number<uint32_t>(e.name)) pids.push_back(*pid);
  }
  std::sort(pids.begin(), pids.end());

  // inode -> index into scan.namespaces
  std::map<uint64_t, size_t> index;
  auto info_for = [&](uint64_t inode) -> NetnsInfo& {
    auto [it, fresh] = index.emplace(inode, scan.namespaces.size());
    if (fresh) {
      NetnsInfo n;
      n.inode = inode;
      n.self = inode == scan.self_inode;
      scan.namespaces.push_back(std::move(n));
    }
    return scan.namespaces[it->second];
  };
  info_for(scan.self_inode);
  for (const NamedNetns& n : named) {
    if (n.error || n.inode == 0) {
      SkippedNetns s;
      s.netns = "/run/netns/" + n.name;
      s.names = {n.name};
      s.error = n.error ? *n.error : Error{Errc::invalid, 0, {}};
      scan.unknown.push_back(std::move(s));
      continue;
    }
    info_for(n.inode).names.push_back(n.name);
  }
  SkippedNetns unreadable;
  unreadable.netns = "unknown";
  for (uint32_t pid : pids) {
    std::string dir = "/proc/" + std::to_string(pid);
    Result<std::string> link = root.read_link(dir + "/ns/net");
    if (!link.ok()) {
      // Gone since the listing, or a zombie: nothing to record.
      if (link.code() == Errc::not_found) continue;
      if (unreadable.pids.empty()) unreadable.error = link.error();
      unreadable.pids.push_back(pid);
      continue;
    }
    std::optional<uint64_t> inode = ns_link_inode(*link);
    if (!inode) continue;
    NetnsInfo& ns = info_for(*inode);
    if (ns.self) continue;
    ViewProcess p;
    p.pid = pid;
    if (Result<std::string> comm = root.read_file(dir + "/comm"); comm.ok()) {
      p.command = *comm;
      while (!p.command.empty() && p.command.back() == '\n') p.command.pop_back();
    }
    ns.processes.push_back(std::move(p));
    if (ns.processes.size() == 1) {  // the first process tells the container
      if (Result<std::string> cg = root.read_file(dir + "/cgroup"); cg.ok()) {
        if (std::optional<CgroupContainer> c = container_from_cgroup(*cg)) {
          ns.container = ViewContainer{c->runtime, c->id, c->pod_uid};
        }
      }
    }
  }
  if (!unreadable.pids.empty()) {
    unreadable.error.message.clear();
    scan.unknown.push_back(std::move(unreadable));
  }
  // Order: self, named (by first name), then the others by first pid.
  std::stable_sort(scan.namespaces.begin(), scan.namespaces.end(),
                   [](const NetnsInfo& a, const NetnsInfo& b) {
                     auto rank = [](const NetnsInfo& n) { return n.self ? 0 : n.names.empty() ? 2 : 1; };
                     if (rank(a) != rank(b)) return rank(a) < rank(b);
                     if (!a.names.empty() && !b.names.empty()) return a.names < b.names;
                     uint32_t pa = a.processes.empty() ? UINT32_MAX : a.processes.front().pid;
                     uint32_t pb = b.processes.empty() ? UINT32_MAX : b.processes.front().pid;
                     return pa < pb;
                   });
  return scan;
}

const NetnsInfo* find_netns(const NetnsScan& scan, std::string_view sel) {
  std::optional<uint64_t> inode = number<uint64_t>(sel);
  std::optional<uint32_t> pid;
  if (sel.substr(0, 4) == "pid:") pid = number<uint32_t>(sel.substr(4));
  for (const NetnsInfo& n : scan.namespaces) {
    if (sel == "self" && n.self) return &n;
    if (sel == n.netns()) return &n;
    if (inode && *inode == n.inode) return &n;
    if (std::find(n.names.begin(), n.names.end(), sel) != n.names.end()) return &n;
    if (pid) {
      for (const ViewProcess& p : n.processes) {
        if (p.pid == *pid) return &n;
      }
    }
  }
  return nullptr;
}

Result<int> open_netns(const NetnsInfo& ns, const std::string& named_dir) {
  auto check = [&](int fd) -> bool {
    struct stat st;
    return ::fstat(fd, &st) == 0 && st.st_ino == ns.inode;
  };
  int last = ENOENT;
  for (const std::string& name : ns.names) {
    int fd = ::open((named_dir + "/" + name).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
      last = errno;
      continue;
    }
    if (check(fd)) return fd;
    ::close(fd);
    last = ESTALE;
  }
  for (const ViewProcess& p : ns.processes) {
    int fd = ::open(("/proc/" + std::to_string(p.pid) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      last = errno;
      continue;
    }
    if (check(fd)) return fd;
    ::close(fd);
    last = ESTALE;
  }
  return error_from_errno(last, std::string("open: ") + std::strerror(last));
}

}  // namespace netstat
