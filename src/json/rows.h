// The JSON form of each model row (schema: docs/json.md and
// docs/schema/netstat.schema.json, format_version 1). One function per row
// kind; each writes one object. Shared by --json, --json-lines and the
// before/after objects of `netstat diff --json`.
#pragma once

#include "src/json/writer.h"
#include "src/model/names.h"
#include "src/model/snapshot.h"
#include "src/render/route_names.h"

namespace netstat::json {

inline constexpr int kFormatVersion = 1;
/// Revision of docs/schema/netstat.schema.json within kFormatVersion (its
/// title says "schema revision N"; docs/json.md, "Schema revisions"). A
/// revision only adds optional members or tables; export records it per
/// bundle (bundle_record.schema_revision).
inline constexpr int kSchemaRevision = 3;

/// What every row writer needs: the name lookups, and whether -p was given.
struct RowContext {
  model::NameLookup& names;
  RouteNames& route_names;
  long clk_tck = 100;
  bool owners = false;  ///< write pid/program/owners (-p)
  bool timers = false;  ///< write the timer members (-o)
};

/// Where an exported row comes from (`netstat export`, docs/fleet.md): the
/// bundle's id, the view (network namespace and frame) and the view's time
/// with milliseconds.
struct RowIdentity {
  std::string_view bundle;       ///< lowercase hex SHA-256 (docs/fleet.md)
  std::string_view netns;        ///< "self" = the capturer's namespace
  uint32_t frame = 0;            ///< frame number in a time series
  std::string_view captured_at;  ///< "2024-05-01T12:00:00.000Z"; "" = null
};

/// Extra members written first in a --json-lines record.
struct LinePrefix {
  std::string_view kind;         ///< "socket", "route", ...
  const model::Metadata* meta;   ///< host and captured_at
  /// Export records: "bundle", "netns", "frame" too, and the identity's
  /// captured_at instead of the metadata's.
  const RowIdentity* identity = nullptr;
};

/// Writes the object; \a prefix adds "kind", "host", "captured_at" first
/// (with an identity: "kind", "bundle", "host", "netns", "frame",
/// "captured_at"; without one, "view", the view id, when the row comes from
/// one view of several).
void write_socket(JsonWriter& w, const model::Socket& s, RowContext& c,
                  const LinePrefix* prefix = nullptr);
void write_group(JsonWriter& w, const model::Group& g, RowContext& c,
                 const LinePrefix* prefix = nullptr);
void write_route(JsonWriter& w, const model::Route& r, RowContext& c,
                 const LinePrefix* prefix = nullptr);
void write_interface(JsonWriter& w, const model::Interface& i,
                     const LinePrefix* prefix = nullptr);
void write_counter(JsonWriter& w, const model::Counter& k,
                   const LinePrefix* prefix = nullptr);
void write_masquerade(JsonWriter& w, const model::Masquerade& m, RowContext& c,
                      const LinePrefix* prefix = nullptr);
void write_metadata(JsonWriter& w, const model::Metadata& m);

/// Kernel TCP state names (also used for udp/raw/sctp state numbers):
/// "ESTABLISHED" ... "CLOSING", "UNKNOWN" outside 1..11.
std::string_view tcp_state_name(uint32_t state);
/// UNIX socket state: "FREE", "LISTENING"/"UNCONNECTED", "CONNECTING", ...
std::string_view unix_state_name(uint32_t state, uint64_t flags);
/// UNIX socket type: "STREAM", "DGRAM", ... "UNKNOWN".
std::string_view unix_type_name(uint32_t type);
/// Interface flag names in ifconfig order (UP, BROADCAST, ...).
void write_iface_flags(JsonWriter& w, uint32_t flags);

}  // namespace netstat::json
