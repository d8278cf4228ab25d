// `netstat verify BUNDLE`: checks the manifest's format version and that
// every member is present with its recorded size and SHA-256 and nothing
// unlisted was added. Prints "BUNDLE: OK ..." and exits 0, or lists the
// problems on stderr and exits 1 (2 for a usage error).
#include <sstream>

#include <CLI/CLI.hpp>

#include "capture/manifest.h"
#include "src/cli/subcommands.h"

namespace netstat {
namespace {

int run_verify(const std::string& bundle, Output& out, Output& err) {
  Result<VerifyReport> r = verify_bundle(bundle);
  if (!r.ok()) {
    err.print("netstat verify: {}\n", r.error().message);
    return 1;
  }
  if (!r->problems.empty()) {
    for (const std::string& p : r->problems) {
      err.print("netstat verify: {}: {}\n", bundle, p);
    }
    err.print("netstat verify: {}: FAILED ({} problem{})\n", bundle,
              r->problems.size(), r->problems.size() == 1 ? "" : "s");
    return 1;
  }
  out.print("{}: OK (format {}, {} members)\n", bundle, r->format_version,
            r->members);
  return 0;
}

}  // namespace

int run_verify_command(const std::vector<std::string>& args, Output& out,
                       Output& err) {
  CLI::App app{"Check a bundle's format version and the SHA-256 of every "
               "member against its manifest.",
               "netstat verify"};
  std::string bundle;
  app.add_option("BUNDLE", bundle, "The bundle file to check")->required();
  std::vector<std::string> rest(args.rbegin(), args.rend());
  rest.pop_back();  // "verify"
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
  return run_verify(bundle, out, err);
}

}  // namespace netstat
