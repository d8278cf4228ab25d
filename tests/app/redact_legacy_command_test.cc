// `netstat redact` over a tree whose legacy families' tables (IPX, AX.25,
// NET/ROM, ROSE, X.25, AppleTalk) hold rows with distinctive identities:
// no original callsign, alias, X.121/ROSE address, IPX network or node, or
// AppleTalk address is left in any member of the redacted bundle or in any
// listing replayed from it, and `--root=REDACTED --ax25` (and --ipx -e,
// --netrom, --rose, --x25, -r -A ipx|ax25|netrom|rose|x25|ddp) prints the
// same lines as the original with only those identities replaced, each by
// one of the same width (nothing dropped, no column moved).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

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

std::vector<testing::TreeNode> legacy_tree() {
  using testing::TreeNode;
  return {
      {"proc", FileType::directory, ""},
      {"proc/net", FileType::directory, ""},
      {"proc/net/ipx", FileType::directory, ""},
      {"proc/net/ipx/socket", FileType::regular,
       "Local_Address               Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n"
       "5EC12E70:00163ECAFE01:4000  Not_Connected               00000000  00000000  07     000\n"
       "5EC12E70:00163ECAFE01:0452  7A11C0DE:0050569ABC12:0453  00000010  00000020  01     "
       "1000\n"},
      {"proc/net/ipx/route", FileType::regular,
       "Network    Router_Net   Router_Node\n"
       "5EC12E70   Directly     Connected\n"
       "7A11C0DE   5EC12E70     0050569ABC12\n"},
      {"proc/net/ax25", FileType::regular,
       "ffff8d2f4a1c0800 ax0 DL9QXY-1 W7LEAK-2,RELAYQ*,WIDEQ2-1 3 1 2 0 0 3 0 3 0 300 0 0 0 10 "
       "0 2 4 256 7 9 12345\n"
       "ffff8d2f4a1c0c00 ax0 DL9QXY-3 * 0 0 0 0 0 3 0 3 0 300 0 0 0 10 0 2 4 256 * * *\n"
       "ffff8d2f4a1c1000 ax0 DL9QXY-4 G0LEAK 1 7 6 5 0 3 0 3 0 300 0 0 0 10 0 2 4 256 100 200 5\n"},
      {"proc/net/ax25_route", FileType::regular,
       "callsign  dev  mode digipeaters\n"
       "W7LEAK-2  ax0    vc\n"
       "default   ax0     * RELAYQ WIDEQ2-1\n"},
      {"proc/net/nr", FileType::regular,
       "user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2    t4      "
       "idle   n2  wnd Snd-Q Rcv-Q inode\n"
       "G0LEAK    GB7QXZ    DL9QXY-1  nr0    01/02 03/04  3   1   2   0   0/030  0/003   0/180"
       "   0/000  0/003  4     5     6 12345\n"
       "*         *         DL9QXY-2  ???    00/00 00/00  0   0   0   0   0/030  0/003   0/180"
       "   0/000  0/003  4     0     0 0\n"},
      {"proc/net/nr_nodes", FileType::regular,
       "callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n"
       "GB7QXZ    LEAKND  0 1 200   6 00001\n"
       "GB7ABQ-1  *       1 2 192   5 00001 150   4 00002\n"},
      {"proc/net/nr_neigh", FileType::regular,
       "addr  callsign  dev  qual lock count failed digipeaters\n"
       "00001 G0LEAK    ax0   200    0     1      0\n"
       "00002 DL9QXY-1  bpq0  150    1     2      0 RELAYQ\n"},
      {"proc/net/rose", FileType::regular,
       "dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs vr va   t  t1  t2  t3  "
       "hb    idle Snd-Q Rcv-Q inode\n"
       "3106123456 W7LEAK-2  3106129999 DL9QXY-1  rose0 001 00002  3  0  0  0   0 200 180 180"
       "   5   0/000     0     0 23456\n"},
      {"proc/net/rose_nodes", FileType::regular,
       "address    mask n neigh neigh neigh\n"
       "3106123456 0010 1 00001\n"
       "3106100000 0005 2 00002 00001\n"},
      {"proc/net/rose_neigh", FileType::regular,
       "addr  callsign  dev  count use mode restart  t0  tf digipeaters\n"
       "00001 RSLOOP-0  ???      1   0   DTE     no   0   0\n"
       "00002 W7LEAK-2  ax0      2   1   DCE    yes 180   0\n"},
      // The older kernels' layout (2.10 reads /proc/net/x25 as a file);
      // x25/socket and x25/route are in tests/capture/redact_legacy_test.cc.
      {"proc/net/x25", FileType::regular,
       "dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n"
       "311061234567 311069876543 x25a0 010  3  1  2  0   0   3 200 180 180     4     5 12345\n"},
      {"proc/net/x25_routes", FileType::regular,
       "Address          Digits  Device\n"
       "31106            5       x25a0\n"
       "311061234567     12      x25a0\n"},
      {"proc/net/atalk_route", FileType::regular,
       "Target        Router  Flags Dev\n"
       "Default     7A3C:2B  3     eth0\n"
       "1D2E:81     7A3C:2B  7     ipddp0\n"},
      {"proc/net/unix", FileType::regular,
       "Num       RefCount Protocol Flags    Type St Inode Path\n"},
      {"etc", FileType::directory, ""},
      {"etc/passwd", FileType::regular,
       "root:x:0:0:root:/root:/bin/bash\nhamop:x:1000:1000::/home/hamop:/bin/sh\n"},
  };
}

// Every planted identity (the digits of X.121 addresses as their shared
// prefixes too, IPX values in both cases).
std::vector<std::string> originals() {
  return {"DL9QXY", "W7LEAK", "RELAYQ", "WIDEQ2", "G0LEAK", "GB7QXZ", "GB7ABQ", "LEAKND",
          "3106123456", "3106129999", "31061", "311061234567", "311069876543", "31106",
          "5EC12E70", "7A11C0DE", "00163ECAFE01", "0050569ABC12", "CAFE01", "9ABC12",
          "7A3C:2B", "1D2E:81", "hamop"};
}

bool contains_nocase(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != hay.end();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

class RedactLegacy : public ::testing::Test {
 protected:
  void SetUp() override { testing::to_directory(legacy_tree(), tree()); }
  fs::path tree() const { return m_dir.path() / "tree"; }
  fs::path path(const std::string& name) const { return m_dir.path() / name; }

 private:
  testing::TempDir m_dir;
};

TEST_F(RedactLegacy, SameShapeNoOriginalLeft) {
  fs::path out = path("r.tar.zst");
  fs::path key = path("key");
  testing::write_file(key, "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100\n");
  Invocation r = run_args({"redact", tree().string(), "-o", out.string(), "--key-file",
                           key.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("dropped"), std::string::npos) << r.err;
  EXPECT_EQ(run_args({"verify", out.string()}).status, 0);
  std::ifstream in(out, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  size_t legacy = 0;
  for (const ArchiveEntry& e : *entries) {
    for (const std::string& s : originals()) {
      EXPECT_FALSE(contains_nocase(e.data, s)) << "'" << s << "' in " << e.path << ":\n" << e.data;
    }
    legacy += e.path.find("proc/net/") != std::string::npos && !e.data.empty() &&
              e.path.find("unix") == std::string::npos;
  }
  EXPECT_EQ(legacy, 13u);  // every table kept, none dropped
  for (std::vector<std::string> mode :
       {std::vector<std::string>{"--ipx"}, {"--ax25", "-a"}, {"--netrom", "-a"},
        {"--rose"}, {"--x25", "-a"}, {"-A", "ipx,ax25,netrom,x25,rose"}, {"-r", "-A", "ipx"},
        {"-r", "-A", "ax25"}, {"-r", "-A", "netrom"}, {"-r", "-A", "rose"}, {"-r", "-A", "x25"},
        {"-r", "-A", "ddp"}}) {
    std::string name = mode[0] + " " + mode.back();
    std::vector<std::string> a = mode;
    std::vector<std::string> b = mode;
    a.insert(a.begin(), "--root=" + tree().string());
    b.insert(b.begin(), "--root=" + out.string());
    Invocation orig = run_args(a);
    Invocation red = run_args(b);
    EXPECT_EQ(orig.status, red.status) << name;
    EXPECT_EQ(orig.err, red.err) << name;
    std::vector<std::string> lo = lines_of(orig.out);
    std::vector<std::string> lr = lines_of(red.out);
    ASSERT_EQ(lo.size(), lr.size()) << name << "\n" << orig.out << "---\n" << red.out;
    EXPECT_GT(lo.size(), 2u) << name << "\n" << orig.out;
    bool changed = false;
    for (size_t i = 0; i < lo.size(); ++i) {
      // Same width, same columns: blanks where they were.
      ASSERT_EQ(lo[i].size(), lr[i].size()) << name << "\n" << lo[i] << "\n" << lr[i];
      for (size_t c = 0; c < lo[i].size(); ++c) {
        EXPECT_EQ(lo[i][c] == ' ', lr[i][c] == ' ') << name << "\n" << lo[i] << "\n" << lr[i];
      }
      // Every word that differs held an identity.
      std::istringstream wo(lo[i]);
      std::istringstream wr(lr[i]);
      std::string x;
      std::string y;
      while (wo >> x && wr >> y) {
        if (x == y) continue;
        changed = true;
        bool identity = false;
        for (const std::string& s : originals()) identity = identity || contains_nocase(x, s);
        EXPECT_TRUE(identity) << name << ": '" << x << "' became '" << y << "'";
      }
    }
    EXPECT_TRUE(changed) << name << "\n" << red.out;
    for (const std::string& s : originals()) {
      EXPECT_FALSE(contains_nocase(red.out, s)) << name << ": " << s << "\n" << red.out;
    }
  }
}

TEST_F(RedactLegacy, RenamedInterfacesLeaveNoDeviceName) {
  fs::path out = path("r.tar.zst");
  Invocation r = run_args({"redact", tree().string(), "-o", out.string(), "--rename-interfaces"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::ifstream in(out, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, "r", ArchiveLimits{});
  ASSERT_TRUE(entries.ok());
  for (const ArchiveEntry& e : *entries) {
    if (e.path.find("manifest") != std::string::npos) continue;
    for (const char* dev : {"ax0", "nr0", "bpq0", "rose0", "x25a0", "eth0", "ipddp0"}) {
      EXPECT_EQ(e.data.find(dev), std::string::npos) << dev << " in " << e.path << ":\n" << e.data;
    }
  }
  // Rows, states and queues as before.
  for (std::vector<std::string> mode : {std::vector<std::string>{"--ax25", "-a"},
                                        {"--netrom", "-a"}, {"--x25", "-a"}, {"-r", "-A", "x25"},
                                        {"-r", "-A", "ddp"}}) {
    std::vector<std::string> a = mode;
    std::vector<std::string> b = mode;
    a.insert(a.begin(), "--root=" + tree().string());
    b.insert(b.begin(), "--root=" + out.string());
    Invocation orig = run_args(a);
    Invocation red = run_args(b);
    EXPECT_EQ(orig.status, red.status);
    EXPECT_EQ(lines_of(orig.out).size(), lines_of(red.out).size()) << orig.out << red.out;
    for (const char* word : {"ESTABLISHED", "LISTENING", "UGH"}) {
      EXPECT_EQ(orig.out.find(word) == std::string::npos, red.out.find(word) == std::string::npos)
          << word << "\n" << red.out;
    }
  }
}

}  // namespace
}  // namespace netstat
