// A JSON listing must never look complete when a selected socket table was
// missing: the text listing prints 2.10's "no support for" message (for
// protocols named on the command line, or with -v), --json puts the same
// sentence in "warnings"; a table that exists but cannot be read is always
// named. The implicit default selection stays quiet about absent files
// (most kernels have no SCTP, many no UDP-Lite), as 2.10's text does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "replay/memory_root.h"
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

CmdRun run_args(std::vector<std::string> args, const Root* root = nullptr) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  CmdRun r;
  r.rc = run(args, out, err, root);
  r.out = out.str();
  r.err = err.str();
  return r;
}

Json warnings_of(const CmdRun& r) { return Json::parse(r.out).at("warnings"); }

TEST(JsonMissingTables, ExplicitProtocolWithoutItsFileIsNamed) {
  CmdRun r = run_args({"--root=" + tree("sock-no-tcp"), "-ta", "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(Json::array({"no support for `AF INET (tcp)' on this system."}), warnings_of(r));
  // The rows that could be read are still there.
  EXPECT_FALSE(Json::parse(r.out)["sockets"].empty());
}

TEST(JsonMissingTables, ExplicitIpv6OnlyNamesTheIpv6File) {
  CmdRun r = run_args({"--root=" + tree("sock-no-tcp6"), "-ta6", "--json"});
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(Json::array({"no support for `AF INET6 (tcp)' on this system."}), warnings_of(r));
}

TEST(JsonMissingTables, DefaultSelectionIsQuietAboutAbsentFiles) {
  // sock-no-tcp has no tcp, raw, udplite, unix or sctp files.
  CmdRun quiet = run_args({"--root=" + tree("sock-no-tcp"), "-a", "--json"});
  ASSERT_EQ(0, quiet.rc) << quiet.err;
  EXPECT_EQ(Json::array(), warnings_of(quiet));
  // -v asks for every absent table, as 2.10's -v does in text.
  CmdRun loud = run_args({"--root=" + tree("sock-no-tcp"), "-av", "--json"});
  ASSERT_EQ(0, loud.rc) << loud.err;
  Json w = warnings_of(loud);
  EXPECT_NE(w.end(), std::find(w.begin(), w.end(), "no support for `AF INET (tcp)' on this system."));
  EXPECT_NE(w.end(), std::find(w.begin(), w.end(), "no support for `AF UNIX' on this system."));
}

TEST(JsonMissingTables, UnreadableTableIsAlwaysNamed) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp6",
                "  sl  local_address                         remote_address                        st "
                "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  root.add_error("/proc/net/tcp", Errc::permission_denied, FileType::regular);
  CmdRun r = run_args({"-an", "--json"}, &root);
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(Json::array({"/proc/net/tcp: Permission denied"}), warnings_of(r));
}

}  // namespace
}  // namespace netstat
