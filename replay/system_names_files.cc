// make_system_name_service for the static executable (NETSTAT_STATIC): the
// running system's /etc files only (hosts, networks, services, protocols,
// passwd), with glibc's "files" backend semantics (file_name_service.h).
// glibc's NSS is not linked at all: a static glibc loads NSS modules with
// dlopen from the glibc version it was built with, which an old or foreign
// system does not have. Users known only to LDAP/SSSD print as numbers, and
// host names come from /etc/hosts only (no DNS), as for a snapshot.
#include "replay/file_name_service.h"
#include "replay/live_system.h"

namespace netstat {

std::unique_ptr<NameService> make_system_name_service(const Root& live) {
  return make_file_name_service(live);
}

}  // namespace netstat
