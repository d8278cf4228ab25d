// Masquerade mode (-M), mirroring net-tools 2.10's ip_masq_info(): reads
// /proc/net/ip_masquerade (absent since Linux 2.4, so normally the "no
// support" message and status 1), checks every line before printing
// anything, and prints nothing at all for an empty table.
#include <memory>
#include <string>

#include "formats/proc_net_masquerade.h"
#include "replay/read_plan.h"
#include "src/context.h"
#include "src/i18n.h"
#include "src/render/masquerade_rows.h"
#include "src/render/route_names.h"

namespace netstat {
namespace {

// 2.10's EINTERN(file, text).
void internal_error(Output& err, const char* file, const char* text) {
  i18n::printf_to(err.buffer(), "%s: Internal Error `%s'.\n", file, text);
  err.after_write();
}

}  // namespace

int run_masquerade(const Options& o, Context& ctx, int /*iteration*/) {
  constexpr std::string_view kPath = read_plan::path(read_plan::NetFile::ip_masquerade);
  Result<std::string> text = ctx.root.read_file(kPath);
  if (!text.ok()) {
    if (text.code() == Errc::not_found || text.code() == Errc::not_captured) {
      // ESYSNOT("netstat", "ip_masquerade")
      i18n::printf_to(ctx.err.buffer(), "%s: no support for `%s' on this system.\n",
                      "netstat", "ip_masquerade");
      ctx.err.after_write();
      return 1;
    }
    ctx.err.print("{}: {}\n", kPath, i18n::error_text(text.error()));
    return 255;
  }
  formats::MasqTable table = formats::parse_proc_net_masquerade(*text);
  switch (table.status) {
    case formats::MasqTable::Status::ok:
      break;
    case formats::MasqTable::Status::no_header:
      internal_error(ctx.err, "masq_info", "fgets() failed");
      return 255;
    case formats::MasqTable::Status::format_error:
      internal_error(ctx.err, "masq_info.c", "ip_masquerade format error");
      return 255;
    case formats::MasqTable::Status::unknown_type:
      internal_error(ctx.err, "masq_info.c", "ip_masquerade unknown type");
      return 255;
  }
  if (table.entries.empty()) return 0;
  RouteNames hosts(ctx.root.names(),
                   o.numeric_hosts() ? NumericHosts::yes : NumericHosts::no);
  hosts.set_safe_strings(o.safe_strings);
  std::unique_ptr<MasqServices> services;
  if (!o.numeric_ports()) {
    services = std::make_unique<MasqServices>(ctx.root.names());
  }
  MasqColumns columns = o.extend > 0 ? MasqColumns::extended : MasqColumns::basic;
  render_masq_head(ctx.out.buffer(), columns);
  for (const formats::MasqEntry& e : table.entries) {
    render_masq_row(ctx.out.buffer(), e, table.has_pdelta, columns, hosts,
                    services.get());
    ctx.out.after_write();
  }
  return 0;
}

}  // namespace netstat
