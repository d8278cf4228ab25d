// Tests for ChunkedRows (src/chunked_rows.h): rows come back in the order
// pushed, across chunk boundaries.
#include "src/chunked_rows.h"

#include <gtest/gtest.h>

#include <vector>

namespace netstat {
namespace {

TEST(ChunkedRows, InOrderAcrossChunks) {
  for (size_t n : {0u, 1u, 3u, 4u, 5u, 8u, 9u, 100u}) {
    ChunkedRows<int, 4> rows;
    for (size_t i = 0; i < n; ++i) rows.push_back(static_cast<int>(i * 3));
    EXPECT_EQ(n, rows.size());
    std::vector<int> back;
    rows.for_each([&](int v) { back.push_back(v); });
    ASSERT_EQ(n, back.size());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(static_cast<int>(i * 3), back[i]);
  }
}

}  // namespace
}  // namespace netstat
