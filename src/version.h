// The program's own name and version (CMake's project(VERSION), passed as
// NETSTAT_VERSION), recorded in bundles and printed by `netstat version`.
// -V prints net-tools 2.10's text, as 2.10 does.
#pragma once

#ifndef NETSTAT_VERSION
#error "NETSTAT_VERSION is defined by src/CMakeLists.txt"
#endif

namespace netstat {
inline constexpr const char* kProgramName = "netstat-replay";
inline constexpr const char* kVersion = NETSTAT_VERSION;
}  // namespace netstat
