# Every dependency comes from a Debian 12 package (see docs/building.md);
# nothing is downloaded at configure or build time.
find_package(LibArchive 3.6 REQUIRED)        # libarchive-dev
# netstat loads libarchive when it first reads or writes an archive
# (replay/libarchive_api.h), by the SONAME of the library found here.
find_program(NETSTAT_OBJDUMP NAMES ${CMAKE_OBJDUMP} objdump llvm-objdump REQUIRED)
execute_process(COMMAND ${NETSTAT_OBJDUMP} -p ${LibArchive_LIBRARIES}
                OUTPUT_VARIABLE netstat_libarchive_headers RESULT_VARIABLE netstat_rc)
string(REGEX MATCH "SONAME +([^ \n]+)" netstat_match "${netstat_libarchive_headers}")
set(NETSTAT_LIBARCHIVE_SONAME "${CMAKE_MATCH_1}")
if(NOT netstat_rc EQUAL 0 OR NOT NETSTAT_LIBARCHIVE_SONAME)
  message(FATAL_ERROR "cannot read the SONAME of ${LibArchive_LIBRARIES}")
endif()
message(STATUS "libarchive SONAME: ${NETSTAT_LIBARCHIVE_SONAME}")
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)   # libzstd-dev
find_package(fmt 9 REQUIRED CONFIG)          # libfmt-dev
find_package(CLI11 2 REQUIRED CONFIG)        # libcli11-dev
find_package(nlohmann_json 3 REQUIRED CONFIG) # nlohmann-json3-dev
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)  # nettle-dev (SHA-256)
find_package(Threads REQUIRED)
# Nettle's x86-64 "fat" build picks its SHA-NI/AES-NI code from CPUID in a
# constructor (fat_init in fat-x86_64.o's .init_array), so every process that
# links libnettle.a runs CPUID at start-up, hashing or not. Under a hypervisor
# each CPUID traps to it: ~10 us here (a Firecracker VM), three to four of
# them per netstat -V. Nettle initialises the same way lazily without the
# constructor (fat-setup.h: each dispatch pointer starts at an _init stub that
# runs fat_init on the first call; "belt and suspenders"), so the archive is
# linked from a copy whose members have no .init_array: the CPU is probed on
# the first hash (capture, verify, redact), not on every start.
# netstat_lazy_nettle(ARCHIVE OUT_VAR): OUT_VAR = that copy, or ARCHIVE where
# objcopy is missing or fails.
function(netstat_lazy_nettle archive out_var)
  set(lazy "${PROJECT_BINARY_DIR}/deps/libnettle-lazy-init.a")
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY
    CMAKE_CONFIGURE_DEPENDS "${archive}")
  set(rc 1)
  if(CMAKE_OBJCOPY)
    file(MAKE_DIRECTORY "${PROJECT_BINARY_DIR}/deps")
    execute_process(COMMAND ${CMAKE_OBJCOPY} --remove-section=.init_array
                            "${archive}" "${lazy}"
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
  endif()
  if(rc EQUAL 0)
    message(STATUS "libnettle: ${lazy} (no start-up constructor)")
    set(${out_var} "${lazy}" PARENT_SCOPE)
  else()
    message(STATUS "libnettle: objcopy failed (${err}), CPU probed at start-up")
    set(${out_var} "${archive}" PARENT_SCOPE)
  endif()
endfunction()
# Start-up: with NETSTAT_STATIC_CXX_RUNTIME, libzstd and Nettle come from their
# packages' static archives too. As shared objects they cost every run two
# more libraries to map and ~460 symbol relocations (Nettle binds now: ~550
# relocations, most against itself), ~300k of netstat -V's 740k instructions.
if(NETSTAT_STATIC_CXX_RUNTIME AND NOT NETSTAT_ENABLE_ASAN AND NOT NETSTAT_ENABLE_UBSAN
   AND NOT NETSTAT_FUZZ)
  foreach(netstat_lib ZSTD:libzstd NETTLE:libnettle)
    string(REPLACE ":" ";" netstat_lib "${netstat_lib}")
    list(GET netstat_lib 0 netstat_pc)
    list(GET netstat_lib 1 netstat_file)
    find_library(NETSTAT_${netstat_pc}_STATIC NAMES ${netstat_file}.a
                 HINTS ${${netstat_pc}_LIBRARY_DIRS})
    if(NETSTAT_${netstat_pc}_STATIC)
      if(netstat_pc STREQUAL "NETTLE")
        netstat_lazy_nettle("${NETSTAT_NETTLE_STATIC}" NETSTAT_NETTLE_STATIC)
      endif()
      set_target_properties(PkgConfig::${netstat_pc} PROPERTIES
        INTERFACE_LINK_LIBRARIES "${NETSTAT_${netstat_pc}_STATIC}")
      message(STATUS "${netstat_file}: static (${NETSTAT_${netstat_pc}_STATIC})")
    endif()
  endforeach()
endif()
if(NETSTAT_BUILD_TESTS)
  find_package(GTest REQUIRED)               # libgtest-dev
  include(GoogleTest)
endif()
# NETSTAT_STATIC: build/netstat-static, one fully static executable (glibc,
# libstdc++, libarchive and its compressors linked in: static-pie) to hand a
# customer; see docs/packaging.md. libarchive.a's xar writer calls libxml2
# and its ACL code libacl (no libacl.a in Debian): --gc-sections drops both,
# as netstat only reads and writes tar streams, so only these are linked.
if(NETSTAT_STATIC)
  set(NETSTAT_STATIC_LIBRARIES "")
  foreach(netstat_lib archive:libarchive-dev nettle:nettle-dev lzma:liblzma-dev
                      zstd:libzstd-dev lz4:liblz4-dev bz2:libbz2-dev z:zlib1g-dev)
    string(REPLACE ":" ";" netstat_lib "${netstat_lib}")
    list(GET netstat_lib 0 netstat_name)
    list(GET netstat_lib 1 netstat_package)
    find_library(NETSTAT_STATIC_LIB_${netstat_name} NAMES lib${netstat_name}.a)
    if(NOT NETSTAT_STATIC_LIB_${netstat_name})
      message(FATAL_ERROR "NETSTAT_STATIC: lib${netstat_name}.a not found: install "
        "Debian's ${netstat_package} (scripts/setup.sh does), or configure with "
        "-DNETSTAT_STATIC=OFF to build without build/netstat-static")
    endif()
    set(netstat_archive "${NETSTAT_STATIC_LIB_${netstat_name}}")
    if(netstat_name STREQUAL "nettle")
      netstat_lazy_nettle("${netstat_archive}" netstat_archive)
    endif()
    list(APPEND NETSTAT_STATIC_LIBRARIES "${netstat_archive}")
  endforeach()
  message(STATUS "netstat-static links: ${NETSTAT_STATIC_LIBRARIES}")
endif()
