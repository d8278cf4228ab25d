// The program's own name and version, recorded in bundles (-V prints
// net-tools 2.10's text, as 2.10 does).
#pragma once

namespace netstat {
inline constexpr const char* kProgramName = "netstat-replay";
inline constexpr const char* kVersion = "0.1.0";
}  // namespace netstat
