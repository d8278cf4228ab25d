// JSON timer members (-o) and the integer two-decimal formatter behind
// timer_expires: without -o a socket row has no timer members (as the text
// listing has no Timer column); with -o every inet row has them and they
// carry the same timer name, seconds, retransmits and timeout as 2.10's
// "name (secs/retr/timeout)" text column, on every fixture tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "src/app.h"
#include "src/json/writer.h"
#include "src/output.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string fixed2(uint64_t units, uint64_t per) {
  fmt::memory_buffer b;
  json::JsonWriter w(b);
  w.fixed2(units, per);
  return fmt::to_string(b);
}

TEST(JsonFixed2, MatchesPrintfOnClockTicks) {
  EXPECT_EQ("0.00", fixed2(0, 100));
  EXPECT_EQ("0.01", fixed2(1, 100));
  EXPECT_EQ("123.45", fixed2(12345, 100));
  EXPECT_EQ("42949672.95", fixed2(UINT32_MAX, 100));
  // Every value a 100 Hz clock can give prints as "%.2f" of the quotient.
  for (uint64_t v = 0; v < 20000; v += 7) {
    EXPECT_EQ(fmt::format("{:.2f}", static_cast<double>(v) / 100.0), fixed2(v, 100)) << v;
  }
}

TEST(JsonFixed2, OtherRatesRoundHalfUpAndStayExact) {
  EXPECT_EQ("0.13", fixed2(1, 8));      // 0.125: half up
  EXPECT_EQ("1.00", fixed2(999, 1000));  // 0.999 rounds into the whole part
  EXPECT_EQ("0.25", fixed2(1, 4));
  EXPECT_EQ("7.00", fixed2(7, 0));       // a zero rate is taken as 1
  // Exact where a double would lose digits.
  EXPECT_EQ("184467440737095516.15", fixed2(UINT64_MAX, 100));
}

std::string source_dir() {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return env != nullptr ? env : NETSTAT_SOURCE_DIR;
}

std::vector<std::string> trees() {
  std::vector<std::string> out;
  std::error_code ec;
  const char* shared = std::getenv("NETSTAT_SHARED_DIR");
  std::string shared_dir = shared != nullptr ? shared : source_dir() + "/../shared";
  for (const fs::path& base : {fs::path(source_dir()) / "testdata/hosts",
                               fs::path(shared_dir) / "fixtures"}) {
    for (const auto& e : fs::directory_iterator(base, ec)) {
      if (e.is_directory()) out.push_back(e.path().string());
    }
  }
  out.push_back(source_dir() + "/testdata/diff/changes/a");
  std::sort(out.begin(), out.end());
  return out;
}

struct CmdRun {
  int rc = 0;
  std::string out;
};

CmdRun run_netstat(const std::string& tree, std::vector<std::string> flags) {
  std::vector<std::string> args{"netstat", "--root=" + tree};
  args.insert(args.end(), flags.begin(), flags.end());
  Output out, err;
  CmdRun r;
  r.rc = run(args, out, err);
  r.out = out.str();
  return r;
}

TEST(JsonTimers, OnlyWithDashO) {
  std::string tree = source_dir() + "/testdata/diff/changes/a";
  Json plain = Json::parse(run_netstat(tree, {"-tuan", "--json"}).out);
  Json timed = Json::parse(run_netstat(tree, {"-tuano", "--json"}).out);
  ASSERT_FALSE(plain["sockets"].empty());
  ASSERT_EQ(plain["sockets"].size(), timed["sockets"].size());
  for (size_t i = 0; i < plain["sockets"].size(); ++i) {
    const Json& p = plain["sockets"][i];
    const Json& t = timed["sockets"][i];
    for (const char* k : {"timer", "timer_expires", "retransmits", "timeout"}) {
      EXPECT_FALSE(p.contains(k)) << k << " in " << p.dump();
      EXPECT_TRUE(t.contains(k)) << k << " missing in " << t.dump();
    }
    Json stripped = t;
    for (const char* k : {"timer", "timer_expires", "retransmits", "timeout"}) stripped.erase(k);
    EXPECT_EQ(p, stripped);  // -o adds the timer members and nothing else
  }
}

// Text "off (0.00/0/0)" / "keepalive (7.15/0/0)" at the end of a -o row.
TEST(JsonTimers, SameFactsAsTextColumn) {
  static const std::regex kTimer(R"((\S+) \(([-0-9.]+)/(-?\d+)/(-?\d+)\)\s*$)");
  size_t compared = 0;
  for (const std::string& tree : trees()) {
    SCOPED_TRACE(tree);
    CmdRun text = run_netstat(tree, {"-tuwanoW"});
    CmdRun js = run_netstat(tree, {"-tuwanoW", "--json"});
    if (text.rc != 0) continue;  // 2.10 stops at a missing table; JSON goes on
    ASSERT_EQ(0, js.rc);
    Json d = Json::parse(js.out);
    std::vector<Json> rows;
    for (const Json& r : d["sockets"]) {
      if (r["protocol"] != "unix") rows.push_back(r);
    }
    std::vector<std::string> lines;
    std::istringstream in(text.out);
    for (std::string l; std::getline(in, l);) {
      if (l.rfind("tcp", 0) == 0 || l.rfind("udp", 0) == 0 || l.rfind("raw", 0) == 0) {
        lines.push_back(l);
      }
    }
    ASSERT_EQ(lines.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      std::smatch m;
      ASSERT_TRUE(std::regex_search(lines[i], m, kTimer)) << lines[i];
      const Json& r = rows[i];
      EXPECT_EQ(m[1].str(), r["timer"].get<std::string>()) << lines[i];
      EXPECT_EQ(std::stoll(m[3].str()), r["retransmits"].get<int64_t>()) << lines[i];
      EXPECT_EQ(std::stoll(m[4].str()), r["timeout"].get<int64_t>()) << lines[i];
      if (m[1].str() != "off") {  // 2.10 prints 0.00 for "off" whatever the value
        EXPECT_EQ(m[2].str(), fmt::format("{:.2f}", r["timer_expires"].get<double>()))
            << lines[i];
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 20u);
}

}  // namespace
}  // namespace netstat
