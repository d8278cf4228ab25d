// bundle_id(): streams the file through SHA-256 in 1 MiB reads (constant
// memory whatever its size); never follows a tree's manifest.json symlink
// and never opens a FIFO or device for reading.
#include "src/export/bundle_id.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "capture/sha256.h"

namespace netstat::exporter {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error errno_error(int e, const std::string& what) {
  return error_from_errno(e, what + ": " + std::strerror(e));
}

// Hashes the open regular file \a fd (at most \a cap bytes when cap > 0).
Result<BundleId> hash_fd(int fd, const std::string& what, uint64_t cap) {
  Sha256 h;
  BundleId out;
  std::vector<char> buf(size_t{1} << 20);
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, what);
    }
    if (n == 0) break;
    out.size += static_cast<uint64_t>(n);
    if (cap > 0 && out.size > cap) {
      return Error{Errc::too_large, 0, what + ": larger than " +
                                           std::to_string(cap) + " bytes"};
    }
    h.update(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
  out.id = hex_digest(h.finish());
  return out;
}

}  // namespace

Result<BundleId> bundle_id(const std::string& path, uint64_t max_manifest) {
  Fd f;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat decides.
  f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (f.fd < 0) return errno_error(errno, path);
  struct stat st;
  if (::fstat(f.fd, &st) != 0) return errno_error(errno, path);
  if (S_ISREG(st.st_mode)) {
    return hash_fd(f.fd, path, 0);
  }
  if (!S_ISDIR(st.st_mode)) {
    return Error{Errc::invalid, 0, path + ": neither a directory nor a bundle file"};
  }
  Fd m;
  m.fd = ::openat(f.fd, "manifest.json",
                  O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  struct stat mst;
  if (m.fd >= 0 && ::fstat(m.fd, &mst) == 0 && S_ISREG(mst.st_mode)) {
    Result<BundleId> id = hash_fd(m.fd, path + "/manifest.json", max_manifest);
    if (id.ok()) id->tree = true;
    return id;
  }
  // No (regular) manifest: a bare tree (a fixture, an unpacked sosreport),
  // known by where it is. A folder without proc/ either is not a snapshot:
  // most likely a folder of bundles, named instead of its files.
  struct stat proc;
  if (::fstatat(f.fd, "proc", &proc, 0) != 0 || !S_ISDIR(proc.st_mode)) {
    return Error{Errc::invalid, 0,
                 path + ": not a captured tree (no manifest.json, no proc/); a "
                        "folder of bundles is exported by naming its files "
                        "(DIR/*.tar.zst) or with --from"};
  }
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return errno_error(errno, path);
  BundleId out;
  out.id = sha256_hex(std::string("tree:") + resolved);
  out.tree = true;
  return out;
}

}  // namespace netstat::exporter
