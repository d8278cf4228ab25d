// NsswitchNameService: the live system's reverse host and network lookups
// answered from an index of /etc/hosts and /etc/networks where nsswitch.conf
// makes glibc consult "files" first, and from libc everywhere else.
//
// 2.10 calls gethostbyaddr/getnetbyaddr once per address; glibc's files
// backend re-reads the whole file on every call (10,000 routes: ~2.4 s).
// The index (FileNameService, read once through the root) gives the answer
// glibc's files backend would give; what happens after a miss follows the
// database's nsswitch.conf line:
//   files only, or "files [NOTFOUND=return] ..."  -> the miss is final;
//   files, then other services ("files dns")      -> libc is asked, as 2.10
//                                                    would reach them;
//   anything else (dns first, no line, unparsed)  -> libc for every lookup.
// Services, protocols and users always go to libc.
#pragma once

#include <memory>

#include "replay/name_service.h"

namespace netstat {

class Root;

/// Lookups through \a root's /etc files as described above, \a fallback
/// (libc, live) for the rest. \a root must outlive the service.
std::unique_ptr<NameService> make_nsswitch_name_service(
    const Root& root, std::unique_ptr<NameService> fallback);

}  // namespace netstat
