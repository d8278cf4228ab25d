// Masquerade mode (-M) on in-memory roots (expected outputs taken from
// /usr/bin/netstat 2.10 on the same files).
#include <gtest/gtest.h>

#include <memory>

#include "replay/memory_root.h"
#include "src/app.h"

namespace netstat {
namespace {

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

std::unique_ptr<MemoryRoot> masq_root(std::string_view header) {
  auto owned = std::make_unique<MemoryRoot>();
  MemoryRoot& root = *owned;
  root.add_file("/proc/net/ip_masquerade",
                std::string(header) +
                    "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 0 123456\n"
                    "UDP 00000000:0035 00000000:0035 0000 FFFFFFFF -5 70000 100\n");
  root.add_file("/etc/services", "telnet 23/tcp\ndomain 53/tcp\ndomain 53/udp\n");
  root.add_file("/etc/hosts", "10.1.2.3 myhost.example.com\n");
  return owned;
}

constexpr std::string_view k10 =
    "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires\n";

TEST(MasqueradeMode, MissingFile) {
  MemoryRoot root;
  root.add_dir("/proc/net");
  RunResult r = run_on(root, {"-M"});
  EXPECT_EQ(1, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ("netstat: no support for `ip_masquerade' on this system.\n", r.err);
  root.add_error("/proc/net/ip_masquerade", Errc::permission_denied,
                 FileType::regular);
  r = run_on(root, {"-M"});
  EXPECT_EQ(255, r.rc);
  EXPECT_EQ("/proc/net/ip_masquerade: Permission denied\n", r.err);
}

TEST(MasqueradeMode, Rows) {
  RunResult r = run_on(*masq_root(k10), {"-M"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ(
      "IP masquerading entries\n"
      "prot   expire source               destination          ports\n"
      "tcp  20:34.56 myhost.example.com   10.9.9.9             1025 -> telnet "
      "(62401)\n"
      "udp   0:01.00 0.0.0.0              0.0.0.0              domain -> domain "
      "(*)\n",
      r.out);
}

TEST(MasqueradeMode, ExtendedAndNumeric) {
  RunResult r = run_on(*masq_root(k10), {"-Mne"});
  EXPECT_EQ(
      "IP masquerading entries\n"
      "prot   expire    initseq delta prevd source               destination "
      "         ports\n"
      "tcp  20:34.56       4660     0     0 10.1.2.3             10.9.9.9      "
      "       1025 -> 23 (62401)\n"
      "udp   0:01.00 4294967295    -5  4464 0.0.0.0              0.0.0.0       "
      "       53 -> 53 (*)\n",
      r.out);
}

TEST(MasqueradeMode, NineFieldFormatShowsDash) {
  MemoryRoot root;
  root.add_file("/proc/net/ip_masquerade",
                "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta Expires\n"
                "ESP 0A010203:0001 0A090909:0002 0003 00000001  1 5\n");
  EXPECT_EQ(
      "IP masquerading entries\n"
      "prot   expire    initseq delta prevd source               destination "
      "         ports\n"
      "esp   0:00.05          1     1     - 10.1.2.3             10.9.9.9      "
      "       1 -> 2 (3)\n",
      run_on(root, {"-Mne"}).out);
}

TEST(MasqueradeMode, ErrorsPrintNoRows) {
  MemoryRoot root;
  root.add_file("/proc/net/ip_masquerade",
                std::string(k10) +
                    "TCP 0A010203:0401 0A090909:0017 F3C1 00001234 0 0 1\n"
                    "esp 0A010203:0401 0A090909:0017 F3C1 00001234 0 0 1\n");
  RunResult r = run_on(root, {"-M"});
  EXPECT_EQ(255, r.rc);
  EXPECT_EQ("", r.out);
  EXPECT_EQ("masq_info.c: Internal Error `ip_masquerade unknown type'.\n", r.err);
  root.add_file("/proc/net/ip_masquerade", "");
  EXPECT_EQ("masq_info: Internal Error `fgets() failed'.\n",
            run_on(root, {"-M"}).err);
  root.add_file("/proc/net/ip_masquerade", std::string(k10));
  r = run_on(root, {"-M"});
  EXPECT_EQ(0, r.rc);
  EXPECT_EQ("", r.out);
}

TEST(MasqueradeMode, SafeStringsEscapesHostAndServiceNames) {
  std::unique_ptr<MemoryRoot> root = masq_root(k10);
  root->add_file("/etc/services", "tel\x1bnet 23/tcp\n");
  root->add_file("/etc/hosts", "10.1.2.3 my\x07host\n");
  RunResult raw = run_on(*root, {"-M"});
  EXPECT_NE(std::string::npos, raw.out.find(" my\x07host    ")) << raw.out;
  EXPECT_NE(std::string::npos, raw.out.find("-> tel\x1bnet (")) << raw.out;
  RunResult safe = run_on(*root, {"-M", "--safe-strings"});
  EXPECT_NE(std::string::npos, safe.out.find(" my\\x07host ")) << safe.out;
  EXPECT_NE(std::string::npos, safe.out.find("-> tel\\x1bnet (")) << safe.out;
  EXPECT_EQ(std::string::npos, safe.out.find('\x1b'));
}

}  // namespace
}  // namespace netstat
