#include "src/cli/parse_command.h"

#include <sstream>

#include "src/cli/cli11.h"

namespace netstat {

std::optional<int> parse_command(CLI::App& app,
                                 const std::vector<std::string>& args,
                                 Output& out, Output& err) {
  // CLI11 takes the words in reverse order and pops from the back; the
  // command's own name (args[0]) is dropped.
  std::vector<std::string> rest(args.rbegin(), args.rend());
  if (!rest.empty()) rest.pop_back();
  try {
    app.parse(rest);
  } catch (const CLI::ParseError& e) {
    std::ostringstream so;
    std::ostringstream se;
    int rc = app.exit(e, so, se);
    out.write(so.str());
    err.write(se.str());
    return rc == 0 ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace netstat
