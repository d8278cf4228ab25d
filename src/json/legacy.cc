// Legacy socket families (IPX, AX.25, X.25, NET/ROM, ROSE) in --json and
// `netstat diff`: they are not part of the JSON schema nor of the diff's
// row identities, so instead of silently printing nothing the caller gets
// a note per table that holds rows (or that the user asked for by name),
// counted with the same parsers the text listing (2.10's sections) uses.
#include "src/json/legacy.h"

#include <fmt/format.h>

#include "formats/proc_net_legacy.h"
#include "replay/read_plan.h"

namespace netstat::json {

std::vector<LegacyTable> legacy_socket_tables(const Root& root,
                                              const model::SocketSelection& sel) {
  // 2.10's legacy sections (read_plan::kLegacySockets order) and their rows.
  struct Table {
    const read_plan::SocketTables& tables;
    bool shown;
    size_t (*count)(std::string_view);
  };
  const Table kTables[] = {
      {read_plan::kIpx, sel.ipx,
       [](std::string_view t) { return formats::parse_proc_net_ipx(t).size(); }},
      {read_plan::kAx25, sel.ax25,
       [](std::string_view t) { return formats::parse_proc_net_ax25(t).size(); }},
      {read_plan::kX25, sel.x25,
       [](std::string_view t) { return formats::parse_proc_net_x25(t).size(); }},
      {read_plan::kNetrom, sel.netrom,
       [](std::string_view t) { return formats::parse_proc_net_nr(t).size(); }},
      {read_plan::kRose, sel.rose,
       [](std::string_view t) { return formats::parse_proc_net_rose(t).size(); }},
  };
  std::vector<LegacyTable> out;
  for (const Table& t : kTables) {
    if (!t.shown) continue;
    bool named = sel.explicit_protocols;  // asked for by name
    Result<std::string> text = root.read_file(read_plan::path(t.tables.v4));
    size_t n = text.ok() ? t.count(*text) : 0;
    if (n == 0 && !named) continue;
    out.push_back({t.tables.family, n});
  }
  return out;
}

std::string legacy_note(const LegacyTable& t, std::string_view verb) {
  return fmt::format("{}: {} socket{} not {} (legacy family: only the text "
                     "listing shows it)",
                     t.name, t.rows, t.rows == 1 ? "" : "s", verb);
}

}  // namespace netstat::json
