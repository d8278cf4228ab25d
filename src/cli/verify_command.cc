// `netstat verify BUNDLE`: checks the manifest's format version and that
// every member is present with its recorded size and SHA-256 and nothing
// unlisted was added. Prints "BUNDLE: OK ..." and exits 0, or lists the
// problems on stderr and exits 1 (2 for a usage error). Member names come
// from the bundle (untrusted): every line goes through safe_text(), so a
// name cannot inject terminal escapes or forge lines; a path that is not a
// regular file (a FIFO would block, a device never end) is refused.
// Beyond the manifest: member names used more than once are problems (the
// reader keeps the last copy, so a bundle could show one content to verify
// and another to a tool that keeps the first), and an archive without any
// member is "not a bundle: no entries".
#include <sys/stat.h>


#include "src/cli/cli11.h"

#include "capture/manifest.h"
#include "replay/archive_reader.h"
#include "replay/root.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

/// What a foreign tree or archive at \a path is ("sosreport, sos 4.0, host
/// vm, taken ..."), or "" when it is nothing netstat recognises.
std::string foreign_kind(const std::string& path, const ArchiveLimits& limits) {
  Result<std::unique_ptr<Root>> root = open_root(path, limits);
  if (!root.ok()) return {};
  return (*root)->source_info().kind;
}

int run_verify(const std::string& path, const ArchiveLimits& limits, Output& out,
               Output& err) {
  std::string bundle = safe_text(path);
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    std::string kind = S_ISDIR(st.st_mode) ? foreign_kind(path, limits) : std::string();
    if (!kind.empty()) {
      err.print("netstat verify: {}: not a netstat bundle: {}\n", bundle, safe_text(kind));
    } else {
      err.print("netstat verify: {}: not a regular file\n", bundle);
    }
    return 1;
  }
  // Headers first: an empty or all-zero tar would otherwise read as an
  // archive whose first member is not the manifest. A scan that fails is
  // reported by verify_bundle below with the decoder's own message.
  Result<ArchiveMemberScan> scan =
      scan_archive_members(path, limits);
  if (scan.ok() && scan->members == 0) {
    err.print("netstat verify: {}: not a bundle: no entries\n", bundle);
    return 1;
  }
  Result<VerifyReport> r = verify_bundle(path, limits);
  if (!r.ok()) {
    // Not a bundle at all, but something we read (a sosreport): say what.
    std::string kind = foreign_kind(path, limits);
    if (!kind.empty()) {
      err.print("netstat verify: {}: not a netstat bundle: {}\n", bundle, safe_text(kind));
    } else {
      err.print("netstat verify: {}\n", safe_text(r.error().message));
    }
    return 1;
  }
  if (scan.ok() && !scan->duplicates.empty()) {
    std::vector<std::string> dups;
    for (const auto& [name, copies] : scan->duplicates) {
      dups.push_back(name + ": " + std::to_string(copies) +
                     " members with this name (the last one is read)");
    }
    // First: a duplicate explains the size or SHA-256 mismatches after it.
    r->problems.insert(r->problems.begin(), dups.begin(), dups.end());
  }
  if (!r->problems.empty()) {
    for (const std::string& p : r->problems) {
      err.print("netstat verify: {}: {}\n", bundle, safe_text(p));
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
                       Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Check a bundle's format version and the SHA-256 of every "
               "member against its manifest.",
               "netstat verify"};
  std::string bundle;
  app.add_option("BUNDLE", bundle, "The bundle file to check")->required();
  bool safe = false;
  // Accepted like every command's; verify's messages always escape member
  // names, so it changes nothing.
  app.add_flag("--safe-strings", safe,
               "escape control bytes in member names (always on)");
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  return run_verify(bundle, limits, out, err);
}

}  // namespace netstat
