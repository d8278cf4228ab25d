// The program as a library function: main() only builds the stdout/stderr
// sinks and calls run(). Tests call run() in process with memory sinks.
#pragma once

#include <string>
#include <vector>

#include "src/output.h"

namespace netstat {

class Root;

/// Runs netstat with \a args (args[0] = program name). When \a root is given it
/// replaces whatever --root names (tests); otherwise --root or the live system
/// is opened. Returns the exit status.
int run(const std::vector<std::string>& args, Output& out, Output& err,
        const Root* root = nullptr);

}  // namespace netstat
