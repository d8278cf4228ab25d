// errno <-> Errc mapping for Result errors.
#include "replay/result.h"

#include <cerrno>
#include <cstring>

namespace netstat {

Error error_from_errno(int err, std::string message) {
  Errc code = Errc::io_error;
  switch (err) {
    case ENOENT: code = Errc::not_found; break;
    case EACCES:
    case EPERM: code = Errc::permission_denied; break;
    case ENOTDIR: code = Errc::not_a_directory; break;
    case EISDIR: code = Errc::is_a_directory; break;
    case EINVAL: code = Errc::not_a_link; break;
    case EFBIG: code = Errc::too_large; break;
    default: break;
  }
  return Error{code, err, std::move(message)};
}

int error_errno(const Error& e) {
  int err = e.sys_errno;
  if (err == 0) {
    switch (e.code) {
      case Errc::not_found:
      case Errc::not_captured: err = ENOENT; break;
      case Errc::permission_denied: err = EACCES; break;
      case Errc::not_a_directory: err = ENOTDIR; break;
      case Errc::is_a_directory: err = EISDIR; break;
      case Errc::not_a_link: err = EINVAL; break;
      case Errc::too_large: err = EFBIG; break;
      case Errc::invalid:
      case Errc::io_error: err = EIO; break;
    }
  }
  return err;
}

std::string error_text(const Error& e) { return std::strerror(error_errno(e)); }

}  // namespace netstat
