// `netstat -i` replayed in process: every testdata/interfaces/<case> (a proc/
// tree plus the interfaces.json a capture would record) is loaded into a
// MemoryRoot and each cases.tsv invocation must print exactly what
// /usr/bin/netstat printed for the same answers (goldens written only by
// scripts/regen-iface-golden.sh, which fakes the ioctls with an LD_PRELOAD
// shim). Also: natural order, flag letters, human sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "replay/interfaces_json.h"
#include "replay/memory_root.h"
#include "src/app.h"
#include "src/output.h"
#include "src/model/iface_list.h"
#include "src/render/iface_render.h"

namespace netstat {
namespace {

namespace fs = std::filesystem;

/// A MemoryRoot whose interface fetches can also fail with a recorded error.
class ReplayRoot : public MemoryRoot {
 public:
  std::map<std::string, Error, std::less<>> failures;
  Result<IfaceInfo> interface_info(std::string_view name) const override {
    if (auto it = failures.find(name); it != failures.end()) return it->second;
    return MemoryRoot::interface_info(name);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path cases_dir() {
  const char* env = std::getenv("NETSTAT_SOURCE_DIR");
  return fs::path(env != nullptr ? env : NETSTAT_SOURCE_DIR) / "testdata" /
         "interfaces";
}

struct Invocation {
  std::string case_name;
  std::string slug;
  std::string args;
};

std::vector<Invocation> all_invocations() {
  std::vector<Invocation> out;
  if (!fs::is_directory(cases_dir())) return out;
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(cases_dir())) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    std::istringstream tsv(slurp(dir / "cases.tsv"));
    std::string line;
    while (std::getline(tsv, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      out.push_back({dir.filename().string(), line.substr(0, tab),
                     tab == std::string::npos ? "" : line.substr(tab + 1)});
    }
  }
  return out;
}

void load_case(const fs::path& dir, ReplayRoot& root) {
  for (const auto& f : fs::recursive_directory_iterator(dir / "proc")) {
    if (!f.is_regular_file()) continue;
    root.add_file("/" + fs::relative(f.path(), dir).string(), slurp(f.path()));
  }
  Result<InterfaceSnapshot> snap = interfaces_from_json(slurp(dir / "interfaces.json"));
  ASSERT_TRUE(snap.ok()) << snap.error().message;
  root.set_interfaces(snap->labels, snap->infos);
  for (const InterfaceFailure& f : snap->failures) root.failures[f.name] = f.error;
}

class InterfacesReplay : public testing::TestWithParam<Invocation> {};

TEST_P(InterfacesReplay, MatchesTheOracle) {
  const Invocation& inv = GetParam();
  fs::path dir = cases_dir() / inv.case_name;
  ReplayRoot root;
  ASSERT_NO_FATAL_FAILURE(load_case(dir, root));
  std::vector<std::string> args{"netstat"};
  std::istringstream words(inv.args);
  for (std::string w; words >> w;) args.push_back(w);
  Output out, err;
  int rc = run(args, out, err, &root);
  fs::path golden = dir / "golden" / inv.slug;
  EXPECT_EQ(out.str(), slurp(golden.string() + ".out"));
  EXPECT_EQ(err.str(), slurp(golden.string() + ".err"));
  EXPECT_EQ(std::to_string(rc) + "\n", slurp(golden.string() + ".rc"));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InterfacesReplay, testing::ValuesIn(all_invocations()),
    [](const testing::TestParamInfo<Invocation>& p) {
      std::string n = p.param.case_name + "_" + p.param.slug;
      for (char& c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return n;
    });

TEST(InterfacesReplayData, CasesArePresent) {
  EXPECT_GE(all_invocations().size(), 20u) << cases_dir();
}

// No ioctl answers but /proc/net/dev: its counters alone, MTU and flags
// unknown, one note (docs/compat.md); without /proc/net/dev either, nothing.
TEST(InterfacesMode, SnapshotWithoutInterfaceDataFailsCleanly) {
  MemoryRoot root;
  root.set_description("bundle.tar.zst");
  root.add_file("/proc/net/dev", "h1\nh2 compressed\nlo: 1\n");
  Output out, err;
  EXPECT_EQ(run({"netstat", "-i"}, out, err, &root), 0);
  EXPECT_EQ(out.str(),
            "Kernel Interface table\n"
            "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
            "lo                  -        0      0      0 0             0      0      0      0 -\n");
  EXPECT_EQ(err.str(),
            "netstat: bundle.tar.zst: no interface state in the tree (no ioctl answers, "
            "sos_commands/networking/ip_* text or sys/class/net): every interface of "
            "/proc/net/dev is listed, MTU and flags unknown\n");

  MemoryRoot bare;
  bare.set_description("bundle.tar.zst");
  bare.add_file("/proc/net/tcp", "");
  Output out2, err2;
  EXPECT_EQ(run({"netstat", "-i"}, out2, err2, &bare), 1);
  EXPECT_EQ(out2.str(), "");
  EXPECT_EQ(err2.str(),
            "netstat: bundle.tar.zst: no interface information was captured\n");
}

TEST(InterfacesMode, LabelsErrorWithoutProcNetDev) {
  // Both sources failing: 2.10's perror("missing interface information").
  class NoLabels : public MemoryRoot {
   public:
    Result<std::vector<std::string>> interface_labels() const override {
      return Error{Errc::io_error, 5, "SIOCGIFCONF"};
    }
  } root;
  root.set_interfaces({}, {});
  Output out, err;
  EXPECT_EQ(run({"netstat", "-i"}, out, err, &root), 1);
  EXPECT_EQ(out.str(),
            "Kernel Interface table\n"
            "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR "
            "TX-DRP TX-OVR Flg\n");
  EXPECT_EQ(err.str(),
            "Warning: cannot open /proc/net/dev (No such file or directory). "
            "Limited output.\n"
            "SIOCGIFCONF: Input/output error\n"
            "missing interface information: Input/output error\n");
}

TEST(InterfacesMode, ReadsOnlyDevAndIfInet6) {
  MemoryRoot root;
  root.add_file("/proc/net/dev", "h1\nh2 compressed\n");
  root.set_interfaces({}, {});
  Output out, err;
  EXPECT_EQ(run({"netstat", "-ie"}, out, err, &root), 0);
  EXPECT_EQ(root.accessed(),
            (std::vector<std::string>{"/proc/net/dev", "/proc/net/if_inet6"}));
}

TEST(IfaceNames, NaturalOrder) {
  EXPECT_LT(compare_iface_names("eth2", "eth10"), 0);
  EXPECT_LT(compare_iface_names("eth1", "eth1:0"), 0);
  EXPECT_LT(compare_iface_names("veth0:1", "veth1"), 0);
  EXPECT_LT(compare_iface_names("veth1", "veth0:lbl"), 0);
  EXPECT_LT(compare_iface_names("eth1:9", "eth1:10"), 0);
  EXPECT_LT(compare_iface_names("veth0:0", "veth0:00"), 0);
  EXPECT_LT(compare_iface_names("eth001", "eth01"), 0);
  EXPECT_LT(compare_iface_names(":5", "1"), 0);
  EXPECT_LT(compare_iface_names("a:5", "a:"), 0);
  EXPECT_LT(compare_iface_names("x4294967297", "x99999999999"), 0);  // atoi wraps
  EXPECT_EQ(compare_iface_names("lo", "lo"), 0);
  EXPECT_GT(compare_iface_names("caf\xc3\xa9", "cafe"), 0);  // bytes unsigned
}

TEST(IfaceNames, ListDeduplicatesAndCutsAtFifteen) {
  IfaceList list;
  list.add("eth10");
  list.add("eth2");
  list.add("averylongname123");
  list.add("eth2");
  std::vector<std::string> names;
  for (const auto& [key, e] : list.entries()) {
    EXPECT_EQ(key.name(), e.name);
    names.push_back(e.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"averylongname12", "eth2", "eth10"}));
}

// The list's cached sort keys order names exactly as compare_iface_names
// does pairwise, and names equal under the key's numbers ("a:0", "a:00",
// "a0", "a00") stay distinct entries.
TEST(IfaceNames, ListOrderIsThePairwiseOrder) {
  const std::vector<std::string> names = {
      "eth10", "eth2", "eth1:0", "eth1:00", "eth1", "veth0:lbl", "veth0:1",
      "veth1", ":5", "1", "a:", "a:5", "a0", "a00", "a:0", "a:00", "lo",
      "caf\xc3\xa9", "cafe", "x4294967297", "x99999999999", "", "eth001", "eth01",
      "br-1:2:3", "br-1:2", "wg0:x1", "wg0:1x"};
  IfaceList list;
  for (const std::string& n : names) list.add(n);
  for (const std::string& n : names) list.add(n);  // again: no duplicates
  std::vector<std::string> listed;
  for (const auto& [key, e] : list.entries()) listed.push_back(e.name);
  std::vector<std::string> sorted = names;
  for (std::string& n : sorted) n = n.substr(0, 15);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const std::string& a, const std::string& b) {
                     return compare_iface_names(a, b) < 0;
                   });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(listed, sorted);
  for (size_t i = 0; i + 1 < listed.size(); ++i) {
    EXPECT_LT(compare_iface_names(listed[i], listed[i + 1]), 0)
        << listed[i] << " / " << listed[i + 1];
  }
}

TEST(IfaceRender, FlagLetters) {
  EXPECT_EQ(iface_flag_letters(0), "[NO FLAGS]");
  EXPECT_EQ(iface_flag_letters(0x1043), "BMRU");
  EXPECT_EQ(iface_flag_letters(-1), "ABDLMdPNOPsmRU");
}

TEST(IfaceRender, HumanBytes) {
  EXPECT_EQ(human_bytes(0), "0.0 B");
  EXPECT_EQ(human_bytes(1024), "1024.0 B");
  EXPECT_EQ(human_bytes(1025), "1.0 KiB");
  EXPECT_EQ(human_bytes(1048576), "1024.0 KiB");
  EXPECT_EQ(human_bytes(19553870), "18.6 MiB");
  EXPECT_EQ(human_bytes(1ULL << 60), "1024.0 PiB");
  EXPECT_EQ(human_bytes((1ULL << 60) + 1), "1.0 EiB");
  EXPECT_EQ(human_bytes(UINT64_MAX), "16.0 EiB");
}

}  // namespace
}  // namespace netstat
