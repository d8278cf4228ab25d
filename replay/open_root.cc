// open_root: turns a --root argument into a Root. "" and "/" are the running
// system; a directory is read through LiveRoot under that prefix; anything
// else is opened as a bundle archive.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "replay/live_root.h"
#include "replay/root.h"

namespace netstat {

Result<std::unique_ptr<Root>> open_root(const std::string& spec) {
  if (spec.empty() || spec == "/") {
    return std::unique_ptr<Root>(std::make_unique<LiveRoot>());
  }
  struct stat st;
  if (::stat(spec.c_str(), &st) != 0) {
    int e = errno;
    return error_from_errno(e, spec + ": " + std::strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    Result<std::unique_ptr<LiveRoot>> dir = LiveRoot::open_dir(spec);
    if (!dir.ok()) return dir.error();
    return std::unique_ptr<Root>(std::move(*dir));
  }
  return Error{Errc::invalid, 0, spec + ": archive roots are not supported yet"};
}

}  // namespace netstat
