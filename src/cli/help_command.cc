// `netstat help [COMMAND]`: one screen naming everything net-tools 2.10's
// -h does not (the subcommands, --root, --json, ...), or one command's own
// --help. `netstat -h` stays 2.10's text byte for byte.

#include "src/cli/cli11.h"

#include "src/cli/commands.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/cli/suggest.h"
#include "src/safe_text.h"
#include "src/version.h"

namespace netstat {
namespace {

void print_overview(Output& out) {
  out.print("{} {}: net-tools 2.10's netstat, live or replayed from a "
            "snapshot.\n\n",
            kProgramName, kVersion);
  out.write(
      "Usage: netstat [2.10 OPTIONS]                  every 2.10 mode, as "
      "2.10 prints it (netstat -h)\n"
      "       netstat [2.10 OPTIONS] --root=SNAPSHOT  the same, as it was "
      "on the captured machine\n"
      "       netstat COMMAND [ARGS]\n"
      "\nCommands:\n");
  for (const Command& c : commands()) {
    out.print("  {:<9} {}\n", c.name, c.summary);
  }
  out.write(
      "\nOptions beside 2.10's (any mode):\n"
      "  --root=PATH       read a bundle (netstat capture) or a directory "
      "tree (unpacked\n"
      "                    bundle, sosreport, /host) instead of the live "
      "system\n"
      "  --netns=SEL       a bundle's network namespace: name, inode, pid:PID, "
      "self, all\n"
      "  --frame=N         a frame of a bundle's time series (0 = first, -1 = "
      "last)\n"
      "  --json, --json-lines  the listing as one JSON document, or one object "
      "per line\n"
      "  --safe-strings    escape control bytes and invalid UTF-8 in names "
      "from the data\n"
      "  --raw-strings     never escape them (a snapshot on a terminal is "
      "escaped by default)\n"
      "  --proc, --netlink live socket tables from /proc files or sock_diag "
      "(default: exact mix)\n"
      "  --archive-max-entry-size=SIZE, --archive-max-total-size=SIZE,\n"
      "  --archive-max-entries=N   limits for reading archives (K, M, G "
      "suffixes)\n"
      "\n'netstat help COMMAND' or 'netstat COMMAND --help': a command's "
      "options.\n"
      "Manuals: netstat-replay(1), netstat-COMMAND(1) (man netstat-capture).\n");
}

}  // namespace

int run_help_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits) {
  CLI::App app{"The commands and options net-tools 2.10 does not have, or "
               "one command's help.",
               "netstat help"};
  std::string topic;
  app.add_option("COMMAND", topic, "a command: its options");
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  if (topic.empty()) {
    print_overview(out);
    return 0;
  }
  if (const Command* c = find_command(topic)) {
    return c->run({std::string(c->name), "--help"}, out, err, limits);
  }
  std::vector<std::string_view> close = close_commands(topic);
  if (!close.empty()) {
    print_suggestion("netstat help", topic, close, err);
  } else {
    err.print("netstat help: '{}' is not a netstat command\n"
              "See 'netstat help' for the commands.\n",
              safe_text(topic));
  }
  return 2;
}

}  // namespace netstat
