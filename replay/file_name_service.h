// FileNameService: name lookups answered from a root's own etc/ files
// (hosts, networks, services, protocols, passwd), the way glibc's "files"
// NSS backend answers them. Used for every root that is not the running
// system, so a bundle never resolves through the analyst's /etc or DNS.
#pragma once

#include <memory>

#include "replay/name_service.h"

namespace netstat {

class Root;

/// Reads \a root's /etc files lazily, on first use of each database.
std::unique_ptr<NameService> make_file_name_service(const Root& root);

}  // namespace netstat
