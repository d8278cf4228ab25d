// `netstat version`: our own name and version. -V and --version are 2.10's
// options and print 2.10's text byte for byte, so scripts that parse them
// keep working; this command is where our version lives.

#include "src/cli/cli11.h"

#include "replay/bundle_manifest.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/version.h"

namespace netstat {

int run_version_command(const std::vector<std::string>& args, Output& out,
                        Output& err, const ArchiveLimits& /*limits*/) {
  CLI::App app{"Print this program's name and version, the net-tools "
               "release it is compatible with and the bundle format it "
               "writes.",
               "netstat version"};
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  out.print("{} {} (net-tools 2.10 compatible)\n", kProgramName, kVersion);
  out.print("bundle format: {} {}\n", kBundleFormatName, kBundleFormatVersion);
  return 0;
}

}  // namespace netstat
