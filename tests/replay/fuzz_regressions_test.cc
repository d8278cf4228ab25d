// Findings of the fuzz targets (tests/fuzz/) on the bundle readers, each
// kept as the smallest input that showed it. Formats findings live in
// tests/formats/fuzz_regressions_test.cc; every corpus file is also run by
// fuzz_corpus_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "replay/bundle_manifest.h"
#include "replay/recorded_names.h"

namespace netstat {
namespace {

// fuzz_manifest: a JSON float in an integer field was converted with
// nlohmann's get<int>(), undefined behaviour when out of range (UBSan:
// "1e+300 is outside the range of representable values of type 'int'").
TEST(FuzzRegressions, ManifestFloatInIntegerFieldIsAnError) {
  for (const char* json : {
           R"({"format":"netstat-bundle","format_version":1e300})",
           R"({"format":"netstat-bundle","format_version":1.5})",
           R"({"format":"netstat-bundle","format_version":1,"euid":1e300})",
           R"({"format":"netstat-bundle","format_version":1,"clk_tck":-1e300})",
           R"({"format":"netstat-bundle","format_version":1,"views":[{"frame":1e99}]})",
           R"({"format":"netstat-bundle","format_version":1,"entries":[{"path":"a","size":-5e30}]})",
       }) {
    Result<Manifest> m = parse_manifest(json);
    ASSERT_FALSE(m.ok()) << json;
    EXPECT_EQ(Errc::invalid, m.code()) << json;
    EXPECT_NE(std::string::npos, m.error().message.find("not an integer"))
        << m.error().message;
  }
}

TEST(FuzzRegressions, ManifestIntegersStillRead) {
  Result<Manifest> m = parse_manifest(
      R"({"format":"netstat-bundle","format_version":1,"euid":1000,"clk_tck":250})");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(1000u, m->euid);
  EXPECT_EQ(250, m->clk_tck);
}

// fuzz_names_json: the same for a uid.
TEST(FuzzRegressions, NamesFloatUidIsAnError) {
  for (const char* json : {R"({"users":[{"uid":1e300,"name":"x"}]})",
                           R"({"users":[{"uid":-1e300,"name":"x"}]})",
                           R"({"users":[{"uid":0.5,"name":"x"}]})"}) {
    Result<RecordedNames> n = parse_recorded_names(json);
    ASSERT_FALSE(n.ok()) << json;
    EXPECT_EQ(Errc::invalid, n.code()) << json;
  }
  Result<RecordedNames> ok = parse_recorded_names(R"({"users":[{"uid":7,"name":"x"}]})");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ("x", ok->users.at(7).value());
}

}  // namespace
}  // namespace netstat
