// Property test: the JSON rows carry the same facts as the text rows. For
// every fixture tree, `-tan`, `-tanW`, `-uanW` and `-xa` are run as text and
// as --json; both must list the same number of rows, and per row the same
// Local Address, Foreign Address and (TCP) State, rebuilt from the JSON's
// numeric fields with netstat's rules (v4-mapped shown as IPv4, port 0 as
// "*", the 22/18 cut without -W); UNIX rows the same inodes in order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

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
  for (const char* s : {"changes/a", "changes/b"}) {
    out.push_back(source_dir() + "/testdata/diff/" + s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> w;
  std::string x;
  while (in >> x) w.push_back(x);
  return w;
}

std::string endpoint_text(const Json& row, const char* side, bool wide) {
  std::string host = row[std::string(side) + "_address"].get<std::string>();
  if (host.rfind("::ffff:", 0) == 0 && host.find('.') != std::string::npos) {
    host = host.substr(7);
  }
  int port = row[std::string(side) + "_port"].get<int>();
  std::string p = port == 0 ? "*" : std::to_string(port);
  if (wide || host.size() + p.size() <= 22) return host + ":" + p;
  size_t pl = std::min<size_t>(p.size(), 18);
  return host.substr(0, 22 - pl) + ":" + p.substr(0, pl);
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

class JsonPropertyTest : public testing::TestWithParam<std::string> {};

TEST_P(JsonPropertyTest, InetRowsMatchText) {
  const std::string& tree = GetParam();
  for (const char* flags : {"-tan", "-tanW", "-uanW"}) {
    bool wide = std::string(flags).find('W') != std::string::npos;
    bool tcp = flags[1] == 't';
    CmdRun text = run_netstat(tree, {flags});
    CmdRun json = run_netstat(tree, {flags, "--json"});
    if (text.rc != 0) continue;  // e.g. an explicitly selected file is missing
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text.out);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
      if (n++ < 2) continue;  // title and header
      rows.push_back(words(line));
    }
    Json doc = Json::parse(json.out);
    const Json& sockets = doc["sockets"];
    ASSERT_EQ(rows.size(), sockets.size()) << tree << " " << flags;
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::vector<std::string>& w = rows[i];
      ASSERT_GE(w.size(), 5u) << tree << " " << flags << " row " << i;
      EXPECT_EQ(w[3], endpoint_text(sockets[i], "local", wide)) << tree << " " << flags;
      EXPECT_EQ(w[4], endpoint_text(sockets[i], "remote", wide)) << tree << " " << flags;
      EXPECT_EQ(std::stoull(w[1]), sockets[i]["recv_q"].get<uint64_t>());
      EXPECT_EQ(std::stoull(w[2]), sockets[i]["send_q"].get<uint64_t>());
      if (tcp) {
        uint32_t code = sockets[i]["state_code"].get<uint32_t>();
        if (code >= 1 && code <= 11) {
          ASSERT_EQ(6u, w.size());
          EXPECT_EQ(w[5], sockets[i]["state"].get<std::string>()) << tree;
        }
      }
    }
  }
}

TEST_P(JsonPropertyTest, UnixRowsMatchText) {
  const std::string& tree = GetParam();
  CmdRun text = run_netstat(tree, {"-xa"});
  CmdRun json = run_netstat(tree, {"-xa", "--json"});
  if (text.rc != 0) return;
  std::vector<std::string> inodes;
  std::istringstream lines(text.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    if (n++ < 2) continue;
    std::vector<std::string> w = words(line);
    auto close = std::find(w.begin(), w.end(), "]");
    ASSERT_NE(w.end(), close) << line;
    ASSERT_GE(w.end() - close, 3) << line;
    bool numeric = std::all_of(close[2].begin(), close[2].end(), ::isdigit);
    std::string inode = numeric ? close[2] : close[3];
    // Without an Inode header column 2.10 prints "-" and the inode as Path.
    if (inode == "-") inode = w.back();
    inodes.push_back(inode);
  }
  Json doc = Json::parse(json.out);
  ASSERT_EQ(inodes.size(), doc["sockets"].size()) << tree;
  for (size_t i = 0; i < inodes.size(); ++i) {
    EXPECT_EQ(inodes[i], std::to_string(doc["sockets"][i]["inode"].get<uint64_t>())) << tree;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, JsonPropertyTest, testing::ValuesIn(trees()),
                         [](const testing::TestParamInfo<std::string>& p) {
                           std::string n = fs::path(p.param).filename().string();
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n + "_" + std::to_string(p.index);
                         });

}  // namespace
}  // namespace netstat
