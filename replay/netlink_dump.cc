#include "replay/netlink_dump.h"

#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace netstat {

NetlinkSocket::NetlinkSocket(int protocol)
    : m_fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)) {}

NetlinkSocket::~NetlinkSocket() {
  if (m_fd >= 0) ::close(m_fd);
}

NetlinkDumpStatus netlink_dump(
    int fd, std::string_view request, uint32_t seq,
    const std::function<bool(const formats::NetlinkHeader&, std::string_view)>& each) {
  NetlinkDumpStatus status;
  sockaddr_nl kernel;
  std::memset(&kernel, 0, sizeof kernel);
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd, request.data(), request.size(), 0,
               reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    status.error = errno;
    return status;
  }
  // The kernel fills each dump message up to the reader's buffer, at most
  // 32 KiB (netlink_recvmsg's cap); 64 KiB always holds one. Not zeroed: the
  // kernel writes what it returns, and zeroing touched all 16 pages (16 page
  // faults and 65k instructions of a 3-interface -i) for one short dump.
  constexpr size_t kBufSize = size_t{1} << 16;
  std::unique_ptr<char[]> buf = std::make_unique_for_overwrite<char[]>(kBufSize);
  for (;;) {
    iovec iov{buf.get(), kBufSize};
    msghdr msg;
    std::memset(&msg, 0, sizeof msg);
    sockaddr_nl from;
    std::memset(&from, 0, sizeof from);
    msg.msg_name = &from;
    msg.msg_namelen = sizeof from;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    ssize_t n = ::recvmsg(fd, &msg, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      status.error = errno;
      return status;
    }
    if ((msg.msg_flags & MSG_TRUNC) != 0 || from.nl_pid != 0 || n == 0) return status;
    enum { more, done, bad } state = more;
    bool whole = formats::for_each_netlink_message(
        std::string_view(buf.get(), static_cast<size_t>(n)),
        [&](const formats::NetlinkHeader& h, std::string_view payload) {
          if (h.seq != seq) {
            state = bad;
          } else if (h.type == NLMSG_DONE || h.type == NLMSG_ERROR) {
            // Both carry an int: 0 or a negative errno (NLMSG_DONE: the
            // dump's own error; NLMSG_ERROR: always a failure here).
            int code = 0;
            if (formats::read_fixed(payload, code) && code < 0) status.error = -code;
            state = h.type == NLMSG_DONE && code == 0 ? done : bad;
          } else if ((h.flags & NLM_F_DUMP_INTR) != 0 || !each(h, payload)) {
            state = bad;
          }
          return state == more;
        });
    if (!whole || state == bad) return status;
    if (state == done) {
      status.ok = true;
      return status;
    }
  }
}

}  // namespace netstat
