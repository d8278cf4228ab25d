// Builds and checks the SHA-256 trailer frame of a bundle stream (format in
// stream_trailer.h and docs/bundle-format.md).
#include "capture/stream_trailer.h"

#include <cstdint>

#include "capture/manifest.h"
#include "replay/skippable_frames.h"

namespace netstat {
namespace {

constexpr std::string_view kTag = "netstat-sha256:";
constexpr size_t kPayload = kTag.size() + 64;
constexpr size_t kFrame = 8 + kPayload;
static_assert(kFrame == kStreamTrailerFrameSize, "replay/bundle_index.h finds the index by it");

std::string hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace

std::string make_stream_trailer(std::string_view digest) {
  std::string out;
  append_le32(out, kTrailerFrameMagic);
  append_le32(out, static_cast<uint32_t>(kPayload));
  out += kTag;
  out += hex(digest);
  return out;
}

TrailerCheck check_stream_trailer(std::string_view file) {
  if (file.size() < kFrame) return TrailerCheck::absent;
  std::string_view t = file.substr(file.size() - kFrame);
  if (le32_at(t) != kTrailerFrameMagic || le32_at(t.substr(4)) != kPayload ||
      t.substr(8, kTag.size()) != kTag) {
    return TrailerCheck::absent;
  }
  std::string_view want = t.substr(8 + kTag.size());
  return sha256_hex(file.substr(0, file.size() - kFrame)) == want
             ? TrailerCheck::matches
             : TrailerCheck::differs;
}

}  // namespace netstat
