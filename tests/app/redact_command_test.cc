// `netstat redact` end to end, and the leak test: a tree with distinctive
// addresses, names, paths and MACs planted in every file that holds them,
// in every encoding those files use, is redacted; then every byte of every
// member of the output is searched for every original in every form
// (dotted; hex in both byte orders; IPv6 as kernel words, in order, full and
// compressed text; names, path components, MAC bytes). The redacted bundle
// must replay every socket, route and group mode with the same rows, states
// and ports; the same key must give the same members; files are 0600.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "capture/bundle_writer.h"
#include "capture/recorder.h"
#include "capture/series.h"
#include "replay/archive_reader.h"
#include "replay/bundle_manifest.h"
#include "src/app.h"
#include "src/output.h"
#include "tests/replay/tree_fixture.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;
using std::string_literals::operator""s;

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

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

constexpr const char* kTcpHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n";
constexpr const char* kTcp6Header =
    "  sl  local_address                         remote_address                        st "
    "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

std::string row(const std::string& local, const std::string& remote, const char* st,
                int inode) {
  return "   0: " + local + " " + remote + " " + st +
         " 00000000:00000000 00:00000000 00000000  1000        0 " + std::to_string(inode) +
         " 1 0000000000000000 100 0 0 10 0\n";
}

// 10.77.123.45 = 0A4D7B2D (LE 2D7B4D0A); 198.51.100.77 = C633644D (LE 4D6433C6);
// 10.77.123.1 gateway = LE 017B4D0A; network 10.77.0.0/16 = LE 00004D0A;
// 2001:db8:abcd:1234::77; fe80::5054:ff:feab:cdef; MAC 52:54:00:ab:cd:ef.
std::vector<testing::TreeNode> secret_tree() {
  using testing::TreeNode;
  std::string tcp = std::string(kTcpHeader) +
                    row("2D7B4D0A:0016", "4D6433C6:C738", "01", 501) +
                    row("00000000:0016", "00000000:0000", "0A", 502) +
                    row("0100007F:0277", "0100007F:D431", "06", 503);
  std::string tcp6 = std::string(kTcp6Header) +
                     row("B80D01203412CDAB0000000077000000:01BB",
                         "0000000000000000FFFF00004D6433C6:C350", "01", 601) +
                     row("000080FE00000000FF005450EFCDABFE:0016",
                         "00000000000000000000000000000000:0000", "0A", 602);
  std::string udp = std::string(kTcpHeader) + row("2D7B4D0A:0035", "00000000:0000", "07", 701);
  std::string raw = std::string(kTcpHeader) + row("2D7B4D0A:0001", "4D6433C6:0000", "07", 702);
  std::string raw6 = std::string(kTcp6Header) +
                     row("000080FE00000000FF005450EFCDABFE:003A",
                         "B80D01203412CDAB0000000077000000:0000", "07", 703);
  std::string unix_table =
      "Num       RefCount Protocol Flags    Type St Inode Path\n"
      "ffff9b61ac490038: 00000002 00000000 00010000 0001 01 801 /run/secret-q7/agent.sock\n"
      "ffff9b61ac490039: 00000002 00000000 00010000 0001 01 802 @secret-abstract-q7\n"
      "ffff9b61ac49003a: 00000003 00000000 00000000 0001 03 803\n";
  std::string route =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
      "                                                       \n"
      "eth0\t00000000\t017B4D0A\t0003\t0\t0\t0\t00000000\t0\t0\t0"
      "                                                                               \n"
      "eth0\t00004D0A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"
      "                                                                               \n";
  std::string ipv6_route =
      "20010db8abcd12340000000000000000 40 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "20010db8abcd12340000000000000001 00000400 00000001 00000000 00000003     eth0\n";
  std::string if_inet6 =
      "20010db8abcd12340000000000000077 02 40 00 80     eth0\n"
      "fe80000000000000505400fffeabcdef 02 40 20 80     eth0\n"
      "00000000000000000000000000000001 01 80 10 80       lo\n";
  std::string igmp =
      "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
      "2\teth0      :     2      V3\n"
      "\t\t\t\t02014DEF     1 0:00000000\t\t0\n"
      "\t\t\t\t010000E0     1 0:00000000\t\t0\n";
  std::string dev =
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
      "errs drop fifo colls carrier compressed\n"
      "    lo:    1000      10    0    0    0     0          0         0     1000      10 "
      "   0    0    0     0       0          0\n"
      "  eth0:  200000    2000    0    0    0     0          0         0   100000    1000 "
      "   0    0    0     0       0          0\n";
  std::string ifaces =
      "{\"version\": 1, \"labels\": [\"lo\", \"eth0\"], \"interfaces\": ["
      "{\"name\": \"eth0\", \"flags\": 4163, \"mtu\": 1500, \"metric\": 0, "
      "\"hwaddr\": {\"type\": 1, \"addr\": \"52:54:00:ab:cd:ef:00:00:00:00:00:00:00:00\"}, "
      "\"txqueuelen\": 1000, \"inet\": {\"addr\": \"10.77.123.45\", \"dstaddr\": "
      "\"10.77.123.45\", \"broadaddr\": \"10.77.255.255\", \"netmask\": \"255.255.0.0\"}}, "
      "{\"name\": \"lo\", \"flags\": 73, \"mtu\": 65536, \"metric\": 0, "
      "\"hwaddr\": {\"type\": 772, \"addr\": \"00:00:00:00:00:00:00:00:00:00:00:00:00:00\"}, "
      "\"txqueuelen\": 1000, \"inet\": {\"addr\": \"127.0.0.1\", \"dstaddr\": \"127.0.0.1\", "
      "\"broadaddr\": \"0.0.0.0\", \"netmask\": \"255.0.0.0\"}}]}\n";
  return {
      {"proc", FileType::directory, ""},
      {"proc/net", FileType::directory, ""},
      {"proc/net/tcp", FileType::regular, tcp},
      {"proc/net/tcp6", FileType::regular, tcp6},
      {"proc/net/udp", FileType::regular, udp},
      {"proc/net/raw", FileType::regular, raw},
      {"proc/net/raw6", FileType::regular, raw6},
      {"proc/net/unix", FileType::regular, unix_table},
      {"proc/net/route", FileType::regular, route},
      {"proc/net/ipv6_route", FileType::regular, ipv6_route},
      {"proc/net/if_inet6", FileType::regular, if_inet6},
      {"proc/net/igmp", FileType::regular, igmp},
      {"proc/net/dev", FileType::regular, dev},
      {"proc/net/snmp", FileType::regular, "Ip: Forwarding DefaultTTL\nIp: 1 64\n"},
      {"proc/net/nf_conntrack", FileType::regular,
       "ipv4     2 tcp      6 431999 ESTABLISHED src=10.77.123.45 dst=198.51.100.77 "
       "sport=22 dport=51000 src=198.51.100.77 dst=10.77.123.45 sport=51000 dport=22 "
       "[ASSURED] mark=0 zone=0 use=2\n"},
      {"proc/net/sctp", FileType::directory, ""},
      {"proc/net/sctp/eps", FileType::regular,
       " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n"
       "ffff88017e0c0000 ffff880122d94000 2   10  29   11111   0   901 10.77.123.45 "
       "2001:0db8:abcd:1234:0000:0000:0000:0077 \n"},
      {"proc/4242", FileType::directory, ""},
      {"proc/4242/fd", FileType::directory, ""},
      {"proc/4242/fd/3", FileType::symlink, "socket:[501]"},
      {"proc/4242/fd/4", FileType::symlink, "/home/alice-q7/diary-q7.txt"},
      {"proc/4242/cmdline", FileType::regular,
       "/opt/secretapp-q7/bin/daemon-q7\0--token=hunter2-q7\0"s},
      {"etc", FileType::directory, ""},
      {"etc/hosts", FileType::regular,
       "# office of secret-corp-q7\n10.77.123.45\tsecret-host-q7.corp-q7.example "
       "secret-host-q7\n198.51.100.77 peer-q7\n2001:db8:abcd:1234::77 v6host-q7\n"
       "127.0.0.1 localhost\n"},
      {"etc/networks", FileType::regular, "corpnet-q7 10.77\nloopback 127\n"},
      {"etc/passwd", FileType::regular,
       "root:x:0:0:root:/root:/bin/bash\nalice-q7:x:1000:1000:Alice Q7,,,:/home/alice-q7:"
       "/bin/bash\n"},
      {"etc/group", FileType::regular, "root:x:0:\nstaff-q7:x:1000:alice-q7\n"},
      {"etc/services", FileType::regular, "ssh\t\t22/tcp\t\t\t# secret-comment-q7\n"},
      {"sys", FileType::directory, ""},
      {"sys/class", FileType::directory, ""},
      {"sys/class/net", FileType::directory, ""},
      {"sys/class/net/eth0", FileType::directory, ""},
      {"sys/class/net/eth0/address", FileType::regular, "52:54:00:ab:cd:ef\n"},
      {"sys/class/net/eth0/mtu", FileType::regular, "1500\n"},
      {"sys/class/net/lo", FileType::directory, ""},
      {"sys/class/net/lo/address", FileType::regular, "00:00:00:00:00:00\n"},
      {"netstat", FileType::directory, ""},
      {"netstat/interfaces.json", FileType::regular, ifaces},
  };
}

// Every original, in every form a member could hold it.
std::vector<std::string> secrets() {
  return {
      // 10.77.123.45
      "10.77.123.45", "2D7B4D0A", "0A4D7B2D",
      // 198.51.100.77 (also inside ::ffff:198.51.100.77)
      "198.51.100.77", "4D6433C6", "C633644D", "c633:644d",
      // 10.77.123.1 and the network 10.77.0.0/16
      "10.77.123.1", "017B4D0A", "0A4D7B01", "10.77.0.0", "00004D0A", "10.77.255.255",
      // 2001:db8:abcd:1234::77 and its /64
      "2001:db8:abcd:1234", "2001:0db8:abcd:1234", "20010db8abcd1234", "B80D01203412CDAB",
      // fe80::5054:ff:feab:cdef and the MAC 52:54:00:ab:cd:ef
      "5054:ff:feab:cdef", "505400fffeabcdef", "FF005450EFCDABFE", "52:54:00:ab:cd:ef",
      "ab:cd:ef", "abcdef",
      // names and paths
      "secret", "q7", "alice", "hunter2", "daemon", "corpnet", "peer-", "v6host", "diary",
  };
}

bool contains_nocase(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != hay.end();
}

// The shape of a listing: addresses gone, everything else (ports, states,
// queues, flags, interfaces, counts) kept.
std::string shape(const std::string& text, bool ports) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string w;
    while (words >> w) {
      size_t colon = w.rfind(':');
      bool addr_chars = w.find_first_not_of("0123456789abcdefABCDEF:.*/%") == std::string::npos;
      if (w[0] == '/' || w[0] == '@') {
        w = "PATH";
      } else if (addr_chars && colon != std::string::npos && colon > 0) {
        w = ports ? "A:" + w.substr(colon + 1) : "A";  // address:port -> port
      } else if (addr_chars && std::count(w.begin(), w.end(), '.') == 3) {
        w = "A";
      }
      out += w + " ";
    }
    out += "\n";
  }
  return out;
}

class Redact : public ::testing::Test {
 protected:
  void SetUp() override { testing::to_directory(secret_tree(), tree()); }
  fs::path tree() const { return m_dir.path() / "tree"; }
  fs::path path(const std::string& name) const { return m_dir.path() / name; }

 private:
  testing::TempDir m_dir;
};

TEST_F(Redact, NoOriginalSurvivesInAnyMember) {
  // A key file that does not exist is created, private.
  fs::path fresh = path("fresh.key");
  Invocation f = run_args({"redact", tree().string(), "-o", path("f.tar.zst").string(),
                           "--key-file", fresh.string()});
  ASSERT_EQ(f.status, 0) << f.err;
  EXPECT_EQ(mode_of(fresh), 0600u);
  // The byte search below uses a fixed key: with a random one a pseudonym
  // can equal its original by chance (10.77.0.0/16 keeps its first five bits
  // on the path to 0.0.0.0/32 and draws eleven: once in 2,048 runs), which is
  // no leak but would fail the search.
  fs::path out = path("r.tar.zst");
  fs::path key = path("key");
  fs::path map = path("map.tsv");
  testing::write_file(key, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  Invocation r = run_args({"redact", tree().string(), "-o", out.string(), "--key-file",
                           key.string(), "--map", map.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(mode_of(out), 0600u);
  EXPECT_EQ(mode_of(map), 0600u);
  EXPECT_EQ(run_args({"verify", out.string()}).status, 0);
  std::string bytes = slurp(out);
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  size_t checked = 0;
  for (const ArchiveEntry& e : *entries) {
    for (const std::string& s : secrets()) {
      EXPECT_FALSE(contains_nocase(e.path, s)) << "'" << s << "' in the name " << e.path;
      EXPECT_FALSE(contains_nocase(e.data, s))
          << "'" << s << "' in " << e.path << ":\n" << e.data;
    }
    ++checked;
  }
  EXPECT_GT(checked, 20u);
  // The key itself is not in the bundle; the map holds the originals.
  std::string key_hex = slurp(key).substr(0, 64);
  EXPECT_EQ(bytes.find(key_hex), std::string::npos);
  for (const ArchiveEntry& e : *entries) EXPECT_EQ(e.data.find(key_hex), std::string::npos);
  std::string m = slurp(map);
  EXPECT_NE(m.find("ipv4\t10.77.123.45\t"), std::string::npos) << m;
  EXPECT_NE(m.find("user\talice-q7\t"), std::string::npos) << m;
  EXPECT_NE(m.find("hw\t52:54:00:ab:cd:ef\t"), std::string::npos) << m;
  // The manifest says so.
  Result<Manifest> man = parse_manifest(entries->front().data);
  ASSERT_TRUE(man.ok());
  EXPECT_NE(man->redaction.find("\"key_fingerprint\""), std::string::npos);
  EXPECT_NE(man->redaction.find("proc/net/tcp"), std::string::npos);
  EXPECT_EQ(man->source, "redacted");
}

TEST_F(Redact, ReplaysEveryModeWithTheSameShape) {
  fs::path out = path("r.tar.zst");
  ASSERT_EQ(run_args({"redact", tree().string(), "-o", out.string()}).status, 0);
  for (std::vector<std::string> mode :
       {std::vector<std::string>{"-tan"}, {"-tanW"}, {"-uan"}, {"-wan"}, {"-xa"}, {"-rn"},
        {"-6rn"}, {"-gn"}, {"-tanp"}, {"-tane"}, {"-Aunix"}, {"-i"}, {"-s"}}) {
    std::vector<std::string> a = mode;
    std::vector<std::string> b = mode;
    a.insert(a.begin(), "--root=" + tree().string());
    b.insert(b.begin(), "--root=" + out.string());
    Invocation orig = run_args(a);
    Invocation red = run_args(b);
    EXPECT_EQ(orig.status, red.status) << mode[0];
    EXPECT_EQ(std::count(orig.out.begin(), orig.out.end(), '\n'),
              std::count(red.out.begin(), red.out.end(), '\n'))
        << mode[0] << "\n" << orig.out << "\n---\n" << red.out;
    if (mode[0] != "-tanp" && mode[0] != "-i" && mode[0] != "-tane") {
      bool ports = mode[0] != "-rn" && mode[0] != "-6rn" && mode[0] != "-gn";
      EXPECT_EQ(shape(orig.out, ports), shape(red.out, ports))
          << mode[0] << "\n" << orig.out << red.out;
    }
  }
}

TEST_F(Redact, SameKeySameMembersOtherKeyNot) {
  fs::path key = path("key");
  fs::path a = path("a.tar.zst");
  fs::path b = path("b.tar.zst");
  fs::path c = path("c.tar.zst");
  ASSERT_EQ(run_args({"redact", tree().string(), "-o", a.string(), "--key-file", key.string()})
                .status, 0);
  ASSERT_EQ(run_args({"redact", tree().string(), "-o", b.string(), "--key-file", key.string()})
                .status, 0);
  ASSERT_EQ(run_args({"redact", tree().string(), "-o", c.string()}).status, 0);
  auto members = [](const fs::path& p) {
    std::string bytes = slurp(p);
    Result<std::vector<ArchiveEntry>> e = decode_archive(bytes, "x", ArchiveLimits{});
    EXPECT_TRUE(e.ok());
    std::map<std::string, std::string> m;
    if (e.ok()) {
      for (const ArchiveEntry& x : *e) {
        if (x.path != "manifest.json") m[x.path] = x.data;
      }
    }
    return m;
  };
  auto ma = members(a);
  auto mb = members(b);
  auto mc = members(c);
  EXPECT_EQ(ma, mb);
  EXPECT_NE(ma["proc/net/tcp"], mc["proc/net/tcp"]);
  // Two bundles redacted with one key stay comparable.
  Invocation d = run_args({"diff", a.string(), b.string(), "-tan"});
  EXPECT_EQ(d.status, 0) << d.err;
}

TEST_F(Redact, OutputIsPrivateAndNeverClobbered) {
  fs::path out = path("r.tar.zst");
  testing::write_file(out, "keep me");
  Invocation r = run_args({"redact", tree().string(), "-o", out.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("File exists (use --force to overwrite)"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(out), "keep me");
  EXPECT_EQ(run_args({"redact", tree().string(), "-o", out.string(), "--force"}).status, 0);
  EXPECT_EQ(mode_of(out), 0600u);
  Invocation bad = run_args({"redact", tree().string(), "-o", path("x").string(),
                             "--keep-range", "10.0.0.0"});
  EXPECT_EQ(bad.status, 2);
  Invocation missing = run_args({"redact", "/nonexistent/q", "-o", path("y").string()});
  EXPECT_EQ(missing.status, 1);
  EXPECT_FALSE(fs::exists(path("y")));
}

// --force replaces files only: a FIFO (or device) named by -o or --map is
// refused and left in place, never removed after a failed write.
TEST_F(Redact, ForceNeverReplacesAFifo) {
  fs::path fifo = path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Invocation o = run_args({"redact", tree().string(), "-o", fifo.string(), "--force"});
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find(": not a regular file"), std::string::npos) << o.err;
  Invocation m = run_args({"redact", tree().string(), "-o", path("r.tar.zst").string(),
                           "--map", fifo.string(), "--force"});
  EXPECT_EQ(m.status, 1);
  EXPECT_NE(m.err.find(": not a regular file"), std::string::npos) << m.err;
  EXPECT_FALSE(fs::exists(path("r.tar.zst")));
  EXPECT_TRUE(fs::is_fifo(fifo));
}

// `-o -` as capture's: never to a terminal; a full disk or a closed pipe
// (SIGPIPE ignored) is one message and exit 1.
TEST_F(Redact, DashRefusesATerminalAndReportsWriteErrors) {
  int master = -1;
  int slave = -1;
  ASSERT_EQ(::openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  Invocation t = run_to_fd(slave, {"redact", tree().string(), "-o", "-"});
  EXPECT_EQ(t.status, 1);
  EXPECT_EQ(t.err,
            "netstat redact: -: refusing to write a binary bundle to a terminal "
            "(redirect it to a file or a pipe)\n");
  ::fcntl(master, F_SETFL, O_NONBLOCK);
  char buf[64];
  EXPECT_LE(::read(master, buf, sizeof buf), 0);  // nothing reached it
  ::close(slave);
  ::close(master);
  int full = ::open("/dev/full", O_WRONLY);
  if (full >= 0) {
    Invocation f = run_to_fd(full, {"redact", tree().string(), "-o", "-"});
    ::close(full);
    EXPECT_EQ(f.status, 1);
    EXPECT_EQ(f.err, "netstat redact: -: write error: No space left on device\n");
  }
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  ::close(p[0]);
  auto old = std::signal(SIGPIPE, SIG_IGN);
  Invocation c = run_to_fd(p[1], {"redact", tree().string(), "-o", "-"});
  std::signal(SIGPIPE, old);
  ::close(p[1]);
  EXPECT_EQ(c.status, 1);
  EXPECT_EQ(c.err, "netstat redact: -: write error: Broken pipe\n");
}

TEST_F(Redact, KeptRangesOption) {
  fs::path out = path("r.tar.zst");
  ASSERT_EQ(run_args({"redact", tree().string(), "-o", out.string(), "--keep-range",
                      "198.51.100.0/24"})
                .status, 0);
  Invocation red = run_args({"--root=" + out.string(), "-tn"});
  EXPECT_NE(red.out.find("198.51.100.77:51000"), std::string::npos) << red.out;
  EXPECT_EQ(red.out.find("10.77.123.45"), std::string::npos) << red.out;
}

// --rename-interfaces: every file that names an interface (dev, route,
// ipv6_route, if_inet6, igmp, sysfs folders, the recorded ioctl answers)
// gets the same pseudonym; lo is kept; -r, -6r and -g keep their rows and
// agree on the name.
TEST_F(Redact, RenameInterfacesEverywhereConsistently) {
  // As a bundle (a plain tree answers -i from nothing).
  fs::path in = path("in.tar.zst");
  Invocation c = run_args({"capture", "--root=" + tree().string(), "-o", in.string()});
  ASSERT_EQ(c.status, 0) << c.err;
  fs::path out = path("r.tar.zst");
  Invocation r = run_args({"redact", in.string(), "-o", out.string(), "--rename-interfaces"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(run_args({"verify", out.string()}).status, 0);
  std::string bytes = slurp(out);
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
  ASSERT_TRUE(entries.ok());
  std::string renamed;
  for (const ArchiveEntry& e : *entries) {
    EXPECT_FALSE(contains_nocase(e.path, "eth0")) << e.path;
    if (e.path != "manifest.json") {
      EXPECT_FALSE(contains_nocase(e.data, "eth0")) << e.path << ":\n" << e.data;
    }
    if (e.path.rfind("sys/class/net/i", 0) == 0) {
      renamed = e.path.substr(14, e.path.find('/', 14) - 14);
    }
  }
  ASSERT_EQ(renamed.size(), 9u) << "no renamed sysfs folder";
  Result<Manifest> man = parse_manifest(entries->front().data);
  ASSERT_TRUE(man.ok());
  EXPECT_NE(man->redaction.find("\"rename_interfaces\":true"), std::string::npos)
      << man->redaction;
  // (-i and -ie: tests/oracle/redact_live.sh, on a real capture.)
  for (const char* mode : {"-rn", "-6rn", "-gn"}) {
    Invocation o = run_args({"--root=" + in.string(), mode});
    Invocation x = run_args({"--root=" + out.string(), mode});
    EXPECT_EQ(o.status, x.status) << mode;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'),
              std::count(x.out.begin(), x.out.end(), '\n'))
        << mode << "\n" << o.out << x.out;
    EXPECT_NE(o.out.find("eth0"), std::string::npos) << mode << o.out;
    EXPECT_NE(x.out.find(renamed), std::string::npos) << mode << " lacks " << renamed << "\n"
                                                      << x.out;
  }
}

// A bundle of several views (format 2): two frames of the secret tree (the
// second with one more connection) and another network namespace, named,
// with a process and a container. Every view is redacted with one mapping:
// no original anywhere (members under views/, link targets, the manifest's
// view records), frames replay with the same shape, an address keeps its
// one pseudonym across views, identical members stay shared (links), and
// --netns selects the namespace by its pseudonymous name.
TEST_F(Redact, EveryViewOfAMultiViewBundleWithOneMapping) {
  RecordOptions ro;
  ro.tool = "netstat";
  ro.tool_version = "test";
  std::vector<testing::TreeNode> t1 = secret_tree();
  for (testing::TreeNode& n : t1) {
    if (n.path == "proc/net/tcp") n.data += row("2D7B4D0A:0050", "4D6433C6:D000", "01", 504);
  }
  MultiViewRecording views;
  auto add = [&](const std::vector<testing::TreeNode>& tree, ManifestView v) {
    Result<Recording> rec = record(*testing::to_memory_root(tree), ro);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    views.add(std::move(*rec), std::move(v));
  };
  ManifestView v0;
  v0.inode = 4026531840;
  v0.time = "2026-12-03T10:00:00.000Z";
  add(secret_tree(), v0);
  ManifestView v1 = v0;
  v1.id = "f1";
  v1.frame = 1;
  v1.time = "2026-12-03T10:00:05.000Z";
  add(t1, v1);
  ManifestView v2;
  v2.id = "secret-ns-q7";
  v2.netns = "netns:[4026532999]";
  v2.inode = 4026532999;
  v2.names = {"secret-ns-q7"};
  v2.time = v0.time;
  v2.processes = {{4242, "daemon-q7"}};
  v2.container = ViewContainer{"docker", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                               "abcdef01-2345-6789-abcd-ef0123456789"};
  add(secret_tree(), v2);
  fs::path in = path("multi.tar.zst");
  ASSERT_TRUE(write_bundle_file(views.finish("2026-12-03T10:00:06.000Z"), in.string(), {}).ok());

  fs::path key = path("key");
  testing::write_file(key, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
  fs::path out = path("r.tar.zst");
  Invocation r = run_args({"redact", in.string(), "-o", out.string(), "--key-file", key.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(run_args({"verify", out.string()}).status, 0);
  std::string bytes = slurp(out);
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  size_t in_views = 0;
  size_t links = 0;
  std::vector<std::string> more = secrets();
  more.insert(more.end(), {"0123456789abcdef", "abcdef01-2345", "4D6433C6:D000"});
  for (const ArchiveEntry& e : *entries) {
    for (const std::string& s : more) {
      EXPECT_FALSE(contains_nocase(e.path, s)) << "'" << s << "' in the name " << e.path;
      EXPECT_FALSE(contains_nocase(e.data, s)) << "'" << s << "' in " << e.path << ":\n" << e.data;
    }
    if (e.path.rfind("views/", 0) == 0) ++in_views;
    if (e.type == FileType::symlink) ++links;
  }
  EXPECT_GT(in_views, 40u);
  EXPECT_GT(links, 20u);  // what the views share is still stored once
  Result<Manifest> man = parse_manifest(entries->front().data);
  ASSERT_TRUE(man.ok());
  ASSERT_EQ(man->views.size(), 3u);
  EXPECT_EQ(man->views[1].id, "f1");
  EXPECT_EQ(man->views[1].time, "2026-12-03T10:00:05.000Z");
  EXPECT_EQ(man->views[2].id, "v2");
  EXPECT_EQ(man->views[2].inode, 4026532999u);
  ASSERT_EQ(man->views[2].names.size(), 1u);
  std::string ns = man->views[2].names[0];
  EXPECT_EQ(ns.size(), 9u);
  EXPECT_EQ(ns[0], 'n');
  ASSERT_EQ(man->views[2].processes.size(), 1u);
  EXPECT_EQ(man->views[2].processes[0].pid, 4242u);
  ASSERT_TRUE(man->views[2].container.has_value());
  EXPECT_EQ(man->views[2].container->runtime, "docker");
  EXPECT_EQ(man->views[2].container->id.size(), 64u);
  EXPECT_EQ(man->views[2].container->pod_uid.size(), 36u);
  EXPECT_EQ(man->views[2].container->pod_uid[8], '-');

  // Same shape per view; --netns by the pseudonymous name.
  for (std::vector<std::string> sel : {std::vector<std::string>{"--frame=0"}, {"--frame=1"},
                                       {"--netns=secret-ns-q7"}}) {
    std::vector<std::string> red_sel = sel;
    if (sel[0] == "--netns=secret-ns-q7") red_sel = {"--netns=" + ns};
    for (const char* mode : {"-tan", "-xa", "-rn", "-gn"}) {
      std::vector<std::string> a = {"--root=" + in.string(), sel[0], mode};
      std::vector<std::string> b = {"--root=" + out.string(), red_sel[0], mode};
      Invocation o = run_args(a);
      Invocation x = run_args(b);
      EXPECT_EQ(o.status, x.status) << sel[0] << " " << mode << x.err;
      bool ports = std::string(mode) == "-tan" || std::string(mode) == "-xa";
      EXPECT_EQ(shape(o.out, ports), shape(x.out, ports)) << sel[0] << " " << mode << "\n"
                                                          << o.out << x.out;
    }
  }
  // One mapping: frame 1's local address is frame 0's pseudonym.
  Invocation f0 = run_args({"--root=" + out.string(), "--frame=0", "-tn"});
  Invocation f1 = run_args({"--root=" + out.string(), "--frame=1", "-tn"});
  std::string first = f0.out.substr(f0.out.find("\ntcp") + 1);
  first = first.substr(0, first.find('\n'));
  EXPECT_NE(f1.out.find(first), std::string::npos) << f0.out << f1.out;
}

}  // namespace
}  // namespace netstat
