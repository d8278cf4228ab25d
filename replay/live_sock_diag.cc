// The Internet socket tables from sock_diag (NETLINK_SOCK_DIAG,
// SOCK_DIAG_BY_FAMILY with an inet_diag_req_v2): one dump per table, in
// the file's order, decoded by formats/sock_diag.h into the rows the /proc
// parser would give and handed on one by one as each receive buffer is
// walked (no row vector: at 200k sockets that was 13k page faults).
//
// Order: 2.10 prints a table in file order. The kernel writes
// /proc/net/tcp by walking the listening hash (lhash2) bucket by bucket and
// then the established hash (ehash, TIME_WAIT and pending connections
// included); inet_diag_dump_icsk walks the same two tables in the same
// order, and udp_dump / raw_diag_dump walk the same hash slots as
// /proc/net/udp and /proc/net/raw. A dump per family keeps tcp before tcp6,
// as the two files are read. (tests/oracle/live_sockets.sh compares both
// paths with /usr/bin/netstat; docs/performance.md has the measurement.)
//
// The state mask asks for states 1-12 (ESTABLISHED .. NEW_SYN_RECV): what
// the two hashes hold. Bit 13 (TCP_BOUND_INACTIVE, kernel 6.6+) would add
// bound, unlistened sockets, which /proc/net/tcp does not show.
//
// UDP-Lite stays with its files: a kernel may answer its diag without
// having the files (2.10 then says "no support"), and its tables are small.
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "formats/sock_diag.h"
#include "replay/live_system.h"
#include "replay/netlink_dump.h"

namespace netstat {
namespace {

using formats::InetFamily;
using formats::InetKind;
using read_plan::NetFile;

struct DiagTable {
  NetFile file;
  uint8_t family;
  uint8_t protocol;
  InetKind kind;
  const char* name;
};

constexpr DiagTable kTables[] = {
    {NetFile::tcp, AF_INET, IPPROTO_TCP, InetKind::tcp, "tcp"},
    {NetFile::tcp6, AF_INET6, IPPROTO_TCP, InetKind::tcp, "tcp6"},
    {NetFile::udp, AF_INET, IPPROTO_UDP, InetKind::udp, "udp"},
    {NetFile::udp6, AF_INET6, IPPROTO_UDP, InetKind::udp, "udp6"},
    {NetFile::raw, AF_INET, IPPROTO_RAW, InetKind::raw, "raw"},
    {NetFile::raw6, AF_INET6, IPPROTO_RAW, InetKind::raw, "raw6"},
};

constexpr uint32_t kTcpStates = 0x1FFEu;  // 1 << 1 .. 1 << 12

}  // namespace

InetRowsOutcome live_sock_diag_inet_rows(const InetRowsRequest& request, long clk_tck,
                                         const InetRowSink& sink) {
  InetRowsOutcome out;
  const DiagTable* table = nullptr;
  for (const DiagTable& t : kTables) {
    if (t.file == request.file) table = &t;
  }
  if (table == nullptr) return out;
  // sock_diag failed after out.rows rows: the file carries on from there,
  // or, with --netlink, an error.
  auto failed = [&](int err) -> InetRowsOutcome {
    if (request.source != SocketSource::netlink) return out;
    std::string what = std::string("sock_diag cannot dump ") + table->name + " sockets";
    out.kind = InetRowsOutcome::Kind::failed;
    out.error = err != 0 ? error_from_errno(err, what) : Error{Errc::io_error, 0, what};
    return out;
  };

  NetlinkSocket sock(NETLINK_SOCK_DIAG);
  if (sock.get() < 0) return failed(errno);

  struct {
    nlmsghdr h;
    inet_diag_req_v2 r;
  } req;
  std::memset(&req, 0, sizeof req);
  constexpr uint32_t kSeq = 1;
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = kSeq;
  req.r.sdiag_family = table->family;
  req.r.sdiag_protocol = table->protocol;
  const bool tcp = table->kind == InetKind::tcp;
  req.r.idiag_states = tcp ? kTcpStates : ~0u;
  // No extensions unless -o needs tcp_info: the kernel then fills only the
  // inet_diag_msg and the few attributes it always adds.
  if (tcp && request.timers) req.r.idiag_ext = 1u << (INET_DIAG_INFO - 1);
  // raw_diag reads this byte as sdiag_raw_protocol: IPPROTO_RAW = every
  // protocol, as /proc/net/raw lists them.
  if (table->kind == InetKind::raw) req.r.pad = IPPROTO_RAW;

  formats::InetDiagDecode how;
  how.kind = table->kind;
  how.family = table->family == AF_INET6 ? InetFamily::inet6 : InetFamily::inet;
  how.timers = request.timers;
  how.clk_tck = clk_tck;

  // Each row goes to the sink as its message is decoded, straight from the
  // receive buffer: nothing is kept. A row the dump cannot reproduce ends
  // it there, and the file takes over from that row (InetRowsOutcome).
  bool inexact = false;
  formats::InetRow row;
  NetlinkDumpStatus st = netlink_dump(
      sock.get(), std::string_view(reinterpret_cast<const char*>(&req), sizeof req), kSeq,
      [&](const formats::NetlinkHeader& h, std::string_view payload) {
        if (h.type != SOCK_DIAG_BY_FAMILY) return false;
        switch (formats::decode_inet_diag(payload, how, row)) {
          case formats::DiagRowStatus::row:
            row.line = static_cast<uint32_t>(out.rows + 1);
            sink(row);
            ++out.rows;
            return true;
          case formats::DiagRowStatus::inexact:
            inexact = true;
            return false;
          case formats::DiagRowStatus::malformed:
            return false;
        }
        return false;
      });
  if (inexact) return out;
  if (!st.ok) return failed(st.error);
  out.kind = InetRowsOutcome::Kind::done;
  return out;
}

}  // namespace netstat
