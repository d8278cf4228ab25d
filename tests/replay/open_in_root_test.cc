// open_in_root's user-space walk (kernels before 5.6) must open exactly what
// openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) opens, and fail where it
// fails: a tree of awkward symlinks, every path both ways, compared by the
// opened file's identity (device, inode) or by errno.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "replay/open_in_root.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

struct Opened {
  int err = 0;  ///< errno, 0 when opened
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const Opened&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Opened& o) {
  if (o.err != 0) return os << "errno " << o.err << " (" << std::strerror(o.err) << ")";
  return os << "inode " << o.ino;
}

class OpenInRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("netstat-open-in-root-" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "etc");
    fs::create_directories(m_dir / "proc/100/net");
    fs::create_directories(m_dir / "a/b/c");
    std::ofstream(m_dir / "etc/hosts") << "127.0.0.1 inside\n";
    std::ofstream(m_dir / "proc/100/net/tcp") << "tcp\n";
    std::ofstream(m_dir / "a/b/c/file") << "deep\n";
    link("100", "proc/self");                   // relative, to a folder
    link("self/net", "proc/net");               // through another link
    link("/etc", "a/abs-etc");                  // absolute: the tree's /etc
    link("../../../../../../etc/hosts", "a/b/up-hosts");  // clamped at the top
    link("c/..", "a/b/c-dotdot");               // ".." after a real folder
    link("abs-etc/../a/b/c", "a/via");          // ".." after a link
    link("loop2", "a/loop1");
    link("loop1", "a/loop2");
    link("/", "a/to-top");
    link("file/x", "a/b/c/not-dir");
    link("/proc/self/fd/0", "a/magic");         // plain text in a tree
    m_root = ::open(m_dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(m_root, 0);
  }
  void TearDown() override {
    ::close(m_root);
    fs::remove_all(m_dir);
  }
  void link(const std::string& target, const std::string& rel) {
    ASSERT_EQ(0, ::symlink(target.c_str(), (m_dir / rel).c_str())) << rel;
  }
  Opened open(const std::string& path, int flags, bool walk_only) const {
    errno = 0;
    int fd = open_in_root(m_root, path, flags, walk_only);
    Opened o;
    if (fd < 0) {
      o.err = errno;
      return o;
    }
    struct stat st;
    EXPECT_EQ(0, ::fstat(fd, &st));
    o.dev = st.st_dev;
    o.ino = st.st_ino;
    ::close(fd);
    return o;
  }
  Opened inode_of(const std::string& rel) const {
    struct stat st;
    EXPECT_EQ(0, ::stat((m_dir / rel).c_str(), &st)) << rel;
    return Opened{0, st.st_dev, st.st_ino};
  }

  fs::path m_dir;
  int m_root = -1;
};

const char* const kPaths[] = {
    "/etc/hosts", "etc/hosts", "//etc//hosts", "/etc/./hosts", "/etc/hosts/",
    "/proc/net/tcp", "/proc/self/net/tcp", "/proc/self/", "/proc/self",
    "/../../etc/hosts", "/proc/../../../../etc/hosts", "/a/abs-etc/hosts",
    "/a/b/up-hosts", "/a/b/c-dotdot/c/file", "/a/via/file", "/a/loop1",
    "/a/loop1/x", "/a/to-top/etc/hosts", "/a/to-top", "/a/b/c/not-dir",
    "/a/magic", "/missing", "/missing/x", "/etc/hosts/x", "/", "", ".", "..",
    "/a/b/c/file/..", "/a/abs-etc/../proc/100/net/tcp",
};

TEST_F(OpenInRoot, TheWalkOpensWhatOpenat2Opens) {
  if (open("/etc/hosts", O_RDONLY, false).err == ENOSYS) {
    GTEST_SKIP() << "this kernel has no openat2: nothing to compare with";
  }
  for (const char* path : kPaths) {
    for (int flags : {O_RDONLY, O_RDONLY | O_DIRECTORY, O_PATH}) {
      EXPECT_EQ(open(path, flags, false), open(path, flags, true))
          << "path \"" << path << "\" flags " << flags;
    }
  }
}

// The expected answers, independent of openat2, for the kernels without it.
TEST_F(OpenInRoot, TheWalkStaysInsideTheTree) {
  EXPECT_EQ(inode_of("etc/hosts"), open("/a/b/up-hosts", O_RDONLY, true));
  EXPECT_EQ(inode_of("etc/hosts"), open("/../../etc/hosts", O_RDONLY, true));
  EXPECT_EQ(inode_of("etc/hosts"), open("/a/abs-etc/hosts", O_RDONLY, true));
  EXPECT_EQ(inode_of("etc/hosts"), open("/a/to-top/etc/hosts", O_RDONLY, true));
  EXPECT_EQ(inode_of("proc/100/net/tcp"), open("/proc/net/tcp", O_RDONLY, true));
  EXPECT_EQ(inode_of("a/b/c/file"), open("/a/via/file", O_RDONLY, true));
  EXPECT_EQ(inode_of("a/b/c/file"), open("/a/b/c-dotdot/c/file", O_RDONLY, true));
  EXPECT_EQ(inode_of("."), open("/a/to-top", O_RDONLY | O_DIRECTORY, true));
  EXPECT_EQ(inode_of("."), open("..", O_RDONLY | O_DIRECTORY, true));
  EXPECT_EQ(ELOOP, open("/a/loop1", O_RDONLY, true).err);
  EXPECT_EQ(ENOENT, open("/a/magic", O_RDONLY, true).err);
  EXPECT_EQ(ENOTDIR, open("/etc/hosts/x", O_RDONLY, true).err);
  EXPECT_EQ(ENOTDIR, open("/a/b/c/not-dir", O_RDONLY, true).err);
  EXPECT_EQ(ENOTDIR, open("/etc/hosts", O_RDONLY | O_DIRECTORY, true).err);
}

}  // namespace
}  // namespace netstat
