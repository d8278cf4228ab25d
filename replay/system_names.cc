// make_system_name_service for the usual (dynamically linked) executable:
// see live_system.h.
#include <cstdlib>
#include <cstring>

#include "replay/live_system.h"
#include "replay/nsswitch_name_service.h"

namespace netstat {

std::unique_ptr<NameService> make_system_name_service(const Root& live) {
  // NETSTAT_LIBC_NAMES=1: every lookup through libc, as 2.10 makes it (to
  // compare against the nsswitch.conf-guided file index).
  const char* libc_only = std::getenv("NETSTAT_LIBC_NAMES");
  if (libc_only != nullptr && std::strcmp(libc_only, "1") == 0) {
    return make_libc_name_service();
  }
  return make_nsswitch_name_service(live, make_libc_name_service());
}

}  // namespace netstat
