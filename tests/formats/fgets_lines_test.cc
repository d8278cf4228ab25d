// Tests for FgetsLines (2.10's fgets(8192) line pieces).
#include <gtest/gtest.h>

#include <string>

#include "formats/fgets_lines.h"

namespace netstat::formats {
namespace {

TEST(FgetsLines, SplitsLongLinesAndKeepsLastUnterminated) {
  std::string text = std::string(8191, 'a') + "\nb\nc";
  FgetsLines l(text);
  std::string_view p;
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ(8191u, p.size());
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ("\n", p);
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ("b\n", p);
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ("c", p);
  EXPECT_FALSE(l.next(p));
  EXPECT_EQ(4u, l.count());
}

TEST(FgetsLines, CutsAtNul) {
  std::string text("ab\0cd\nx\n", 8);
  FgetsLines l(text);
  std::string_view p;
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ("ab", p);
  ASSERT_TRUE(l.next(p));
  EXPECT_EQ("x\n", p);
}

}  // namespace
}  // namespace netstat::formats
