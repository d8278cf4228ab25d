// Loads socket rows through the Root with the shared parsers, applying
// net-tools 2.10's listening tests (tcp: remote port 0; udp/raw: remote
// address all-zero; unix: unconnected with __SO_ACCEPTCON; sctp: endpoints
// listen, associations do not) and -a/-l filtering.
#include "src/model/sockets.h"

#include <cstring>

#include "formats/proc_net_igmp.h"
#include "formats/proc_net_inet.h"
#include "formats/proc_net_sctp.h"
#include "formats/proc_net_unix.h"
#include "replay/read_plan.h"
#include "src/model/names.h"

namespace netstat::model {
namespace {

using formats::InetKind;
using read_plan::NetFile;
using read_plan::SocketTables;

void add_warning(std::vector<std::string>* w, std::string text) {
  if (w != nullptr) w->push_back(std::move(text));
}

/// A selected table that could not be read: the listing is short of it, so
/// say so (JSON carries this in "warnings"; the text modes print 2.10's
/// messages themselves). \a family is e.g. "AF INET6 (tcp)".
void table_unreadable(std::vector<std::string>* warnings,
                      const SocketSelection& sel, std::string_view path,
                      const Error& e, std::string_view family) {
  bool absent = e.code == Errc::not_found || e.code == Errc::not_captured;
  if (!absent) {
    add_warning(warnings, std::string(path) + ": " + error_text(e));
  } else if (sel.report_absent) {
    add_warning(warnings, "no support for `" + std::string(family) +
                              "' on this system.");
  }
}

void scan_inet_file(const Root& root, const SocketTables& tables, Proto proto,
                    InetKind kind, const OwnerTable* owners,
                    const SocketSelection& sel, const SocketSink& sink,
                    std::vector<std::string>* warnings, bool v6_file) {
  const std::string_view path = read_plan::path(v6_file ? tables.v6 : tables.v4);
  Result<std::string> text = root.read_file(path);
  if (!text.ok()) {
    // As 2.10's text: a missing IPv6 file is news only when IPv6 alone was
    // asked for (kernels without IPv6 have none).
    bool absent = text.code() == Errc::not_found || text.code() == Errc::not_captured;
    if (!v6_file || !sel.inet || !absent) {
      table_unreadable(warnings, sel, path, text.error(),
                       std::string(v6_file ? "AF INET6 (" : "AF INET (") +
                           proto_name(proto) + ")");
    }
    return;
  }
  Socket s;
  s.proto = proto;
  formats::scan_proc_net_inet(
      *text, kind,
      [&](const formats::InetRow& r) {
        bool v6 = r.family == formats::InetFamily::inet6;
        s.family = v6 ? Family::inet6 : Family::inet;
        s.local = r.local;
        s.remote = r.remote;
        s.local_port = static_cast<uint16_t>(r.local_port);
        s.remote_port = static_cast<uint16_t>(r.remote_port);
        s.state = r.state;
        s.tx_queue = r.tx_queue;
        s.rx_queue = r.rx_queue;
        s.uid = static_cast<uint32_t>(r.uid);
        s.inode = r.inode;
        s.timer = r.timer_active;
        s.timer_when = r.timer_when;
        s.retransmits = kind == InetKind::udp ? 0 : r.retransmits;
        s.timeout = r.timeout;
        s.listening = proto == Proto::tcp ? s.remote_port == 0
                                          : is_any(v6, s.remote);
        if (!sel.shows(s)) return;
        s.owners = owners != nullptr ? owners->find(s.inode) : nullptr;
        sink(s);
      },
      [&](const formats::InetIssue& issue) {
        if (issue.kind == formats::InetIssueKind::bogus_line) {
          add_warning(warnings, std::string(read_plan::warning_text(tables.bogus)));
        } else {
          add_warning(warnings, std::string(path) + ": line " +
                                    std::to_string(issue.line) +
                                    ": bad address");
        }
      });
}

void scan_inet(const Root& root, const SocketSelection& sel, Proto proto,
               InetKind kind, const SocketTables& tables,
               const OwnerTable* owners, const SocketSink& sink,
               std::vector<std::string>* warnings) {
  if (sel.inet) scan_inet_file(root, tables, proto, kind, owners, sel, sink, warnings, false);
  if (sel.inet6) scan_inet_file(root, tables, proto, kind, owners, sel, sink, warnings, true);
}

void put_sctp_addresses(Socket& s, const std::vector<std::string_view>& tokens,
                        bool remote) {
  for (std::string_view t : tokens) {
    if (!t.empty() && t[0] == '*') t.remove_prefix(1);
    formats::SctpAddress a = formats::decode_sctp_address(t);
    s.sctp_addresses.push_back(SctpAddress{remote, a.v6, a.bytes});
  }
}

void scan_sctp(const Root& root, const SocketSelection& sel,
               const OwnerTable* owners, const SocketSink& sink,
               std::vector<std::string>* warnings) {
  const SocketTables& ept = read_plan::kSctpEps;
  const SocketTables& ast = read_plan::kSctpAssocs;
  bool eps = sel.listen != Listening::connected;
  bool assocs = sel.listen != Listening::listening;
  for (bool v6_dir : {false, true}) {
    if (eps) {
      Result<std::string> text = root.read_file(read_plan::path(v6_dir ? ept.v6 : ept.v4));
      // sctp6/ exists on no kernel netstat knows: only sctp/ is reported.
      if (!text.ok() && !v6_dir) {
        table_unreadable(warnings, sel, read_plan::path(ept.v4), text.error(), ept.family);
      }
      if (text.ok()) {
        formats::SctpEndpointTable t = formats::parse_proc_net_sctp_eps(*text);
        for (size_t i = 0; i < t.issues.size(); ++i) {
          add_warning(warnings, std::string(read_plan::warning_text(ept.bogus)));
        }
        for (const formats::SctpEndpointRow& r : t.rows) {
          Socket s;
          s.proto = Proto::sctp;
          s.state = static_cast<uint32_t>(r.state);
          s.local_port = static_cast<uint16_t>(r.port);
          s.uid = static_cast<uint32_t>(r.uid);
          s.inode = r.inode;
          put_sctp_addresses(s, r.addresses, false);
          bool v6 = !s.sctp_addresses.empty() && s.sctp_addresses[0].v6;
          s.family = v6 ? Family::inet6 : Family::inet;
          if (!s.sctp_addresses.empty()) s.local = s.sctp_addresses[0].addr;
          s.listening = true;
          s.owners = owners != nullptr ? owners->find(s.inode) : nullptr;
          sink(s);
        }
      }
    }
    if (assocs) {
      Result<std::string> text = root.read_file(read_plan::path(v6_dir ? ast.v6 : ast.v4));
      if (!text.ok()) {
        if (!v6_dir && !eps) {
          table_unreadable(warnings, sel, read_plan::path(ast.v4), text.error(), ast.family);
        }
        continue;
      }
      formats::SctpAssocTable t = formats::parse_proc_net_sctp_assocs(*text);
      for (size_t i = 0; i < t.issues.size(); ++i) {
        add_warning(warnings, std::string(read_plan::warning_text(ast.bogus)));
      }
      for (const formats::SctpAssocRow& r : t.rows) {
        Socket s;
        s.proto = Proto::sctp;
        s.sctp_assoc = true;
        s.state = static_cast<uint32_t>(r.state);
        s.tx_queue = static_cast<uint64_t>(static_cast<uint32_t>(r.tx_queue));
        s.rx_queue = static_cast<uint64_t>(static_cast<uint32_t>(r.rx_queue));
        s.uid = static_cast<uint32_t>(r.uid);
        s.inode = r.inode;
        s.local_port = static_cast<uint16_t>(r.local_port);
        s.remote_port = static_cast<uint16_t>(r.remote_port);
        put_sctp_addresses(s, r.local_addresses, false);
        size_t nlocal = s.sctp_addresses.size();
        put_sctp_addresses(s, r.remote_addresses, true);
        bool v6 = nlocal > 0 && s.sctp_addresses[0].v6;
        s.family = v6 ? Family::inet6 : Family::inet;
        if (nlocal > 0) s.local = s.sctp_addresses[0].addr;
        if (s.sctp_addresses.size() > nlocal) s.remote = s.sctp_addresses[nlocal].addr;
        s.listening = false;
        s.owners = owners != nullptr ? owners->find(s.inode) : nullptr;
        sink(s);
      }
    }
  }
}

void scan_unix(const Root& root, const SocketSelection& sel,
               const OwnerTable* owners, const SocketSink& sink,
               std::vector<std::string>* warnings) {
  const SocketTables& t = read_plan::kUnix;
  Result<std::string> text = root.read_file(read_plan::path(t.v4));
  if (!text.ok()) {
    table_unreadable(warnings, sel, read_plan::path(t.v4), text.error(), t.family);
    return;
  }
  Socket s;
  s.proto = Proto::unix_domain;
  s.family = Family::unix_domain;
  formats::scan_proc_net_unix(
      *text, [](bool) {},
      [&](const formats::UnixRow& r) {
        s.refcount = r.refcount;
        s.unix_protocol = r.protocol;
        s.unix_flags = r.flags;
        s.unix_type = r.type;
        s.state = r.state;
        s.inode = r.inode;
        s.path.assign(r.path.data(), r.path.size());
        while (!s.path.empty() &&
               (s.path.back() == '\n' || s.path.back() == '\r')) {
          s.path.pop_back();
        }
        s.listening = r.state == 1 && (r.flags & formats::kUnixAcceptCon) != 0;
        if (!sel.shows(s)) return;
        s.owners = owners != nullptr ? owners->find(s.inode) : nullptr;
        sink(s);
      },
      [&](const formats::UnixIssue&) {
        add_warning(warnings, std::string(read_plan::warning_text(t.bogus)));
      });
}

}  // namespace

void scan_sockets(const Root& root, const SocketSelection& sel,
                  const OwnerTable* owners, const SocketSink& sink,
                  std::vector<std::string>* warnings) {
  if (sel.tcp) {
    scan_inet(root, sel, Proto::tcp, InetKind::tcp, read_plan::kTcp, owners, sink, warnings);
  }
  if (sel.sctp) scan_sctp(root, sel, owners, sink, warnings);
  if (sel.udp) {
    scan_inet(root, sel, Proto::udp, InetKind::udp, read_plan::kUdp, owners, sink, warnings);
  }
  if (sel.udplite) {
    scan_inet(root, sel, Proto::udplite, InetKind::udp, read_plan::kUdplite, owners, sink,
              warnings);
  }
  if (sel.raw) {
    scan_inet(root, sel, Proto::raw, InetKind::raw, read_plan::kRaw, owners, sink, warnings);
  }
  if (sel.unix_domain) scan_unix(root, sel, owners, sink, warnings);
}

std::vector<Socket> load_sockets(const Root& root, const SocketSelection& sel,
                                 const OwnerTable* owners,
                                 std::vector<std::string>* warnings) {
  std::vector<Socket> out;
  scan_sockets(
      root, sel, owners, [&](const Socket& s) { out.push_back(s); }, warnings);
  return out;
}

std::vector<Group> load_groups(const Root& root, bool inet, bool inet6,
                               std::vector<std::string>* warnings) {
  std::vector<Group> out;
  formats::IgmpState state;
  auto one = [&](NetFile file, bool want) {
    if (!want) return;
    Result<std::string> text = root.read_file(read_plan::path(file));
    if (!text.ok()) return;
    formats::IgmpTable t = formats::parse_proc_net_igmp(*text, state);
    for (const formats::IgmpIssue& i : t.issues) {
      add_warning(warnings, std::string("warning, got bogus ") +
                                (i.v6 ? "igmp6" : "igmp") + " line " +
                                std::to_string(i.line) + ".");
    }
    for (const formats::IgmpRow& r : t.rows) {
      Group g;
      g.v6 = r.v6;
      g.iface = std::string(r.device());
      while (!g.iface.empty() && g.iface.back() == ' ') g.iface.pop_back();
      g.refcount = r.refcount;
      g.group = r.group;
      out.push_back(std::move(g));
    }
  };
  one(read_plan::kIgmp.v4, inet);
  one(read_plan::kIgmp.v6, inet6);
  return out;
}

const char* proto_name(Proto p) {
  switch (p) {
    case Proto::tcp: return "tcp";
    case Proto::udp: return "udp";
    case Proto::udplite: return "udplite";
    case Proto::raw: return "raw";
    case Proto::sctp: return "sctp";
    case Proto::unix_domain: return "unix";
  }
  return "?";
}

const char* proto_label(const Socket& s) {
  bool v6 = s.family == Family::inet6;
  switch (s.proto) {
    case Proto::tcp: return v6 ? "tcp6" : "tcp";
    case Proto::udp: return v6 ? "udp6" : "udp";
    case Proto::udplite: return v6 ? "udpl6" : "udpl";
    case Proto::raw: return v6 ? "raw6" : "raw";
    case Proto::sctp: return "sctp";
    case Proto::unix_domain: return "unix";
  }
  return "?";
}

}  // namespace netstat::model
