// Text output of `netstat diff`: a title naming both snapshots, then
// netstat's own columns (the sockets, route
// and interface renderers, honouring -n -W -e -p -o) behind a marker column
// ("+ " added, "- " removed, "~ " changed or replaced, "  " headers), a
// note in parentheses saying what changed, and one summary line per
// section. Optional ANSI colour. Untrusted strings are escaped with
// safe_text (the renderers run with --safe-strings) unless --raw-strings.
#pragma once

#include <vector>

#include "src/diff/diff.h"
#include "src/options.h"
#include "src/output.h"

namespace netstat {
class Root;
class Resolver;
class ProgramCache;
}  // namespace netstat

namespace netstat::diff {

/// One side of the diff, for rendering its rows.
struct Side {
  const Root& root;
  Resolver& resolver;
  const ProgramCache* programs = nullptr;  ///< with -p
  const model::Metadata& meta;
  long clk_tck = 100;
};

class TextDiff {
 public:
  TextDiff(const Options& o, Output& out, bool color, Side& a, Side& b)
      : m_o(o), m_out(out), m_color(color), m_a(a), m_b(b) {}

  /// Two lines naming the snapshots, diff(1)-style: "--- A: SOURCE (host,
  /// capture time[, view])" and "+++ B: ... , N s after A)".
  void title();
  void sockets(const std::vector<Item<model::Socket>>& items);
  void groups(const std::vector<Item<model::Group>>& items);
  void routes(const std::vector<Item<model::Route>>& items);
  void interfaces(const std::vector<Item<model::Interface>>& items);
  void counters(const std::vector<Item<model::Counter>>& items);
  /// The overview's counters: one summary line, no rows (-s lists them).
  void counters_summary(const std::vector<Item<model::Counter>>& items);

 private:
  /// Writes \a text (one or more lines, no final newline) with \a marker on
  /// every line and \a note after the last one.
  void emit(char marker, std::string_view text, std::string_view note);
  void header(std::string_view text);
  void summary(std::string_view what, const Counts& c);

  const Options& m_o;
  Output& m_out;
  bool m_color;
  Side& m_a;
  Side& m_b;
};

}  // namespace netstat::diff
