// Row and section selection for the model-based outputs, mirroring how
// net-tools 2.10's main() picks socket sections (flag_arg / flag_*), how
// statistics.c filters sections and how -r walks the AF list.
#include "src/model/selection.h"

#include <string_view>

namespace netstat::model {

SocketSelection SocketSelection::from_options(const Options& o) {
  SocketSelection s;
  bool any = o.explicit_count == 0;
  s.tcp = any || o.tcp > 0;
  s.udp = any || o.udp > 0;
  s.udplite = any || o.udplite > 0;
  s.raw = any || o.raw > 0;
  s.sctp = any || o.sctp > 0;
  s.unix_domain = any || o.unx;
  s.groups = o.igmp > 0;
  s.inet = any || o.inet;
  s.inet6 = any || o.inet6;
  s.listen = o.all > 0        ? Listening::all
             : o.listening > 0 ? Listening::listening
                               : Listening::connected;
  s.ipx = any || o.ipx;
  s.ax25 = any || o.ax25;
  s.x25 = any || o.x25;
  s.netrom = any || o.netrom;
  s.rose = any || o.rose;
  s.bluetooth = !any && (o.l2cap > 0 || o.rfcomm > 0);
  s.owners = o.programs > 0;
  s.explicit_protocols = !any;
  s.implicit_protocols = o.implicit_protocols;
  s.verbose = o.verbose > 0;
  s.report_absent = (!any && !o.implicit_protocols) || o.verbose > 0;
  return s;
}

StatsSelection StatsSelection::from_options(const Options& o) {
  StatsSelection s;
  if (o.af_list.empty() || o.af_list == "inet") {
    s.v6 = false;
  } else if (o.af_list == "inet6") {
    s.v6 = true;
  } else {
    s.unsupported_af = o.af_list;
  }
  if (!o.implicit_protocols && (o.tcp || o.udp || o.raw || o.sctp)) {
    s.tcp = o.tcp > 0;
    s.udp = o.udp > 0;
    s.raw = o.raw > 0;
    s.sctp = o.sctp > 0;
  } else if (!o.implicit_protocols && o.udplite > 0) {
    s.tcp = s.udp = s.raw = s.sctp = false;
  }
  return s;
}

bool StatsSelection::shows_section(std::string_view t) const {
  if (t == "Ip" || t == "Icmp" || t == "Ip6" || t == "Icmp6") return raw;
  if (t == "Tcp" || t == "TcpExt" || t == "Tcp6") return tcp;
  if (t == "Udp" || t == "Udp6") return udp;
  if (t == "Sctp") return sctp;
  return true;
}

RouteSelection RouteSelection::from_options(const Options& o) {
  RouteSelection r;
  std::string_view list = o.af_list;
  if (list.empty()) list = "inet";
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{}
                                           : list.substr(comma + 1);
    if (item.empty()) continue;
    if (item == "inet") {
      r.families.push_back(RouteFamily::inet);
    } else if (item == "inet6") {
      r.families.push_back(RouteFamily::inet6);
    } else {
      r.unsupported.emplace_back(item);
    }
  }
  r.cache = o.cache;
  r.fib = o.fib || !o.cache;
  return r;
}

}  // namespace netstat::model
