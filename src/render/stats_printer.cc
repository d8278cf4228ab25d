// net-tools 2.10's statistics.c output side (printval and the section
// title handling), reproduced from the reference notes and checked against
// /usr/bin/netstat: sentences for found labels, "Name: value" for names the
// table lookup misses, ICMP histogram titles at the old state's indent.
#include "src/render/stats_printer.h"

#include "src/i18n.h"
#include "src/safe_text.h"

#include "src/render/text_columns.h"

namespace netstat {

using formats::LabelClass;

bool StatsFilters::allows(formats::StatsFilter f) const {
  switch (f) {
    case formats::StatsFilter::raw: return raw;
    case formats::StatsFilter::tcp: return tcp;
    case formats::StatsFilter::udp: return udp;
    case formats::StatsFilter::sctp: return sctp;
  }
  return false;
}

void StatsPrinter::indent() const {
  cols::put(m_out, m_state == State::normal ? std::string_view("    ")
                                            : std::string_view("        "));
}

bool StatsPrinter::begin_section(formats::LabelSet set,
                                 std::string_view title) {
  m_table = formats::find_label_table(set, title);
  bool enabled = m_table == nullptr || m_filters.allows(m_table->filter);
  if (enabled) {
    cols::put(m_out, safe_view(title, m_safe, m_scratch));
    cols::put(m_out, ":\n");
  }
  if (m_table != nullptr) m_state = State::normal;
  return enabled;
}

void StatsPrinter::counter(std::string_view name, uint64_t value) {
  const formats::Label* label =
      m_table != nullptr ? formats::find_label(*m_table, name) : nullptr;
  if (label == nullptr) {
    if (value != 0) {
      indent();
      cols::put(m_out, safe_view(name, m_safe, m_scratch));
      cols::put(m_out, ": ");
      cols::put_int(m_out, value);
      cols::put(m_out, '\n');
    }
    return;
  }
  auto sentence = [&](std::string_view spaces) {
    cols::put(m_out, spaces);
    // 2.10: snprintf(buf, 512, _(sentence), value). Through the catalog
    // only where it has this sentence (none of today's: they know "%u").
    // The sentence views a literal (formats/stats_labels.h): data() is the
    // msgid, at an address i18n::tr keeps its answer by (a copy made here
    // cost a malloc and an uncached dgettext per counter, and the freed
    // copy's address could later answer for another sentence).
    if (i18n::active() && label->sentence.find("%llu") != std::string_view::npos) {
      const char* id = label->sentence.data();
      if (i18n::tr(id) != id && i18n::same_conversions(id, "%llu")) {
        char buf[512];
        int n = i18n::snprintf_to(buf, sizeof buf, id,
                                  static_cast<unsigned long long>(value));
        if (n > 0) {
          size_t len = static_cast<size_t>(n) < sizeof buf ? static_cast<size_t>(n)
                                                           : sizeof buf - 1;
          cols::put(m_out, std::string_view(buf, len));
        }
        cols::put(m_out, '\n');
        return;
      }
    }
    size_t at = label->sentence.find("%llu");
    cols::put(m_out, label->sentence.substr(0, at));
    if (at != std::string_view::npos) {
      cols::put_int(m_out, value);
      cols::put(m_out, label->sentence.substr(at + 4));
    }
    cols::put(m_out, '\n');
  };
  switch (label->cls) {
    case LabelClass::fixed:
    case LabelClass::empty:
      return;
    case LabelClass::in_hist:
    case LabelClass::out_hist: {
      State want = label->cls == LabelClass::in_hist ? State::in_hist
                                                     : State::out_hist;
      if (m_state != want) {
        indent();
        cols::put(m_out, want == State::in_hist
                             ? i18n::trv("ICMP input histogram:")
                             : i18n::trv("ICMP output histogram:"));
        cols::put(m_out, '\n');
        m_state = want;
      }
      if (value > 0) sentence("        ");
      return;
    }
    case LabelClass::always:
      m_state = State::normal;
      sentence("    ");
      return;
    case LabelClass::nonzero:
      m_state = State::normal;
      if (value != 0) sentence("    ");
      return;
  }
}

}  // namespace netstat
