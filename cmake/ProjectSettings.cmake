# Language level and build-wide settings, as an INTERFACE target that every
# first-party target links PRIVATE (third-party code does not get them).
add_library(netstat_settings INTERFACE)
target_compile_features(netstat_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(netstat_settings INTERFACE
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>
  _FILE_OFFSET_BITS=64)
target_include_directories(netstat_settings INTERFACE ${PROJECT_SOURCE_DIR})

set(_san_flags "")
if(NETSTAT_ENABLE_ASAN)
  list(APPEND _san_flags -fsanitize=address -fno-omit-frame-pointer)
endif()
if(NETSTAT_ENABLE_UBSAN)
  list(APPEND _san_flags -fsanitize=undefined -fno-sanitize-recover=undefined)
endif()
if(_san_flags)
  # Sanitizers apply to everything we build (tests included) so that
  # instrumented and uninstrumented code never mix.
  add_compile_options(${_san_flags})
  add_link_options(${_san_flags})
endif()

if(NETSTAT_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${CLANG_TIDY_EXE})
endif()
