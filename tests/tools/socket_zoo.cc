// socket_zoo: builds a "zoo" of sockets for the live differential harness
// (tests/oracle/live_sockets.sh), then prints "ready" and sleeps until killed.
// Run it inside a fresh `unshare -n` namespace with lo up and the test
// addresses added (see kLongV6); it never touches the caller's namespace.
//
// The zoo covers what netstat 2.10 shows: TCP in LISTEN, ESTABLISHED,
// SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, CLOSING,
// TIME_WAIT;
// queued data (Recv-Q/Send-Q, listener backlogs); keepalive timers; IPv6
// with addresses too long for the 23-byte column and v4-mapped peers; UDP and
// UDP-Lite bound and connected; raw v4/v6; UNIX stream/dgram/seqpacket with
// paths, abstract names, unnamed, spaces and non-ASCII bytes; and child
// processes with long, odd and non-ASCII argv[0] holding some sockets.
//
// Usage: socket_zoo DIR   (DIR: an empty directory for UNIX paths and links)
#include <cerrno>
#include <cstddef>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr const char* kHoldEnv = "SOCKET_ZOO_HOLD_READY_FD";
constexpr const char* kLongV6 = "2001:db8:1234:5678:9abc:def0:1234:5678";
constexpr const char* kLongV6b = "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff";
constexpr int kIpprotoUdplite = 136;
constexpr size_t kMaxFd = 4096;  // the zoo opens a few hundred descriptors

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "socket_zoo: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

void check(bool ok, const std::string& what) {
  if (!ok) die(what);
}

// An IPv4 or IPv6 socket address built from text.
struct Addr {
  sockaddr_storage storage{};
  socklen_t len = 0;
  int family = AF_UNSPEC;

  static Addr parse(const char* host, int port) {
    Addr a;
    if (std::strchr(host, ':') != nullptr) {
      sockaddr_in6 sin6{};
      sin6.sin6_family = AF_INET6;
      sin6.sin6_port = htons(static_cast<uint16_t>(port));
      check(inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1, std::string("inet_pton ") + host);
      std::memcpy(&a.storage, &sin6, sizeof sin6);
      a.len = sizeof sin6;
      a.family = AF_INET6;
    } else {
      sockaddr_in sin{};
      sin.sin_family = AF_INET;
      sin.sin_port = htons(static_cast<uint16_t>(port));
      check(inet_pton(AF_INET, host, &sin.sin_addr) == 1, std::string("inet_pton ") + host);
      std::memcpy(&a.storage, &sin, sizeof sin);
      a.len = sizeof sin;
      a.family = AF_INET;
    }
    return a;
  }
  const sockaddr* sa() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

std::string describe(const char* host, int port) {
  return std::string(host) + " port " + std::to_string(port);
}

void set_int(int fd, int level, int name, int value, const char* what) {
  check(setsockopt(fd, level, name, &value, sizeof value) == 0, what);
}

void set_nonblocking(int fd, bool on) {
  int flags = fcntl(fd, F_GETFL);
  check(flags >= 0, "F_GETFL");
  flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  check(fcntl(fd, F_SETFL, flags) == 0, "F_SETFL");
}

enum class V6Only { kNo, kYes };

int inet_socket(int family, int type, int protocol, V6Only v6only = V6Only::kYes) {
  int fd = socket(family, type, protocol);
  check(fd >= 0, "socket(" + std::to_string(family) + "," + std::to_string(type) + "," +
                     std::to_string(protocol) + ")");
  set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
  if (family == AF_INET6 && type != SOCK_RAW) {  // raw sockets refuse V6ONLY
    set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only == V6Only::kYes ? 1 : 0, "IPV6_V6ONLY");
  }
  return fd;
}

void bind_to(int fd, const char* host, int port) {
  Addr a = Addr::parse(host, port);
  check(bind(fd, a.sa(), a.len) == 0, "bind " + describe(host, port));
}

// Small buffers keep queues small and stalls quick (the kernel doubles them).
void small_buffers(int fd) {
  set_int(fd, SOL_SOCKET, SO_SNDBUF, 4096, "SO_SNDBUF");
  set_int(fd, SOL_SOCKET, SO_RCVBUF, 4096, "SO_RCVBUF");
}

struct Listener {
  int fd = -1;
  const char* host = nullptr;
  int port = 0;
};

enum class Buffers { kDefault, kSmall };

Listener tcp_listen(const char* host, int port, int backlog, Buffers buffers = Buffers::kDefault,
                    V6Only v6only = V6Only::kYes) {
  Addr a = Addr::parse(host, port);
  int fd = inet_socket(a.family, SOCK_STREAM, 0, v6only);
  if (buffers == Buffers::kSmall) small_buffers(fd);
  bind_to(fd, host, port);
  check(listen(fd, backlog) == 0, "listen " + describe(host, port));
  return Listener{fd, host, port};
}

// Connects a client bound to (from, from_port) to (to, to_port); blocking.
int tcp_connect(const char* from, int from_port, const char* to, int to_port,
                Buffers buffers = Buffers::kDefault) {
  Addr dst = Addr::parse(to, to_port);
  int family = std::strchr(from, ':') != nullptr ? AF_INET6 : AF_INET;
  int fd = inet_socket(family, SOCK_STREAM, 0, V6Only::kNo);
  if (buffers == Buffers::kSmall) small_buffers(fd);
  bind_to(fd, from, from_port);
  check(connect(fd, dst.sa(), dst.len) == 0, "connect to " + describe(to, to_port));
  return fd;
}

int tcp_accept(const Listener& l) {
  int fd = accept(l.fd, nullptr, nullptr);
  check(fd >= 0, "accept on " + describe(l.host, l.port));
  return fd;
}

// Writes until the peer's window and our send buffer are full, so the
// socket's Send-Q (and the peer's Recv-Q) stay constant afterwards.
void fill(int fd) {
  static char chunk[65536];
  std::memset(chunk, 'z', sizeof chunk);
  set_nonblocking(fd, true);
  for (int quiet_rounds = 0; quiet_rounds < 3;) {
    ssize_t n = send(fd, chunk, sizeof chunk, MSG_NOSIGNAL);
    if (n > 0) {
      quiet_rounds = 0;
      continue;
    }
    check(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK), "send while filling");
    ++quiet_rounds;
    usleep(20000);
  }
  set_nonblocking(fd, false);
}

void send_text(int fd, std::string_view text) {
  check(send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()),
        "send");
}

// Waits until the peer has closed (recv() returns 0), dropping what it sent.
void drain_until_eof(int fd) {
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0) return;
    check(n > 0, "recv until EOF");
  }
}

void keepalive(int fd, int idle_seconds) {
  set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
  set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle_seconds, "TCP_KEEPIDLE");
  set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, 60, "TCP_KEEPINTVL");
}

// --- TCP -----------------------------------------------------------------

struct Zoo {
  std::string dir;
  std::vector<int> fds;  // every descriptor the zoo keeps open

  int keep(int fd) {
    check(fd >= 0 && static_cast<size_t>(fd) < kMaxFd, "descriptor out of range");
    fds.push_back(fd);
    return fd;
  }
};

// LISTEN, ESTABLISHED (+keepalive, queued data), FIN_WAIT1/2, CLOSE_WAIT,
// LAST_ACK, CLOSING, TIME_WAIT, SYN_SENT and SYN_RECV for one loopback address pair.
// \a base is the first client port used.
void tcp_family(Zoo& zoo, const char* addr, const char* peer, int base, int service_port,
                int plain_port) {
  Listener svc = tcp_listen(addr, service_port, 128);
  zoo.keep(svc.fd);
  Listener small = tcp_listen(addr, plain_port, 128, Buffers::kSmall);
  zoo.keep(small.fd);

  // ESTABLISHED with keepalive timers on both ends and a few bytes queued
  // unread on the server (Recv-Q).
  int c = zoo.keep(tcp_connect(peer, base, addr, service_port));
  int s = zoo.keep(tcp_accept(svc));
  keepalive(c, 7200);
  keepalive(s, 3600);
  send_text(c, "hello, zoo\n");

  // A stalled connection: the server fills the client, which never reads
  // (server Send-Q, client Recv-Q).
  c = zoo.keep(tcp_connect(peer, base + 1, addr, plain_port, Buffers::kSmall));
  s = zoo.keep(tcp_accept(small));
  fill(s);

  // FIN_WAIT1: the client's FIN waits behind data the server never reads.
  c = zoo.keep(tcp_connect(peer, base + 2, addr, plain_port, Buffers::kSmall));
  s = zoo.keep(tcp_accept(small));
  fill(c);
  check(shutdown(c, SHUT_WR) == 0, "shutdown (FIN_WAIT1)");

  // FIN_WAIT2 (client, still open) and CLOSE_WAIT (server).
  c = zoo.keep(tcp_connect(peer, base + 3, addr, service_port));
  s = zoo.keep(tcp_accept(svc));
  check(shutdown(c, SHUT_WR) == 0, "shutdown (FIN_WAIT2)");

  // LAST_ACK: after the client's FIN, the server fills the client and then
  // closes its side; its FIN stays queued behind the data.
  c = zoo.keep(tcp_connect(peer, base + 4, addr, plain_port, Buffers::kSmall));
  s = zoo.keep(tcp_accept(small));
  check(shutdown(c, SHUT_WR) == 0, "shutdown (client of LAST_ACK)");
  usleep(20000);
  fill(s);
  check(shutdown(s, SHUT_WR) == 0, "shutdown (LAST_ACK)");

  // CLOSING (simultaneous close): the client's FIN waits behind data the
  // server never reads; the server then closes its side, so the client sees
  // the server's FIN before its own is acknowledged. The server: FIN_WAIT2.
  c = zoo.keep(tcp_connect(peer, base + 11, addr, plain_port, Buffers::kSmall));
  s = zoo.keep(tcp_accept(small));
  fill(c);
  check(shutdown(c, SHUT_WR) == 0, "shutdown (client of CLOSING)");
  usleep(20000);
  check(shutdown(s, SHUT_WR) == 0, "shutdown (server of CLOSING)");

  // TIME_WAIT (60 s, kernel constant): client closes first, then the server.
  c = tcp_connect(peer, base + 5, addr, service_port);
  s = tcp_accept(svc);
  close(c);
  drain_until_eof(s);
  close(s);

  // A connection left in the accept queue (listener Recv-Q 1), with data.
  Listener queue = tcp_listen(addr, plain_port + 1, 16);
  zoo.keep(queue.fd);
  c = zoo.keep(tcp_connect(peer, base + 6, addr, plain_port + 1));
  send_text(c, "never accepted\n");

  // SYN_RECV: TCP_DEFER_ACCEPT keeps the request socket half-open until data
  // arrives, which it never does (the client side is ESTABLISHED).
  Listener deferred = tcp_listen(addr, plain_port + 2, 16);
  zoo.keep(deferred.fd);
  set_int(deferred.fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, 3600, "TCP_DEFER_ACCEPT");
  zoo.keep(tcp_connect(peer, base + 7, addr, plain_port + 2));

  // SYN_SENT: a listener with backlog 1 takes two connections into its
  // accept queue and drops further SYNs; the third client keeps retrying.
  Listener full = tcp_listen(addr, plain_port + 3, 1);
  zoo.keep(full.fd);
  zoo.keep(tcp_connect(peer, base + 8, addr, plain_port + 3));
  zoo.keep(tcp_connect(peer, base + 9, addr, plain_port + 3));
  {
    Addr dst = Addr::parse(addr, plain_port + 3);
    int fd = zoo.keep(inet_socket(dst.family, SOCK_STREAM, 0));
    set_int(fd, IPPROTO_TCP, TCP_SYNCNT, 127, "TCP_SYNCNT");
    bind_to(fd, peer, base + 10);
    set_nonblocking(fd, true);
    int rc = connect(fd, dst.sa(), dst.len);
    check(rc < 0 && errno == EINPROGRESS, "non-blocking connect (SYN_SENT)");
  }
}

void tcp_zoo(Zoo& zoo) {
  // IPv4 on three loopback addresses; 127.0.0.2 has a long name in the
  // harness's /etc/hosts, 127.1.2.3 none.
  tcp_family(zoo, "127.0.0.1", "127.0.0.1", 50000, 22, 40000);
  tcp_family(zoo, "127.0.0.2", "127.0.0.2", 50100, 443, 40100);
  zoo.keep(tcp_listen("0.0.0.0", 25, 128).fd);
  zoo.keep(tcp_listen("127.1.2.3", 8080, 128).fd);

  // IPv6: loopback, and the long addresses (43+ characters with the port).
  tcp_family(zoo, "::1", "::1", 51000, 80, 41000);
  tcp_family(zoo, kLongV6, kLongV6, 51100, 5432, 41100);
  zoo.keep(tcp_listen("::", 25, 128).fd);
  zoo.keep(tcp_listen(kLongV6b, 65535, 128).fd);

  // Dual-stack listener and v4-mapped peers: an IPv4 client accepted by an
  // IPv6 socket, and an IPv6 socket connected to 127.0.0.1.
  Listener dual = tcp_listen("::", 3306, 128, Buffers::kDefault, V6Only::kNo);
  zoo.keep(dual.fd);
  zoo.keep(tcp_connect("127.0.0.1", 52000, "127.0.0.1", 3306));
  zoo.keep(tcp_accept(dual));
  zoo.keep(tcp_connect("::", 52001, "::ffff:127.0.0.1", 22));
  zoo.keep(tcp_connect(kLongV6b, 52002, kLongV6, 5432));
}

// --- UDP, UDP-Lite, raw ----------------------------------------------------

int dgram(int family, int protocol, const char* host, int port) {
  int fd = inet_socket(family, SOCK_DGRAM, protocol);
  bind_to(fd, host, port);
  return fd;
}

void connect_to(int fd, const char* host, int port) {
  Addr a = Addr::parse(host, port);
  check(connect(fd, a.sa(), a.len) == 0, "connect to " + describe(host, port));
}

void udp_zoo(Zoo& zoo, int protocol) {
  bool lite = protocol == kIpprotoUdplite;
  int p = lite ? 1000 : 0;  // distinct ports per protocol
  zoo.keep(dgram(AF_INET, protocol, "0.0.0.0", 53 + p));
  int ntp = zoo.keep(dgram(AF_INET, protocol, "127.0.0.1", 123 + p));
  zoo.keep(dgram(AF_INET, protocol, "127.0.0.2", 5353 + p));
  int c4 = zoo.keep(dgram(AF_INET, protocol, "127.0.0.1", 53000 + p));
  connect_to(c4, "127.0.0.1", 123 + p);
  send_text(c4, "queued datagram\n");  // sits unread in ntp's Recv-Q
  send_text(c4, "and another\n");
  (void)ntp;

  zoo.keep(dgram(AF_INET6, protocol, "::", 53 + p));
  zoo.keep(dgram(AF_INET6, protocol, "::1", 161 + p));
  int lv6 = zoo.keep(dgram(AF_INET6, protocol, kLongV6, 514 + p));
  int c6 = zoo.keep(dgram(AF_INET6, protocol, "::1", 53001 + p));
  connect_to(c6, "::1", 161 + p);
  int c6long = zoo.keep(dgram(AF_INET6, protocol, kLongV6b, 53002 + p));
  connect_to(c6long, kLongV6, 514 + p);
  send_text(c6long, "to the long address\n");
  (void)lv6;
  // An IPv6 socket connected to an IPv4 peer (v4-mapped).
  int mapped = inet_socket(AF_INET6, SOCK_DGRAM, protocol, V6Only::kNo);
  zoo.keep(mapped);
  connect_to(mapped, "::ffff:127.0.0.1", 123 + p);
}

void raw_zoo(Zoo& zoo) {
  zoo.keep(inet_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
  zoo.keep(inet_socket(AF_INET, SOCK_RAW, IPPROTO_RAW));
  int bound = zoo.keep(inet_socket(AF_INET, SOCK_RAW, 253));
  bind_to(bound, "127.0.0.1", 0);
  int connected = zoo.keep(inet_socket(AF_INET, SOCK_RAW, 254));
  connect_to(connected, "127.0.0.2", 0);
  zoo.keep(inet_socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
  zoo.keep(inet_socket(AF_INET6, SOCK_RAW, IPPROTO_RAW));
  int bound6 = zoo.keep(inet_socket(AF_INET6, SOCK_RAW, 253));
  bind_to(bound6, kLongV6, 0);
}

// --- UNIX --------------------------------------------------------------------

// Binds to a filesystem path, or an abstract name when \a name starts with
// '@' (the '@' becomes the leading NUL; embedded "\0" bytes are kept).
void unix_bind(int fd, std::string_view name) {
  sockaddr_un sun{};
  sun.sun_family = AF_UNIX;
  check(name.size() < sizeof sun.sun_path, "UNIX name too long");
  std::memcpy(sun.sun_path, name.data(), name.size());
  if (name.front() == '@') sun.sun_path[0] = '\0';
  auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
  check(bind(fd, reinterpret_cast<const sockaddr*>(&sun), len) == 0,
        "bind UNIX " + std::string(name));
}

void unix_connect(int fd, std::string_view name) {
  sockaddr_un sun{};
  sun.sun_family = AF_UNIX;
  std::memcpy(sun.sun_path, name.data(), name.size());
  if (name.front() == '@') sun.sun_path[0] = '\0';
  auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
  check(connect(fd, reinterpret_cast<const sockaddr*>(&sun), len) == 0,
        "connect UNIX " + std::string(name));
}

int unix_socket(int type) {
  int fd = socket(AF_UNIX, type, 0);
  check(fd >= 0, "socket(AF_UNIX)");
  return fd;
}

// A listening socket at \a name with one accepted and one queued connection.
void unix_server(Zoo& zoo, int type, const std::string& name) {
  int l = zoo.keep(unix_socket(type));
  unix_bind(l, name);
  check(listen(l, 8) == 0, "listen UNIX " + name);
  int c = zoo.keep(unix_socket(type));
  unix_connect(c, name);
  zoo.keep(accept(l, nullptr, nullptr));
  int queued = zoo.keep(unix_socket(type));
  unix_connect(queued, name);
}

void unix_zoo(Zoo& zoo) {
  const std::string& d = zoo.dir;
  unix_server(zoo, SOCK_STREAM, d + "/stream.sock");
  unix_server(zoo, SOCK_SEQPACKET, d + "/seqpacket.sock");
  unix_server(zoo, SOCK_STREAM, d + "/path with spaces.sock");
  unix_server(zoo, SOCK_STREAM, d + "/n\xc3\xb6n-\xc3\xa4scii-\xe5\x90\x8d.sock");
  unix_server(zoo, SOCK_STREAM, "@zoo-abstract");
  unix_server(zoo, SOCK_SEQPACKET, std::string("@zoo\0inner nul", 14));
  // A long path, near the 108-byte sun_path limit.
  std::string long_path = d + "/";
  long_path.append(100 - long_path.size(), 'L');
  unix_server(zoo, SOCK_STREAM, long_path);

  // Datagram: bound server, connected unnamed client, an unconnected bound one.
  int server = zoo.keep(unix_socket(SOCK_DGRAM));
  unix_bind(server, d + "/dgram.sock");
  int client = zoo.keep(unix_socket(SOCK_DGRAM));
  unix_connect(client, d + "/dgram.sock");
  send_text(client, "unix datagram");
  int abstract_dgram = zoo.keep(unix_socket(SOCK_DGRAM));
  unix_bind(abstract_dgram, "@zoo-dgram");

  // Bound but not listening, and unnamed pairs.
  int bound = zoo.keep(unix_socket(SOCK_STREAM));
  unix_bind(bound, d + "/bound-only.sock");
  for (int type : {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET}) {
    int pair[2];
    check(socketpair(AF_UNIX, type, 0, pair) == 0, "socketpair");
    zoo.keep(pair[0]);
    zoo.keep(pair[1]);
  }
}

// --- processes ---------------------------------------------------------------

// One child: runs this binary again (through a symlink named \a link_name,
// so its comm differs too) with argv[0] = \a argv0, holding \a held.
struct Child {
  std::string argv0;
  std::string link_name;
  std::vector<int> held;
};

pid_t spawn(const Zoo& zoo, const Child& child, const std::string& self) {
  std::string link = zoo.dir + "/bin/" + child.link_name;
  if (symlink(self.c_str(), link.c_str()) != 0 && errno != EEXIST) die("symlink " + link);
  int ready[2];
  check(pipe(ready) == 0, "pipe");
  pid_t pid = fork();
  check(pid >= 0, "fork");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Keep stdio, the ready pipe and the held sockets; close the rest.
    std::vector<bool> keep(kMaxFd);
    for (int fd : child.held) keep[static_cast<size_t>(fd)] = true;
    keep[static_cast<size_t>(ready[1])] = true;
    for (int fd : zoo.fds) {
      if (!keep[static_cast<size_t>(fd)]) close(fd);
    }
    close(ready[0]);
    std::string env = std::string(kHoldEnv) + "=" + std::to_string(ready[1]);
    char* argv[] = {const_cast<char*>(child.argv0.c_str()), nullptr};
    char* envp[] = {const_cast<char*>(env.c_str()), const_cast<char*>("LC_ALL=C"), nullptr};
    execve(link.c_str(), argv, envp);
    _exit(127);
  }
  close(ready[1]);
  char byte = 0;
  ssize_t n;
  do {
    n = read(ready[0], &byte, 1);
  } while (n < 0 && errno == EINTR);
  check(n == 1, "child '" + child.argv0 + "' did not start");
  close(ready[0]);
  return pid;
}

volatile std::sig_atomic_t g_stop = 0;

void on_stop(int) { g_stop = 1; }

// Child side: signal readiness and hold the inherited sockets until killed.
[[noreturn]] void hold(const char* ready_fd_text) {
  int fd = std::atoi(ready_fd_text);
  char byte = 'r';
  if (write(fd, &byte, 1) != 1) _exit(1);
  close(fd);
  for (;;) pause();
}

std::string self_path() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  check(n > 0, "readlink /proc/self/exe");
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace

int main(int argc, char** argv) {
  if (const char* ready = std::getenv(kHoldEnv)) hold(ready);
  if (argc != 2) {
    std::fprintf(stderr, "usage: socket_zoo DIR  (inside an unshare -n namespace)\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  Zoo zoo;
  zoo.dir = argv[1];
  check(mkdir((zoo.dir + "/bin").c_str(), 0755) == 0 || errno == EEXIST, "mkdir bin");

  // Children first take the sockets they will hold; each is created here so
  // that the parent can hand it over and close its own copy.
  tcp_zoo(zoo);
  size_t after_tcp = zoo.fds.size();
  udp_zoo(zoo, IPPROTO_UDP);
  size_t after_udp = zoo.fds.size();
  int lite = socket(AF_INET, SOCK_DGRAM, kIpprotoUdplite);
  if (lite >= 0) {
    close(lite);
    udp_zoo(zoo, kIpprotoUdplite);
  } else {
    std::fprintf(stderr, "socket_zoo: note: no UDP-Lite here (%s)\n", std::strerror(errno));
  }
  raw_zoo(zoo);
  size_t after_raw = zoo.fds.size();
  unix_zoo(zoo);
  size_t after_unix = zoo.fds.size();

  // Hand some sockets to children with odd names. Sockets handed over are
  // closed in the parent (sole owner), except the "shared" ones.
  const std::string self = self_path();
  auto take = [&](size_t first, size_t count) {
    std::vector<int> held(zoo.fds.begin() + static_cast<long>(first),
                          zoo.fds.begin() + static_cast<long>(first + count));
    return held;
  };
  std::vector<Child> children = {
      {"a-very-long-program-name-that-does-not-fit-the-column", "long-name", take(0, 3)},
      {"odd name with spaces", "odd name with spaces", take(3, 4)},
      {"./relative/dir/zoo", "relative-zoo", take(after_tcp, 3)},
      {"/usr/local/bin/zoo abs path", "zoo abs path", take(after_udp - 4, 4)},
      {"z\xc3\xb6o-\xc3\xbcn\xc3\xaf\x63\xc3\xb6\x64\xc3\xa9-\xe5\x90\x8d\xe5\x89\x8d",
       "z\xc3\xb6o-\xe5\x90\x8d", take(after_raw, 5)},
      {"", "empty-argv0", take(after_raw - 3, 2)},
      {"nginx: worker process", "nginx", take(7, 6)},
      {"/opt/trailing/slash/", "trailing-slash", take(after_unix - 6, 3)},
      {"tab\there", "tab", take(after_tcp + 3, 2)},
  };
  std::vector<bool> shared(kMaxFd);
  for (int fd : children[6].held) shared[static_cast<size_t>(fd)] = true;  // nginx: shared with parent
  std::vector<pid_t> pids;
  for (const Child& c : children) pids.push_back(spawn(zoo, c, self));
  for (const Child& c : children) {
    for (int fd : c.held) {
      if (!shared[static_cast<size_t>(fd)]) close(fd);
    }
  }

  // SIGTERM/SIGINT: take the children down and reap them before leaving.
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, nullptr);
  struct sigaction sa {};
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);

  usleep(300000);  // let loopback handshakes, FINs and TIME_WAIT settle
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
