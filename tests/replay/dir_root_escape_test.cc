// --root=DIR on an unpacked customer tree: absolute and ".." symlinks must
// resolve inside DIR (openat2 RESOLVE_IN_ROOT), never reaching the analyst's
// own /etc or /proc; FIFOs, devices and huge files must not block or exhaust
// memory. The live root "/" is unaffected. Every case runs twice: with
// openat2, and with the user-space walk kernels before 5.6 get
// (NETSTAT_NO_OPENAT2=1, replay/open_in_root.h).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "replay/archive_reader.h"
#include "replay/live_root.h"
#include "replay/root.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

class DirRootEscape : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) ::setenv("NETSTAT_NO_OPENAT2", "1", 1);
    m_dir = fs::temp_directory_path() /
            ("netstat-dir-escape-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "etc");
    fs::create_directories(m_dir / "data");
    fs::create_directories(m_dir / "proc/100/fd");
    fs::create_directories(m_dir / "proc/net");  // a system tree (else refused)
    fs::create_symlink("socket:[5001]", m_dir / "proc/100/fd/3");
    write("proc/100/cmdline", std::string("sshd\0", 5));
  }
  void TearDown() override {
    ::unsetenv("NETSTAT_NO_OPENAT2");
    fs::remove_all(m_dir);
  }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((m_dir / rel).parent_path());
    std::ofstream(m_dir / rel, std::ios::binary) << text;
  }
  void link(const std::string& target, const std::string& rel) {
    fs::create_directories((m_dir / rel).parent_path());
    fs::create_symlink(target, m_dir / rel);
  }
  std::unique_ptr<Root> open(const ArchiveLimits& limits = ArchiveLimits{}) {
    Result<std::unique_ptr<Root>> r = open_root(m_dir.string(), limits);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(*r) : nullptr;
  }
  // A tree whose proc/net leads nowhere inside it is refused by open_root
  // (docs/compat.md, Roots); the tree itself must still keep every read in.
  std::unique_ptr<Root> open_refused_tree() {
    Result<std::unique_ptr<Root>> whole = open_root(m_dir.string());
    EXPECT_FALSE(whole.ok());
    if (!whole.ok()) {
      EXPECT_NE(whole.error().message.find("no proc/net in it"), std::string::npos)
          << whole.error().message;
    }
    Result<std::unique_ptr<Root>> r = open_root_base(m_dir.string(), ArchiveLimits{});
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(*r) : nullptr;
  }

  fs::path m_dir;
};

// The analyst's files exist (so an escape would succeed) ...
TEST_P(DirRootEscape, TheLiveRootIsUnaffected) {
  LiveRoot live;
  ASSERT_TRUE(live.read_file("/etc/passwd").ok());
  ASSERT_TRUE(live.list_dir("/proc/self/fd").ok());
  ASSERT_TRUE(live.read_file("/proc/self/net/tcp").ok());
}

// ... but inside a tree the same names lead back into the tree.
TEST_P(DirRootEscape, AbsoluteSymlinkToEtcPasswdStaysInside) {
  link("/etc/passwd", "etc/passwd");  // resolves to DIR/etc/passwd: itself
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  Result<std::string> r = root->read_file("/etc/passwd");
  ASSERT_FALSE(r.ok()) << "read the analyst's /etc/passwd: " << r->substr(0, 40);
  EXPECT_EQ(ELOOP, r.error().sys_errno);
  // Name lookups go through the tree's passwd, which leads nowhere.
  EXPECT_FALSE(root->names().user_by_uid(0).has_value());
  // readlink itself reports the stored text.
  Result<std::string> l = root->read_link("/etc/passwd");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ("/etc/passwd", *l);
}

TEST_P(DirRootEscape, AbsoluteSymlinkToAnotherFolderStaysInside) {
  link("/etc", "data/etc");          // DIR/etc, which has no hostname
  link("/etc/hostname", "data/hn");  // DIR/etc/hostname: absent
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  EXPECT_EQ(Errc::not_found, root->read_file("/data/etc/hostname").code());
  EXPECT_EQ(Errc::not_found, root->read_file("/data/hn").code());
  write("etc/hostname", "inside\n");
  Result<std::string> r = root->read_file("/data/hn");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ("inside\n", *r);
}

TEST_P(DirRootEscape, DotDotSymlinksStopAtTheTop) {
  fs::remove_all(m_dir / "proc");
  link("../../../../../../proc", "proc");  // DIR/proc: itself
  link("../../../../../../../../etc/passwd", "etc/passwd");
  std::unique_ptr<Root> root = open_refused_tree();
  ASSERT_TRUE(root);
  EXPECT_FALSE(root->read_file("/proc/net/tcp").ok());
  EXPECT_FALSE(root->list_dir("/proc/self/fd").ok());
  EXPECT_FALSE(root->read_file("/etc/passwd").ok());
}

TEST_P(DirRootEscape, ProcNetToTheAnalystsProcStaysInside) {
  fs::remove_all(m_dir / "proc/net");
  link("/proc/self/net", "proc/net");  // DIR/proc/self: absent
  std::unique_ptr<Root> root = open_refused_tree();
  ASSERT_TRUE(root);
  EXPECT_FALSE(root->read_file("/proc/net/tcp").ok());
  EXPECT_FALSE(root->list_dir("/proc/net").ok());
}

TEST_P(DirRootEscape, DotDotInTheRequestedPathStaysInside) {
  write("etc/services", "inside 1/tcp\n");
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  Result<std::string> r = root->read_file("/../../../../etc/services");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ("inside 1/tcp\n", *r);
  EXPECT_FALSE(root->read_file("/proc/../../../etc/passwd").ok());
}

TEST_P(DirRootEscape, MagicLinksAreNotFollowed) {
  // /proc/<pid>/fd links are "magic" in procfs; in a tree they are plain
  // text, and a link to the reader's own fds must not resolve.
  link("/proc/self/fd/0", "etc/hosts");
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  EXPECT_FALSE(root->read_file("/etc/hosts").ok());
  Result<std::vector<LinkEntry>> fds = root->read_links("/proc/100/fd");
  ASSERT_TRUE(fds.ok()) << fds.error().message;
  ASSERT_EQ(1u, fds->size());
  ASSERT_TRUE((*fds)[0].target.ok());
  EXPECT_EQ("socket:[5001]", *(*fds)[0].target);
}

TEST_P(DirRootEscape, FifoIsRefusedWithoutBlocking) {
  fs::create_directories(m_dir / "proc/net");
  ASSERT_EQ(0, ::mkfifo((m_dir / "proc/net/tcp").c_str(), 0600));
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  Result<std::string> r = root->read_file("/proc/net/tcp");  // would block
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Errc::invalid, r.code());
}

// A sparse file costs nothing on disk and everything in memory: directory
// roots get the archive reader's per-entry cap.
TEST_P(DirRootEscape, HugeFileIsRefusedNotRead) {
  fs::create_directories(m_dir / "proc/net");
  {
    std::ofstream f(m_dir / "proc/net/raw");
  }
  fs::resize_file(m_dir / "proc/net/raw", uintmax_t{3} << 30);
  std::unique_ptr<Root> root = open();
  ASSERT_TRUE(root);
  Result<std::string> r = root->read_file("/proc/net/raw");
  ASSERT_FALSE(r.ok()) << "read " << r->size() << " bytes";
  EXPECT_EQ(Errc::too_large, r.code());
}

// Refused from its size, before any allocation: with an address-space
// limit, reserving the file's 8 GiB up front ended in std::bad_alloc.
TEST_P(DirRootEscape, HugeFileIsRefusedWithoutAllocating) {
  fs::create_directories(m_dir / "proc/net");
  {
    std::ofstream f(m_dir / "proc/net/raw");
  }
  fs::resize_file(m_dir / "proc/net/raw", uintmax_t{8} << 30);
  pid_t pid = ::fork();
  if (pid == 0) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer's shadow already holds terabytes of address space,
    // so RLIMIT_AS would fail every later mapping: measure the peak RSS
    // instead (an 8 GiB allocation would also abort under ASan).
    constexpr bool kBoundAddressSpace = false;
#else
    constexpr bool kBoundAddressSpace = true;
#endif
    if (kBoundAddressSpace) {
      struct rlimit rl = {size_t{1} << 30, size_t{1} << 30};
      ::setrlimit(RLIMIT_AS, &rl);
    }
    try {
      Result<std::unique_ptr<Root>> root = open_root(m_dir.string());
      if (!root.ok()) ::_exit(3);
      Result<std::string> r = (*root)->read_file("/proc/net/raw");
      struct rusage ru {};
      ::getrusage(RUSAGE_SELF, &ru);
      if (ru.ru_maxrss > (long{1} << 20)) ::_exit(6);  // KiB: over 1 GiB resident
      ::_exit(!r.ok() && r.code() == Errc::too_large ? 0 : 4);
    } catch (...) {
      ::_exit(5);  // std::bad_alloc
    }
  }
  int ws = 0;
  ::waitpid(pid, &ws, 0);
  ASSERT_TRUE(WIFEXITED(ws)) << "killed by signal " << WTERMSIG(ws);
  EXPECT_EQ(0, WEXITSTATUS(ws));
}

TEST_P(DirRootEscape, HugeFileCapFollowsTheLimits) {
  write("proc/net/tcp", std::string(5000, 'x'));
  ArchiveLimits small;
  small.max_entry_size = 4096;
  std::unique_ptr<Root> root = open(small);
  ASSERT_TRUE(root);
  Result<std::string> r = root->read_file("/proc/net/tcp");
  ASSERT_FALSE(r.ok()) << "read " << r->size() << " bytes";
  EXPECT_EQ(Errc::too_large, r.code());
}

TEST_P(DirRootEscape, IdentityOfATreeIsItsReader) {
  // A bare tree has no manifest: its readable /proc/<pid>/fd entries depend on
  // who reads it, so 2.10's "geteuid()=N" note names the reader's euid.
  SystemIdentity id = open()->identity();
  EXPECT_EQ(id.euid, static_cast<uint32_t>(::geteuid()));
  EXPECT_EQ(id.hostname, "");
  EXPECT_EQ(id.kernel_release, "");
}

INSTANTIATE_TEST_SUITE_P(Kernel, DirRootEscape, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return std::string(p.param ? "Walk" : "Openat2");
                         });

}  // namespace
}  // namespace netstat
