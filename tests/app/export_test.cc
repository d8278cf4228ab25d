// `netstat export` (src/export/, docs/fleet.md), run in process:
//  * every row validates against docs/schema/netstat.schema.json
//    (export_record) and, without its identity members, is the row that
//    `--root=B <mode flags> --json-lines` prints for that bundle, in order;
//  * the bundles table counts every table's rows and lists failures;
//  * bad inputs (missing, FIFO, garbage, truncated) are skipped with a
//    message, listed, and make the exit status 1 while the rest is exported;
//  * re-runs export only new bundle ids; copies are exported once;
//  * what an interrupted run left (hidden .tmp parts, data parts without
//    their bundles part) is removed; a second export into a locked folder
//    is refused;
//  * -o - gives the same rows as the folder;
//  * every view of a bundle of several (namespaces x frames) is exported,
//    and the views table names each view's namespace and container.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "capture/sha256.h"
#include "replay/root.h"
#include "src/app.h"
#include "src/output.h"
#include "tests/app/json_schema_validator.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing_json::Json;
using testing_json::SchemaValidator;

std::string source_dir() {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return env != nullptr ? env : NETSTAT_SOURCE_DIR;
}

const SchemaValidator& validator() {
  static const SchemaValidator v = [] {
    std::ifstream in(source_dir() + "/docs/schema/netstat.schema.json");
    return SchemaValidator(Json::parse(in));
  }();
  return v;
}

struct Ran {
  int status;
  std::string out, err;
};

Ran netstat(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

std::vector<Json> parse_lines(const std::string& text) {
  std::vector<Json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) rows.push_back(Json::parse(line));
  return rows;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every committed row of one table folder (or of one partition, such as
// "sockets/listening=true"), parts in path order.
std::vector<Json> table_rows(const fs::path& dir, const std::string& table) {
  std::vector<fs::path> parts;
  for (const auto& e : fs::recursive_directory_iterator(dir / table)) {
    std::string n = e.path().filename().string();
    if (n.rfind("part-", 0) == 0) parts.push_back(e.path());
  }
  std::sort(parts.begin(), parts.end());
  std::vector<Json> rows;
  for (const fs::path& p : parts) {
    for (Json& r : parse_lines(read_all(p))) rows.push_back(std::move(r));
  }
  return rows;
}

class ExportTest : public testing::Test {
 protected:
  void SetUp() override {
    m_tmp = fs::temp_directory_path() /
            ("netstat-export-test-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_tmp);
    fs::create_directories(m_tmp / "in");
  }
  void TearDown() override { fs::remove_all(m_tmp); }

  // A bundle captured from a fixture tree.
  std::string bundle(const std::string& tree, const std::string& name) {
    std::string path = (m_tmp / "in" / (name + ".tar.zst")).string();
    Ran r = netstat({"capture", "--root=" + source_dir() + "/" + tree, "-o", path});
    EXPECT_EQ(0, r.status) << r.err;
    return path;
  }

  fs::path m_tmp;
};

const std::vector<std::string> kTrees = {
    "testdata/diff/changes/a", "testdata/diff/changes/b", "testdata/hosts/sock-zoo",
    "testdata/hosts/route-families", "testdata/hosts/stats-full",
    "testdata/hosts/sock-igmp-layouts", "testdata/hosts/masq-v10",
    "testdata/hosts/route-basic"};

// The --json-lines flags whose rows each table holds (docs/fleet.md).
const std::map<std::string, std::vector<std::vector<std::string>>> kTableFlags = {
    {"sockets", {{"-a", "-p", "-o"}}},
    {"groups", {{"-g"}}},
    {"routes", {{"-r", "-A", "inet,inet6"}, {"-r", "-C", "-A", "inet6"}}},
    {"interfaces", {{"-i", "-a"}}},
    {"counters", {{"-s"}, {"-s", "-6"}}},
    {"masquerade", {{"-M"}}},
};

TEST_F(ExportTest, RowsAreTheModesJsonLinesWithIdentity) {
  std::vector<std::string> inputs;
  for (size_t i = 0; i < kTrees.size(); ++i) {
    inputs.push_back(bundle(kTrees[i], "b" + std::to_string(i)));
  }
  inputs.push_back(source_dir() + "/testdata/diff/changes/a");  // a tree
  fs::path out = m_tmp / "out";
  std::vector<std::string> args{"export", "-j", "2", "-o", out.string()};
  args.insert(args.end(), inputs.begin(), inputs.end());
  Ran r = netstat(args);
  ASSERT_EQ(0, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("9 inputs: 9 exported")) << r.err;

  std::vector<Json> bundles = table_rows(out, "bundles");
  ASSERT_EQ(inputs.size(), bundles.size());
  for (const Json& b : bundles) {
    EXPECT_EQ("", validator().validate(b, "bundle_record")) << b.dump();
    EXPECT_EQ("", validator().validate(b)) << b.dump();
    EXPECT_EQ("ok", b["status"]);
  }
  for (const auto& [table, flag_sets] : kTableFlags) {
    std::vector<Json> rows = table_rows(out, table);
    EXPECT_GT(rows.size(), 3u) << table;  // every table has rows to compare
    for (const Json& row : rows) {
      ASSERT_EQ("", validator().validate(row, "export_record")) << table << ": " << row.dump();
      ASSERT_EQ("", validator().validate(row, "export_row")) << table << ": " << row.dump();
    }
    for (const Json& b : bundles) {
      std::string id = b["bundle"].get<std::string>();
      std::string source = b["source"].get<std::string>();
      // The rows of this bundle, in the order written, without identity.
      std::vector<Json> got;
      for (const Json& row : rows) {
        if (row["bundle"] != id) continue;
        EXPECT_EQ("self", row["netns"]);
        EXPECT_EQ(0, row["frame"]);
        EXPECT_EQ(b["host"], row["host"]);
        EXPECT_EQ(b["captured_at"], row["captured_at"]);
        Json plain = row;
        plain.erase("bundle");
        plain.erase("netns");
        plain.erase("frame");
        plain.erase("captured_at");
        got.push_back(plain);
      }
      EXPECT_EQ(b[table].get<size_t>(), got.size()) << table << " " << source;
      std::vector<Json> want;
      for (const std::vector<std::string>& flags : flag_sets) {
        std::vector<std::string> a{"--root=" + source, "--json-lines"};
        a.insert(a.end(), flags.begin(), flags.end());
        for (Json& row : parse_lines(netstat(a).out)) {
          // -s -6 adds the snmp6 counters; its Tcp rows are -s's own.
          if (flags.size() == 2 && flags[1] == "-6" && row["file"] != "snmp6") continue;
          row.erase("captured_at");
          want.push_back(row);
        }
      }
      if (table == "sockets") {
        // Partitioned by "listening": listening=false/ sorts first.
        auto listening = [](const Json& row) { return row["listening"].get<bool>(); };
        std::stable_partition(want.begin(), want.end(),
                              [&](const Json& row) { return !listening(row); });
      }
      EXPECT_EQ(want, got) << table << " of " << source;
    }
  }
  // Each socket partition holds the rows of its "listening" value, and both
  // have rows.
  for (bool listening : {false, true}) {
    std::vector<Json> rows =
        table_rows(out, std::string("sockets/listening=") + (listening ? "true" : "false"));
    EXPECT_GT(rows.size(), 3u) << listening;
    for (const Json& row : rows) ASSERT_EQ(listening, row["listening"]) << row.dump();
  }
  // One views row per single-view input: the capturer's namespace, frame 0,
  // no names or container, its rows counted.
  std::vector<Json> views = table_rows(out, "views");
  ASSERT_EQ(bundles.size(), views.size());
  for (const Json& b : bundles) {
    size_t n = 0;
    for (const Json& v : views) {
      if (v["bundle"] != b["bundle"]) continue;
      ++n;
      EXPECT_EQ("", validator().validate(v, "view_record")) << v.dump();
      EXPECT_EQ("self", v["netns"]);
      EXPECT_EQ(0, v["frame"]);
      EXPECT_EQ(b["captured_at"], v["captured_at"]);
      EXPECT_EQ(b["host"], v["host"]);
      EXPECT_TRUE(v["container"].is_null());
      for (const char* t : {"sockets", "groups", "routes", "interfaces", "counters"}) {
        EXPECT_EQ(b[t], v[t]) << t << ": " << v.dump();
      }
    }
    EXPECT_EQ(1u, n) << b.dump();
  }
  // Ids: a bundle file's SHA-256; a tree's manifest.json's.
  for (const Json& b : bundles) {
    std::string source = b["source"].get<std::string>();
    std::string bytes = fs::is_directory(source) ? read_all(fs::path(source) / "manifest.json")
                                                 : read_all(source);
    EXPECT_EQ(sha256_hex(bytes), b["bundle"]) << source;
    EXPECT_EQ(24u, b["captured_at"].get<std::string>().size()) << b.dump();  // ms
  }
}

// The sockets table carries the -o members (docs/json.md): every tcp, udp,
// udplite and raw row has timer, timer_expires, retransmits and timeout as
// /proc/net/tcp's tr, tm->when (USER_HZ ticks), retrnsmt and timeout
// columns give them; sctp and unix rows have none. The bundles row says
// which schema revision wrote them.
TEST_F(ExportTest, SocketRowsCarryTheTimerMembers) {
  std::string b = bundle("testdata/hosts/sock-zoo", "zoo");
  fs::path out = m_tmp / "out";
  Ran r = netstat({"export", "-o", out.string(), b});
  ASSERT_EQ(0, r.status) << r.err;
  std::vector<Json> bundles = table_rows(out, "bundles");
  ASSERT_EQ(1u, bundles.size());
  // The revision the rows follow is the schema file's (its title says it).
  EXPECT_EQ(3, bundles[0]["schema_revision"]) << bundles[0].dump();
  std::ifstream in(source_dir() + "/docs/schema/netstat.schema.json");
  std::string title = Json::parse(in)["title"];
  EXPECT_NE(std::string::npos, title.find("schema revision 3")) << title;
  std::vector<Json> rows = table_rows(out, "sockets");
  size_t inet = 0;
  for (const Json& row : rows) {
    std::string proto = row["protocol"];
    bool timers = proto == "tcp" || proto == "udp" || proto == "udplite" || proto == "raw";
    for (const char* m : {"timer", "timer_expires", "retransmits", "timeout"}) {
      EXPECT_EQ(timers, row.contains(m)) << m << ": " << row.dump();
    }
    if (timers) ++inet;
  }
  EXPECT_GT(inet, 20u);
  // Rows of testdata/hosts/sock-zoo/proc/net/tcp: tr:tm->when retrnsmt ...
  // timeout.
  auto tcp = [&](uint16_t lport, uint16_t rport) -> Json {
    for (const Json& row : rows) {
      if (row["protocol"] == "tcp" && row["family"] == "inet" && row["local_port"] == lport &&
          row["remote_port"] == rport) {
        return row;
      }
    }
    ADD_FAILURE() << "no tcp row " << lport << " -> " << rport;
    return Json::object();
  };
  Json on = tcp(22, 54321);  // 01:00000064 00000003, timeout 0
  EXPECT_EQ("on", on["timer"]);
  EXPECT_DOUBLE_EQ(1.0, on["timer_expires"].get<double>());
  EXPECT_EQ(3, on["retransmits"]);
  EXPECT_EQ(0, on["timeout"]);
  Json keepalive = tcp(443, 40000);  // 02:000ADE99
  EXPECT_EQ("keepalive", keepalive["timer"]);
  EXPECT_DOUBLE_EQ(7123.45, keepalive["timer_expires"].get<double>());
  Json timewait = tcp(80, 40001);  // 03:0000176F, TIME_WAIT
  EXPECT_EQ("timewait", timewait["timer"]);
  EXPECT_EQ("TIME_WAIT", timewait["state"]);
  EXPECT_DOUBLE_EQ(59.99, timewait["timer_expires"].get<double>());
  Json probe = tcp(8080, 65535);  // 04:000000FA 00000007, timeout 9
  EXPECT_EQ("probe", probe["timer"]);
  EXPECT_DOUBLE_EQ(2.5, probe["timer_expires"].get<double>());
  EXPECT_EQ(7, probe["retransmits"]);
  EXPECT_EQ(9, probe["timeout"]);
  Json off = tcp(22, 0);  // the listener: 00:00000000
  EXPECT_EQ("off", off["timer"]);
  EXPECT_DOUBLE_EQ(0.0, off["timer_expires"].get<double>());
}

// A bundle of four views (the host's namespace and netns:[77] "blue", at
// frames 0 and 1, 1.5 s apart): each view's rows are those of
// --root=B --netns=SEL --frame=N, with that view's netns, frame and time.
TEST_F(ExportTest, EveryViewOfABundleIsExported) {
  struct V {
    const char* tree;
    uint64_t inode;
    uint32_t frame;
  };
  const std::vector<V> specs = {{"testdata/diff/changes/a", 0, 0},
                                {"testdata/diff/changes/b", 77, 0},
                                {"testdata/diff/changes/b", 0, 1},
                                {"testdata/diff/changes/a", 77, 1}};
  MultiViewRecording series;
  std::string end;
  for (const V& spec : specs) {
    Result<std::unique_ptr<Root>> root = open_root(source_dir() + "/" + spec.tree);
    ASSERT_TRUE(root.ok());
    RecordOptions o;
    long long ms = 1714564800000LL + spec.frame * 1500LL;
    o.clock = [ms] {
      return std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::milliseconds(ms)));
    };
    o.tool = "netstat";
    Result<Recording> rec = record(**root, o);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    ManifestView v;
    v.frame = spec.frame;
    v.time = rec->manifest.capture_start;
    if (spec.inode != 0) {
      v.netns = "netns:[77]";
      v.inode = 77;
      v.names = {"blue"};
      v.container = ViewContainer{"docker", "0123456789abcdef", ""};
    }
    v.id = series.empty() ? "default"
                          : "v" + std::to_string(spec.inode) + "-" + std::to_string(spec.frame);
    end = rec->manifest.capture_end;
    series.add(std::move(*rec), std::move(v));
  }
  std::string b = (m_tmp / "in/views.tar.zst").string();
  ASSERT_TRUE(write_bundle_file(series.finish(end), b).ok());

  fs::path out = m_tmp / "out";
  Ran r = netstat({"export", "-o", out.string(), b});
  ASSERT_EQ(0, r.status) << r.err;
  std::vector<Json> bundles = table_rows(out, "bundles");
  ASSERT_EQ(1u, bundles.size());
  EXPECT_EQ("", validator().validate(bundles[0], "bundle_record")) << bundles[0].dump();
  ASSERT_EQ(4u, bundles[0]["views"].size()) << bundles[0].dump();
  std::vector<Json> sockets = table_rows(out, "sockets");
  std::vector<Json> routes = table_rows(out, "routes");
  // The views table: one row per view, keyed as the data rows are.
  std::vector<Json> views = table_rows(out, "views");
  ASSERT_EQ(4u, views.size());
  size_t seen = 0;
  for (const V& spec : specs) {
    std::string netns = spec.inode == 0 ? "self" : "netns:[77]";
    std::string at = spec.frame == 0 ? "2024-05-01T12:00:00.000Z" : "2024-05-01T12:00:01.500Z";
    const Json* view = nullptr;
    for (const Json& v : views) {
      if (v["netns"] == netns && v["frame"] == spec.frame) view = &v;
    }
    ASSERT_NE(nullptr, view) << netns << " frame " << spec.frame;
    EXPECT_EQ("", validator().validate(*view, "view_record")) << view->dump();
    EXPECT_EQ("", validator().validate(*view, "export_record")) << view->dump();
    EXPECT_EQ("", validator().validate(*view)) << view->dump();
    EXPECT_EQ("view", (*view)["kind"]);
    EXPECT_EQ(bundles[0]["bundle"], (*view)["bundle"]);
    EXPECT_EQ(at, (*view)["captured_at"]);
    EXPECT_EQ(spec.inode, (*view)["inode"]);
    if (spec.inode == 0) {
      EXPECT_EQ(Json::array(), (*view)["names"]);
      EXPECT_TRUE((*view)["container"].is_null()) << view->dump();
    } else {
      EXPECT_EQ(Json::array({"blue"}), (*view)["names"]);
      EXPECT_EQ((Json{{"runtime", "docker"}, {"id", "0123456789abcdef"}, {"pod_uid", ""}}),
                (*view)["container"]);
    }
    size_t view_sockets = 0, view_routes = 0;
    for (const Json& row : sockets) {
      view_sockets += row["netns"] == netns && row["frame"] == spec.frame;
    }
    for (const Json& row : routes) {
      view_routes += row["netns"] == netns && row["frame"] == spec.frame;
    }
    EXPECT_EQ(view_sockets, (*view)["sockets"]) << view->dump();
    EXPECT_EQ(view_routes, (*view)["routes"]) << view->dump();
    for (const auto& [table, flags] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"sockets", {"-a", "-p", "-o"}}, {"routes", {"-r", "-A", "inet,inet6"}}}) {
      std::vector<std::string> a{"--root=" + b, "--json-lines",
                                 "--netns=" + std::string(spec.inode == 0 ? "self" : "77"),
                                 "--frame=" + std::to_string(spec.frame)};
      a.insert(a.end(), flags.begin(), flags.end());
      std::vector<Json> want;
      for (Json& row : parse_lines(netstat(a).out)) {
        row.erase("captured_at");
        row.erase("view");
        want.push_back(row);
      }
      std::vector<Json> got;
      for (const Json& row : table == "sockets" ? sockets : routes) {
        if (row["netns"] != netns || row["frame"] != spec.frame) continue;
        EXPECT_EQ(at, row["captured_at"]) << row.dump();
        ASSERT_EQ("", validator().validate(row, "export_row")) << row.dump();
        Json plain = row;
        for (const char* k : {"bundle", "netns", "frame", "captured_at"}) plain.erase(k);
        got.push_back(plain);
      }
      if (table == "sockets") {
        std::stable_partition(want.begin(), want.end(),
                              [](const Json& row) { return !row["listening"].get<bool>(); });
      }
      EXPECT_GT(want.size(), 0u) << table;
      EXPECT_EQ(want, got) << table << " of " << netns << " frame " << spec.frame;
      seen += got.size();
    }
  }
  EXPECT_EQ(sockets.size() + routes.size(), seen);  // no row outside the four views
}

TEST_F(ExportTest, BadInputsAreSkippedListedAndMakeStatusOne) {
  std::string good = bundle("testdata/diff/changes/a", "good");
  std::string garbage = (m_tmp / "in/garbage.tar.zst").string();
  std::ofstream(garbage) << "this is not an archive\n";
  std::string whole = read_all(good);
  std::string truncated = (m_tmp / "in/truncated.tar.zst").string();
  std::ofstream(truncated, std::ios::binary) << whole.substr(0, whole.size() / 2);
  std::string fifo = (m_tmp / "in/fifo").string();
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  std::string missing = (m_tmp / "in/missing.tar.zst").string();
  std::string folder = (m_tmp / "in").string();  // a folder of bundles

  fs::path out = m_tmp / "out";
  Ran r = netstat({"export", "-o", out.string(), garbage, good, truncated, fifo, missing,
                   folder});
  EXPECT_EQ(1, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("not a captured tree")) << r.err;
  for (const std::string& bad : {garbage, truncated, fifo, missing, folder}) {
    EXPECT_NE(std::string::npos, r.err.find("netstat export: " + bad + ": ")) << r.err;
  }
  std::vector<Json> bundles = table_rows(out, "bundles");
  ASSERT_EQ(6u, bundles.size());
  std::map<std::string, Json> by_source;
  for (const Json& b : bundles) {
    EXPECT_EQ("", validator().validate(b, "bundle_record")) << b.dump();
    by_source[b["source"].get<std::string>()] = b;
  }
  EXPECT_EQ("ok", by_source[good]["status"]);
  for (const std::string& bad : {garbage, truncated, fifo, missing, folder}) {
    EXPECT_EQ("error", by_source[bad]["status"]) << bad;
    EXPECT_TRUE(by_source[bad]["error"].is_string()) << bad;
  }
  EXPECT_TRUE(by_source[missing]["bundle"].is_null());
  EXPECT_EQ(sha256_hex(read_all(garbage)), by_source[garbage]["bundle"]);
  // Only the good bundle has rows.
  for (const Json& row : table_rows(out, "sockets")) {
    EXPECT_EQ(by_source[good]["bundle"], row["bundle"]);
  }
  EXPECT_EQ(by_source[good]["sockets"].get<size_t>(), table_rows(out, "sockets").size());
}

TEST_F(ExportTest, ReRunsExportOnlyNewBundlesAndCopiesOnce) {
  std::string a = bundle("testdata/diff/changes/a", "a");
  std::string b = bundle("testdata/diff/changes/b", "b");
  fs::path out = m_tmp / "out";
  ASSERT_EQ(0, netstat({"export", "-o", out.string(), a}).status);
  size_t sockets_a = table_rows(out, "sockets").size();
  ASSERT_GT(sockets_a, 0u);

  std::string copy = (m_tmp / "in/copy-of-a.tar.zst").string();
  fs::copy_file(a, copy);
  Ran r = netstat({"export", "-o", out.string(), a, b, copy});
  EXPECT_EQ(0, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("3 inputs: 1 exported")) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("2 exported before")) << r.err;
  std::vector<Json> bundles = table_rows(out, "bundles");
  ASSERT_EQ(2u, bundles.size());
  EXPECT_NE(bundles[0]["bundle"], bundles[1]["bundle"]);
  size_t sockets_b = bundles[0]["source"] == b ? bundles[0]["sockets"].get<size_t>()
                                               : bundles[1]["sockets"].get<size_t>();
  EXPECT_EQ(sockets_a + sockets_b, table_rows(out, "sockets").size());

  // The same bundle twice in one run: exported once, the copy named.
  fs::path out2 = m_tmp / "out2";
  r = netstat({"export", "-o", out2.string(), a, copy});
  EXPECT_EQ(0, r.status);
  EXPECT_NE(std::string::npos, r.err.find("the same bundle as")) << r.err;
  EXPECT_EQ(1u, table_rows(out2, "bundles").size());
  EXPECT_EQ(sockets_a, table_rows(out2, "sockets").size());
}

TEST_F(ExportTest, LeftoversOfAnInterruptedRunAreRemoved) {
  std::string a = bundle("testdata/diff/changes/a", "a");
  fs::path out = m_tmp / "out";
  ASSERT_EQ(0, netstat({"export", "-o", out.string(), a}).status);
  std::vector<fs::path> kept;
  for (const auto& e : fs::recursive_directory_iterator(out)) kept.push_back(e.path());
  // A killed run: a part still being written, and data parts renamed
  // before their bundles part was.
  std::ofstream(out / "sockets/listening=true/.part-x-0-0000.jsonl.tmp")
      << "{\"kind\":\"socket\"}\n";
  std::ofstream(out / "bundles/.part-x-0-0000.jsonl.tmp") << "{\"kind\":\"bundle\"}\n";
  std::ofstream(out / "routes/part-y-0-0000.jsonl") << "{\"kind\":\"route\"}\n";
  Ran r = netstat({"export", "-o", out.string(), a});
  EXPECT_EQ(0, r.status) << r.err;
  EXPECT_FALSE(fs::exists(out / "sockets/listening=true/.part-x-0-0000.jsonl.tmp"));
  EXPECT_FALSE(fs::exists(out / "bundles/.part-x-0-0000.jsonl.tmp"));
  EXPECT_FALSE(fs::exists(out / "routes/part-y-0-0000.jsonl"));
  for (const fs::path& p : kept) EXPECT_TRUE(fs::exists(p)) << p;
}

TEST_F(ExportTest, AFolderOfTheUnpartitionedLayoutIsRefused) {
  std::string a = bundle("testdata/diff/changes/a", "a");
  fs::path out = m_tmp / "out";
  fs::create_directories(out / "sockets");
  std::ofstream(out / "sockets/part-x-0-0000.jsonl") << "{\"kind\":\"socket\"}\n";
  Ran r = netstat({"export", "-o", out.string(), a});
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find("written by an earlier netstat export")) << r.err;
  EXPECT_FALSE(fs::exists(out / "bundles"));
}

TEST_F(ExportTest, ALockedFolderIsRefused) {
  std::string a = bundle("testdata/diff/changes/a", "a");
  fs::path out = m_tmp / "out";
  ASSERT_EQ(0, netstat({"export", "-o", out.string(), a}).status);
  int fd = ::open((out / ".netstat-export.lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(0, ::flock(fd, LOCK_EX));
  Ran r = netstat({"export", "-o", out.string(), a});
  ::close(fd);
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find("another netstat export is writing here")) << r.err;
}

TEST_F(ExportTest, StdoutHoldsTheFolderRows) {
  std::vector<std::string> inputs;
  for (size_t i = 0; i < kTrees.size(); ++i) {
    inputs.push_back(bundle(kTrees[i], "b" + std::to_string(i)));
  }
  fs::path out = m_tmp / "out";
  std::vector<std::string> args{"export", "-q", "-o", out.string()};
  args.insert(args.end(), inputs.begin(), inputs.end());
  ASSERT_EQ(0, netstat(args).status);
  args[3] = "-";
  Ran r = netstat(args);
  ASSERT_EQ(0, r.status) << r.err;
  EXPECT_EQ("", r.err);
  auto strip = [](std::vector<Json> rows) {
    std::vector<std::string> texts;
    for (Json& row : rows) {
      row.erase("exported_at");
      texts.push_back(row.dump());
    }
    std::sort(texts.begin(), texts.end());
    return texts;
  };
  std::vector<Json> folder;
  for (const char* t :
       {"sockets", "groups", "routes", "interfaces", "counters", "masquerade", "views",
        "bundles"}) {
    for (Json& row : table_rows(out, t)) folder.push_back(std::move(row));
  }
  std::vector<Json> stream = parse_lines(r.out);
  for (const Json& row : stream) {
    ASSERT_EQ("", validator().validate(row, "export_record")) << row.dump();
  }
  EXPECT_EQ(strip(folder), strip(stream));
}

TEST_F(ExportTest, PartsArePrivateAndAFailedStdoutStopsTheRun) {
  std::string a = bundle("testdata/diff/changes/a", "a");
  fs::path out = m_tmp / "out";
  ASSERT_EQ(0, netstat({"export", "-o", out.string(), a}).status);
  for (const char* t : {"sockets/listening=true", "sockets/listening=false", "bundles"}) {
    for (const auto& e : fs::directory_iterator(out / t)) {
      struct stat st;
      ASSERT_EQ(0, ::stat(e.path().c_str(), &st));
      EXPECT_EQ(0600u, st.st_mode & 0777) << e.path();
    }
  }
  // -o - to a full device: one message, exit status 2.
  int fd = ::open("/dev/full", O_WRONLY);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  Output full(fd), err;
  int status = run({"netstat", "export", "-q", "-o", "-", a}, full, err);
  ::close(fd);
  EXPECT_EQ(2, status);
  EXPECT_NE(std::string::npos, err.str().find("standard output: No space left on device"))
      << err.str();
  EXPECT_EQ(std::string::npos, err.str().find("write error")) << err.str();  // once
}

TEST_F(ExportTest, UsageErrors) {
  EXPECT_EQ(2, netstat({"export", "x.tar.zst"}).status);  // no -o
  Ran r = netstat({"export", "-o", (m_tmp / "out").string()});
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find("no inputs")) << r.err;
  r = netstat({"export", "-o", "-", "--from", (m_tmp / "nope").string()});
  EXPECT_EQ(2, r.status);
  // --from: one path per line.
  std::string a = bundle("testdata/diff/changes/a", "a");
  std::ofstream(m_tmp / "list") << a << "\n\n";
  std::string b = bundle("testdata/diff/changes/b", "b");
  std::string c = bundle("testdata/hosts/sock-zoo", "c");
  std::ofstream(m_tmp / "list2") << c << "\n";
  // --from takes one FILE each time: the name after it is an input.
  r = netstat({"export", "-o", (m_tmp / "out").string(), "--from", (m_tmp / "list").string(),
               b, "--from", (m_tmp / "list2").string()});
  EXPECT_EQ(0, r.status) << r.err;
  EXPECT_EQ(3u, table_rows(m_tmp / "out", "bundles").size());
}

}  // namespace
}  // namespace netstat
