#include "src/cli/suggest.h"

#include <algorithm>
#include <numeric>

#include "src/cli/commands.h"
#include "src/options.h"
#include "src/safe_text.h"

namespace netstat {

size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the optimal-string-alignment table.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1),
      cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string_view> close_commands(std::string_view word) {
  if (word.empty() || find_command(word) != nullptr) return {};
  std::vector<std::pair<size_t, std::string_view>> found;
  size_t limit = word.size() >= 6 ? 2 : 1;
  for (const Command& c : commands()) {
    size_t d = edit_distance(word, c.name);
    bool prefix = word.size() >= 3 && c.name.substr(0, word.size()) == word;
    if (d <= limit || prefix) found.emplace_back(prefix ? 0 : d, c.name);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string_view> names;
  for (const auto& f : found) names.push_back(f.second);
  return names;
}

void print_suggestion(std::string_view prefix, std::string_view word,
                      const std::vector<std::string_view>& names, Output& err) {
  err.print("{}: '{}' is not a netstat command; did you mean ", prefix,
            safe_text(word));
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) err.write(i + 1 == names.size() ? " or " : ", ");
    err.print("'{}'", names[i]);
  }
  err.write("?\nSee 'netstat help' for the commands.\n");
}

bool suggest_command(const std::vector<std::string>& args, Output& err,
                     int& status) {
  if (args.size() < 2) return false;
  std::string_view word = args[1];
  if (word.empty() || word[0] == '-') return false;
  std::vector<std::string_view> names = close_commands(word);
  if (names.empty()) return false;
  // 2.10 would have run its listing (word ignored) unless its parser fails
  // on the rest; our own options make it a command line 2.10 never took.
  bool own = false;
  for (size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
    own = own || is_own_option(args[i]);
  }
  if (!own) {
    Output quiet_out, quiet_err;
    ParseResult parsed = parse_options(args, quiet_out, quiet_err);
    if (parsed.run || parsed.exit_status == 0) return false;
  }
  print_suggestion("netstat", word, names, err);
  status = 2;
  return true;
}

}  // namespace netstat
