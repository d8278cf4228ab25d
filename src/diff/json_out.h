// `netstat diff --json` / `--json-lines`: every change as one object
//   {"change": "added"|"removed"|"replaced"|"changed", "kind": "socket"|...,
//    "fields": [...], "before": {row}|null, "after": {row}|null, ...}
// with the row objects of the listing schema (src/json/rows.h); counters
// carry numbers and "delta"/"rate_per_s"; interfaces a "deltas" object.
// --json wraps them in a document with both snapshots' metadata and the
// summary; --json-lines writes one change per line.
#pragma once

#include <string>
#include <vector>

#include "src/diff/diff.h"
#include "src/json/rows.h"
#include "src/output.h"

namespace netstat::diff {

class JsonDiff {
 public:
  JsonDiff(Output& out, bool lines, json::RowContext& a, json::RowContext& b,
           const model::Metadata& ma, const model::Metadata& mb);

  /// `diff --netns=all --json-lines`: every change carries "netns" (after
  /// "kind"); "" = none (the default).
  void set_netns(std::string netns) { m_netns = std::move(netns); }
  void begin(std::string_view mode);
  void sockets(const std::vector<Item<model::Socket>>& items);
  void groups(const std::vector<Item<model::Group>>& items);
  void routes(const std::vector<Item<model::Route>>& items);
  void interfaces(const std::vector<Item<model::Interface>>& items);
  void counters(const std::vector<Item<model::Counter>>& items);
  void end(const std::vector<std::string>& notes);

 private:
  template <typename Row, typename Write>
  void items(std::string_view kind, const std::vector<Item<Row>>& v, Write write,
             const char* const* field_names);
  void start_change(const char* change, std::string_view kind, uint32_t fields,
                    const char* const* names);
  void finish_change();

  Output& m_out;
  bool m_lines;
  json::RowContext& m_a;
  json::RowContext& m_b;
  const model::Metadata& m_ma;
  const model::Metadata& m_mb;
  json::JsonWriter m_w;
  Counts m_counts;
  std::string m_netns;
};

}  // namespace netstat::diff
