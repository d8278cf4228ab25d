// The --safe-strings switch as renderers take it (a typed flag rather than
// a bool parameter); see src/safe_text.h for what gets escaped.
#pragma once

#include <cstdint>

namespace netstat {

enum class SafeStrings : uint8_t { off, on };

}  // namespace netstat
