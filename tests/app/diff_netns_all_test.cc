// `netstat diff --netns=all`: every network namespace of two bundles
// compared, paired by netns inode, then by /run/netns name; namespaces only
// one side has are reported as appeared or vanished (text, --json,
// --json-lines), and the exit status counts them as differences.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "replay/memory_root.h"
#include "src/app.h"
#include "src/output.h"
#include "tests/app/json_schema_validator.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

const testing_json::SchemaValidator& validator() {
  static const testing_json::SchemaValidator v = [] {
    const char* env = std::getenv("NETSTAT_SOURCE_DIR");
    std::ifstream in(std::string(env != nullptr ? env : NETSTAT_SOURCE_DIR) +
                     "/docs/schema/netstat.schema.json");
    return testing_json::SchemaValidator(testing_json::Json::parse(in));
  }();
  return v;
}

struct Invocation {
  int status;
  std::string out;
  std::string err;
};

Invocation run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out;
  Output err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

const char kTcpHeader[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n";

// A listener on \a port (hex) with inode \a inode.
std::string listener(int sl, const char* port, int inode) {
  return "   " + std::to_string(sl) + ": 00000000:" + port +
         " 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 " +
         std::to_string(inode) + " 1 0000000000000000 100 0 0 10 0\n";
}

std::unique_ptr<MemoryRoot> ns_tree(const std::string& tcp_rows) {
  auto r = std::make_unique<MemoryRoot>();
  r->add_file("proc/net/tcp", std::string(kTcpHeader) + tcp_rows);
  r->add_file("proc/net/snmp", "Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 100\n");
  r->add_file("etc/services", "ssh\t\t22/tcp\nhttp-alt\t8080/tcp\n");
  return r;
}

struct NsSpec {
  uint64_t inode;  // 0 = self
  std::string name;
  std::string tcp_rows;
};

void write_bundle_of(const std::vector<NsSpec>& namespaces, long long ms, const fs::path& path) {
  MultiViewRecording series;
  std::string end;
  for (const NsSpec& ns : namespaces) {
    std::unique_ptr<MemoryRoot> tree = ns_tree(ns.tcp_rows);
    RecordOptions o;
    o.clock = [ms] {
      return std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::milliseconds(ms)));
    };
    o.tool = "netstat";
    o.tool_version = "test";
    o.source = "memory";
    Result<Recording> rec = record(*tree, o);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    ManifestView v;
    v.time = rec->manifest.capture_start;
    if (ns.inode != 0) {
      v.netns = "netns:[" + std::to_string(ns.inode) + "]";
      v.inode = ns.inode;
      if (!ns.name.empty()) v.names.push_back(ns.name);
      v.id = "n" + std::to_string(ns.inode);
    }
    if (series.empty()) v.id = "default";
    end = rec->manifest.capture_end;
    series.add(std::move(*rec), std::move(v));
  }
  Result<void> w = write_bundle_file(series.finish(end), path.string());
  ASSERT_TRUE(w.ok()) << w.error().message;
}

class DiffAllNetns : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string ssh = listener(0, "0016", 1111);
    const std::string web = listener(1, "1F90", 2222);
    // A: self, blue (200), red (300), an anonymous namespace (600).
    write_bundle_of({{0, "", ssh},
                     {200, "blue", web},
                     {300, "red", ssh},
                     {600, "", ssh}},
                    1714564800000LL, a());
    // B, 1.5 s later: self gained the web listener; blue unchanged; red was
    // deleted and added again (new inode 400, same name) and listens on
    // 8080 now; 600 is gone; green (500) is new.
    write_bundle_of({{0, "", ssh + web},
                     {200, "blue", web},
                     {400, "red", web},
                     {500, "green", web}},
                    1714564801500LL, b());
  }
  std::string a() const { return (m_dir.path() / "a.tar.zst").string(); }
  std::string b() const { return (m_dir.path() / "b.tar.zst").string(); }
  testing::TempDir m_dir;
};

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(DiffAllNetns, EveryNamespaceUnderItsHeader) {
  Invocation r = run_args({"diff", a(), b(), "--netns=all", "-tan"});
  ASSERT_EQ(r.status, 1) << r.err;
  const std::string& o = r.out;
  size_t self = o.find("== netns self ==\n");
  size_t blue = o.find("== netns blue (netns:[200]) ==\n");
  size_t red = o.find("== netns red (netns:[300]) ==\n");
  size_t anon = o.find("== netns netns:[600]: vanished (only in A) ==\n");
  size_t green = o.find("== netns green (netns:[500]): appeared (only in B) ==\n");
  ASSERT_NE(self, std::string::npos) << o;
  ASSERT_NE(blue, std::string::npos) << o;
  ASSERT_NE(red, std::string::npos) << o;
  ASSERT_NE(anon, std::string::npos) << o;
  ASSERT_NE(green, std::string::npos) << o;
  // A's order, then what only B has.
  EXPECT_LT(self, blue);
  EXPECT_LT(blue, red);
  EXPECT_LT(red, anon);
  EXPECT_LT(anon, green);
  std::string self_part = o.substr(self, blue - self);
  EXPECT_NE(self_part.find("--- A: "), std::string::npos) << self_part;
  EXPECT_NE(self_part.find("+ tcp"), std::string::npos) << self_part;
  EXPECT_NE(self_part.find("0.0.0.0:8080"), std::string::npos) << self_part;
  std::string blue_part = o.substr(blue, red - blue);
  EXPECT_EQ(blue_part.find("+ tcp"), std::string::npos) << blue_part;
  EXPECT_EQ(blue_part.find("- tcp"), std::string::npos) << blue_part;
  // red, paired by name: :22 removed, :8080 added.
  std::string red_part = o.substr(red, anon - red);
  EXPECT_NE(red_part.find("netns:[400]"), std::string::npos) << red_part;  // B's title
  EXPECT_EQ(count(red_part, "- tcp"), 1u) << red_part;
  EXPECT_EQ(count(red_part, "+ tcp"), 1u) << red_part;
  // The vanished namespace's rows are removed, the new one's added; no
  // title for a side that has no such namespace.
  std::string anon_part = o.substr(anon, green - anon);
  EXPECT_EQ(count(anon_part, "- tcp"), 1u) << anon_part;
  EXPECT_EQ(anon_part.find("+++ B"), std::string::npos) << anon_part;
  std::string green_part = o.substr(green);
  EXPECT_EQ(count(green_part, "+ tcp"), 1u) << green_part;
  EXPECT_EQ(r.err, "");
}

TEST_F(DiffAllNetns, SameBundleIsNoDifference) {
  Invocation r = run_args({"diff", a(), a(), "--netns=all"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(count(r.out, "== netns "), 4u) << r.out;
}

TEST_F(DiffAllNetns, JsonDocumentListsNamespacesWithStatus) {
  Invocation r = run_args({"diff", a(), b(), "--netns=all", "-ta", "--json"});
  ASSERT_EQ(r.status, 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ("", validator().validate(testing_json::Json::parse(r.out), "diff_all_netns"));
  EXPECT_EQ("", validator().validate(testing_json::Json::parse(r.out)));
  EXPECT_EQ(j["format"], "netstat-diff-json");
  EXPECT_EQ(j["netns"], "all");
  ASSERT_EQ(j["namespaces"].size(), 5u);
  std::vector<std::string> status;
  for (const auto& n : j["namespaces"]) status.push_back(n["status"]);
  EXPECT_EQ(status, (std::vector<std::string>{"compared", "compared", "compared", "vanished",
                                              "appeared"}));
  EXPECT_EQ(j["namespaces"][1]["names"][0], "blue");
  EXPECT_EQ(j["namespaces"][1]["diff"]["changes"].size(), 0u);
  EXPECT_EQ(j["namespaces"][0]["diff"]["summary"]["added"], 1);
  EXPECT_EQ(j["namespaces"][4]["netns"], "netns:[500]");
  EXPECT_EQ(j["namespaces"][4]["diff"]["summary"]["added"], 1);
  EXPECT_EQ(j["summary"]["compared"], 3);
  EXPECT_EQ(j["summary"]["appeared"], 1);
  EXPECT_EQ(j["summary"]["vanished"], 1);
}

TEST_F(DiffAllNetns, JsonLinesCarryTheNamespace) {
  Invocation r = run_args({"diff", a(), b(), "--netns=all", "-ta", "--json-lines"});
  ASSERT_EQ(r.status, 1) << r.err;
  std::istringstream in(r.out);
  std::string line;
  size_t appeared = 0, vanished = 0, sockets = 0;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ("", validator().validate(testing_json::Json::parse(line), "change")) << line;
    ASSERT_TRUE(j.contains("netns")) << line;
    if (j["kind"] == "netns") {
      if (j["change"] == "appeared") {
        ++appeared;
        EXPECT_EQ(j["netns"], "netns:[500]");
        EXPECT_EQ(j["names"][0], "green");
      }
      if (j["change"] == "vanished") ++vanished;
    } else {
      ++sockets;
    }
  }
  EXPECT_EQ(appeared, 1u);
  EXPECT_EQ(vanished, 1u);
  EXPECT_EQ(sockets, 5u);  // self +1, red -1 +1, 600 -1, green +1
}

TEST_F(DiffAllNetns, FramesAndRefusals) {
  EXPECT_EQ(run_args({"diff", a() + "@0", b() + "@-1", "--netns=all", "-t"}).status, 1);
  Invocation live = run_args({"diff", "/", b(), "--netns=all"});
  EXPECT_EQ(live.status, 2);
  EXPECT_NE(live.err.find("not of the live system"), std::string::npos) << live.err;
  Invocation frame = run_args({"diff", a() + "@3", b(), "--netns=all"});
  EXPECT_EQ(frame.status, 2);
  EXPECT_NE(frame.err.find("no frame 3"), std::string::npos) << frame.err;
}

}  // namespace
}  // namespace netstat
