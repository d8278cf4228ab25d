// Statistics mode (-s), mirroring net-tools 2.10's statistics.c: IPv4 reads
// /proc/net/snmp, then /proc/net/netstat and /proc/net/sctp/snmp if present;
// IPv6 (-6, -A inet6) reads /proc/net/snmp6 and then the Tcp* sections of
// /proc/net/snmp. Any other address-family list is refused. The status is 0
// even when a file cannot be read; -c does not repeat this mode.
#include <string>
#include <string_view>

#include "formats/proc_net_sctp_snmp.h"
#include "formats/proc_net_snmp.h"
#include "formats/proc_net_snmp6.h"
#include "replay/read_plan.h"
#include "src/context.h"
#include "src/i18n.h"
#include "src/model/selection.h"
#include "src/render/stats_printer.h"

namespace netstat {
namespace {

using formats::LabelSet;

enum class SectionPick : uint8_t { all, tcp_only };

// Prints the sections of one paired-line file; returns false when the file
// was not readable (after printing 2.10's message).
bool print_paired_file(Context& ctx, StatsPrinter& p, std::string_view path,
                       SectionPick pick, bool report_missing) {
  Result<std::string> text = ctx.root.read_file(path);
  if (!text.ok()) {
    if (report_missing) {
      // perror(_("cannot open /proc/net/snmp")); only that file reports.
      ctx.err.print("{}: {}\n", i18n::trv("cannot open /proc/net/snmp"),
                    i18n::error_text(text.error()));
    }
    return false;
  }
  formats::SnmpFile file = formats::parse_proc_net_snmp(*text);
  for (const formats::SnmpSection& s : file.sections) {
    if (pick == SectionPick::tcp_only && s.title.compare(0, 3, "Tcp") != 0) {
      continue;
    }
    if (p.begin_section(LabelSet::ipv4, s.title)) {
      for (size_t i = 0; i < s.names.size(); ++i) p.counter(s.names[i], s.values[i]);
    }
    ctx.out.after_write();
  }
  // The Tcp pass of -s -6 stops at a bad pair without a message.
  if (file.parse_error && pick == SectionPick::all) {
    ctx.err.write(path == read_plan::path(read_plan::NetFile::snmp)
                      ? i18n::trv("Problem while parsing /proc/net/snmp\n")
                      : i18n::trv("Problem while parsing /proc/net/netstat\n"));
  }
  return true;
}

void print_sctp(Context& ctx, StatsPrinter& p) {
  Result<std::string> text = ctx.root.read_file(read_plan::path(read_plan::NetFile::sctp_snmp));
  if (!text.ok()) return;
  bool on = p.begin_section(LabelSet::ipv4, "Sctp");
  if (on) {
    for (const formats::SctpCounter& c : formats::parse_proc_net_sctp_snmp(*text)) {
      p.counter(c.name, c.value);
    }
  }
  ctx.out.after_write();
}

void print_snmp6(Context& ctx, StatsPrinter& p, std::string_view text) {
  std::string title;
  bool first = true;
  bool on = false;
  for (const formats::Snmp6Counter& c : formats::parse_proc_net_snmp6(text)) {
    if (first || c.name.find(title) == std::string::npos) {
      title.assign(formats::snmp6_section_of(c.name));
      on = p.begin_section(LabelSet::ipv6, title);
      first = false;
    }
    if (on) p.counter(c.name, c.value);
  }
  ctx.out.after_write();
}

}  // namespace

int run_statistics(const Options& o, Context& ctx, int /*iteration*/) {
  // Which sections and family: model::StatsSelection, as --json and diff
  // take them (a bare -s turned every protocol on; -U is not a statistics
  // filter, so "-s -U" leaves only the unknown sections).
  const model::StatsSelection sel = model::StatsSelection::from_options(o);
  StatsFilters filters{sel.raw, sel.tcp, sel.udp, sel.sctp};
  StatsPrinter printer(ctx.out.buffer(), filters);
  printer.set_safe_strings(o.safe_strings);
  if (!sel.unsupported_af.empty()) {
    i18n::printf_to(ctx.out.buffer(),
                    "netstat: No statistics support for specified address "
                    "family: %s\n",
                    sel.unsupported_af.c_str());
    ctx.out.after_write();
    return 1;
  }
  if (!sel.v6) {
    if (!print_paired_file(ctx, printer, read_plan::path(read_plan::NetFile::snmp), SectionPick::all,
                           true)) {
      return 0;
    }
    (void)print_paired_file(ctx, printer, read_plan::path(read_plan::NetFile::netstat), SectionPick::all,
                            false);
    print_sctp(ctx, printer);
    return 0;
  }
  Result<std::string> snmp6 = ctx.root.read_file(read_plan::path(read_plan::NetFile::snmp6));
  if (!snmp6.ok()) {
    ctx.err.print("{}: {}\n", i18n::trv("cannot open /proc/net/snmp6"),
                  i18n::error_text(snmp6.error()));
    return 0;
  }
  print_snmp6(ctx, printer, *snmp6);
  (void)print_paired_file(ctx, printer, read_plan::path(read_plan::NetFile::snmp),
                          SectionPick::tcp_only, true);
  return 0;
}

}  // namespace netstat
