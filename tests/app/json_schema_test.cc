// Every mode's --json and --json-lines output, on every fixture tree
// (testdata/hosts/*, testdata/diff/*/{a,b}, ../shared/fixtures/*), parses
// as strict JSON (valid UTF-8) and validates against
// docs/schema/netstat.schema.json; so do the diff JSON outputs. Plus unit
// tests of the validator itself, so that a broken validator cannot pass
// everything.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

std::string shared_dir() {
  const char* env = std::getenv("NETSTAT_SHARED_DIR");
  return env != nullptr ? env : source_dir() + "/../shared";
}

const SchemaValidator& validator() {
  static const SchemaValidator v = [] {
    std::ifstream in(source_dir() + "/docs/schema/netstat.schema.json");
    return SchemaValidator(Json::parse(in));
  }();
  return v;
}

std::vector<std::string> fixture_trees() {
  std::vector<std::string> trees;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(source_dir()) / "testdata/hosts", ec)) {
    if (e.is_directory()) trees.push_back(e.path().string());
  }
  for (const auto& e : fs::directory_iterator(fs::path(source_dir()) / "testdata/diff", ec)) {
    for (const char* side : {"a", "b"}) {
      if (fs::is_directory(e.path() / side)) trees.push_back((e.path() / side).string());
    }
  }
  for (const auto& e : fs::directory_iterator(fs::path(shared_dir()) / "fixtures", ec)) {
    if (e.is_directory()) trees.push_back(e.path().string());
  }
  std::sort(trees.begin(), trees.end());
  return trees;
}

const std::vector<std::vector<std::string>>& modes() {
  static const std::vector<std::vector<std::string>> m = {
      {},        {"-a"},   {"-an"},  {"-l"},     {"-tanpeo"}, {"-uan"},
      {"-wan"},  {"-Uan"}, {"-San"}, {"-xap"},   {"-4an"},    {"-6an"},
      {"-g"},    {"-gn"},  {"-g4"},  {"-r"},     {"-rn"},     {"-rn6"},
      {"-rn", "-A", "inet,inet6"},   {"-rC6"},   {"-i"},      {"-ia"},
      {"-s"},    {"-s6"},  {"-st"},  {"-su"},    {"-M"},      {"-Mn"}};
  return m;
}

TEST(JsonSchemaValidator, AcceptsAndRejects) {
  SchemaValidator v(Json::parse(R"({"$defs": {"p": {"type": "object",
      "properties": {"n": {"type": "integer", "minimum": 0},
                     "k": {"enum": ["a", "b"]}, "s": {"type": ["string", "null"]}},
      "required": ["n"], "additionalProperties": false}},
      "oneOf": [{"$ref": "#/$defs/p"}, {"type": "array", "items": {"const": 1}}]})"));
  EXPECT_EQ("", v.validate(Json::parse(R"({"n": 3, "k": "a", "s": null})")));
  EXPECT_EQ("", v.validate(Json::parse("[1, 1]")));
  EXPECT_EQ("$: matches 0 of oneOf ($: missing n)", v.validate(Json::parse(R"({"k": "a"})")));
  EXPECT_NE("", v.validate(Json::parse(R"({"n": -1})")));
  EXPECT_NE("", v.validate(Json::parse(R"({"n": 1, "k": "c"})")));
  EXPECT_NE("", v.validate(Json::parse(R"({"n": 1, "x": 0})")));
  EXPECT_NE("", v.validate(Json::parse(R"({"n": "1"})")));
  EXPECT_NE("", v.validate(Json::parse("[1, 2]")));
  SchemaValidator unsupported(Json::parse(R"({"pattern": "x"})"));
  EXPECT_EQ("$: unsupported schema keyword pattern", unsupported.validate(Json("x")));
}

TEST(JsonSchemaValidator, SchemaRejectsWrongRows) {
  Json row = Json::parse(R"({"protocol": "tcp", "family": "inet", "state": "LISTEN",
      "state_code": 10, "listening": true, "inode": 1})");
  EXPECT_EQ("", validator().validate(row, "socket"));
  row["local_port"] = 70000;
  EXPECT_NE("", validator().validate(row, "socket"));
  row.erase("local_port");
  row["protocol"] = "TCP";
  EXPECT_NE("", validator().validate(row, "socket"));
}

class JsonModesTest : public testing::TestWithParam<std::string> {};

TEST_P(JsonModesTest, EveryModeValidates) {
  const std::string& tree = GetParam();
  int checked = 0;
  for (const std::vector<std::string>& mode : modes()) {
    for (const char* form : {"--json", "--json-lines"}) {
      std::vector<std::string> args{"netstat", "--root=" + tree, form};
      args.insert(args.end(), mode.begin(), mode.end());
      std::string what = tree + " " + form;
      for (const std::string& m : mode) what += " " + m;
      Output out, err;
      run(args, out, err);
      std::string text = out.str();
      if (std::string(form) == "--json") {
        Json doc;
        ASSERT_NO_THROW(doc = Json::parse(text)) << what;
        EXPECT_EQ("", validator().validate(doc, "listing")) << what;
        EXPECT_EQ("", validator().validate(doc)) << what;
      } else {
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line)) {
          Json rec;
          ASSERT_NO_THROW(rec = Json::parse(line)) << what << ": " << line;
          EXPECT_EQ("", validator().validate(rec, "line")) << what << ": " << line;
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(modes().size() * 2, static_cast<size_t>(checked));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, JsonModesTest, testing::ValuesIn(fixture_trees()),
                         [](const testing::TestParamInfo<std::string>& p) {
                           std::string n = fs::path(p.param).parent_path().filename().string() +
                                           "_" + fs::path(p.param).filename().string();
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n + "_" + std::to_string(p.index);
                         });

TEST(JsonDiffSchema, ExpectedDiffOutputsValidate) {
  int checked = 0;
  std::error_code ec;
  for (const auto& pair : fs::directory_iterator(fs::path(source_dir()) / "testdata/diff", ec)) {
    for (const auto& f : fs::directory_iterator(pair.path() / "expected", ec)) {
      std::string name = f.path().filename().string();
      if (f.path().extension() != ".out" || name.rfind("json", 0) != 0) continue;
      std::ifstream in(f.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (name.rfind("jsonl", 0) == 0) {
        std::string line;
        while (std::getline(ss, line)) {
          Json rec = Json::parse(line);
          EXPECT_EQ("", validator().validate(rec, "change")) << f.path() << ": " << line;
        }
      } else {
        Json doc = Json::parse(ss.str());
        EXPECT_EQ("", validator().validate(doc, "diff")) << f.path();
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 9);
}

TEST(JsonHostileInput, ControlBytesAndInvalidUtf8AreEscaped) {
  // changes/b holds a program named "evil\x1b[31m\xff" and a UNIX path with ESC.
  std::string tree = source_dir() + "/testdata/diff/changes/b";
  Output out, err;
  ASSERT_EQ(0, run({"netstat", "--root=" + tree, "--json", "-anp"}, out, err));
  std::string text = out.str();
  EXPECT_EQ(std::string::npos, text.find('\x1b'));
  EXPECT_NE(std::string::npos, text.find(R"("program":"evil\u001b[31m\ufffd")"));
  EXPECT_NE(std::string::npos, text.find(R"("path":"/run/log\u001b[2J.sock")"));
  Json doc = Json::parse(text);
  EXPECT_EQ("", validator().validate(doc));
}

}  // namespace
}  // namespace netstat
