// Routing-table mode (-r), mirroring net-tools 2.10's route_info(): the
// address-family list (default inet) is walked left to right and each
// family prints its table(s) -- FIB, cache (-C) or both (-F -C) -- or its
// "not configured" / "No routing" message; the first non-zero status ends
// the mode with that status. Names are numeric with -n, --numeric-hosts and
// also -N.
#include <cerrno>
#include <string>
#include <string_view>

#include "formats/proc_net_ipv6_route.h"
#include "formats/proc_net_legacy_route.h"
#include "formats/proc_net_route.h"
#include "formats/proc_net_rt_cache.h"
#include "replay/read_plan.h"
#include "src/context.h"
#include "src/i18n.h"
#include "src/model/selection.h"
#include "src/pipelined_read.h"
#include "src/render/route_ipv4.h"
#include "src/render/route_ipv6.h"
#include "src/render/route_legacy.h"
#include "src/render/route_names.h"

namespace netstat {
namespace {

constexpr std::string_view kRoutePath = read_plan::path(read_plan::NetFile::route);
constexpr std::string_view kRtCachePath = read_plan::path(read_plan::NetFile::rt_cache);
constexpr std::string_view kIpv6RoutePath = read_plan::path(read_plan::NetFile::ipv6_route);

struct RouteRun {
  const Options& o;
  Context& ctx;
  RouteNames names;
  RouteLayout layout;
  bool fib;
  bool cache;
};

void perror_to(Output& err, std::string_view path, const Error& e) {
  err.print("{}: {}\n", path, i18n::error_text(e));
}

int inet_fib(RouteRun& run) {
  Output& out = run.ctx.out;
  formats::ProcNetRouteScanner scanner([&](const formats::Ipv4Route& r) {
    render_fib_row(out.buffer(), r, run.layout, run.names);
    out.after_write();
  });
  auto title = [&] {
    fmt::memory_buffer& b = out.buffer();
    render_fib_title(b);
    render_fib_header(b, run.layout);
    out.after_write();
  };
  // 10k routes: the kernel formats the table on a second thread while the
  // rows already read are printed (src/pipelined_read.h).
  bool titled = false;
  Result<void> read =
      read_line_table(run.ctx.root, kRoutePath, [&](std::string_view text) {
        if (!titled) title();
        titled = true;
        scanner.feed(text);
      });
  if (read.ok() && !titled) title();  // an empty file: title, then status
  if (!read.ok()) {
    perror_to(run.ctx.err, kRoutePath, read.error());
    out.write(i18n::trv("INET (IPv4) not configured in this system.\n"));
    return 1;
  }
  std::string missing;
  formats::Ipv4RouteTable::Status status = scanner.finish(missing);
  switch (status) {
    case formats::Ipv4RouteTable::Status::ok:
      return 0;
    case formats::Ipv4RouteTable::Status::empty_file:
      return 1;
    case formats::Ipv4RouteTable::Status::missing_field:
      run.ctx.err.print("warning: {} does not contain required field {}\n",
                        kRoutePath, missing);
      return 1;
    case formats::Ipv4RouteTable::Status::format_overflow:
      run.ctx.err.print("warning: format buffer overflow in {}\n", kRoutePath);
      return 1;
  }
  return 0;
}

int inet_cache(RouteRun& run) {
  Result<std::string> text = run.ctx.root.read_file(kRtCachePath);
  if (!text.ok()) {
    perror_to(run.ctx.err, kRtCachePath, text.error());
    run.ctx.out.write(i18n::trv("INET (IPv4) not configured in this system.\n"));
    return 1;
  }
  fmt::memory_buffer& b = run.ctx.out.buffer();
  render_cache_title(b);
  formats::RtCacheTable table = formats::parse_proc_net_rt_cache(*text);
  if (table.status == formats::RtCacheTable::Status::empty_file) {
    // 2.10 reports a stale errno here; on Debian 12 it is always ENOENT.
    run.ctx.out.after_write();
    run.ctx.err.print("{}: {}\n", kRtCachePath, i18n::strerror_text(ENOENT));
    return 255;
  }
  if (table.format == formats::RtCacheFormat::unknown) {
    run.ctx.out.print("ERROR: proc_guess_fmt({},... returned: {}\n",
                      kRtCachePath, table.guess);
  }
  render_cache_header(run.ctx.out.buffer(), run.layout, table.format);
  run.ctx.out.after_write();
  switch (table.status) {
    case formats::RtCacheTable::Status::missing_field:
      run.ctx.err.print("warning: {} does not contain required field {}\n",
                        kRtCachePath, table.missing_field);
      return 0;
    case formats::RtCacheTable::Status::format_overflow:
      run.ctx.err.print("warning: format buffer overflow in {}\n",
                        kRtCachePath);
      return 0;
    default:
      break;
  }
  for (const formats::RtCacheRow& r : table.rows) {
    render_cache_row(run.ctx.out.buffer(), r, run.layout, table.format,
                     run.names);
    run.ctx.out.after_write();
  }
  return 0;
}

int inet6_view(RouteRun& run, Ipv6RouteView view) {
  Output& out = run.ctx.out;
  auto row = [&](const formats::Ipv6Route& r) {
    render_ipv6_route_row(out.buffer(), r, view, run.names);
    out.after_write();
  };
  bool titled = false;
  auto scan = [&](std::string_view text) {
    if (!titled) {
      render_ipv6_route_head(out.buffer(), view);
      out.after_write();
      titled = true;
    }
    formats::scan_proc_net_ipv6_route(text, row);
  };
  // The kernel is slow to format this table (more than half of -6rn's
  // time): it does so on a second thread while the routes already read are
  // printed, as for the IPv4 table.
  Result<void> read = read_line_table(run.ctx.root, kIpv6RoutePath, scan);
  if (!read.ok()) {
    perror_to(run.ctx.err, kIpv6RoutePath, read.error());
    out.write(i18n::trv("INET6 (IPv6) not configured in this system.\n"));
    return 1;
  }
  if (!titled) scan({});  // an empty file: the head alone
  return 0;
}

// Legacy families: the "not configured" paths when their files are
// missing, else the title, column header and rows.
int legacy_family(RouteRun& run, std::string_view af) {
  using read_plan::NetFile;
  using read_plan::path;
  const Root& root = run.ctx.root;
  Output& out = run.ctx.out;
  Output& err = run.ctx.err;
  const SafeStrings safe =
      run.o.safe_strings ? SafeStrings::on : SafeStrings::off;
  if (af == "ipx") {
    Result<std::string> f = root.read_file(path(NetFile::ipx_route));
    if (!f.ok()) f = root.read_file(path(NetFile::ipx_route_old));
    if (!f.ok()) {
      err.print("{}\n", i18n::error_text(f.error()));
      i18n::printf_to(out.buffer(), "IPX routing not in file %s or %s found.\n",
                      path(NetFile::ipx_route).data(), path(NetFile::ipx_route_old).data());
      out.after_write();
      return 1;
    }
    render_ipx_route_head(out.buffer());
    out.after_write();
    for (const formats::IpxRouteRow& r : formats::parse_proc_net_ipx_route(*f)) {
      render_ipx_route_row(out.buffer(), r);
      out.after_write();
    }
    return 0;
  }
  if (af == "ax25") {
    Result<std::string> f = root.read_file(path(NetFile::ax25_route));
    if (!f.ok()) {
      perror_to(err, path(NetFile::ax25_route), f.error());
      out.write(i18n::trv("AX.25 not configured in this system.\n"));
      return 1;
    }
    render_ax25_route_head(out.buffer());
    out.after_write();
    for (const formats::Ax25RouteRow& r : formats::parse_proc_net_ax25_route(*f)) {
      render_ax25_route_row(out.buffer(), r, safe);
      out.after_write();
    }
    return 0;
  }
  if (af == "netrom") {
    Result<std::string> nodes = root.read_file(path(NetFile::nr_nodes));
    if (!nodes.ok()) {
      perror_to(err, path(NetFile::nr_nodes), nodes.error());
      // 2.10 then reports a stale errno for the neighbour file.
      err.print("{}: {}\n", path(NetFile::nr_neigh), i18n::strerror_text(EINVAL));
      out.write(i18n::trv("NET/ROM not configured in this system.\n"));
      return 1;
    }
    Result<std::string> neigh = root.read_file(path(NetFile::nr_neigh));
    if (!neigh.ok()) {
      perror_to(err, path(NetFile::nr_neigh), neigh.error());
      out.write(i18n::trv("NET/ROM not configured in this system.\n"));
      return 1;
    }
    render_netrom_route_head(out.buffer());
    out.after_write();
    for (const formats::NetromRouteRow& r :
         formats::parse_proc_net_nr_nodes(*nodes, *neigh)) {
      render_netrom_route_row(out.buffer(), r, safe);
      out.after_write();
    }
    return 0;
  }
  if (af == "rose") {
    Result<std::string> f = root.read_file(path(NetFile::rose_nodes));
    if (!f.ok()) {
      perror_to(err, path(NetFile::rose_nodes), f.error());
      err.write(i18n::trv("ROSE not configured in this system.\n"));
      return 1;
    }
    Result<std::string> neigh = root.read_file(path(NetFile::rose_neigh));
    render_rose_route_head(out.buffer());
    out.after_write();
    std::string_view neigh_text = neigh.ok() ? std::string_view(*neigh) : "";
    for (const formats::RoseRouteRow& r :
         formats::parse_proc_net_rose_nodes(*f, neigh_text)) {
      render_rose_route_row(out.buffer(), r, safe);
      out.after_write();
    }
    return 0;
  }
  if (af == "x25") {
    Result<std::string> f = root.read_file(path(NetFile::x25_route));
    if (!f.ok()) f = root.read_file(path(NetFile::x25_routes));
    if (!f.ok()) {
      out.write(i18n::trv("X.25 not configured in this system.\n"));
      return 1;
    }
    render_x25_route_head(out.buffer());
    out.after_write();
    for (const formats::X25RouteRow& r : formats::parse_proc_net_x25_route(*f)) {
      render_x25_route_row(out.buffer(), r, safe);
      out.after_write();
    }
    return 0;
  }
  // ddp
  Result<std::string> f = root.read_file(path(NetFile::atalk_route));
  if (!f.ok()) {
    err.print("Error opening {}: {}\n", path(NetFile::atalk_route),
              i18n::error_text(f.error()));
    err.write("DDP (AppleTalk) not configured on this system.\n");
    return 1;
  }
  // An empty file makes 2.10 abort in free(); we print the header.
  render_ddp_route_head(out.buffer());
  out.after_write();
  for (const formats::DdpRouteRow& r : formats::parse_proc_net_atalk_route(*f)) {
    render_ddp_route_row(out.buffer(), r, safe);
    out.after_write();
  }
  return 0;
}

int route_family(RouteRun& run, std::string_view af) {
  if (af == "inet") {
    if (run.fib) {
      if (int rc = inet_fib(run); rc != 0) return rc;
    }
    if (run.cache) return inet_cache(run);
    return 0;
  }
  if (af == "inet6") {
    if (run.fib) {
      if (int rc = inet6_view(run, Ipv6RouteView::fib); rc != 0) return rc;
    }
    if (run.cache) return inet6_view(run, Ipv6RouteView::cache);
    return 0;
  }
  if (af == "ipx" || af == "ax25" || af == "netrom" || af == "rose" ||
      af == "x25" || af == "ddp") {
    return legacy_family(run, af);
  }
  if (af == "unix" || af == "ec" || af == "ash") {
    std::string name(af);
    i18n::printf_to(run.ctx.err.buffer(), "No routing for address family `%s'.\n",
                    name.c_str());
    run.ctx.err.after_write();
    return 3;
  }
  std::string name(af);
  i18n::printf_to(run.ctx.err.buffer(), "Address family `%s' not supported.\n",
                  name.c_str());
  run.ctx.err.after_write();
  return 3;
}

}  // namespace

int run_route(const Options& o, Context& ctx, int /*iteration*/) {
  NumericHosts numeric = o.numeric_route_hosts() ? NumericHosts::yes
                                                             : NumericHosts::no;
  const model::RouteSelection sel = model::RouteSelection::from_options(o);
  RouteRun run{o,      ctx,  RouteNames(ctx.root.names(), numeric),
               route_layout(o.extend), sel.fib, sel.cache};
  run.names.set_safe_strings(o.safe_strings);
  std::string_view list =
      o.af_list.empty() ? std::string_view("inet") : std::string_view(o.af_list);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    size_t end = comma == std::string_view::npos ? list.size() : comma;
    std::string_view af = list.substr(start, end - start);
    if (!af.empty()) {
      if (int rc = route_family(run, af); rc != 0) return rc;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return 0;
}

}  // namespace netstat
