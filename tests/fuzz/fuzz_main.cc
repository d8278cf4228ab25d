// libFuzzer entry point for the targets of tests/fuzz/fuzz_targets.h. It is
// compiled once and linked into every fuzz_<name> executable; the target is
// picked from the executable's name (argv[0] = .../fuzz_<name>) in
// LLVMFuzzerInitialize, so one object serves all (compiling the header
// twenty times doubled the fuzz build). Run: build-fuzz/tests/fuzz/fuzz_<name>
// CORPUS_DIR (scripts/fuzz.sh does it for every target).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "tests/fuzz/fuzz_targets.h"

namespace {
const netstat::fuzz::FuzzTarget* g_target = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  std::string_view self = (*argc > 0 && (*argv)[0] != nullptr) ? (*argv)[0] : "";
  size_t slash = self.rfind('/');
  if (slash != std::string_view::npos) self.remove_prefix(slash + 1);
  constexpr std::string_view kPrefix = "fuzz_";
  if (self.substr(0, kPrefix.size()) == kPrefix) {
    g_target = netstat::fuzz::find_fuzz_target(self.substr(kPrefix.size()));
  }
  if (g_target == nullptr) {
    std::fprintf(stderr, "fuzz: executable name '%.*s' names no row of kFuzzTargets\n",
                 static_cast<int>(self.size()), self.data());
    __builtin_trap();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  g_target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
