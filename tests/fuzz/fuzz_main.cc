// libFuzzer entry point for one target of tests/fuzz/fuzz_targets.h; CMake
// builds this file once per target as fuzz_<name>, with NETSTAT_FUZZ_TARGET
// set to the name. Run: build-fuzz/tests/fuzz/fuzz_<name> CORPUS_DIR
// (scripts/fuzz.sh does it for every target).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_targets.h"

#ifndef NETSTAT_FUZZ_TARGET
#error "NETSTAT_FUZZ_TARGET must name a row of kFuzzTargets"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const netstat::fuzz::FuzzTarget* target =
      netstat::fuzz::find_fuzz_target(NETSTAT_FUZZ_TARGET);
  if (target == nullptr) __builtin_trap();
  target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
