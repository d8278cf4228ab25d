// Legacy socket families (IPX, AX.25, X.25, NET/ROM, ROSE) are outside the
// JSON schema and the diff's identities; they must never vanish silently:
// --json warns per table with rows (or per family named with -A), diff adds
// notes (stderr and JSON "notes"), `diff -A ax25` refuses with status 2.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

using Json = nlohmann::json;

std::string tree(const char* name) {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return std::string(env != nullptr ? env : NETSTAT_SOURCE_DIR) + "/testdata/hosts/" + name;
}

struct CmdRun {
  int rc = 0;
  std::string out, err;
};

CmdRun run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  CmdRun r;
  r.rc = run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const char* kAx25 = "AF AX25: 5 sockets not included (legacy family: only the text listing shows it)";

TEST(JsonLegacy, DefaultListingWarnsPerTableWithRows) {
  CmdRun r = run_args({"--root=" + tree("sock-legacy"), "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  Json w = Json::parse(r.out)["warnings"];
  EXPECT_EQ(Json::array({"AF IPX: 3 sockets not included (legacy family: only the text listing shows it)",
                         kAx25,
                         "AF X25: 2 sockets not included (legacy family: only the text listing shows it)",
                         "AF NETROM: 4 sockets not included (legacy family: only the text listing shows it)"}),
            w);
}

TEST(JsonLegacy, ExplicitFamilyIsNamedEvenWithoutATable) {
  CmdRun r = run_args({"--root=" + tree("sock-legacy"), "-A", "rose", "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(Json::array({"AF ROSE: 0 sockets not included (legacy family: only the text listing shows it)"}),
            Json::parse(r.out)["warnings"]);
}

TEST(JsonLegacy, InetSelectionHasNoLegacyWarning) {
  CmdRun r = run_args({"--root=" + tree("sock-legacy"), "-tan", "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(Json::array(), Json::parse(r.out)["warnings"]);
}

TEST(JsonLegacy, JsonLinesWarnOnStderr) {
  CmdRun r = run_args({"--root=" + tree("sock-legacy"), "--ax25", "--json-lines"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ("", r.out);
  EXPECT_EQ(std::string("netstat: ") + kAx25 + "\n", r.err);
}

TEST(DiffLegacy, DefaultDiffNotesUncomparedTables) {
  std::string t = tree("sock-legacy");
  CmdRun r = run_args({"diff", t, t, "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  Json notes = Json::parse(r.out)["notes"];
  ASSERT_EQ(8u, notes.size());
  EXPECT_EQ("A: AF AX25: 5 sockets not compared (legacy family: only the text listing shows it)",
            notes[1]);
  EXPECT_NE(std::string::npos,
            r.err.find("netstat diff: note: B: AF NETROM: 4 sockets not compared"));
}

TEST(DiffLegacy, NamedLegacyFamilyIsRefused) {
  std::string t = tree("sock-legacy");
  CmdRun r = run_args({"diff", t, t, "-A", "ax25"});
  EXPECT_EQ(2, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ("netstat diff: address family `ax25' is not compared: diff covers inet, inet6 "
            "and unix sockets (compare the text listings, `netstat --root=A -A ax25`, "
            "instead)\n",
            r.err);
}

}  // namespace
}  // namespace netstat
