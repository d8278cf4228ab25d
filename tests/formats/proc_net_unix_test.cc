// Tests for the /proc/net/unix parser.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/proc_net_unix.h"

namespace netstat::formats {
namespace {

constexpr const char* kHeader =
    "Num       RefCount Protocol Flags    Type St Inode Path\n";

TEST(ProcNetUnix, HappyPath) {
  std::string text = std::string(kHeader) +
      "ffff9b61ac49c400: 00000002 00000000 00010000 0001 01 42776 /run/a.sock\n"
      "ffff9b61ac49c401: 00000003 00000000 00000000 0002 03 42777\n";
  UnixTable t = parse_proc_net_unix(text);
  EXPECT_TRUE(t.has_inode);
  ASSERT_TRUE(t.issues.empty());
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ(2u, t.rows[0].refcount);
  EXPECT_EQ(kUnixAcceptCon, t.rows[0].flags);
  EXPECT_EQ(1u, t.rows[0].type);
  EXPECT_EQ(1u, t.rows[0].state);
  EXPECT_EQ(42776u, t.rows[0].inode);
  EXPECT_EQ("/run/a.sock", t.rows[0].path);
  EXPECT_EQ("", t.rows[1].path);
  EXPECT_EQ(7, t.rows[1].fields);
}

TEST(ProcNetUnix, HeaderWithoutInode) {
  UnixTable t = parse_proc_net_unix(
      "Num RefCount Protocol Flags Type St Path\n"
      "ffff: 00000002 00000000 00000000 0001 03 17 /x\n");
  EXPECT_FALSE(t.has_inode);
  ASSERT_EQ(1u, t.rows.size());
  EXPECT_EQ(17u, t.rows[0].inode);
}

TEST(ProcNetUnix, HeaderOnlyAndBadHeader) {
  EXPECT_TRUE(parse_proc_net_unix(kHeader).rows.empty());
  UnixTable t = parse_proc_net_unix("garbage\n");
  EXPECT_FALSE(t.has_inode);
  EXPECT_TRUE(t.rows.empty());
  EXPECT_TRUE(t.issues.empty());
}

TEST(ProcNetUnix, BogusLineInTheMiddle) {
  std::string text = std::string(kHeader) +
      "ffff0001: 00000002 00000000 00000000 0001 03 1 /a\n"
      "ffff0002: 00000002 00000000 00000000 0001\n"
      "ffff0003: 00000002 00000000 00000000 0001 03 3 /c\n";
  UnixTable t = parse_proc_net_unix(text);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ("/c", t.rows[1].path);
  ASSERT_EQ(1u, t.issues.size());
  EXPECT_EQ(2u, t.issues[0].line);
}

TEST(ProcNetUnix, RunsOfLinesScanLikeTheWholeFile) {
  // -x streams the file in runs of whole lines: every split must give the
  // header once, the same rows and the same line numbers for issues.
  std::string text = std::string(kHeader) +
      "ffff0001: 00000002 00000000 00010000 0001 01 1 /a\n"
      "ffff0002: 00000002 00000000 00000000 0001\n"
      "ffff0003: 00000002 00000000 00000000 0001 03 3 /c\n"
      "ffff0004: 00000002 00000000 00000000 0002 03 4\n";
  auto scan = [](const std::vector<std::string_view>& runs) {
    std::string log;
    size_t pieces = 0;
    for (std::string_view run : runs) {
      pieces += scan_proc_net_unix(
          run, [&](bool inode) { log += inode ? "H+" : "H-"; },
          [&](const UnixRow& r) { log += " r" + std::to_string(r.line) + ":" + std::to_string(r.inode); },
          [&](const UnixIssue& i) { log += " i" + std::to_string(i.line); }, pieces);
    }
    return log;
  };
  std::string whole = scan({text});
  EXPECT_EQ("H+ r1:1 i2 r3:3 r4:4", whole);
  std::vector<size_t> ends;  // offsets just after each '\n'
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ends.push_back(i + 1);
  }
  for (size_t a = 0; a < ends.size(); ++a) {
    for (size_t b = a + 1; b < ends.size(); ++b) {
      std::string_view t(text);
      EXPECT_EQ(whole, scan({t.substr(0, ends[a]), t.substr(ends[a], ends[b] - ends[a]),
                             t.substr(ends[b])}))
          << a << " " << b;
    }
  }
}

TEST(ProcNetUnix, PathCutAtBlankAndSixFields) {
  std::string text = std::string(kHeader) +
      "ffff0001: 00000002 00000000 00070000 0005 04 9 /tmp/with space\n"
      "ffff0002: 0000FFFFFFFF 00000001 00000000 000A 07\n";
  UnixTable t = parse_proc_net_unix(text);
  ASSERT_EQ(2u, t.rows.size());
  EXPECT_EQ("/tmp/with", t.rows[0].path);
  EXPECT_EQ(0x70000u, t.rows[0].flags);
  EXPECT_EQ(6, t.rows[1].fields);
  EXPECT_EQ(0u, t.rows[1].inode);
  EXPECT_EQ(0xFFFFFFFFu, t.rows[1].refcount);
  EXPECT_EQ(10u, t.rows[1].type);
}


bool same_row(const UnixRow& a, const UnixRow& b) {
  return a.refcount == b.refcount && a.protocol == b.protocol && a.flags == b.flags &&
         a.type == b.type && a.state == b.state && a.inode == b.inode &&
         a.path == b.path && a.fields == b.fields;
}

TEST(ProcNetUnix, KernelLayoutFastPathAgreesWithTheScan) {
  // Lines in the kernel's layout, then every one-byte change of them
  // (digits, blanks, signs, 'x', newline, NUL) and every prefix: the
  // in-place read must give exactly what the sscanf-like scan gives.
  const std::vector<std::string> lines = {
      "ffff9b61ac49c400: 00000002 00000000 00010000 0001 01 42776 /run/a.sock\n",
      "0000000000000000: 00000003 00000000 00000000 0002 03 12345678901234567890 x\n",
      "FFFFFFFFFFFFFFFF: FFFFFFFF FFFFFFFF FFFFFFFF FFFF FF     1 @abstract@name\n",
      "ffff9b61ac49c400: 00000002 00000000 00010000 0001 01 1234567890123456789\n",
      "ffff9b61ac49c400: 00000002 00000000 00010000 0001 01     7\n",
      "ffff9b61ac49c400: 00000002 00000000 00010000 0001 01 42776 /a b\n",
  };
  const std::string subst("0 9aF+-x\n\t/:\0g", 14);
  size_t checked = 0, fast_layout = 0;
  auto check = [&](const std::string& line) {
    UnixRow fast, scan;
    fast.line = scan.line = 3;
    bool a = parse_unix_line(line, fast);
    bool b = parse_unix_line_scanf(line, scan);
    ASSERT_EQ(b, a) << line;
    if (a) {
      ASSERT_TRUE(same_row(scan, fast)) << line;
    }
    ++checked;
  };
  for (const std::string& base : lines) {
    UnixRow r;
    if (parse_unix_line(base, r)) ++fast_layout;
    for (size_t n = 0; n <= base.size(); ++n) check(base.substr(0, n));
    for (size_t i = 0; i < base.size(); ++i) {
      for (char c : subst) {
        std::string m = base;
        m[i] = c;
        check(m);
      }
      check(base.substr(0, i) + base.substr(i + 1));              // a byte less
      check(base.substr(0, i) + " " + base.substr(i));            // a blank more
    }
  }
  EXPECT_EQ(lines.size(), fast_layout);
  EXPECT_GT(checked, 5000u);
}

TEST(ProcNetUnix, KernelLayoutValues) {
  UnixRow r;
  ASSERT_TRUE(parse_unix_line(
      "FFFFFFFFFFFFFFFF: 0000000a 00000001 00070000 0005 04 18446744073709551615 /p\n", r));
  EXPECT_EQ(10u, r.refcount);
  EXPECT_EQ(1u, r.protocol);
  EXPECT_EQ(0x70000u, r.flags);
  EXPECT_EQ(5u, r.type);
  EXPECT_EQ(4u, r.state);
  EXPECT_EQ(UINT64_MAX, r.inode);  // 20 digits: the scan's saturating path
  EXPECT_EQ("/p", r.path);
  EXPECT_EQ(8, r.fields);
}

}  // namespace
}  // namespace netstat::formats
