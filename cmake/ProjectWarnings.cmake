# Warnings for first-party code only (linked PRIVATE as netstat_warnings).
add_library(netstat_warnings INTERFACE)
target_compile_options(netstat_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${NETSTAT_WARNINGS_AS_ERRORS}>:-Werror>)
