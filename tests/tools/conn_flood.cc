// conn_flood: opens many loopback TCP connections fast and holds them, for
// bench/sockets_bench.sh. Run it inside a fresh `unshare -n` namespace with
// lo up; it never touches the caller's namespace.
//
//   conn_flood CONNECTIONS PROCESSES   open CONNECTIONS connections (2 sockets
//                                      each) held by PROCESSES worker processes
//                                      (more if RLIMIT_NOFILE requires), each
//                                      with its own listener (port 5000 + n);
//                                      print "ready", wait for SIGTERM
//   conn_flood --scan-fds              readlink every /proc/*/fd/* and print
//                                      how many are sockets (the bare cost of
//                                      the -p scan, for comparison)
//
// Clients bind explicit source addresses (127.2.x.y, ports 10000-59999), so
// no ephemeral-port search limits the count. somaxconn is raised (root).
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr int kListenPort = 5000;
constexpr long kPortsPerAddress = 50000;
constexpr long kBatch = 512;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "conn_flood: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

void check(bool ok, const std::string& what) {
  if (!ok) die(what);
}

// Raises the soft RLIMIT_NOFILE as far as the hard limit allows (containers
// often lack CAP_SYS_RESOURCE, so the hard limit is fixed); returns it.
long raise_nofile() {
  rlimit rl{};
  check(getrlimit(RLIMIT_NOFILE, &rl) == 0, "getrlimit");
  rl.rlim_cur = rl.rlim_max;
  check(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit(RLIMIT_NOFILE)");
  return rl.rlim_max == RLIM_INFINITY ? 1L << 20 : static_cast<long>(rl.rlim_max);
}

void write_sysctl(const char* path, const char* value) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return;
  ssize_t n = write(fd, value, std::strlen(value));
  (void)n;
  close(fd);
}

sockaddr_in v4(uint32_t host_order_addr, int port) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(host_order_addr);
  sin.sin_port = htons(static_cast<uint16_t>(port));
  return sin;
}

const sockaddr* sa(const sockaddr_in& sin) { return reinterpret_cast<const sockaddr*>(&sin); }

// Connection \a index's client address: 127.2.0.0 + index / 50000, port
// 10000 + index % 50000.
sockaddr_in client_address(long index) {
  uint32_t base = (127u << 24) | (2u << 16);
  return v4(base + static_cast<uint32_t>(index / kPortsPerAddress),
            static_cast<int>(10000 + index % kPortsPerAddress));
}

int listen_on(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  check(fd >= 0, "socket (listener)");
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in server = v4((127u << 24) | 1u, port);
  check(bind(fd, sa(server), sizeof server) == 0, "bind listener port " + std::to_string(port));
  check(listen(fd, 65535) == 0, "listen");
  return fd;
}

// A worker: listens on its own port (so it holds exactly its own sockets),
// opens connections [first, last) to it and accepts them.
void open_connections(int port, long first, long last) {
  int listener = listen_on(port);
  sockaddr_in server = v4((127u << 24) | 1u, port);
  int one = 1;
  for (long start = first; start < last; start += kBatch) {
    long end = std::min(last, start + kBatch);
    for (long i = start; i < end; ++i) {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      check(fd >= 0, "socket");
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      sockaddr_in me = client_address(i);
      check(bind(fd, sa(me), sizeof me) == 0, "bind client " + std::to_string(i));
      check(connect(fd, sa(server), sizeof server) == 0, "connect " + std::to_string(i));
    }
    for (long i = start; i < end; ++i) {
      check(accept(listener, nullptr, nullptr) >= 0, "accept");
    }
  }
}

volatile std::sig_atomic_t g_stop = 0;
void on_stop(int) { g_stop = 1; }

int flood(long connections, long processes) {
  write_sysctl("/proc/sys/net/core/somaxconn", "65535");
  write_sysctl("/proc/sys/net/ipv4/tcp_max_syn_backlog", "65535");
  long limit = raise_nofile();
  long per_process = (limit - 32) / 2;  // connections one worker can hold
  if (per_process < 1) die("RLIMIT_NOFILE too small");
  long needed = (connections + per_process - 1) / per_process;
  if (needed > processes) {
    std::fprintf(stderr, "conn_flood: note: %ld processes instead of %ld (RLIMIT_NOFILE %ld)\n",
                 needed, processes, limit);
    processes = needed;
  }

  int ready[2];
  check(pipe(ready) == 0, "pipe");
  std::vector<pid_t> pids;
  for (long w = 0; w < processes; ++w) {
    long first = w * connections / processes;
    long last = (w + 1) * connections / processes;
    pid_t pid = fork();
    check(pid >= 0, "fork (worker " + std::to_string(w) + ")");
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      close(ready[0]);
      open_connections(kListenPort + static_cast<int>(w), first, last);
      char byte = 'r';
      if (write(ready[1], &byte, 1) != 1) _exit(1);
      close(ready[1]);
      for (;;) pause();
    }
    pids.push_back(pid);
  }
  close(ready[1]);
  long started = 0;
  char buf[4096];
  for (;;) {
    ssize_t n = read(ready[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    started += n;
  }
  if (started != processes) {
    std::fprintf(stderr, "conn_flood: only %ld of %ld workers got ready\n", started, processes);
    for (pid_t pid : pids) kill(pid, SIGKILL);
    return 1;
  }

  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, nullptr);
  struct sigaction act {};
  act.sa_handler = on_stop;
  sigaction(SIGTERM, &act, nullptr);
  sigaction(SIGINT, &act, nullptr);
  std::printf("ready\n");
  std::fflush(stdout);
  sigset_t wait_mask;
  sigprocmask(SIG_BLOCK, nullptr, &wait_mask);
  sigdelset(&wait_mask, SIGTERM);
  sigdelset(&wait_mask, SIGINT);
  while (g_stop == 0) sigsuspend(&wait_mask);
  for (pid_t pid : pids) kill(pid, SIGKILL);
  for (pid_t pid : pids) waitpid(pid, nullptr, 0);
  return 0;
}

bool all_digits(const char* s) {
  if (*s == '\0') return false;
  for (; *s != '\0'; ++s) {
    if (*s < '0' || *s > '9') return false;
  }
  return true;
}

int scan_fds() {
  long links = 0;
  long sockets = 0;
  DIR* proc = opendir("/proc");
  check(proc != nullptr, "opendir /proc");
  char path[512];
  char target[256];
  while (dirent* p = readdir(proc)) {
    if (!all_digits(p->d_name)) continue;
    std::snprintf(path, sizeof path, "/proc/%s/fd", p->d_name);
    DIR* fds = opendir(path);
    if (fds == nullptr) continue;
    int dir_fd = dirfd(fds);
    while (dirent* f = readdir(fds)) {
      if (f->d_name[0] == '.') continue;
      ssize_t n = readlinkat(dir_fd, f->d_name, target, sizeof target - 1);
      if (n <= 0) continue;
      ++links;
      if (n > 8 && std::memcmp(target, "socket:[", 8) == 0) ++sockets;
    }
    closedir(fds);
  }
  closedir(proc);
  std::printf("%ld fd links, %ld sockets\n", links, sockets);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--scan-fds") == 0) return scan_fds();
  if (argc != 3) {
    std::fprintf(stderr, "usage: conn_flood CONNECTIONS PROCESSES | conn_flood --scan-fds\n");
    return 2;
  }
  long connections = std::atol(argv[1]);
  long processes = std::atol(argv[2]);
  if (connections < 0 || processes < 1) {
    std::fprintf(stderr, "conn_flood: bad counts\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  return flood(connections, processes);
}
