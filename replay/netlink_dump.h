// One netlink dump on the live system: open a NETLINK_* socket, send a
// request with NLM_F_DUMP, read the answers until NLMSG_DONE. Shared by the
// rtnetlink address dump (live_netlink_interfaces.cc) and the sock_diag
// socket dumps (live_sock_diag.cc). Every answer is walked with the
// bounds-checked helpers of formats/netlink_messages.h.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "formats/netlink_messages.h"

namespace netstat {

class NetlinkSocket {
 public:
  /// socket(AF_NETLINK, SOCK_RAW, \a protocol); get() < 0 on failure.
  explicit NetlinkSocket(int protocol);
  ~NetlinkSocket();
  NetlinkSocket(const NetlinkSocket&) = delete;
  NetlinkSocket& operator=(const NetlinkSocket&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

/// How a dump ended.
struct NetlinkDumpStatus {
  bool ok = false;  ///< NLMSG_DONE reached and \a each never refused
  /// The errno the kernel or a system call answered (ENOENT: no diag
  /// handler for the protocol), 0 when none (a malformed answer, a refusal).
  int error = 0;
};

/// Sends \a request (a whole message: nlmsghdr with NLM_F_REQUEST |
/// NLM_F_DUMP and sequence \a seq, then its payload) on \a fd and hands every
/// answer message to \a each in order until NLMSG_DONE. Fails on an
/// NLMSG_ERROR, an error in NLMSG_DONE, a malformed or truncated answer, a
/// message of another sequence or sender, a dump the kernel marks
/// interrupted (NLM_F_DUMP_INTR), or \a each returning false.
NetlinkDumpStatus netlink_dump(
    int fd, std::string_view request, uint32_t seq,
    const std::function<bool(const formats::NetlinkHeader&, std::string_view)>& each);

}  // namespace netstat
