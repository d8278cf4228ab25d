// run_json(): loads the selected rows through the model and streams them as
// JSON. Sockets are written while they are scanned (no row vector), so
// --json-lines uses constant memory per row; the document form writes the
// same rows inside {"sockets": [...]}. Warnings that the text modes print on
// stderr go to the document's "warnings" array (--json) or stderr
// (--json-lines).
#include "src/json/listing.h"

#include <string>
#include <vector>

#include "src/json/legacy.h"
#include "src/json/rows.h"
#include "src/mode.h"
#include "src/model/metadata.h"
#include "src/model/owners.h"
#include "src/model/sockets.h"
#include "src/model/tables.h"
#include "src/resolve.h"

namespace netstat {
namespace {

using json::JsonWriter;

class Emitter {
 public:
  Emitter(Context& ctx, const model::Metadata& meta, JsonEmit& how)
      : m_ctx(ctx), m_meta(meta), m_how(how), m_lines(how.lines),
        m_w(ctx.out.buffer()) {}

  void begin(std::string_view mode) {
    if (m_lines) return;
    m_w.begin_object();
    m_w.member_str("format", "netstat-json");
    m_w.member("format_version", json::kFormatVersion);
    m_w.member_str("mode", mode);
    m_w.key("snapshot");
    json::write_metadata(m_w, m_meta);
  }
  void begin_table(std::string_view name) {
    m_first = true;
    if (m_lines) return;
    m_w.key(name);
    m_w.begin_array();
  }
  /// Call before each row; returns the line prefix (json-lines) or null.
  const json::LinePrefix* row(std::string_view kind) {
    if (m_lines) {
      m_prefix = json::LinePrefix{kind, &m_meta, m_how.identity};
      return &m_prefix;
    }
    m_w.break_line();
    m_first = false;
    return nullptr;
  }
  void end_row() {
    if (!m_lines) {
      ++m_how.rows;
      m_ctx.out.after_write();
      return;
    }
    end_line(m_ctx.out);
  }
  /// Ends a json-lines row written to \a out.
  void end_line(Output& out) {
    ++m_how.rows;
    out.put('\n');
    if (m_how.after_row) m_how.after_row();
  }
  void end_table() {
    if (m_lines) return;
    if (!m_first) m_w.raw("\n");
    m_w.end_array();
  }
  void end(const std::vector<std::string>& warnings) {
    if (m_lines) {
      if (m_how.warnings != nullptr) {
        m_how.warnings->insert(m_how.warnings->end(), warnings.begin(),
                               warnings.end());
        return;
      }
      for (const std::string& w : warnings) m_ctx.err.print("netstat: {}\n", w);
      return;
    }
    m_w.key("warnings");
    m_w.begin_array();
    for (const std::string& w : warnings) m_w.string(w);
    m_w.end_array();
    m_w.end_object();
    m_ctx.out.put('\n');
  }
  JsonWriter& w() { return m_w; }

 private:
  Context& m_ctx;
  const model::Metadata& m_meta;
  JsonEmit& m_how;
  bool m_lines;
  JsonWriter m_w;
  json::LinePrefix m_prefix{};
  bool m_first = true;
};

}  // namespace

int run_json(const Options& o, Context& ctx) {
  model::Metadata meta = model::load_metadata(ctx.root, o.root, ctx.live);
  JsonEmit how;
  how.lines = o.json_lines;
  return emit_json(o, ctx, meta, how);
}

int emit_json(const Options& o, Context& ctx, const model::Metadata& meta,
              JsonEmit& how) {
  Emitter e(ctx, meta, how);
  std::vector<std::string> warnings;
  model::NameLookup names(ctx.resolver);
  RouteNames route_names(ctx.root.names(),
                         o.numeric_route_hosts() ? NumericHosts::yes : NumericHosts::no);
  json::RowContext rc{names, route_names, ctx.root.identity().clk_tck,
                      o.programs > 0, o.timers > 0};

  const Mode mode = pick_mode(o);
  if (mode == Mode::masquerade) {
    e.begin(mode_name(mode));
    e.begin_table("masquerade");
    for (const model::Masquerade& m : model::load_masquerade(ctx.root, &warnings)) {
      json::write_masquerade(e.w(), m, rc, e.row("masquerade"));
      e.end_row();
    }
    e.end_table();
  } else if (mode == Mode::statistics) {
    model::StatsSelection sel = model::StatsSelection::from_options(o);
    if (!sel.unsupported_af.empty()) {
      ctx.err.print("netstat: No statistics support for specified address family: {}\n",
                    sel.unsupported_af);
      return 1;
    }
    e.begin(mode_name(mode));
    e.begin_table("counters");
    for (const model::Counter& k : model::load_counters(ctx.root, sel, &warnings)) {
      json::write_counter(e.w(), k, e.row("counter"));
      e.end_row();
    }
    e.end_table();
  } else if (mode == Mode::route) {
    model::RouteSelection sel = model::RouteSelection::from_options(o);
    for (const std::string& bad : sel.unsupported) {
      warnings.push_back("no routing table for address family `" + bad + "'");
    }
    e.begin(mode_name(mode));
    e.begin_table("routes");
    for (model::RouteFamily f : sel.families) {
      for (const model::Route& r :
           model::load_routes(ctx.root, f, sel.fib, sel.cache, &warnings)) {
        json::write_route(e.w(), r, rc, e.row("route"));
        e.end_row();
      }
    }
    e.end_table();
  } else if (mode == Mode::interfaces) {
    e.begin(mode_name(mode));
    e.begin_table("interfaces");
    for (const model::Interface& i :
         model::load_interfaces(ctx.root, o.all > 0, &warnings)) {
      json::write_interface(e.w(), i, e.row("interface"));
      e.end_row();
    }
    e.end_table();
  } else {
    model::SocketSelection sel = model::SocketSelection::from_options(o);
    model::OwnerTable owners;
    if (sel.owners) owners = model::load_owners(ctx.root);
    if (owners.access_denied) {
      warnings.push_back("not all processes could be identified (fd/ unreadable)");
    }
    e.begin(mode_name(mode));
    e.begin_table("sockets");
    model::scan_sockets(
        ctx.root, sel, sel.owners ? &owners : nullptr,
        [&](const model::Socket& s) {
          if (how.lines && how.socket_out) {
            Output& to = how.socket_out(s);
            json::JsonWriter w(to.buffer());
            json::write_socket(w, s, rc, e.row("socket"));
            e.end_line(to);
            return;
          }
          json::write_socket(e.w(), s, rc, e.row("socket"));
          e.end_row();
        },
        &warnings);
    e.end_table();
    for (const json::LegacyTable& t : json::legacy_socket_tables(ctx.root, sel)) {
      warnings.push_back(json::legacy_note(t, "included"));
    }
    if (sel.groups) {
      e.begin_table("groups");
      for (const model::Group& g :
           model::load_groups(ctx.root, sel.inet, sel.inet6, &warnings)) {
        json::write_group(e.w(), g, rc, e.row("group"));
        e.end_row();
      }
      e.end_table();
    }
  }
  for (std::string& note : ctx.root.notes()) warnings.push_back(std::move(note));
  e.end(warnings);
  return 0;
}

}  // namespace netstat
