// safe_text (--safe-strings): which bytes are escaped, which UTF-8 is kept.
#include "src/safe_text.h"

#include <gtest/gtest.h>

#include <string>

namespace netstat {
namespace {

using namespace std::string_literals;

TEST(SafeTextTest, PlainAsciiIsUnchanged) {
  EXPECT_EQ("sshd: root@pts/0", safe_text("sshd: root@pts/0"));
  EXPECT_EQ("/run/systemd/journal/stdout",
            safe_text("/run/systemd/journal/stdout"));
  EXPECT_EQ("", safe_text(""));
  EXPECT_FALSE(needs_escaping("eth0"));
  EXPECT_FALSE(needs_escaping(""));
  EXPECT_FALSE(needs_escaping(" ~!"));
}

TEST(SafeTextTest, C0ControlsAndDelAreEscaped) {
  EXPECT_EQ("\\x1b[2J\\x1b]0;pwned\\x07", safe_text("\x1b[2J\x1b]0;pwned\x07"));
  EXPECT_EQ("a\\x0db", safe_text("a\rb"));
  EXPECT_EQ("a\\x0ab", safe_text("a\nb"));
  EXPECT_EQ("a\\x09b", safe_text("a\tb"));
  EXPECT_EQ("\\x7f", safe_text("\x7f"));
  EXPECT_EQ("\\x1f\\x01", safe_text("\x1f\x01"));
  EXPECT_TRUE(needs_escaping("\x08"));
}

TEST(SafeTextTest, NulBytesAreEscaped) {
  EXPECT_EQ("@abstract\\x00name", safe_text("@abstract\0name"s));
  EXPECT_EQ("\\x00", safe_text("\0"s));
}

TEST(SafeTextTest, BackslashIsEscapedSoOutputIsUnambiguous) {
  EXPECT_EQ("\\x5cx1b", safe_text("\\x1b"));
  EXPECT_TRUE(needs_escaping("C:\\"));
}

TEST(SafeTextTest, ValidUtf8IsKept) {
  EXPECT_EQ("caf\xc3\xa9", safe_text("caf\xc3\xa9"));          // é
  EXPECT_EQ("\xe2\x82\xac", safe_text("\xe2\x82\xac"));        // €
  EXPECT_EQ("\xf0\x9f\x98\x80", safe_text("\xf0\x9f\x98\x80"));  // U+1F600
  EXPECT_EQ("\xc2\xa0", safe_text("\xc2\xa0"));                // U+00A0
  EXPECT_EQ("\xed\x9f\xbf", safe_text("\xed\x9f\xbf"));        // U+D7FF
  EXPECT_EQ("\xee\x80\x80", safe_text("\xee\x80\x80"));        // U+E000
  EXPECT_EQ("\xf4\x8f\xbf\xbf", safe_text("\xf4\x8f\xbf\xbf"));  // U+10FFFF
  EXPECT_FALSE(needs_escaping("\xd0\x9f\xd1\x80\xd0\xb8"));
}

TEST(SafeTextTest, C1ControlsAreEscaped) {
  // U+009B is CSI on terminals that honour C1; U+0085 is NEL.
  EXPECT_EQ("\\xc2\\x9b2J", safe_text("\xc2\x9b" "2J"));
  EXPECT_EQ("\\xc2\\x85", safe_text("\xc2\x85"));
  EXPECT_EQ("\\xc2\\x80", safe_text("\xc2\x80"));
  EXPECT_EQ("\xc2\xa1", safe_text("\xc2\xa1"));  // U+00A1 is printable
}

TEST(SafeTextTest, RawEightBitBytesAreEscaped) {
  EXPECT_EQ("\\x9b2J", safe_text("\x9b" "2J"));  // 8-bit CSI
  EXPECT_EQ("caf\\xe9", safe_text("caf\xe9"));   // Latin-1 é
  EXPECT_EQ("\\xff\\xfe", safe_text("\xff\xfe"));
  EXPECT_EQ("\\xf5\\x80\\x80\\x80", safe_text("\xf5\x80\x80\x80"));
}

TEST(SafeTextTest, OverlongFormsAreEscaped) {
  EXPECT_EQ("\\xc0\\xaf", safe_text("\xc0\xaf"));          // overlong '/'
  EXPECT_EQ("\\xc1\\xbf", safe_text("\xc1\xbf"));
  EXPECT_EQ("\\xe0\\x80\\xaf", safe_text("\xe0\x80\xaf"));
  EXPECT_EQ("\\xf0\\x80\\x80\\xaf", safe_text("\xf0\x80\x80\xaf"));
}

TEST(SafeTextTest, SurrogatesAndOutOfRangeAreEscaped) {
  EXPECT_EQ("\\xed\\xa0\\x80", safe_text("\xed\xa0\x80"));  // U+D800
  EXPECT_EQ("\\xed\\xbf\\xbf", safe_text("\xed\xbf\xbf"));  // U+DFFF
  EXPECT_EQ("\\xf4\\x90\\x80\\x80", safe_text("\xf4\x90\x80\x80"));  // >10FFFF
}

TEST(SafeTextTest, TruncatedSequencesEscapeEachByteAndResync) {
  EXPECT_EQ("\\xe2\\x82", safe_text("\xe2\x82"));
  EXPECT_EQ("\\xe2\\x82x", safe_text("\xe2\x82x"));
  EXPECT_EQ("\\xf0\\x9f\\x98", safe_text("\xf0\x9f\x98"));
  // A stray continuation byte before a valid character.
  EXPECT_EQ("\\x80\xc3\xa9", safe_text("\x80\xc3\xa9"));
  // A lead byte followed by a valid character: only the lead is escaped.
  EXPECT_EQ("\\xc3\xc3\xa9", safe_text("\xc3\xc3\xa9"));
  // A lead byte followed by a control.
  EXPECT_EQ("\\xc3\\x1b", safe_text("\xc3\x1b"));
}

TEST(SafeTextTest, EveryByteValueAloneIsHandled) {
  for (int c = 0; c < 256; ++c) {
    std::string in(1, static_cast<char>(c));
    std::string out = safe_text(in);
    bool printable = c >= 0x20 && c < 0x7f && c != '\\';
    if (printable) {
      EXPECT_EQ(in, out) << c;
    } else {
      ASSERT_EQ(4u, out.size()) << c;
      EXPECT_EQ("\\x", out.substr(0, 2)) << c;
      EXPECT_EQ(static_cast<unsigned long>(c), std::stoul(out.substr(2), nullptr, 16));
    }
    EXPECT_EQ(!printable, needs_escaping(in)) << c;
  }
}

TEST(SafeTextTest, OutputHasNoControlOrInvalidBytes) {
  // Whatever the input, the escaped text is itself clean (idempotent).
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  all += "\xe2\x82\xac\xf0\x9f\x98\x80\xed\xa0\x80";
  std::string once = safe_text(all);
  std::string without_backslashes;
  for (char ch : once) {
    if (ch != '\\') without_backslashes.push_back(ch);
  }
  EXPECT_FALSE(needs_escaping(without_backslashes));
  for (char ch : once) {
    auto c = static_cast<unsigned char>(ch);
    EXPECT_FALSE(c < 0x20 || c == 0x7f) << static_cast<int>(c);
  }
  // Escaping again only doubles the backslashes' escapes, nothing else.
  std::string twice = safe_text(once);
  std::string expected;
  for (char ch : once) {
    if (ch == '\\') {
      expected += "\\x5c";
    } else {
      expected.push_back(ch);
    }
  }
  EXPECT_EQ(expected, twice);
}

TEST(SafeTextTest, SafeViewAvoidsCopiesWhenNotNeeded) {
  std::string scratch = "old";
  std::string_view in = "nginx";
  std::string_view v = safe_view(in, true, scratch);
  EXPECT_EQ(in.data(), v.data());
  EXPECT_EQ("old", scratch);

  std::string_view bad = "a\x1b";
  EXPECT_EQ(bad.data(), safe_view(bad, false, scratch).data());  // disabled
  std::string_view esc = safe_view(bad, true, scratch);
  EXPECT_EQ("a\\x1b", esc);
  EXPECT_EQ(scratch.data(), esc.data());
}

TEST(SafeTextTest, AppendKeepsExistingContent) {
  std::string out = "prefix:";
  append_safe_text(out, "\x01ok");
  EXPECT_EQ("prefix:\\x01ok", out);
}

}  // namespace
}  // namespace netstat
