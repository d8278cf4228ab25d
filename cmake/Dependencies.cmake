# Every dependency comes from a Debian 12 package (see docs/building.md);
# nothing is downloaded at configure or build time.
find_package(LibArchive 3.6 REQUIRED)        # libarchive-dev
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)   # libzstd-dev
find_package(fmt 9 REQUIRED CONFIG)          # libfmt-dev
find_package(CLI11 2 REQUIRED CONFIG)        # libcli11-dev
find_package(nlohmann_json 3 REQUIRED CONFIG) # nlohmann-json3-dev
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)  # nettle-dev (SHA-256)
find_package(Threads REQUIRED)
if(NETSTAT_BUILD_TESTS)
  find_package(GTest REQUIRED)               # libgtest-dev
  include(GoogleTest)
endif()
