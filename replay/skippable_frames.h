// The zstd skippable frames netstat appends to a bundle's compressed stream
// (docs/bundle-format.md section 1): the segment index
// (replay/bundle_index.h), then the SHA-256 trailer
// (capture/stream_trailer.h). zstd readers skip any frame whose magic is
// 0x184D2A50..0x184D2A5F; its header is that magic and the payload size,
// both little-endian 32-bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace netstat {

inline constexpr uint32_t kIndexFrameMagic = 0x184D2A5C;
inline constexpr uint32_t kTrailerFrameMagic = 0x184D2A5E;

/// Bytes of the trailer frame that ends a bundle: header, then
/// "netstat-sha256:" and 64 hex digits.
inline constexpr size_t kStreamTrailerFrameSize = 8 + 15 + 64;

inline void append_le32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

/// The little-endian value of the first 4 bytes of \a s (at least 4 long).
inline uint32_t le32_at(std::string_view s) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(s[static_cast<size_t>(i)]);
  }
  return v;
}

}  // namespace netstat
