// record_in_netns(): fork, enter, remount sysfs privately, record, pipe back.
#include "capture/netns_record.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "replay/live_root.h"
#include "replay/live_system.h"

namespace netstat {
namespace {

constexpr std::string_view kMagic = "netstat-view-1\n";

void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_blob(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

struct Reader {
  std::string_view in;
  bool ok = true;
  uint64_t u64() {
    if (in.size() < 8) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      v |= static_cast<uint64_t>(static_cast<unsigned char>(in[static_cast<size_t>(i)])) << (8 * i);
    }
    in.remove_prefix(8);
    return v;
  }
  std::string blob() {
    uint64_t n = u64();
    if (!ok || n > in.size()) {
      ok = false;
      return {};
    }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The child's failure: 'E', errno, message.
std::string child_error(int err, std::string_view what) {
  std::string out = "E";
  put_u64(out, static_cast<uint64_t>(err));
  put_blob(out, std::string(what) + (err != 0 ? std::string(": ") + std::strerror(err) : ""));
  return out;
}

// Runs in a worker: never returns. Enters each job's namespace in turn and
// writes one frame per job: index, length, then 'R' + recording or 'E' +
// errno + message.
[[noreturn]] void worker(const std::vector<NetnsJob>& jobs, const std::vector<size_t>& mine,
                         int out_fd) {
  bool ok = true;
  auto send = [&](size_t index, const std::string& reply) {
    std::string frame;
    put_u64(frame, index);
    put_u64(frame, reply.size());
    ok = ok && write_all(out_fd, frame) && write_all(out_fd, reply);
  };
  // The private mount namespace is made once, after the first setns (so
  // that a user who may not enter namespaces is told that first).
  bool private_mounts = false;
  for (size_t i : mine) {
    if (::setns(jobs[i].fd, CLONE_NEWNET) != 0) {
      send(i, child_error(errno, "setns"));
      continue;
    }
    if (!private_mounts) {
      if (::unshare(CLONE_NEWNS) != 0) {
        send(i, child_error(errno, "unshare mount namespace"));
        continue;
      }
      // Nothing mounted below may reach the parent's mount namespace.
      if (::mount(nullptr, "/", nullptr, MS_SLAVE | MS_REC, nullptr) != 0) {
        // Half-made: never mount anything in it.
        std::string e = child_error(errno, "mount --make-rslave /");
        for (size_t j : mine) {
          if (j >= i) send(j, e);
        }
        break;
      }
      private_mounts = true;
    }
    // /sys/class/net lists the interfaces of the namespace that mounted
    // sysfs: a fresh mount for each namespace (the previous one detached).
    ::umount2("/sys", MNT_DETACH);  // not a mount point: nothing to do
    if (::mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
      send(i, child_error(errno, "mount sysfs"));
      continue;
    }
    renew_live_interface_socket();  // it answered for the previous namespace
    LiveRoot root;
    Result<Recording> rec = record(root, jobs[i].options);
    // The parent rebuilds the entries when it writes the bundle.
    if (rec.ok()) rec->manifest.entries.clear();
    send(i, rec.ok() ? "R" + serialize_recording(*rec)
                     : child_error(rec.error().sys_errno, rec.error().message));
  }
  ::_exit(ok ? 0 : 1);
}

// A worker's answer for one job.
Result<Recording> parse_reply(const std::string& reply) {
  if (!reply.empty() && reply[0] == 'E') {
    Reader r{std::string_view(reply).substr(1)};
    int err = static_cast<int>(r.u64());
    std::string message = r.blob();
    if (r.ok) {
      Error e = err != 0 ? error_from_errno(err) : Error{Errc::io_error, 0, {}};
      e.message = message;
      return e;
    }
  }
  if (reply.empty() || reply[0] != 'R') {
    return Error{Errc::invalid, 0, "malformed view recording from the child"};
  }
  return parse_recording(std::string_view(reply).substr(1));
}

}  // namespace

std::string serialize_recording(const Recording& rec) {
  std::string out(kMagic);
  put_blob(out, manifest_to_json(rec.manifest));
  put_u64(out, rec.members.size());
  for (const BundleMember& m : rec.members) {
    put_u64(out, static_cast<uint64_t>(m.type));
    put_blob(out, m.path);
    put_blob(out, m.data);
    put_blob(out, m.sha256);
  }
  return out;
}

Result<Recording> parse_recording(std::string_view wire) {
  auto bad = [] { return Error{Errc::invalid, 0, "malformed view recording from the child"}; };
  if (wire.substr(0, kMagic.size()) != kMagic) return bad();
  Reader r{wire.substr(kMagic.size())};
  std::string manifest = r.blob();
  if (!r.ok) return bad();
  Result<Manifest> m = parse_manifest(manifest);
  if (!m.ok()) return m.error();
  Recording rec;
  rec.manifest = std::move(*m);
  uint64_t n = r.u64();
  if (!r.ok || n > wire.size()) return bad();
  rec.members.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    BundleMember b;
    uint64_t type = r.u64();
    b.path = r.blob();
    b.data = r.blob();
    b.sha256 = r.blob();
    if (!r.ok || type > static_cast<uint64_t>(FileType::unknown)) return bad();
    b.type = static_cast<FileType>(type);
    rec.members.push_back(std::move(b));
  }
  if (!r.in.empty()) return bad();
  return rec;
}

std::vector<Result<Recording>> record_in_netns(const std::vector<NetnsJob>& jobs,
                                               unsigned workers,
                                               const std::function<void()>& meanwhile) {
  std::vector<Result<Recording>> out(jobs.size(), Result<Recording>(Error{}));
  std::vector<bool> answered(jobs.size(), false);
  workers = std::max(1u, std::min<unsigned>(workers, static_cast<unsigned>(jobs.size())));
  struct Worker {
    pid_t pid = -1;
    int fd = -1;
    std::vector<size_t> jobs;
    std::string wire;
    int read_errno = 0;
  };
  std::vector<Worker> ws(jobs.empty() ? 0 : workers);
  for (size_t i = 0; i < jobs.size(); ++i) ws[i % ws.size()].jobs.push_back(i);
  for (Worker& w : ws) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      w.read_errno = errno;
      continue;
    }
    pid_t pid = ::fork();
    if (pid < 0) {
      w.read_errno = errno;
      ::close(fds[0]);
      ::close(fds[1]);
      continue;
    }
    if (pid == 0) {
      ::close(fds[0]);
      worker(jobs, w.jobs, fds[1]);
    }
    ::close(fds[1]);
    w.pid = pid;
    w.fd = fds[0];
  }
  // Each worker's pipe is drained by a thread of its own (a worker blocks
  // once the pipe is full) while the caller's work runs here.
  std::vector<std::thread> readers;
  for (Worker& w : ws) {
    if (w.fd < 0) continue;
    readers.emplace_back([&w] {
      char buf[65536];
      while (true) {
        ssize_t n = ::read(w.fd, buf, sizeof buf);
        if (n > 0) {
          w.wire.append(buf, static_cast<size_t>(n));
          continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) w.read_errno = errno;
        break;
      }
    });
  }
  if (meanwhile) meanwhile();
  for (std::thread& t : readers) t.join();
  for (Worker& w : ws) {
    int status = 0;
    if (w.fd >= 0) ::close(w.fd);
    if (w.pid > 0) {
      while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    Reader r{w.wire};
    while (!r.in.empty()) {
      uint64_t index = r.u64();
      std::string reply = r.blob();
      if (!r.ok || index >= jobs.size()) break;
      out[index] = parse_reply(reply);
      answered[index] = true;
    }
    // Jobs without an answer: the worker could not start or died.
    std::string why = w.read_errno != 0 ? std::string(std::strerror(w.read_errno))
                      : WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                            : "exit status " + std::to_string(WEXITSTATUS(status));
    for (size_t i : w.jobs) {
      if (!answered[i]) {
        out[i] = Error{Errc::io_error, w.read_errno,
                       "the recording process failed (" + why + ")"};
      }
    }
  }
  return out;
}

Result<Recording> record_in_netns(int ns_fd, const RecordOptions& options) {
  std::vector<NetnsJob> jobs{{ns_fd, options}};
  return std::move(record_in_netns(jobs, 1).front());
}

}  // namespace netstat
