// socket_churn: makes /proc a moving target for capture tests
// (tests/oracle/capture_faults.sh). Worker processes open and close
// thousands of sockets per second (TCP pairs on loopback, UDP, UNIX) and keep
// forking short-lived children that open sockets and exit, so fds close and
// whole /proc/<pid> folders vanish while a capture walks them.
//
//   socket_churn [--workers N] [--seconds S] [--pause-us U]
//
// --pause-us sleeps U microseconds after each burst (~50 sockets), so a
// test on a small, shared machine can ask for "thousands a second" rather
// than every cycle the CPUs have.
//
// Killing the parent ends the workers too (PR_SET_PDEATHSIG).
// Prints "ready" once the workers run, then "ops N" (sockets opened) at the
// end. Run it inside `unshare -n` (after `ip link set lo up`).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int tcp_listener(sockaddr_in& addr) {
  int l = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (l < 0) return -1;
  std::memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(l, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(l, 128) != 0 ||
      ::getsockname(l, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(l);
    return -1;
  }
  return l;
}

// One round: a burst of sockets of every kind, then all closed.
long burst(int listener, const sockaddr_in& addr) {
  std::vector<int> fds;
  for (int i = 0; i < 16; ++i) {
    int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c < 0) break;
    fds.push_back(c);
    if (::connect(c, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
      int a = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (a >= 0) fds.push_back(a);
    }
  }
  for (int i = 0; i < 8; ++i) {
    int u = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (u >= 0) fds.push_back(u);
  }
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0) {
    fds.push_back(pair[0]);
    fds.push_back(pair[1]);
  }
  long n = static_cast<long>(fds.size());
  for (int fd : fds) ::close(fd);
  return n;
}

long worker(double seconds, long pause_us) {
  sockaddr_in addr;
  int listener = tcp_listener(addr);
  if (listener < 0) return 0;
  long ops = 0;
  auto end = Clock::now() + std::chrono::duration<double>(seconds);
  int round = 0;
  while (Clock::now() < end) {
    ops += burst(listener, addr);
    if (pause_us > 0) ::usleep(static_cast<useconds_t>(pause_us));
    if (++round % 8 == 0) {
      // A child that holds sockets for a moment and exits: its /proc/<pid>
      // disappears under the capture's feet.
      pid_t pid = ::fork();
      if (pid == 0) {
        std::vector<int> held;
        for (int i = 0; i < 32; ++i) {
          int s = ::socket(AF_INET, SOCK_DGRAM, 0);
          if (s >= 0) held.push_back(s);
        }
        ::usleep(static_cast<useconds_t>(1000 + (round % 5) * 1000));
        ::_exit(0);
      }
      ops += 32;
      while (::waitpid(-1, nullptr, WNOHANG) > 0) {
      }
    }
  }
  while (::waitpid(-1, nullptr, 0) > 0) {
  }
  ::close(listener);
  return ops;
}

}  // namespace

int main(int argc, char** argv) {
  int workers = 4;
  double seconds = 10;
  long pause_us = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--workers") {
      workers = std::atoi(argv[i + 1]);
    } else if (a == "--seconds") {
      seconds = std::atof(argv[i + 1]);
    } else if (a == "--pause-us") {
      pause_us = std::atol(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: socket_churn [--workers N] [--seconds S] [--pause-us U]\n");
      return 2;
    }
  }
  std::vector<pid_t> pids;
  int pipes[2];
  if (::pipe(pipes) != 0) return 1;
  for (int w = 0; w < workers; ++w) {
    pid_t pid = ::fork();
    if (pid == 0) {
      // Workers end with their parent (a test kills only the pid it knows).
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() == 1) ::_exit(0);
      ::close(pipes[0]);
      long ops = worker(seconds, pause_us);
      (void)!::write(pipes[1], &ops, sizeof ops);
      ::_exit(0);
    }
    pids.push_back(pid);
  }
  ::close(pipes[1]);
  std::printf("ready\n");
  std::fflush(stdout);
  long total = 0;
  long ops = 0;
  while (::read(pipes[0], &ops, sizeof ops) == static_cast<ssize_t>(sizeof ops)) {
    total += ops;
  }
  for (pid_t p : pids) ::waitpid(p, nullptr, 0);
  std::printf("ops %ld\n", total);
  return 0;
}
