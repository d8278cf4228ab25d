// Tests for the one /proc/<pid>/fd walk (replay/fd_walk.h): 2.10's link and
// program-name rules, which entries are visited in which order, and when
// cmdline is read.
#include "replay/fd_walk.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "replay/memory_root.h"

namespace netstat {
namespace {

TEST(SocketInodeFromLink, AcceptedForms) {
  EXPECT_EQ(12345u, socket_inode_from_link("socket:[12345]").value_or(1));
  EXPECT_EQ(12u, socket_inode_from_link("socket:[12]").value_or(1));
  EXPECT_EQ(1009u, socket_inode_from_link("socket:[0x3f1]").value_or(1));
  EXPECT_EQ(9u, socket_inode_from_link("socket:[011]").value_or(1));
  EXPECT_EQ(0u, socket_inode_from_link("socket:[00]").value_or(1));
  EXPECT_EQ(14u, socket_inode_from_link("socket:[ 14]").value_or(1));
  EXPECT_EQ(15u, socket_inode_from_link("socket:[+15]").value_or(1));
  EXPECT_EQ(13u, socket_inode_from_link("[0000]:13").value_or(1));
  EXPECT_EQ(16u, socket_inode_from_link("[0000]:0x10").value_or(1));
}

TEST(SocketInodeFromLink, RejectedForms) {
  EXPECT_FALSE(socket_inode_from_link("socket:[5]"));  // shorter than 11 bytes
  EXPECT_FALSE(socket_inode_from_link("socket:[16"));
  EXPECT_FALSE(socket_inode_from_link("socket:[16]]"));
  EXPECT_FALSE(socket_inode_from_link("socket:[-1]"));  // ULONG_MAX
  EXPECT_FALSE(socket_inode_from_link("socket:[08]"));  // bad octal
  EXPECT_FALSE(socket_inode_from_link("socket:[]]]"));
  EXPECT_FALSE(socket_inode_from_link("[0000]:"));
  EXPECT_FALSE(socket_inode_from_link("pipe:[12345]"));
  EXPECT_FALSE(socket_inode_from_link("/dev/null"));
  // Only 29 bytes of a link are read: the ']' is lost.
  EXPECT_FALSE(socket_inode_from_link("socket:[000000000000000000004007]"));
  EXPECT_EQ(18446744073709551614u,
            socket_inode_from_link("socket:[-2]").value_or(1));
}

TEST(ProgramName, Rules) {
  using namespace std::string_literals;
  EXPECT_EQ("sshd", program_name("/usr/sbin/sshd\0-D\0"s));
  EXPECT_EQ("nginx: worker process", program_name("nginx: worker process\0"s));
  EXPECT_EQ("./relative/bin", program_name("./relative/bin\0"s));
  EXPECT_EQ("python3", program_name("/usr/bin/python3\0/usr/bin/foo\0"s));
  EXPECT_EQ("", program_name(""));
  EXPECT_EQ("", program_name("/\0"s));
  EXPECT_EQ(std::string(511, 'x'), program_name(std::string(600, 'x')));
}

class FdWalkTest : public testing::Test {
 protected:
  void proc(const std::string& pid, const std::string& cmdline,
            std::vector<std::pair<std::string, std::string>> fds) {
    root.add_dir("/proc/" + pid + "/fd");
    root.add_file("/proc/" + pid + "/cmdline", cmdline);
    for (auto& [fd, target] : fds) {
      root.add_symlink("/proc/" + pid + "/fd/" + fd, target);
    }
  }
  /// "pid:fd=inode,...;" per visit, "pid:!code" for an unreadable fd/,
  /// "+cmd" when cmdline was read.
  std::string walk(PidOrder order, const Root* from = nullptr, unsigned threads = 1,
                   const std::vector<std::string>* only = nullptr) {
    std::string seen;
    FdWalkThreads t;
    t.threads = threads;
    t.spawn_after_links = 0;
    Result<void> r = walk_fds(from != nullptr ? *from : root, order, [&](FdWalkProcess& p) {
      seen += std::string(p.pid) + ":";
      if (p.fd_error != nullptr) {
        seen += "!" + std::to_string(static_cast<int>(p.fd_error->code)) + ";";
        return;
      }
      for (const FdWalkProcess::Socket& s : p.sockets) {
        seen += std::string(s.fd) + "=" + std::to_string(s.inode) + ",";
      }
      if (p.cmdline) seen += p.cmdline->ok() ? "+" + std::string(program_name(**p.cmdline)) : "+?";
      seen += ";";
    }, only, t);
    EXPECT_TRUE(r.ok());
    return seen;
  }
  MemoryRoot root;
};

TEST_F(FdWalkTest, SocketLinksOnlyAndCmdlineOnlyWithSockets) {
  proc("41", "/bin/fds", {{"x3", "socket:[201]"}, {"4", "/dev/null"}, {"5", "socket:[202]"},
                          {"6", "[0000]:0x10"}, {"7", "pipe:[9]"}});
  proc("42", "/bin/none", {{"3", "/dev/null"}});
  root.add_dir("/proc/self");
  EXPECT_EQ("41:5=202,6=16,+fds;42:;", walk(PidOrder::listing));
}

TEST_F(FdWalkTest, ListingOrderOrAscendingPids) {
  proc("300", "/bin/a", {{"3", "socket:[100]"}});
  proc("20", "/bin/b", {{"3", "socket:[101]"}});
  proc("100000000000000000000", "/bin/c", {{"3", "socket:[102]"}});
  EXPECT_EQ("300:3=100,+a;20:3=101,+b;100000000000000000000:3=102,+c;",
            walk(PidOrder::listing));
  EXPECT_EQ("20:3=101,+b;300:3=100,+a;", walk(PidOrder::numeric));  // 21 digits skipped
}

TEST_F(FdWalkTest, FailuresAreReportedPerProcess) {
  root.add_error("/proc/11/fd", Errc::permission_denied);
  root.add_dir("/proc/12/fd");
  root.add_symlink("/proc/12/fd/3", "socket:[203]");  // no cmdline file
  EXPECT_EQ("11:!" + std::to_string(static_cast<int>(Errc::permission_denied)) +
                ";12:3=203,+?;",
            walk(PidOrder::listing));
}

TEST(FdWalk, ProcUnreadableFailsTheWalk) {
  MemoryRoot empty;
  Result<void> r = walk_fds(empty, PidOrder::listing, [](FdWalkProcess&) { FAIL(); });
  EXPECT_FALSE(r.ok());
}


/// MemoryRoot read from several threads: one read at a time, each after a
/// pause that varies, so the threads finish processes out of order.
class SlowSharedRoot : public Root {
 public:
  explicit SlowSharedRoot(const MemoryRoot& base) : m_base(base) {}
  template <typename F>
  auto locked(F&& f) const {
    std::lock_guard<std::mutex> l(m_mutex);
    m_readers.insert(std::this_thread::get_id());
    return f();
  }
  Result<std::string> read_file(std::string_view p) const override {
    return locked([&] { return m_base.read_file(p); });
  }
  Result<std::vector<DirEntry>> list_dir(std::string_view p) const override {
    return locked([&] { return m_base.list_dir(p); });
  }
  Result<std::string> read_link(std::string_view p) const override {
    return locked([&] { return m_base.read_link(p); });
  }
  Result<std::vector<LinkEntry>> read_links(std::string_view p) const override {
    std::this_thread::sleep_for(std::chrono::microseconds((m_calls++ * 7919) % 400));
    return locked([&] { return m_base.read_links(p); });
  }
  Result<std::vector<std::string>> interface_labels() const override { return m_base.interface_labels(); }
  Result<IfaceInfo> interface_info(std::string_view n) const override { return m_base.interface_info(n); }
  const NameService& names() const override { return m_base.names(); }
  SystemIdentity identity() const override { return m_base.identity(); }
  bool concurrent_reads() const override { return true; }
  std::string description() const override { return "slow"; }
  std::set<std::thread::id> readers() const {
    std::lock_guard<std::mutex> l(m_mutex);
    return m_readers;
  }

 private:
  const MemoryRoot& m_base;
  mutable std::mutex m_mutex;
  mutable std::set<std::thread::id> m_readers;
  mutable std::atomic<unsigned> m_calls{0};
};

TEST_F(FdWalkTest, ThreadsVisitInTheOrderOfOneWalk) {
  // Processes with a varying number of sockets, inodes shared between
  // them, unreadable fd/ directories and processes without sockets.
  for (int pid = 900; pid > 700; --pid) {
    std::string p = std::to_string(pid);
    if (pid % 17 == 0) {
      root.add_error("/proc/" + p + "/fd", Errc::permission_denied);
      continue;
    }
    std::vector<std::pair<std::string, std::string>> fds;
    for (int fd = 0; fd < pid % 13; ++fd) {
      fds.push_back({std::to_string(fd), "socket:[" + std::to_string(1000 + (pid * 3 + fd) % 250) + "]"});
    }
    fds.push_back({"99", "/dev/null"});
    proc(p, "/bin/p" + p, fds);
  }
  SlowSharedRoot shared(root);
  for (PidOrder order : {PidOrder::listing, PidOrder::numeric}) {
    std::string one = walk(order);
    EXPECT_EQ(one, walk(order, &shared, 1));
    EXPECT_EQ(one, walk(order, &shared, 4));
    EXPECT_EQ(one, walk(order, &shared, 2));
  }
  EXPECT_GT(shared.readers().size(), 1u);
  // Only named processes, one of them gone: skipped as by one thread.
  std::vector<std::string> only{"850", "1", "710", "851", "900"};
  std::string one = walk(PidOrder::listing, nullptr, 1, &only);
  EXPECT_EQ("850:", one.substr(0, 4));
  EXPECT_EQ(std::string::npos, one.find(";1:"));
  EXPECT_EQ(one, walk(PidOrder::listing, &shared, 3, &only));
}

TEST(FdWalkThreads, OneThreadUnlessReadsOverlap) {
  MemoryRoot root;
  EXPECT_EQ(1u, FdWalkThreads::for_root(root).threads);
}

}  // namespace
}  // namespace netstat
