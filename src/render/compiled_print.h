// print_compiled(out, FMT_COMPILE("..."), args...): Output::print with the
// format string parsed at build time, for rows printed thousands of times
// (`netstat -ie` with a thousand interfaces spent a tenth of its time
// parsing format strings at run time).
#pragma once

#include <utility>

#include <fmt/compile.h>

#include "src/output.h"

namespace netstat {

template <typename S, typename... Args>
void print_compiled(Output& out, const S& compiled, Args&&... args) {
  fmt::format_to(fmt::appender(out.buffer()), compiled, std::forward<Args>(args)...);
  out.after_write();
}

}  // namespace netstat
