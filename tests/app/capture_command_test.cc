// `netstat capture` and `netstat verify` through netstat::run, in process:
// -o FILE, -o -, the default name, --root of a tree and of a bundle, exit
// statuses and messages.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <fstream>

#include "capture/bundle_writer.h"
#include "replay/archive_reader.h"
#include "src/app.h"
#include "src/output.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

struct Invocation {
  int status;
  std::string out;
  std::string err;
};

Invocation run_args(std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out;
  Output err;
  int status = run(args, out, err);
  return {status, out.str(), err.str()};
}

// Runs with stdout on \a fd (a terminal, /dev/full, a closed pipe).
Invocation run_to_fd(int fd, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output err;
  int status = 0;
  {
    Output out(fd);
    status = run(args, out, err);
  }
  return {status, "", err.str()};
}

unsigned file_mode(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CaptureCommand : public ::testing::Test {
 protected:
  void SetUp() override { testing::to_directory(testing::sample_tree(), tree()); }
  fs::path tree() const { return m_dir.path() / "tree"; }
  fs::path path(const std::string& name) const { return m_dir.path() / name; }

 private:
  testing::TempDir m_dir;
};

TEST_F(CaptureCommand, WritesTheNamedFileAndPrintsItsPath) {
  fs::path b = path("x.tar.zst");
  Invocation r = run_args({"capture", "--root=" + tree().string(), "-o", b.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, b.string() + "\n");
  EXPECT_EQ(r.err, "");
  Invocation v = run_args({"verify", b.string()});
  EXPECT_EQ(v.status, 0) << v.err;
  EXPECT_EQ(v.out.rfind(b.string() + ": OK (format 2, ", 0), 0u) << v.out;
}

TEST_F(CaptureCommand, BundleIsPrivateWhateverTheUmask) {
  fs::path b = path("x.tar.zst");
  mode_t old = ::umask(0);
  Invocation r = run_args({"capture", "--root=" + tree().string(), "-o", b.string()});
  ::umask(old);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(file_mode(b), 0600u);
}

TEST_F(CaptureCommand, ExistingFileIsKeptWithoutForce) {
  fs::path b = path("x.tar.zst");
  testing::write_file(b, "precious");
  Invocation r = run_args({"capture", "--root=" + tree().string(), "-o", b.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "netstat capture: " + b.string() +
                       ": File exists (use --force to overwrite)\n");
  EXPECT_EQ(slurp(b), "precious");
  // A dangling symlink counts too: the bundle must not land elsewhere.
  fs::path l = path("link.tar.zst");
  fs::create_symlink(path("elsewhere"), l);
  EXPECT_EQ(run_args({"capture", "--root=" + tree().string(), "-o", l.string()}).status, 1);
  EXPECT_FALSE(fs::exists(path("elsewhere")));
  for (const fs::directory_entry& e : fs::directory_iterator(b.parent_path())) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
}

TEST_F(CaptureCommand, ForceReplacesAnExistingFile) {
  fs::path b = path("x.tar.zst");
  testing::write_file(b, "old");
  ::chmod(b.c_str(), 0644);
  Invocation r =
      run_args({"capture", "--root=" + tree().string(), "--force", "-o", b.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(run_args({"verify", b.string()}).status, 0);
  EXPECT_EQ(file_mode(b), 0600u);
}

// --force replaces a file, never a device node or a FIFO (rename(2) would
// put the bundle in its place: `-o /dev/null --force` as root replaced
// /dev/null with a regular file).
TEST_F(CaptureCommand, ForceNeverReplacesAFifoOrDevice) {
  fs::path fifo = path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Invocation r =
      run_args({"capture", "--root=" + tree().string(), "--force", "-o", fifo.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "netstat capture: " + fifo.string() +
                       ": not a regular file (--force replaces only a file; to write into a "
                       "device or pipe use -o - and redirect)\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
  // Past the command's own check, the writer refuses too.
  WriteOptions wo;
  wo.overwrite = true;
  Recording rec;
  Result<void> w = write_bundle_file(rec, fifo.string(), wo);
  EXPECT_FALSE(w.ok());
  EXPECT_TRUE(fs::is_fifo(fifo));
  if (::geteuid() == 0) {  // a device node: only root can make one
    fs::path dev = path("null");
    ASSERT_EQ(::mknod(dev.c_str(), S_IFCHR | 0600, ::makedev(1, 3)), 0);
    EXPECT_EQ(run_args({"capture", "--root=" + tree().string(), "--force", "-o", dev.string()})
                  .status,
              1);
    EXPECT_TRUE(fs::is_character_file(dev));
  }
}

TEST_F(CaptureCommand, DashRefusesATerminal) {
  int master = -1;
  int slave = -1;
  ASSERT_EQ(::openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  Invocation r = run_to_fd(slave, {"capture", "--root=" + tree().string(), "-o", "-"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "netstat capture: -: refusing to write a binary bundle to a terminal "
            "(redirect it to a file or a pipe)\n");
  ::fcntl(master, F_SETFL, O_NONBLOCK);
  char buf[64];
  EXPECT_LE(::read(master, buf, sizeof buf), 0);  // nothing reached it
  ::close(slave);
  ::close(master);
}

TEST_F(CaptureCommand, DashOnAFullDiskFails) {
  int fd = ::open("/dev/full", O_WRONLY);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  Invocation r = run_to_fd(fd, {"capture", "--root=" + tree().string(), "-o", "-"});
  ::close(fd);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "netstat capture: -: write error: No space left on device\n");
}

TEST_F(CaptureCommand, DashOnAClosedPipeFails) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  ::close(p[0]);
  // SIGPIPE ignored, as under a parent that ignores it: EPIPE must surface.
  auto old = std::signal(SIGPIPE, SIG_IGN);
  Invocation r = run_to_fd(p[1], {"capture", "--root=" + tree().string(), "-o", "-"});
  std::signal(SIGPIPE, old);
  ::close(p[1]);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "netstat capture: -: write error: Broken pipe\n");
}

TEST_F(CaptureCommand, ListingOnAFullDiskIsAnError) {
  int fd = ::open("/dev/full", O_WRONLY);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  // 2.10 exits 0 here and the listing is lost (docs/compat.md).
  Invocation r = run_to_fd(fd, {"--root=" + tree().string(), "-tan"});
  ::close(fd);
  EXPECT_EQ(r.status, 1);
  // (the sample tree's tcp row draws 2.10's "bogus tcp line" warning first)
  const std::string msg = "netstat: write error: No space left on device\n";
  ASSERT_GE(r.err.size(), msg.size()) << r.err;
  EXPECT_EQ(r.err.substr(r.err.size() - msg.size()), msg);
}

TEST_F(CaptureCommand, DashWritesTheBundleToStdout) {
  Invocation r = run_args({"capture", "--root", tree().string(), "-o", "-"});
  ASSERT_EQ(r.status, 0) << r.err;
  Result<std::vector<ArchiveEntry>> e = decode_archive(r.out, "stdout", ArchiveLimits{});
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->front().path, "manifest.json");
  testing::write_file(path("s.tar.zst"), r.out);
  EXPECT_EQ(run_args({"verify", path("s.tar.zst").string()}).status, 0);
}

TEST_F(CaptureCommand, DefaultNameInTheCurrentFolder) {
  fs::path old = fs::current_path();
  fs::create_directory(path("cwd"));
  fs::current_path(path("cwd"));
  Invocation r = run_args({"capture", "--root=" + tree().string()});
  fs::current_path(old);
  ASSERT_EQ(r.status, 0) << r.err;
  // A tree has no hostname: netstat-unknown-YYYYMMDDTHHMMSSZ.tar.zst
  ASSERT_EQ(r.out.size(), std::string("netstat-unknown-20240501T120000Z.tar.zst\n").size());
  EXPECT_EQ(r.out.rfind("netstat-unknown-", 0), 0u);
  EXPECT_TRUE(fs::exists(path("cwd") / r.out.substr(0, r.out.size() - 1)));
}

TEST_F(CaptureCommand, ReplaysTheSameAsTheTree) {
  fs::path b = path("x.tar.zst");
  ASSERT_EQ(run_args({"capture", "--root=" + tree().string(), "-o", b.string()}).status, 0);
  Invocation from_tree = run_args({"--root=" + tree().string(), "-tanp"});
  Invocation from_bundle = run_args({"--root=" + b.string(), "-tanp"});
  EXPECT_EQ(from_bundle.out, from_tree.out);
  EXPECT_EQ(from_bundle.err, from_tree.err);
  EXPECT_EQ(from_bundle.status, from_tree.status);
}

TEST_F(CaptureCommand, BundleOfABundleVerifies) {
  fs::path a = path("a.tar.zst");
  fs::path b = path("b.tar.zst");
  ASSERT_EQ(run_args({"capture", "--root=" + tree().string(), "-o", a.string()}).status, 0);
  Invocation r = run_args({"capture", "--root=" + a.string(), "-o", b.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(run_args({"verify", b.string()}).status, 0);
}

TEST_F(CaptureCommand, MissingRootIsOneLine) {
  Invocation r = run_args({"capture", "--root=/nonexistent/tree", "-o", path("x").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "netstat capture: /nonexistent/tree: No such file or directory\n");
  EXPECT_FALSE(fs::exists(path("x")));
}

TEST_F(CaptureCommand, UnwritableTargetIsOneLine) {
  Invocation r = run_args({"capture", "--root=" + tree().string(), "-o", "/nonexistent/x.tar.zst"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "netstat capture: /nonexistent/x.tar.zst: cannot create a file in "
            "/nonexistent/: No such file or directory\n");
}

TEST_F(CaptureCommand, UnknownOptionIsAUsageError) {
  Invocation r = run_args({"capture", "--bogus"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
}

TEST_F(CaptureCommand, VerifyReportsAFlippedByte) {
  fs::path b = path("x.tar.zst");
  ASSERT_EQ(run_args({"capture", "--root=" + tree().string(), "-o", b.string()}).status, 0);
  std::string bytes = slurp(b);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  testing::write_file(b, bytes);
  Invocation v = run_args({"verify", b.string()});
  EXPECT_EQ(v.status, 1);
  EXPECT_EQ(v.out, "");
  EXPECT_EQ(v.err.rfind("netstat verify: " + b.string() + ": ", 0), 0u) << v.err;
}

TEST_F(CaptureCommand, VerifyOfATarWithoutManifest) {
  fs::path t = path("plain.tar.zst");
  testing::write_file(t, testing::to_tar(testing::sample_tree(), testing::Compression::zstd));
  Invocation v = run_args({"verify", t.string()});
  EXPECT_EQ(v.status, 1);
  EXPECT_EQ(v.err, "netstat verify: " + t.string() +
                       ": first member is not manifest.json (not a netstat bundle)\n");
}

TEST_F(CaptureCommand, VerifyNeedsABundle) {
  Invocation v = run_args({"verify"});
  EXPECT_EQ(v.status, 2);
  EXPECT_NE(v.err.find("BUNDLE"), std::string::npos) << v.err;
}

}  // namespace
}  // namespace netstat
