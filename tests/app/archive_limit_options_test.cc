// The archive caps on the command line (--archive-max-entry-size=SIZE,
// --archive-max-total-size=SIZE, --archive-max-entries=N): SIZE parsing,
// extraction from argv, a cap hit through the option for --root, verify and
// diff (exact messages), the option outranking the environment; and the
// verify checks for duplicate member names and empty archives.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "replay/archive_reader.h"
#include "src/app.h"
#include "src/options.h"
#include "tests/replay/hostile_tar.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::HostileMember;
using Kind = HostileMember::Kind;

TEST(ParseSizeArgument, PlainAndSuffixed) {
  EXPECT_EQ(0u, parse_size_argument("0"));
  EXPECT_EQ(1000u, parse_size_argument("1000"));
  EXPECT_EQ(2048u, parse_size_argument("2K"));
  EXPECT_EQ(2048u, parse_size_argument("2k"));
  EXPECT_EQ(size_t{16} << 20, parse_size_argument("16M"));
  EXPECT_EQ(size_t{16} << 20, parse_size_argument("16m"));
  EXPECT_EQ(size_t{3} << 30, parse_size_argument("3G"));
  EXPECT_EQ(size_t{3} << 30, parse_size_argument("3g"));
}

TEST(ParseSizeArgument, Malformed) {
  for (const char* bad : {"", "K", "-1", "+5", " 5", "5 ", "5KB", "5KiB", "5T",
                          "1.5M", "0x10", "five", "18446744073709551616",
                          "17179869184G"}) {
    EXPECT_FALSE(parse_size_argument(bad).has_value()) << bad;
  }
  EXPECT_EQ(SIZE_MAX, parse_size_argument("18446744073709551615"));
}

struct Extracted {
  bool ok = false;
  std::vector<std::string> args;
  ArchiveLimitOverrides caps;
  std::string err;
};

Extracted extract(std::vector<std::string> args) {
  Extracted r;
  Output err;
  r.ok = extract_archive_limit_options(args, r.caps, err);
  r.args = args;
  r.err = err.str();
  return r;
}

TEST(ExtractArchiveLimitOptions, BothFormsAnywhereBeforeDoubleDash) {
  Extracted r = extract({"netstat", "--archive-max-entry-size=1K", "-tan",
                         "--root", "b.tar", "--archive-max-total-size", "2M",
                         "--archive-max-entries=7", "--", "--archive-max-entries=9"});
  ASSERT_TRUE(r.ok) << r.err;
  EXPECT_EQ((std::vector<std::string>{"netstat", "-tan", "--root", "b.tar", "--",
                                      "--archive-max-entries=9"}),
            r.args);
  EXPECT_EQ(1024u, r.caps.max_entry_size);
  EXPECT_EQ(size_t{2} << 20, r.caps.max_total_size);
  EXPECT_EQ(7u, r.caps.max_entries);
  EXPECT_EQ("", r.err);
}

TEST(ExtractArchiveLimitOptions, SubcommandArgumentsAndLastWins) {
  Extracted r = extract({"netstat", "verify", "--archive-max-entries=3", "b.tar",
                         "--archive-max-entries=4"});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ((std::vector<std::string>{"netstat", "verify", "b.tar"}), r.args);
  EXPECT_EQ(4u, r.caps.max_entries);
  EXPECT_FALSE(r.caps.max_entry_size.has_value());
  EXPECT_FALSE(r.caps.max_total_size.has_value());
}

TEST(ExtractArchiveLimitOptions, NotPrefixesAndNotArgv0) {
  Extracted r = extract({"--archive-max-entries=1", "--archive-max-entriesX=1",
                         "--archive-max-entrie=1", "--archive-max"});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(4u, r.args.size());
  EXPECT_FALSE(r.caps.max_entries.has_value());
}

TEST(ResolveArchiveLimits, DefaultsThenEnvironmentThenOptions) {
  ArchiveLimits none = resolve_archive_limits(ArchiveLimitOverrides{});
  EXPECT_EQ(ArchiveLimits{}.max_entries, none.max_entries);
  EXPECT_EQ(ArchiveLimits{}.max_entry_size, none.max_entry_size);
  EXPECT_EQ(ArchiveLimits{}.max_total_size, none.max_total_size);
  EXPECT_EQ(size_t{256} << 20, none.max_entry_size);  // docs/bundle-format.md
  EXPECT_EQ(size_t{1} << 30, none.max_total_size);
  EXPECT_EQ(1'000'000u, none.max_entries);

  ::setenv("NETSTAT_ARCHIVE_MAX_ENTRIES", "11", 1);
  ::setenv("NETSTAT_ARCHIVE_MAX_TOTAL_SIZE", "12", 1);
  ::setenv("NETSTAT_ARCHIVE_MAX_ENTRY_SIZE", "not a number", 1);
  ArchiveLimits env = resolve_archive_limits(ArchiveLimitOverrides{});
  ArchiveLimitOverrides o;
  o.max_entries = 5;
  ArchiveLimits both = resolve_archive_limits(o);
  ::unsetenv("NETSTAT_ARCHIVE_MAX_ENTRIES");
  ::unsetenv("NETSTAT_ARCHIVE_MAX_TOTAL_SIZE");
  ::unsetenv("NETSTAT_ARCHIVE_MAX_ENTRY_SIZE");
  EXPECT_EQ(11u, env.max_entries);
  EXPECT_EQ(12u, env.max_total_size);
  EXPECT_EQ(ArchiveLimits{}.max_entry_size, env.max_entry_size);  // not a number
  EXPECT_EQ(5u, both.max_entries);
  EXPECT_EQ(12u, both.max_total_size);
  EXPECT_EQ(ArchiveLimits{}.max_entries,
            resolve_archive_limits(ArchiveLimitOverrides{}).max_entries);
}

TEST(ExtractArchiveLimitOptions, ExactErrors) {
  Extracted r = extract({"netstat", "--archive-max-entries=lots"});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ("netstat: invalid value 'lots' for --archive-max-entries: expected a "
            "number of members\n",
            r.err);
  r = extract({"netstat", "--archive-max-entries=5K"});
  EXPECT_FALSE(r.ok);  // a count takes no suffix
  r = extract({"netstat", "--archive-max-total-size=1.5G"});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ("netstat: invalid value '1.5G' for --archive-max-total-size: expected "
            "a number of bytes, optionally with K, M or G\n",
            r.err);
  r = extract({"netstat", "-tan", "--archive-max-entry-size"});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ("netstat: option '--archive-max-entry-size' requires an argument\n",
            r.err);
  r = extract({"netstat", "--archive-max-entry-size=\x1b[2J"});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ("netstat: invalid value '\\x1b[2J' for --archive-max-entry-size: "
            "expected a number of bytes, optionally with K, M or G\n",
            r.err);
}

// --- through netstat::run ---

class ArchiveLimitRun : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("netstat-caps-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::string write(const std::string& name, const std::string& bytes) {
    fs::path p = m_dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  // Three members, one of 3000 bytes.
  std::string three_members() {
    return write("three.tar",
                 testing::hostile_tar({{Kind::dir, "proc", ""},
                                       {Kind::file, "proc/net/tcp", std::string(3000, 'x')},
                                       {Kind::file, "proc/net/udp", "u"}}));
  }

  struct Run {
    int rc;
    std::string out, err;
  };
  static Run run_args(std::vector<std::string> args) {
    Output out, err;
    int rc = run(args, out, err);
    return {rc, out.str(), err.str()};
  }

  fs::path m_dir;
};

TEST_F(ArchiveLimitRun, RootCapsHitThroughTheOptions) {
  std::string b = three_members();
  Run r = run_args({"netstat", "--archive-max-entries=2", "--root=" + b, "-tan"});
  EXPECT_EQ(2, r.rc);
  EXPECT_EQ("netstat: " + b + ": more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)\n",
            r.err);
  EXPECT_EQ("", r.out);

  r = run_args({"netstat", "--root", b, "--archive-max-entry-size", "1K", "-tan"});
  EXPECT_EQ(2, r.rc);
  EXPECT_EQ("netstat: " + b + ": member 'proc/net/tcp' is larger than 1024 bytes "
            "(--archive-max-entry-size or NETSTAT_ARCHIVE_MAX_ENTRY_SIZE)\n",
            r.err);

  r = run_args({"netstat", "-tan", "--root=" + b, "--archive-max-total-size=2K"});
  EXPECT_EQ(2, r.rc);
  EXPECT_EQ("netstat: " + b + ": archive content is larger than 2048 bytes "
            "(--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)\n",
            r.err);
}

TEST_F(ArchiveLimitRun, OptionOutranksTheEnvironmentAndEndsWithTheRun) {
  std::string b = three_members();
  ::setenv("NETSTAT_ARCHIVE_MAX_ENTRIES", "1", 1);
  Run env_only = run_args({"netstat", "--root=" + b, "-tan"});
  Run both = run_args({"netstat", "--archive-max-entries=2", "--root=" + b, "-tan"});
  ::unsetenv("NETSTAT_ARCHIVE_MAX_ENTRIES");
  EXPECT_EQ("netstat: " + b + ": more than 1 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)\n",
            env_only.err);
  EXPECT_EQ("netstat: " + b + ": more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)\n",
            both.err);
  // Nothing outlives the run: the next one without the option reads the
  // environment alone.
  ::setenv("NETSTAT_ARCHIVE_MAX_ENTRIES", "1", 1);
  Run env_again = run_args({"netstat", "--root=" + b, "-tan"});
  ::unsetenv("NETSTAT_ARCHIVE_MAX_ENTRIES");
  EXPECT_EQ(env_only.err, env_again.err);
  // A generous cap lets the archive through (no manifest: a plain tree with
  // no tcp6 etc. is not our concern here, only that the cap is not hit).
  Run ok = run_args({"netstat", "--archive-max-entries=3", "--root=" + b, "-tan"});
  EXPECT_EQ(std::string::npos, ok.err.find("archive members")) << ok.err;
}

TEST_F(ArchiveLimitRun, VerifyAndDiffTakeTheOptions) {
  std::string b = three_members();
  Run v = run_args({"netstat", "verify", "--archive-max-entries=2", b});
  EXPECT_EQ(1, v.rc);
  EXPECT_EQ("netstat verify: " + b +
                ": more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)\n",
            v.err);
  // verify reads the whole file first: the (uncompressed) file itself is
  // over the total cap.
  v = run_args({"netstat", "--archive-max-total-size=2K", "verify", b});
  EXPECT_EQ(1, v.rc);
  EXPECT_EQ("netstat verify: " + b + ": larger than 2048 bytes "
            "(--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)\n",
            v.err);
  Run d = run_args({"netstat", "diff", b, b, "--archive-max-entries=2"});
  EXPECT_EQ(2, d.rc);
  EXPECT_EQ("netstat diff: " + b +
                ": more than 2 archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)\n",
            d.err);
}

TEST_F(ArchiveLimitRun, BadValueIsOneLineAndStatus2) {
  Run r = run_args({"netstat", "verify", "x.tar", "--archive-max-total-size=big"});
  EXPECT_EQ(2, r.rc);
  EXPECT_EQ("netstat: invalid value 'big' for --archive-max-total-size: expected a "
            "number of bytes, optionally with K, M or G\n",
            r.err);
  EXPECT_EQ("", r.out);
}

TEST_F(ArchiveLimitRun, EmptyAndAllZeroTarsAreNotBundles) {
  std::string zeros = write("zeros.tar", std::string(10240, '\0'));
  std::string only_special = write(
      "special.tar", testing::hostile_tar({{Kind::chardev, "dev0", ""},
                                           {Kind::fifo, "fifo", ""}}));
  for (const std::string& b : {zeros, only_special}) {
    Run r = run_args({"netstat", "--root=" + b, "-tan"});
    EXPECT_EQ(2, r.rc) << b;
    EXPECT_EQ("netstat: " + b + ": not a bundle: no entries\n", r.err);
    EXPECT_EQ("", r.out);
  }
  Run v = run_args({"netstat", "verify", zeros});
  EXPECT_EQ(1, v.rc);
  EXPECT_EQ("netstat verify: " + zeros + ": not a bundle: no entries\n", v.err);
  EXPECT_EQ("", v.out);
}

TEST_F(ArchiveLimitRun, VerifyFlagsDuplicateMemberNames) {
  std::string manifest;
  {
    std::ifstream in(std::string(NETSTAT_SOURCE_DIR) +
                     "/testdata/fuzz/manifest/hand-v1.json");
    manifest.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_FALSE(manifest.empty());
  std::string b = write("dup.tar", testing::hostile_tar({
                                       {Kind::file, "manifest.json", manifest},
                                       {Kind::file, "proc/net/tcp", "first"},
                                       {Kind::file, "proc/net/udp", "u"},
                                       {Kind::file, "proc/net/tcp", "second"},
                                       {Kind::file, "./proc/net/tcp", "third"},
                                   }));
  Run v = run_args({"netstat", "verify", b});
  EXPECT_EQ(1, v.rc);
  EXPECT_EQ("", v.out);
  // The duplicate comes first among the member problems (after the
  // whole-file trailer line), and the FAILED count includes it.
  std::string dup = "netstat verify: " + b +
                    ": proc/net/tcp: 3 members with this name (the last one is read)\n";
  EXPECT_NE(std::string::npos, v.err.find(dup)) << v.err;
  EXPECT_EQ(std::string::npos, v.err.find("proc/net/udp: 2 members")) << v.err;
  EXPECT_NE(std::string::npos, v.err.find(": FAILED (")) << v.err;
}

}  // namespace
}  // namespace netstat
