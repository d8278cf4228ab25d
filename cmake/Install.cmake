# `cmake --install` layout (docs/packaging.md). Debian's net-tools owns
# /bin/netstat (a real file, /usr/bin/netstat through the merged /usr), so
# the program installs under its own name, with everything that goes with it:
#   bin/netstat-replay                                the program
#   lib/netstat-replay/bin/netstat -> ../../../bin/netstat-replay
#                                                     drop-in by PATH prefix
#   share/man/man1/netstat-{replay,capture,...}.1.gz  manuals (man/)
#   share/bash-completion/completions/netstat-replay  bash completion
#   share/zsh/vendor-completions/_netstat-replay      zsh completion
#   share/doc/netstat-replay/                         README and docs/
# /usr/share/doc/<package>, as Debian policy wants (GNUInstallDirs would
# take the CMake project's name, netstat).
set(CMAKE_INSTALL_DOCDIR share/doc/netstat-replay CACHE PATH
    "Documentation (README, docs/)")
include(GNUInstallDirs)
# Not CMAKE_INSTALL_LIBDIR (lib/x86_64-linux-gnu on Debian): the link is
# architecture-independent and documented as /usr/lib/netstat-replay/bin.
set(NETSTAT_DROPIN_DIR lib/netstat-replay/bin)

option(NETSTAT_INSTALL_DROPIN
       "Install lib/netstat-replay/bin/netstat, a link for PATH-prefix use" ON)

install(PROGRAMS $<TARGET_FILE:netstat> DESTINATION ${CMAKE_INSTALL_BINDIR}
        RENAME netstat-replay COMPONENT runtime)
# install(PROGRAMS) is not stripped by `cmake --install --strip` or CPack's
# CPACK_STRIP_FILES (both set CMAKE_INSTALL_DO_STRIP): strip it here then.
install(CODE "if(CMAKE_INSTALL_DO_STRIP)
  execute_process(COMMAND \"${CMAKE_STRIP}\"
    \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/netstat-replay\")
endif()" COMPONENT runtime)
if(NETSTAT_INSTALL_DROPIN)
  # A relative link, so the tree can move (DESTDIR, packages, a tarball).
  file(RELATIVE_PATH netstat_link_target /${NETSTAT_DROPIN_DIR}
       /${CMAKE_INSTALL_BINDIR}/netstat-replay)
  file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/dropin)
  file(CREATE_LINK ${netstat_link_target} ${PROJECT_BINARY_DIR}/dropin/netstat
       SYMBOLIC)
  install(FILES ${PROJECT_BINARY_DIR}/dropin/netstat
          DESTINATION ${NETSTAT_DROPIN_DIR}
          COMPONENT runtime)
endif()

# Manuals: man/*.1 with the version filled in, compressed as Debian wants
# (gzip -9n: no name or time stamp, so builds are reproducible).
set(NETSTAT_MAN_PAGES netstat-replay netstat-capture netstat-verify netstat-info
    netstat-diff netstat-redact netstat-export)
set(netstat_man_outputs "")
foreach(page ${NETSTAT_MAN_PAGES})
  set(NETSTAT_VERSION ${PROJECT_VERSION})
  configure_file(${PROJECT_SOURCE_DIR}/man/${page}.1
                 ${PROJECT_BINARY_DIR}/man/${page}.1 @ONLY)
  add_custom_command(
    OUTPUT ${PROJECT_BINARY_DIR}/man/${page}.1.gz
    COMMAND gzip -9nkf ${page}.1
    DEPENDS ${PROJECT_BINARY_DIR}/man/${page}.1
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/man
    COMMENT "gzip man/${page}.1" VERBATIM)
  list(APPEND netstat_man_outputs ${PROJECT_BINARY_DIR}/man/${page}.1.gz)
endforeach()
add_custom_target(netstat_man ALL DEPENDS ${netstat_man_outputs})
install(FILES ${netstat_man_outputs}
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)

install(FILES ${PROJECT_SOURCE_DIR}/completion/netstat-replay.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME netstat-replay COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completion/_netstat-replay
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT runtime)

install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT runtime)
