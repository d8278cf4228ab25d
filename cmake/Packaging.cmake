# `cpack -G DEB` (run in the build directory): netstat-replay_VERSION_ARCH.deb
# with the cmake/Install.cmake layout under /usr. It installs beside
# Debian's net-tools without a file in common, diversion or alternative
# (docs/packaging.md); tests/oracle/deb_package.sh builds it and installs it
# with dpkg next to the real net-tools, in a private overlay of /usr.
set(CPACK_PACKAGE_NAME netstat-replay)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "netstat-replay")
set(CPACK_PACKAGE_CONTACT "netstat-replay maintainers <netstat-replay@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "net-tools 2.10 netstat, live or replayed from captured snapshots")
set(CPACK_PACKAGE_DESCRIPTION
    "Every mode of net-tools 2.10's netstat, byte-identical, on the live system
or on a snapshot: `netstat-replay capture` writes one bundle on a customer's
machine, `netstat-replay --root=BUNDLE -tanp` shows it anywhere; diff,
verify and export (JSON lines for DuckDB and others) work on bundles.
Installs as netstat-replay beside net-tools' /bin/netstat.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# libc from dpkg-shlibdeps; libarchive is loaded on first use (dlopen of its
# SONAME, replay/libarchive_api.h), so shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The package that holds that SONAME here (libarchive13 on Debian 12).
find_library(NETSTAT_LIBARCHIVE_RUNTIME NAMES ${NETSTAT_LIBARCHIVE_SONAME})
set(netstat_archive_pkg libarchive13)
if(NETSTAT_LIBARCHIVE_RUNTIME)
  get_filename_component(netstat_real "${NETSTAT_LIBARCHIVE_RUNTIME}" REALPATH)
  execute_process(COMMAND dpkg-query -S "${netstat_real}"
                  OUTPUT_VARIABLE netstat_owner ERROR_QUIET RESULT_VARIABLE netstat_rc)
  if(netstat_rc EQUAL 0 AND netstat_owner MATCHES "^([^:]+):")
    set(netstat_archive_pkg "${CMAKE_MATCH_1}")
  endif()
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${netstat_archive_pkg}")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "net-tools, bash-completion")
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
