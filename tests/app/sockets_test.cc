// Socket listing mode on in-memory roots: what fixture trees and the oracle
// cannot show (errors other than ENOENT, non-root -p notes, our documented
// choices for 2.10's undefined behaviour) and which files each mode reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/proc_net_inet.h"
#include "replay/memory_root.h"
#include "src/app.h"

namespace netstat {
namespace {

constexpr const char* kTcpHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
    "retrnsmt   uid  timeout inode\n";
constexpr const char* kInetTitle =
    "Active Internet connections (servers and established)\n"
    "Proto Recv-Q Send-Q Local Address           Foreign Address         "
    "State      ";

struct RunResult {
  std::string out, err;
  int rc;
};

RunResult run_on(const MemoryRoot& root, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  int rc = run(args, out, err, &root);
  return {out.str(), err.str(), rc};
}

std::string tcp_row(const char* local, const char* remote, int state,
                    int inode) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "   0: %s %s %02X 00000000:00000000 00:00000000 00000000  "
                "1000        0 %d 1 0000000000000000 100 0 0 10 0\n",
                local, remote, state, inode);
  return buf;
}

TEST(SocketsMode, NonRootProgramNote) {
  MemoryRoot root;
  root.set_identity({1000, 100, "", ""});
  root.add_file("/proc/net/tcp",
                std::string(kTcpHeader) +
                    tcp_row("0100007F:0016", "0100007F:D431", 1, 777));
  root.add_dir("/proc/10/fd");
  root.add_file("/proc/10/cmdline", std::string("/usr/bin/mine\0", 14));
  root.add_symlink("/proc/10/fd/3", "socket:[777]");
  root.add_error("/proc/11/fd", Errc::permission_denied);
  RunResult r = run_on(root, {"-tanp"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ(
      "(Not all processes could be identified, non-owned process info\n"
      " will not be shown, you would have to be root to see it all.)\n",
      r.err);
  EXPECT_EQ(std::string(kInetTitle) +
                " PID/Program name    \n"
                "tcp        0      0 127.0.0.1:22            127.0.0.1:54321    "
                "     ESTABLISHED 10/mine             \n",
            r.out);
}

TEST(SocketsMode, ProgramNoteBeforeUnixOnly) {
  MemoryRoot root;
  root.set_identity({1000, 100, "", ""});
  root.add_file("/proc/net/unix",
                "Num       RefCount Protocol Flags    Type St Inode Path\n");
  root.add_error("/proc/11/fd", Errc::permission_denied);
  RunResult r = run_on(root, {"-xp"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ(
      "(No info could be read for \"-p\": geteuid()=1000 but you should be "
      "root.)\n",
      r.err);
  EXPECT_EQ(
      "Active UNIX domain sockets (w/o servers)\n"
      "Proto RefCnt Flags       Type       State         I-Node   "
      "PID/Program name     Path\n",
      r.out);
}

TEST(SocketsMode, OpenErrorOtherThanMissingIsPerrorAnd255) {
  MemoryRoot root;
  root.add_error("/proc/net/tcp", Errc::io_error, FileType::regular);
  RunResult r = run_on(root, {"-tun"});
  EXPECT_EQ(255, r.rc);
  EXPECT_EQ("/proc/net/tcp: Input/output error\n", r.err);
  EXPECT_EQ(
      "Active Internet connections (w/o servers)\n"
      "Proto Recv-Q Send-Q Local Address           Foreign Address         "
      "State      \n",
      r.out);
}

TEST(SocketsMode, DirectoryInPlaceOfFileIsAnErrorNotALoop) {
  MemoryRoot root;
  root.add_dir("/proc/net/udp");
  RunResult r = run_on(root, {"-u"});
  EXPECT_EQ(255, r.rc);
  EXPECT_EQ("/proc/net/udp: Is a directory\n", r.err);
}

TEST(SocketsMode, PermissionDeniedCountsAsMissing) {
  MemoryRoot root;
  root.add_error("/proc/net/raw", Errc::permission_denied, FileType::regular);
  root.add_error("/proc/net/raw6", Errc::io_error, FileType::regular);
  RunResult r = run_on(root, {"-w"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("netstat: no support for `AF INET (raw)' on this system.\n", r.err);
}

TEST(SocketsMode, ExplicitMissingFileStopsThePass) {
  MemoryRoot root;
  root.add_file("/proc/net/udp", std::string(kTcpHeader) +
                                     tcp_row("0100007F:0035", "0200007F:0035", 1, 5));
  RunResult r = run_on(root, {"-tun"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ(r.out.find("udp"), std::string::npos);
}

TEST(SocketsMode, ShortTcpLineShowsZeroUidAndInode) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp",
                std::string(kTcpHeader) +
                    "   0: 0100007F:0016 0100007F:D431 01 00000000:00000000 "
                    "00:00000000 00000000\n");
  RunResult r = run_on(root, {"-tane"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ("", r.err);
  EXPECT_NE(std::string::npos,
            r.out.find("ESTABLISHED 0          0         \n"));
}

TEST(SocketsMode, HalfIpv6AddressIsBogus) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp", kTcpHeader);
  root.add_file("/proc/net/tcp6",
                std::string(kTcpHeader) +
                    tcp_row("0000000000000001:0016",
                            "00000000000000000000000000000000:0000", 10, 5));
  RunResult r = run_on(root, {"-tan"});
  EXPECT_EQ("warning, got bogus tcp line.\n", r.err);
}

TEST(SocketsMode, SixFieldUnixLineHasNoInode) {
  MemoryRoot root;
  root.add_file("/proc/net/unix",
                "Num       RefCount Protocol Flags    Type St Inode Path\n"
                "ffff0001: 00000002 00000000 00000000 0001 03 4001 /a\n"
                "ffff0002: 00000002 00000000 00000000 0001 03\n");
  RunResult r = run_on(root, {"-x"});
  EXPECT_EQ(0, r.rc);
  EXPECT_NE(std::string::npos,
            r.out.find("unix  2      [ ]         STREAM     CONNECTED     0        \n"));
}

TEST(SocketsMode, AssocWithoutRemoteList) {
  MemoryRoot root;
  root.add_file("/proc/net/sctp/assocs",
                " ASSOC SOCK STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID "
                "INODE LPORT RPORT LADDRS <-> RADDRS\n"
                "ffff8802 ffff8803 2   1   4  0    2        0        0  1000 "
                "39482 7 8 10.1.2.3 <->\n");
  RunResult r = run_on(root, {"-Sn"});
  EXPECT_EQ(0, r.rc);
  EXPECT_NE(std::string::npos,
            r.out.find("sctp       0      0 10.1.2.3:7                                      "
                       "ESTABLISHED\n"));
}

TEST(SocketsMode, SafeStringsEscapesProgramNames) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp",
                std::string(kTcpHeader) +
                    tcp_row("0100007F:0016", "0100007F:D431", 1, 9));
  root.add_dir("/proc/7/fd");
  root.add_file("/proc/7/cmdline", "a\x1b[31mred");
  root.add_symlink("/proc/7/fd/3", "socket:[99]");
  root.add_symlink("/proc/7/fd/4", "socket:[09]");  // bad octal: rejected
  root.add_symlink("/proc/7/fd/5", "socket:[011]");
  RunResult r = run_on(root, {"-tnp", "--safe-strings"});
  EXPECT_NE(std::string::npos, r.out.find("7/a\\x1b[31mred"));
  RunResult raw = run_on(root, {"-tnp"});
  EXPECT_NE(std::string::npos, raw.out.find("7/a\x1b[31mred"));
}

// Interface names may hold any byte but '/', ':' and white space, so a
// hostile bundle can put terminal escapes in -g rows; SCTP rows carry the
// program name of -p; UNIX paths are the socket creator's choice.
TEST(SocketsMode, SafeStringsEscapesGroupsSctpAndUnixRows) {
  MemoryRoot root;
  root.add_file("/proc/net/igmp6",
                "1    e\x1b]0;x\x07   ff020000000000000000000000000001     1 0000000C 0\n");
  RunResult g = run_on(root, {"-gn", "--safe-strings"});
  EXPECT_NE(std::string::npos, g.out.find("e\\x1b]0;x\\x07   1      ff02::1\n")) << g.out;
  RunResult graw = run_on(root, {"-gn"});
  EXPECT_NE(std::string::npos, graw.out.find("e\x1b]0;x\x07         1      ff02::1\n")) << graw.out;

  root.add_file("/proc/net/sctp/eps",
                " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n"
                "ffff8801 ffff8802 2   10  29   7        0 4242 10.1.2.3\n");
  root.add_dir("/proc/8/fd");
  root.add_file("/proc/8/cmdline", std::string("s\xff\x9b", 3));
  root.add_symlink("/proc/8/fd/3", "socket:[4242]");
  RunResult s = run_on(root, {"-Snlp", "--safe-strings"});
  EXPECT_NE(std::string::npos, s.out.find("LISTEN      8/s\\xff\\x9b")) << s.out;

  root.add_file("/proc/net/unix",
                "Num       RefCount Protocol Flags    Type St Inode Path\n"
                "ffff0001: 00000002 00000000 00010000 0001 01 4001 /tmp/\x1b[2Jx\n");
  RunResult u = run_on(root, {"-xl", "--safe-strings"});
  EXPECT_NE(std::string::npos, u.out.find("/tmp/\\x1b[2Jx\n")) << u.out;
  EXPECT_EQ(std::string::npos, u.out.find('\x1b'));
}

TEST(SocketsMode, BluetoothMessageAfterThePass) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp", kTcpHeader);
  RunResult r = run_on(root, {"-t", "--bluetooth"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ(
      "netstat: feature `AF BLUETOOTH' not supported.\n"
      "Please recompile `net-tools' with newer kernel source or full "
      "configuration.\n",
      r.err);
}

TEST(SocketsMode, FilesReadPerSelection) {
  MemoryRoot root;
  root.add_file("/proc/net/tcp", kTcpHeader);
  run_on(root, {"-t"});
  std::vector<std::string> want = {"/proc/net/tcp", "/proc/net/tcp6"};
  EXPECT_EQ(want, root.accessed());

  MemoryRoot r2;
  run_on(r2, {"-t", "-6", "-p"});
  std::vector<std::string> got = r2.accessed();
  EXPECT_EQ("/proc", got.front());
  EXPECT_EQ("/proc/net/tcp6", got.back());
  EXPECT_EQ(got.end(), std::find(got.begin(), got.end(), "/proc/net/tcp"));

  MemoryRoot r3;
  run_on(r3, {"-g", "-6"});
  std::vector<std::string> g6 = {"/proc/net/tcp6", "/proc/net/sctp6/assocs",
                                 "/proc/net/udp6", "/proc/net/udplite6",
                                 "/proc/net/raw6", "/proc/net/igmp6"};
  EXPECT_EQ(g6, r3.accessed());
}

/// A root that answers the tcp table's rows itself, as the live system's
/// sock_diag does: the first \a handed rows of /diag/tcp (a copy of its
/// /proc/net/tcp), then the outcome given (file: carry on in the file).
class RowsRoot : public MemoryRoot {
 public:
  RowsRoot(size_t handed, InetRowsOutcome::Kind kind) : m_handed(handed), m_kind(kind) {}
  InetRowsOutcome inet_rows(const InetRowsRequest& request,
                            const InetRowSink& sink) const override {
    InetRowsOutcome out;
    if (request.file != read_plan::NetFile::tcp) return out;
    Result<std::string> text = read_file("/diag/tcp");
    formats::scan_proc_net_inet(
        *text, formats::InetKind::tcp,
        [&](const formats::InetRow& row) {
          if (out.rows < m_handed) {
            sink(row);
            ++out.rows;
          }
        },
        [](const formats::InetIssue&) {});
    out.kind = m_kind;
    if (m_kind == InetRowsOutcome::Kind::failed) {
      out.error = Error{Errc::io_error, 5, "sock_diag cannot dump tcp sockets"};
    }
    return out;
  }

 private:
  size_t m_handed;
  InetRowsOutcome::Kind m_kind;
};

void add_four_tcp_rows(MemoryRoot& root) {
  std::string text = std::string(kTcpHeader) +
                     tcp_row("0100007F:0016", "00000000:0000", 10, 11) +
                     tcp_row("0100007F:0016", "0100007F:D431", 1, 12) +
                     tcp_row("0100007F:0017", "0100007F:D432", 1, 13) +
                     tcp_row("0100007F:0018", "0100007F:D433", 8, 14);
  root.add_file("/proc/net/tcp", text);
  root.add_file("/diag/tcp", text);
}

// A dump that stops part way (a row it cannot reproduce, a dump that broke
// off) hands over to the file at the next row: every row once, in order.
TEST(SocketsMode, RowsFromTheRootThenTheFileFromWhereTheyStopped) {
  MemoryRoot plain;
  add_four_tcp_rows(plain);
  RunResult want = run_on(plain, {"-tan"});
  ASSERT_EQ(0, want.rc);
  ASSERT_EQ(6, std::count(want.out.begin(), want.out.end(), '\n'));
  for (size_t handed = 0; handed <= 4; ++handed) {
    RowsRoot partial(handed, InetRowsOutcome::Kind::file);
    add_four_tcp_rows(partial);
    RunResult r = run_on(partial, {"-tan"});
    EXPECT_EQ(want.out, r.out) << handed << " rows handed";
    EXPECT_EQ(want.err, r.err);
    EXPECT_EQ(0, r.rc);
  }
  // Every row handed: the file is not read.
  RowsRoot whole(4, InetRowsOutcome::Kind::done);
  add_four_tcp_rows(whole);
  EXPECT_EQ(want.out, run_on(whole, {"-tan"}).out);
  std::vector<std::string> got = whole.accessed();
  EXPECT_EQ(got.end(), std::find(got.begin(), got.end(), "/proc/net/tcp"));
}

// --netlink and the dump failed: what was shown stays, one message, exit 1.
TEST(SocketsMode, DemandedRowsThatFailStopThePass) {
  RowsRoot failing(1, InetRowsOutcome::Kind::failed);
  add_four_tcp_rows(failing);
  RunResult r = run_on(failing, {"-tan"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("netstat: sock_diag cannot dump tcp sockets: Input/output error\n", r.err);
  EXPECT_EQ(3, std::count(r.out.begin(), r.out.end(), '\n'));
}

}  // namespace
}  // namespace netstat
