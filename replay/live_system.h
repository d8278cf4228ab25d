// What the running kernel and libc answer outside files. Only LiveRoot (no
// prefix) and capture call these; everything else asks a Root.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "replay/interfaces.h"
#include "replay/name_service.h"
#include "replay/result.h"

namespace netstat {

/// SIOCGIFCONF on an AF_INET socket: every IPv4 label, kernel order.
Result<std::vector<std::string>> live_interface_labels();
/// SIOCGIFFLAGS/MTU/HWADDR/MAP/TXQLEN/ADDR/DSTADDR/BRDADDR/NETMASK for \a name.
Result<IfaceInfo> live_interface_info(std::string_view name);
/// libc's NSS lookups (gethostbyaddr, getnameinfo, getservent, getpwuid...).
std::unique_ptr<NameService> make_libc_name_service();

}  // namespace netstat
