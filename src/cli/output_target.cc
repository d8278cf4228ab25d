#include "src/cli/output_target.h"

#include <unistd.h>

#include <cstring>
#include <string>

namespace netstat {

Result<void> check_stream_target(const Output& out) {
  if (out.fd() >= 0 && ::isatty(out.fd()) == 1) {
    return Error{Errc::invalid, ENOTTY,
                 "-: refusing to write a binary bundle to a terminal "
                 "(redirect it to a file or a pipe)"};
  }
  return {};
}

ByteSink output_sink(Output& out) {
  return [&out](std::string_view data) -> Result<void> {
    out.write(data);
    out.flush();
    if (int e = out.write_errno(); e != 0) {
      out.mark_error_reported();  // the command reports it with its name
      return error_from_errno(e, std::string("write error: ") + std::strerror(e));
    }
    return {};
  };
}

}  // namespace netstat
