// Statistics counters (-s) and the masquerade table (-M) through the shared
// parsers. Counters keep every value (zeros too) with the section title
// 2.10 files them under; the -t/-u/-w/-S filter drops known sections as
// statistics.c does, unknown sections always pass. IPv6 (-6) reads snmp6 and
// the Tcp sections of snmp, as 2.10 does.
#include "formats/proc_net_masquerade.h"
#include "formats/proc_net_sctp_snmp.h"
#include "formats/proc_net_snmp.h"
#include "formats/proc_net_snmp6.h"
#include "replay/read_plan.h"
#include "src/model/tables.h"

namespace netstat::model {
namespace {

void paired(const Root& root, std::string_view path, const char* file,
            const StatsSelection& sel, bool tcp_only, std::vector<Counter>& out,
            std::vector<std::string>* warnings, bool report_missing) {
  Result<std::string> text = root.read_file(path);
  if (!text.ok()) {
    if (report_missing && warnings) {
      warnings->push_back("cannot open " + std::string(path) + ": " +
                          error_text(text.error()));
    }
    return;
  }
  formats::SnmpFile f = formats::parse_proc_net_snmp(*text);
  if (f.parse_error && warnings && !tcp_only) {
    warnings->push_back("Problem while parsing " + std::string(path));
  }
  for (const formats::SnmpSection& s : f.sections) {
    if (tcp_only && s.title.compare(0, 3, "Tcp") != 0) continue;
    if (!sel.shows_section(s.title)) continue;
    for (size_t i = 0; i < s.names.size(); ++i) {
      Counter c;
      c.file = file;
      c.section = s.title;
      c.name = s.names[i];
      c.value = i < s.values.size() ? s.values[i] : 0;
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

std::vector<Counter> load_counters(const Root& root, const StatsSelection& sel,
                                   std::vector<std::string>* warnings) {
  std::vector<Counter> out;
  if (!sel.v6) {
    paired(root, read_plan::path(read_plan::NetFile::snmp), "snmp", sel, false, out, warnings, true);
    paired(root, read_plan::path(read_plan::NetFile::netstat), "netstat", sel, false, out, warnings, false);
    if (sel.shows_section("Sctp")) {
      Result<std::string> text = root.read_file(read_plan::path(read_plan::NetFile::sctp_snmp));
      if (text.ok()) {
        for (const formats::SctpCounter& c : formats::parse_proc_net_sctp_snmp(*text)) {
          out.push_back(Counter{0, "sctp/snmp", "Sctp", c.name, c.value});
        }
      }
    }
    return out;
  }
  Result<std::string> text = root.read_file(read_plan::path(read_plan::NetFile::snmp6));
  if (!text.ok()) {
    if (warnings) {
      warnings->push_back("cannot open " + std::string(read_plan::path(read_plan::NetFile::snmp6)) +
                          ": " + error_text(text.error()));
    }
    return out;
  }
  for (const formats::Snmp6Counter& c : formats::parse_proc_net_snmp6(*text)) {
    std::string section(formats::snmp6_section_of(c.name));
    if (!sel.shows_section(section)) continue;
    out.push_back(Counter{0, "snmp6", std::move(section), c.name, c.value});
  }
  paired(root, read_plan::path(read_plan::NetFile::snmp), "snmp", sel, true, out, warnings, true);
  return out;
}

std::vector<Masquerade> load_masquerade(const Root& root,
                                        std::vector<std::string>* warnings) {
  std::vector<Masquerade> out;
  Result<std::string> text = root.read_file(read_plan::path(read_plan::NetFile::ip_masquerade));
  if (!text.ok()) {
    if (warnings) warnings->push_back("no support for `ip_masquerade' on this system.");
    return out;
  }
  formats::MasqTable t = formats::parse_proc_net_masquerade(*text);
  if (t.status != formats::MasqTable::Status::ok) {
    if (warnings) warnings->push_back(std::string(read_plan::path(read_plan::NetFile::ip_masquerade)) +
                                    ": malformed table");
    return out;
  }
  for (const formats::MasqEntry& e : t.entries) {
    Masquerade m;
    m.proto = e.proto;
    m.source = e.source;
    m.source_port = e.source_port;
    m.destination = e.destination;
    m.destination_port = e.destination_port;
    m.masq_port = e.masq_port;
    m.initseq = e.initseq;
    m.delta = e.delta;
    m.pdelta = t.has_pdelta ? e.pdelta : 0;
    m.expires = e.expires;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace netstat::model
