// Diff rates use the snapshots' sub-second capture times: two bundles 1.4 s
// apart give elapsed 1.4 s, not 1 s; bundles written with whole seconds
// (older captures) still read.
#include <gtest/gtest.h>

#include "replay/memory_root.h"
#include "src/diff/diff.h"
#include "src/model/metadata.h"

namespace netstat {
namespace {

model::Metadata meta_at(const std::string& time) {
  MemoryRoot root;
  root.add_file("manifest.json",
                R"({"format": "netstat-bundle", "format_version": 1, "capture_start": ")" +
                    time + R"("})");
  return model::load_metadata(root, "b.tar.zst", false);
}

TEST(CaptureTimes, ElapsedUsesMilliseconds) {
  model::Metadata a = meta_at("2024-05-01T12:00:00.300Z");
  model::Metadata b = meta_at("2024-05-01T12:00:01.700Z");
  std::optional<double> secs = diff::elapsed(a, b);
  ASSERT_TRUE(secs.has_value());
  EXPECT_NEAR(*secs, 1.4, 1e-6);  // epoch seconds as a double: ~2e-7 resolution
  EXPECT_EQ(b.captured_at, "2024-05-01T12:00:01.700Z");
}

TEST(CaptureTimes, UnderOneSecondApartStillHasARate) {
  std::optional<double> secs = diff::elapsed(meta_at("2024-05-01T12:00:00.100Z"),
                                             meta_at("2024-05-01T12:00:00.600Z"));
  ASSERT_TRUE(secs.has_value());
  EXPECT_NEAR(*secs, 0.5, 1e-6);
}

TEST(CaptureTimes, WholeSecondBundlesStillRead) {
  std::optional<double> secs = diff::elapsed(meta_at("2024-05-01T12:00:00Z"),
                                             meta_at("2024-05-01T12:00:10Z"));
  ASSERT_TRUE(secs.has_value());
  EXPECT_DOUBLE_EQ(*secs, 10.0);
}

}  // namespace
}  // namespace netstat
