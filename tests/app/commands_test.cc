// The subcommand table, `netstat help`, `netstat version` and "did you
// mean", through netstat::run in process. Where the suggestion depends on
// what 2.10 accepts, tests/oracle/cli_compat.sh asks /usr/bin/netstat.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/app.h"
#include "src/cli/commands.h"
#include "src/cli/suggest.h"

namespace netstat {
namespace {

struct Invocation {
  int status;
  std::string out, err;
};

Invocation run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

TEST(EditDistance, CountsInsertDeleteSubstituteAndTransposition) {
  EXPECT_EQ(0u, edit_distance("capture", "capture"));
  EXPECT_EQ(1u, edit_distance("captrue", "capture"));  // transposition
  EXPECT_EQ(1u, edit_distance("captur", "capture"));
  EXPECT_EQ(1u, edit_distance("capxture", "capture"));
  EXPECT_EQ(1u, edit_distance("dift", "diff"));
  EXPECT_EQ(1u, edit_distance("verfiy", "verify"));
  EXPECT_EQ(2u, edit_distance("vexxfy", "verify"));
  EXPECT_EQ(3u, edit_distance("", "abc"));
  EXPECT_EQ(3u, edit_distance("abc", ""));
  EXPECT_EQ(edit_distance("tcp", "diff"), edit_distance("diff", "tcp"));
}

TEST(CloseCommands, TyposPrefixesAndFarWords) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(V{"capture"}, close_commands("captrue"));
  EXPECT_EQ(V{"capture"}, close_commands("cap"));
  EXPECT_EQ(V{"diff"}, close_commands("dif"));
  EXPECT_EQ((V{"verify", "version"}), close_commands("ver"));
  EXPECT_EQ(V{"verify"}, close_commands("verfiy"));
  EXPECT_EQ(V{"help"}, close_commands("hepl"));
  // Far from every command, or a command itself: nothing.
  EXPECT_EQ(V{}, close_commands("tcp"));
  EXPECT_EQ(V{}, close_commands("snap.tar.zst"));
  EXPECT_EQ(V{}, close_commands("ca"));
  EXPECT_EQ(V{}, close_commands("diff"));
  EXPECT_EQ(V{}, close_commands(""));
}

TEST(Commands, TableNamesAreUniqueAndFound) {
  std::vector<std::string_view> seen;
  for (const Command& c : commands()) {
    EXPECT_EQ(&c, find_command(c.name));
    EXPECT_FALSE(c.summary.empty()) << c.name;
    for (std::string_view s : seen) EXPECT_NE(s, c.name);
    seen.push_back(c.name);
  }
  EXPECT_EQ(nullptr, find_command("capt"));
}

TEST(HelpCommand, ListsEveryCommandAndOwnOption) {
  Invocation r = run_args({"help"});
  EXPECT_EQ(0, r.status);
  EXPECT_EQ("", r.err);
  for (const Command& c : commands()) {
    EXPECT_NE(std::string::npos, r.out.find("\n  " + std::string(c.name) + " "))
        << c.name;
  }
  for (const char* opt : {"--root=PATH", "--json", "--json-lines",
                          "--safe-strings", "--raw-strings", "--proc", "--netlink",
                          "--netns=SEL", "--frame=N", "--archive-max-entries"}) {
    EXPECT_NE(std::string::npos, r.out.find(opt)) << opt;
  }
  // One screen.
  EXPECT_LE(std::count(r.out.begin(), r.out.end(), '\n'), 30);
}

TEST(HelpCommand, CommandHelpIsTheCommandsOwn) {
  for (const Command& c : commands()) {
    Invocation via_help = run_args({"help", std::string(c.name)});
    Invocation direct = run_args({std::string(c.name), "--help"});
    EXPECT_EQ(0, via_help.status) << c.name;
    EXPECT_EQ(direct.out, via_help.out) << c.name;
    EXPECT_NE(std::string::npos,
              via_help.out.find("Usage: netstat " + std::string(c.name)))
        << c.name << ": " << via_help.out;
  }
}

TEST(HelpCommand, UnknownTopic) {
  Invocation r = run_args({"help", "captrue"});
  EXPECT_EQ(2, r.status);
  EXPECT_EQ("", r.out);
  EXPECT_EQ(
      "netstat help: 'captrue' is not a netstat command; did you mean "
      "'capture'?\nSee 'netstat help' for the commands.\n",
      r.err);
  r = run_args({"help", "zzz\x1b[2J"});
  EXPECT_EQ(2, r.status);
  EXPECT_EQ(std::string::npos, r.err.find('\x1b')) << "raw escape echoed";
}

TEST(VersionCommand, NamesUsAndTwoTen) {
  Invocation r = run_args({"version"});
  EXPECT_EQ(0, r.status);
  EXPECT_EQ("", r.err);
  EXPECT_EQ(0u, r.out.find("netstat-replay " NETSTAT_TEST_VERSION
                           " (net-tools 2.10 compatible)\n"))
      << r.out;
  EXPECT_NE(std::string::npos, r.out.find("bundle format: netstat-bundle 2\n"));
  r = run_args({"version", "extra"});
  EXPECT_EQ(2, r.status);
  EXPECT_EQ("", r.out);
}

TEST(Suggest, OnlyWhereTwoTenWouldNotRunItsListing) {
  // 2.10 rejects --output (usage, exit 3): suggest instead.
  Invocation r = run_args({"captrue", "--output", "x.tar.zst"});
  EXPECT_EQ(2, r.status);
  EXPECT_EQ("", r.out);
  EXPECT_EQ(
      "netstat: 'captrue' is not a netstat command; did you mean "
      "'capture'?\nSee 'netstat help' for the commands.\n",
      r.err);
  // Our own options: a command line 2.10 never took.
  for (const char* own : {"--root=/x", "--json", "--json-lines",
                          "--safe-strings", "--raw-strings",
                          "--archive-max-entries=5"}) {
    r = run_args({"dif", "a", "b", own});
    EXPECT_EQ(2, r.status) << own;
    EXPECT_NE(std::string::npos, r.err.find("did you mean 'diff'?")) << own;
  }
  r = run_args({"ver", "--json"});
  EXPECT_NE(std::string::npos,
            r.err.find("did you mean 'verify' or 'version'?"));
  // 2.10 accepts these (-V prints its version; the word is ignored): so do we.
  r = run_args({"captrue", "-o", "x.tar.zst", "-V"});
  EXPECT_EQ(0, r.status);
  EXPECT_EQ(0u, r.out.find("net-tools 2.10\n"));
  EXPECT_EQ("", r.err);
  // Far from any command: 2.10's usage error, no suggestion.
  r = run_args({"tcp", "--output"});
  EXPECT_EQ(3, r.status);
  EXPECT_EQ(std::string::npos, r.err.find("did you mean"));
}

}  // namespace
}  // namespace netstat
