// The command line on hostile bundles, in process: `netstat verify` and
// `--root=` must answer with one clean line (no raw terminal escapes from
// member names) and must never block on a FIFO or read a device forever.
// The whole corpus runs through the binary in tests/oracle/hostile_bundles.sh.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "src/app.h"
#include "tests/replay/hostile_tar.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using testing::HostileMember;
using Kind = HostileMember::Kind;

struct ChildRun {
  int status = -1;      ///< exit status, or -1 when killed
  int signal = 0;       ///< the signal that ended the child
  std::string out;
  std::string err;
};

// Runs netstat::run in a child with a time limit, so a hang fails the test
// instead of the suite.
ChildRun run_child(std::vector<std::string> args, unsigned seconds = 10) {
  int pipes[2][2];
  if (::pipe(pipes[0]) != 0 || ::pipe(pipes[1]) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(seconds);
    Output out, err;
    int rc = run(args, out, err);
    std::string o = out.str(), e = err.str();
    (void)!::write(pipes[0][1], o.data(), o.size());
    (void)!::write(pipes[1][1], e.data(), e.size());
    ::_exit(rc);
  }
  ::close(pipes[0][1]);
  ::close(pipes[1][1]);
  ChildRun r;
  for (int i = 0; i < 2; ++i) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(pipes[i][0], buf, sizeof buf)) > 0) {
      (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
    }
    ::close(pipes[i][0]);
  }
  int ws = 0;
  ::waitpid(pid, &ws, 0);
  if (WIFEXITED(ws)) r.status = WEXITSTATUS(ws);
  if (WIFSIGNALED(ws)) r.signal = WTERMSIG(ws);
  return r;
}

class HostileCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("netstat-hostile-cli-" + std::to_string(::getpid()));
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string write_file(const std::string& name, const std::string& bytes) {
    std::string p = (m_dir / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  fs::path m_dir;
};

TEST_F(HostileCli, VerifyOnAFifoDoesNotBlock) {
  std::string fifo = (m_dir / "bundle.fifo").string();
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  ChildRun r = run_child({"netstat", "verify", fifo});
  EXPECT_EQ(0, r.signal) << "killed: verify blocked on the FIFO";
  EXPECT_EQ(1, r.status);
  EXPECT_EQ("netstat verify: " + fifo + ": not a regular file\n", r.err);
}

TEST_F(HostileCli, VerifyOnADeviceDoesNotReadIt) {
  ChildRun r = run_child({"netstat", "verify", "/dev/zero"});
  EXPECT_EQ(0, r.signal);
  EXPECT_EQ(1, r.status);
  EXPECT_EQ("netstat verify: /dev/zero: not a regular file\n", r.err);
}

TEST_F(HostileCli, RootOnAFifoIsRefused) {
  std::string fifo = (m_dir / "root.fifo").string();
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  ChildRun r = run_child({"netstat", "--root=" + fifo, "-tan"});
  EXPECT_EQ(0, r.signal);
  EXPECT_EQ(2, r.status);
  EXPECT_EQ("netstat: " + fifo + ": neither a directory nor a bundle file\n", r.err);
}

// A member name is attacker-chosen: "\x1b[2J" clears the analyst's screen,
// "\x1b]0;...\x07" retitles it, "\n" forges more lines.
TEST_F(HostileCli, VerifyEscapesMemberNames) {
  std::string bundle = write_file(
      "esc.tar", testing::hostile_tar({{Kind::file, "manifest.json",
                                        R"({"format": "netstat-bundle", "format_version": 1,
                                            "entries": []})"},
                                       {Kind::file, "proc/\x1b[2J\nnetstat verify: OK", "x"}}));
  ChildRun r = run_child({"netstat", "verify", bundle});
  EXPECT_EQ(0, r.signal);
  EXPECT_EQ(1, r.status);
  EXPECT_EQ(std::string::npos, r.err.find('\x1b')) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("proc/\\x1b[2J\\x0anetstat verify: OK")) << r.err;
  for (size_t nl = r.err.find('\n'); nl != std::string::npos && nl + 1 < r.err.size();
       nl = r.err.find('\n', nl + 1)) {
    EXPECT_EQ(0u, r.err.compare(nl + 1, 16, "netstat verify: ")) << r.err;
  }
}

TEST_F(HostileCli, RootErrorEscapesMemberNames) {
  std::string bundle = write_file(
      "esc.tar", testing::hostile_tar({{Kind::file, "../\x1b]0;pwned\x07\n", "x"}}));
  ChildRun r = run_child({"netstat", "--root=" + bundle, "-tan"});
  EXPECT_EQ(0, r.signal);
  EXPECT_EQ(2, r.status);
  EXPECT_EQ("netstat: " + bundle +
                ": refusing member name with '..': '../\\x1b]0;pwned\\x07\\x0a'\n",
            r.err);
}

TEST_F(HostileCli, EmptyAndRandomFilesAreOneLineErrors) {
  std::string empty = write_file("empty.tar.zst", "");
  std::string junk = write_file("junk", std::string(4096, '\x9b'));
  for (const std::string& f : {empty, junk}) {
    ChildRun r = run_child({"netstat", "--root=" + f, "-tan"});
    EXPECT_EQ(2, r.status) << f;
    EXPECT_EQ(0u, r.err.find("netstat: " + f + ": ")) << r.err;
    EXPECT_EQ(r.err.size() - 1, r.err.find('\n')) << r.err;
    ChildRun v = run_child({"netstat", "verify", f});
    EXPECT_EQ(1, v.status) << f;
    EXPECT_EQ(0u, v.err.find("netstat verify: " + f + ": ")) << v.err;
    EXPECT_EQ(v.err.size() - 1, v.err.find('\n')) << v.err;
  }
}

}  // namespace
}  // namespace netstat
