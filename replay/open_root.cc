// open_root: turns a --root argument into a Root. "" and "/" are the running
// system; a directory is read through LiveRoot under that prefix and a
// regular file is decoded as an archive (format from its content); both are
// wrapped in a SnapshotRoot, which replays what a capture recorded (for a
// bundle of several views, the default one: see replay/bundle_views.h).
// The archive caps (replay/archive_limits.h) are a parameter: the member cap
// also bounds what one file of a directory tree may make us hold.
// Errors are one line naming the path and the problem.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "replay/archive_reader.h"
#include "replay/bundle_views.h"
#include "replay/live_root.h"
#include "replay/root.h"

namespace netstat {

Result<std::unique_ptr<Root>> open_root_base(const std::string& spec,
                                             const ArchiveLimits& limits,
                                             ArchiveSelection* select) {
  struct stat st;
  if (::stat(spec.c_str(), &st) != 0) {
    int e = errno;
    return error_from_errno(e, spec + ": " + std::strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    Result<std::unique_ptr<LiveRoot>> dir = LiveRoot::open_dir(spec);
    if (!dir.ok()) return dir.error();
    // An untrusted tree gets the archive reader's per-member cap: a sparse
    // 8 GiB proc/net/raw costs nothing on disk and everything in memory.
    (*dir)->set_max_file_size(limits.max_entry_size);
    return std::unique_ptr<Root>(std::move(*dir));
  }
  if (S_ISREG(st.st_mode)) {
    Result<std::unique_ptr<MemoryRoot>> archive = open_archive_root(spec, limits, select);
    if (!archive.ok()) return archive.error();
    return std::unique_ptr<Root>(std::move(*archive));
  }
  return Error{Errc::invalid, 0, spec + ": neither a directory nor a bundle file"};
}

Result<std::unique_ptr<Root>> open_root(const std::string& spec,
                                        const ArchiveLimits& limits) {
  if (spec.empty() || spec == "/") {
    return std::unique_ptr<Root>(std::make_unique<LiveRoot>());
  }
  Result<std::vector<OpenedView>> views = open_views(spec, ViewSelector{}, limits);
  if (!views.ok()) return views.error();
  return std::move(views->front().root);
}

}  // namespace netstat
