// redact_file over the hostile and real files of the fuzz corpora
// (testdata/fuzz/<format>/): every file is redacted as each path its format
// covers, and as every other rule's path too (a rule must survive any
// bytes). Nothing may crash (CI runs this under ASan+UBSan), a /proc/net
// table keeps its line count, and the result is deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "capture/redacting_root.h"
#include "capture/redactor.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

const char* const kPaths[] = {
    "/proc/net/tcp",         "/proc/net/tcp6",        "/proc/net/unix",
    "/proc/net/route",       "/proc/net/rt_cache",    "/proc/net/ipv6_route",
    "/proc/net/if_inet6",    "/proc/net/igmp",        "/proc/net/igmp6",
    "/proc/net/ip_masquerade", "/proc/net/nf_conntrack", "/proc/net/sctp/eps",
    "/proc/net/sctp/assocs", "/proc/net/snmp",        "/proc/net/dev",
    "/proc/net/ax25",        "/sys/class/net/eth0/address", "/sys/class/net/eth0/mtu",
    "/etc/hosts",            "/etc/networks",         "/etc/passwd",
    "/etc/group",            "/etc/services",         "/proc/7/cmdline",
    "/proc/net/ipx/socket",   "/proc/net/ipx/route", "/proc/net/ipx/interface",
    "/proc/net/ax25_route",   "/proc/net/nr",     "/proc/net/nr_nodes",
    "/proc/net/nr_neigh",     "/proc/net/rose",     "/proc/net/rose_nodes",
    "/proc/net/rose_neigh",   "/proc/net/rose_routes", "/proc/net/x25",
    "/proc/net/x25/route",    "/proc/net/atalk_route",
};

TEST(RedactCorpus, EveryRuleSurvivesEveryCorpusFile) {
  fs::path corpora = fs::path(NETSTAT_SOURCE_DIR) / "testdata/fuzz";
  ASSERT_TRUE(fs::is_directory(corpora)) << corpora;
  RedactKey key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i + 3);
  Redactor r(key, RedactOptions{});
  Redactor again(key, RedactOptions{});
  size_t files = 0;
  for (const fs::directory_entry& dir : fs::directory_iterator(corpora)) {
    if (!dir.is_directory() || dir.path().filename() == "archive") continue;
    for (const fs::directory_entry& f : fs::directory_iterator(dir.path())) {
      if (!f.is_regular_file() || f.file_size() > (4u << 20)) continue;
      std::ifstream in(f.path(), std::ios::binary);
      std::string data((std::istreambuf_iterator<char>(in)), {});
      ++files;
      for (const char* path : kPaths) {
        std::string rule;
        std::string rule2;
        Result<std::string> out = redact_file(r, path, data, rule);
        Result<std::string> out2 = redact_file(again, path, data, rule2);
        ASSERT_EQ(out.ok(), out2.ok()) << f.path() << " as " << path;
        if (!out.ok()) {
          EXPECT_EQ(out.code(), Errc::not_captured);
          continue;
        }
        EXPECT_EQ(*out, *out2) << f.path() << " as " << path;
        if (std::string_view(path).substr(0, 10) == "/proc/net/") {
          EXPECT_EQ(std::count(out->begin(), out->end(), '\n'),
                    std::count(data.begin(), data.end(), '\n'))
              << f.path() << " as " << path;
        }
      }
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
}  // namespace netstat
