// `netstat -i` (net-tools 2.10 iface_info + if_readlist + do_if_print): the
// title once (also under -c), the short header every pass, the union of
// /proc/net/dev names and SIOCGIFCONF labels in natural order, each one
// fetched through the root (the ioctls) and printed if UP or with -a; a
// failed fetch stops the listing with exit status 1. A tree without any
// interface state prints /proc/net/dev's counters alone (run_unknown_state).
#include <net/if.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "formats/proc_net_dev.h"
#include "formats/proc_net_if_inet6.h"
#include "replay/read_plan.h"
#include "src/context.h"
#include "src/i18n.h"
#include "src/model/iface_list.h"
#include "src/render/iface_render.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

// The if_inet6 entries grouped by name, file order kept within a name.
class Inet6ByName {
 public:
  explicit Inet6ByName(const formats::ProcNetIfInet6& parsed) {
    m_sorted.reserve(parsed.entries.size());
    for (const formats::IfInet6Entry& e : parsed.entries) m_sorted.push_back(&e);
    std::stable_sort(m_sorted.begin(), m_sorted.end(), less);
  }
  IfInet6Span find(std::string_view name) const {
    auto lo = std::lower_bound(
        m_sorted.begin(), m_sorted.end(), name,
        [](const formats::IfInet6Entry* e, std::string_view n) {
          return std::string_view(e->name) < n;
        });
    auto hi = lo;
    while (hi != m_sorted.end() && (*hi)->name == name) ++hi;
    return IfInet6Span(lo, hi);
  }

 private:
  static bool less(const formats::IfInet6Entry* a,
                   const formats::IfInet6Entry* b) {
    return a->name < b->name;
  }
  std::vector<const formats::IfInet6Entry*> m_sorted;
};

// The errno 2.10 would see after the failed ioctl.
int fetch_errno(const Error& e) {
  if (e.sys_errno != 0) return e.sys_errno;
  return e.code == Errc::not_found ? ENODEV : 0;
}

int report_fetch_error(Context& ctx, const std::string& name, const Error& e,
                       SafeStrings safe) {
  int err = fetch_errno(e);
  std::string text = err != 0 ? i18n::strerror_text(err) : i18n::error_text(e);
  std::string scratch;
  std::string shown(safe_view(name, safe == SafeStrings::on, scratch));
  i18n::printf_to(ctx.err.buffer(), "%s: error fetching interface information: %s\n",
                  shown.c_str(),
                  err == ENODEV ? i18n::tr("Device not found") : text.c_str());
  // perror(_("missing interface information"))
  ctx.err.print("{}: {}\n", i18n::trv("missing interface information"), text);
  return 1;
}

// A tree with /proc/net/dev but no interface state (no ioctl answers, no
// iproute2 text, no sys/class/net: docs/compat.md): every interface of
// /proc/net/dev with its counters (and -ie's IPv6 addresses), MTU and flags
// shown as unknown, all of them listed (UP is unknown too), one note.
int run_unknown_state(const Options& o, Context& ctx, int iteration,
                      const std::string& dev) {
  if (iteration == 0) ctx.out.write(i18n::trv("Kernel Interface table\n"));
  const bool long_form = o.extend > 0;
  if (!long_form) render_iface_short_header(ctx.out);
  IfaceList list;
  formats::ProcNetDev parsed = formats::parse_proc_net_dev(dev);
  for (const formats::ProcNetDevRow& row : parsed.rows) {
    list.add_dev_row(row, parsed.version);
  }
  formats::ProcNetIfInet6 inet6;
  if (long_form) {
    Result<std::string> text = ctx.root.read_file(read_plan::path(read_plan::NetFile::if_inet6));
    if (text.ok()) inet6 = formats::parse_proc_net_if_inet6(*text);
  }
  const Inet6ByName inet6_by_name(inet6);
  const SafeStrings safe = o.safe_strings ? SafeStrings::on : SafeStrings::off;
  for (const auto& [key, entry] : list.entries()) {
    if (long_form) {
      render_iface_long_unknown(ctx.out, entry, inet6_by_name.find(entry.name), safe);
    } else {
      render_iface_short_unknown(ctx.out, entry, safe);
    }
  }
  if (iteration == 0) {
    ctx.err.print("netstat: {}: no interface state in the tree (no ioctl answers, "
                  "sos_commands/networking/ip_* text or sys/class/net): every "
                  "interface of {} is listed, MTU and flags unknown\n",
                  ctx.root.description(), read_plan::path(read_plan::NetFile::dev));
  }
  return 0;
}

}  // namespace

int run_interfaces(const Options& o, Context& ctx, int iteration) {
  Result<std::vector<std::string>> labels = ctx.root.interface_labels();
  if (!labels.ok() && labels.code() == Errc::not_captured) {
    // A snapshot without the ioctl answers: counters alone where the tree
    // has them, else nothing honest to print.
    Result<std::string> dev = ctx.root.read_file(read_plan::path(read_plan::NetFile::dev));
    if (dev.ok()) return run_unknown_state(o, ctx, iteration, *dev);
    ctx.err.print("netstat: {}: no interface information was captured\n",
                  ctx.root.description());
    return 1;
  }
  if (iteration == 0) ctx.out.write(i18n::trv("Kernel Interface table\n"));
  const bool long_form = o.extend > 0;
  if (!long_form) render_iface_short_header(ctx.out);

  IfaceList list;
  Result<std::string> dev = ctx.root.read_file(read_plan::path(read_plan::NetFile::dev));
  if (dev.ok()) {
    formats::ProcNetDev parsed = formats::parse_proc_net_dev(*dev);
    for (const formats::ProcNetDevRow& row : parsed.rows) {
      list.add_dev_row(row, parsed.version);
    }
  } else {
    std::string why = i18n::error_text(dev.error());
    i18n::printf_to(ctx.err.buffer(),
                    "Warning: cannot open %s (%s). Limited output.\n",
                    read_plan::path(read_plan::NetFile::dev).data(), why.c_str());
    ctx.err.after_write();
  }
  if (labels.ok()) {
    for (const std::string& label : *labels) list.add(label);
  } else {
    ctx.err.print("SIOCGIFCONF: {}\n", i18n::error_text(labels.error()));
    if (!dev.ok()) {
      ctx.err.print("{}: {}\n", i18n::trv("missing interface information"),
                    i18n::error_text(labels.error()));
      return 1;
    }
  }

  formats::ProcNetIfInet6 inet6;
  if (long_form) {
    Result<std::string> text = ctx.root.read_file(read_plan::path(read_plan::NetFile::if_inet6));
    if (text.ok()) inet6 = formats::parse_proc_net_if_inet6(*text);
  }
  const Inet6ByName inet6_by_name(inet6);
  const SafeStrings safe = o.safe_strings ? SafeStrings::on : SafeStrings::off;

  for (const auto& [key, entry] : list.entries()) {
    Result<IfaceInfo> info = ctx.root.interface_info(entry.name);
    if (!info.ok()) return report_fetch_error(ctx, entry.name, info.error(), safe);
    bool up = (static_cast<uint16_t>(info->flags) & IFF_UP) != 0;
    if (!up && o.all == 0) continue;
    if (long_form) {
      render_iface_long(ctx.out, entry, *info, inet6_by_name.find(entry.name),
                        safe);
    } else {
      render_iface_short(ctx.out, entry, *info, safe);
    }
  }
  return 0;
}

}  // namespace netstat
