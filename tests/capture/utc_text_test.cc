// utc_text(): every time a bundle records carries milliseconds (diff rates
// depend on them), in RFC 3339 UTC form.
#include <gtest/gtest.h>

#include <chrono>

#include "capture/recorder.h"

namespace netstat {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

system_clock::time_point at_ms(long long ms) {
  return system_clock::time_point(std::chrono::duration_cast<system_clock::duration>(
      milliseconds(ms)));
}

TEST(UtcText, CarriesMilliseconds) {
  EXPECT_EQ(utc_text(at_ms(1714564800000)), "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(utc_text(at_ms(1714564801400)), "2024-05-01T12:00:01.400Z");
  EXPECT_EQ(utc_text(at_ms(1714564800999)), "2024-05-01T12:00:00.999Z");
}

TEST(UtcText, TruncatesBelowAMillisecond) {
  auto t = at_ms(1714564800123) + std::chrono::microseconds(999);
  EXPECT_EQ(utc_text(t), "2024-05-01T12:00:00.123Z");
}

TEST(UtcText, BeforeTheEpochTheFractionStaysPositive) {
  EXPECT_EQ(utc_text(at_ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(utc_text(at_ms(-1000)), "1969-12-31T23:59:59.000Z");
}

}  // namespace
}  // namespace netstat
