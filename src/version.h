// The program's own name and version (printed by -V and recorded in bundles).
#pragma once

namespace netstat {
inline constexpr const char* kProgramName = "netstat-replay";
inline constexpr const char* kVersion = "0.1.0";
}  // namespace netstat
