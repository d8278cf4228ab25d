// The terminal-escaping default: a snapshot's names and paths reach a
// terminal with their control bytes escaped (a process named
// "a\e]0;pwned\a" must not retitle the analyst's terminal); piped output
// stays byte-identical to 2.10; --raw-strings turns the default off and
// --safe-strings forces escaping anywhere. Runs under a pseudo-terminal.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "replay/memory_root.h"
#include "src/app.h"
#include "src/output.h"

namespace netstat {
namespace {

constexpr const char* kEvil = "a\x1b]0;pwned\x07";

void fill_hostile(MemoryRoot& root) {
  root.add_file("/proc/net/tcp",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                "retrnsmt   uid  timeout inode\n"
                "   0: 0100007F:0016 0100007F:D431 01 00000000:00000000 00:00000000 "
                "00000000  1000        0 99 1 0000000000000000 100 0 0 10 0\n");
  root.add_dir("/proc/7/fd");
  root.add_file("/proc/7/cmdline", std::string(kEvil) + '\0');
  root.add_symlink("/proc/7/fd/3", "socket:[99]");
}

struct Tty {
  int master = -1;
  int slave = -1;
  Tty() {
    termios t{};
    cfmakeraw(&t);  // no \n -> \r\n translation: compare bytes
    if (::openpty(&master, &slave, nullptr, &t, nullptr) != 0) master = slave = -1;
  }
  ~Tty() {
    if (master >= 0) ::close(master);
    if (slave >= 0) ::close(slave);
  }
  std::string drain() const {
    ::fcntl(master, F_SETFL, O_NONBLOCK);
    std::string s;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(master, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
    return s;
  }
};

// Runs netstat on \a root with stdout on the terminal \a tty.
std::string run_on_tty(const Tty& tty, const MemoryRoot& root, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output err;
  {
    Output out(tty.slave, true);
    EXPECT_EQ(run(args, out, err, &root), 0) << err.str();
  }
  return tty.drain();
}

std::string run_in_memory(const MemoryRoot& root, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out;
  Output err;
  EXPECT_EQ(run(args, out, err, &root), 0) << err.str();
  return out.str();
}

TEST(TerminalStrings, SnapshotOnATerminalIsEscapedByDefault) {
  Tty tty;
  if (tty.master < 0) GTEST_SKIP() << "no pseudo-terminal";
  MemoryRoot root;
  fill_hostile(root);
  std::string shown = run_on_tty(tty, root, {"-tnp"});
  EXPECT_NE(shown.find("7/a\\x1b]0;pwned\\x07"), std::string::npos) << shown;
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.find('\x07'), std::string::npos);
}

TEST(TerminalStrings, RawStringsTurnsTheDefaultOff) {
  Tty tty;
  if (tty.master < 0) GTEST_SKIP() << "no pseudo-terminal";
  MemoryRoot root;
  fill_hostile(root);
  std::string shown = run_on_tty(tty, root, {"-tnp", "--raw-strings"});
  EXPECT_NE(shown.find(std::string("7/") + kEvil), std::string::npos) << shown;
  // The last of --safe-strings / --raw-strings wins.
  shown = run_on_tty(tty, root, {"-tnp", "--raw-strings", "--safe-strings"});
  EXPECT_NE(shown.find("7/a\\x1b]0;pwned\\x07"), std::string::npos) << shown;
}

TEST(TerminalStrings, PipedOutputStaysRaw) {
  MemoryRoot root;
  fill_hostile(root);
  std::string piped = run_in_memory(root, {"-tnp"});
  EXPECT_NE(piped.find(std::string("7/") + kEvil), std::string::npos) << piped;
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  std::vector<std::string> args{"netstat", "-tnp"};
  Output err;
  {
    Output out(p[1]);
    EXPECT_EQ(run(args, out, err, &root), 0);
  }
  ::close(p[1]);
  std::string got;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(p[0], buf, sizeof buf)) > 0) got.append(buf, static_cast<size_t>(n));
  ::close(p[0]);
  EXPECT_EQ(got, piped);
  // --safe-strings escapes in a pipe too.
  EXPECT_NE(run_in_memory(root, {"-tnp", "--safe-strings"}).find("7/a\\x1b]0;pwned\\x07"),
            std::string::npos);
}

}  // namespace
}  // namespace netstat
