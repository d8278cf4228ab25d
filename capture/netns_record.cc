// record_in_netns(): fork, enter, remount sysfs privately, record, pipe back.
#include "capture/netns_record.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

// Runs in the child: never returns.
[[noreturn]] void child(int ns_fd, int out_fd, const RecordOptions& options) {
  std::string reply;
  if (::setns(ns_fd, CLONE_NEWNET) != 0) {
    reply = child_error(errno, "setns");
  } else if (::unshare(CLONE_NEWNS) != 0) {
    reply = child_error(errno, "unshare mount namespace");
  } else if (::mount(nullptr, "/", nullptr, MS_SLAVE | MS_REC, nullptr) != 0) {
    // Nothing mounted below may reach the parent's mount namespace.
    reply = child_error(errno, "mount --make-rslave /");
  } else {
    ::umount2("/sys", MNT_DETACH);  // not a mount point: nothing to do
    if (::mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
      reply = child_error(errno, "mount sysfs");
    } else {
      renew_live_interface_socket();  // the parent's answers for its namespace
      LiveRoot root;
      Result<Recording> rec = record(root, options);
      if (!rec.ok()) {
        reply = child_error(rec.error().sys_errno, rec.error().message);
      } else {
        reply = "R" + serialize_recording(*rec);
      }
    }
  }
  bool ok = write_all(out_fd, reply);
  ::_exit(ok ? 0 : 1);
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

Result<Recording> record_in_netns(int ns_fd, const RecordOptions& options) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    int e = errno;
    return error_from_errno(e, std::string("pipe: ") + std::strerror(e));
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    int e = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return error_from_errno(e, std::string("fork: ") + std::strerror(e));
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(ns_fd, fds[1], options);
  }
  ::close(fds[1]);
  std::string wire;
  char buf[65536];
  int read_errno = 0;
  while (true) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n > 0) {
      wire.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) read_errno = errno;
    break;
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (read_errno != 0) {
    return error_from_errno(read_errno, std::string("read: ") + std::strerror(read_errno));
  }
  if (!wire.empty() && wire[0] == 'E') {
    Reader r{std::string_view(wire).substr(1)};
    int err = static_cast<int>(r.u64());
    std::string message = r.blob();
    if (r.ok) {
      Error e = err != 0 ? error_from_errno(err) : Error{Errc::io_error, 0, {}};
      e.message = message;
      return e;
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || wire.empty() || wire[0] != 'R') {
    std::string how = WIFSIGNALED(status)
                          ? "killed by signal " + std::to_string(WTERMSIG(status))
                          : "exit status " + std::to_string(WEXITSTATUS(status));
    return Error{Errc::io_error, 0, "the recording process failed (" + how + ")"};
  }
  return parse_recording(std::string_view(wire).substr(1));
}

}  // namespace netstat
