// The `netstat -s` printer: section titles, label sentences and raw
// counters with net-tools 2.10's indentation state machine (normal = 4
// spaces, inside an ICMP input/output histogram = 8), which persists across
// sections and files unless a known section title resets it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "formats/stats_labels.h"

namespace netstat {

/// The -t -u -w -S selection (all on when none of them was given).
struct StatsFilters {
  bool raw = true;
  bool tcp = true;
  bool udp = true;
  bool sctp = true;
  bool allows(formats::StatsFilter f) const;
};

class StatsPrinter {
 public:
  StatsPrinter(fmt::memory_buffer& out, StatsFilters filters)
      : m_out(out), m_filters(filters) {}

  /// Starts section \a title of \a set. A known section prints "Title:"
  /// only when its filter is on and always resets the state; an unknown one
  /// always prints its title and leaves the state alone. Returns whether
  /// the section's counters are to be printed.
  bool begin_section(formats::LabelSet set, std::string_view title);
  /// One counter of the current section (2.10's printval).
  void counter(std::string_view name, uint64_t value);
  /// --safe-strings: escape section titles and counter names from the file.
  void set_safe_strings(bool on) { m_safe = on; }

 private:
  enum class State : uint8_t { normal, in_hist, out_hist };
  void indent() const;

  fmt::memory_buffer& m_out;
  StatsFilters m_filters;
  State m_state = State::normal;
  const formats::LabelTable* m_table = nullptr;
  bool m_safe = false;
  std::string m_scratch;
};

}  // namespace netstat
