// Manifest side of capture: SHA-256 of every member (capture/sha256.h),
// the directory members a tar needs, and `netstat verify`'s checks (format
// version, every member present with the recorded size and hash, nothing
// unlisted).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "capture/recorder.h"
#include "capture/sha256.h"
#include "replay/archive_reader.h"
#include "replay/result.h"

namespace netstat {

/// Inserts a directory member before the first member under each folder
/// that has none yet, drops duplicate directories, and fills
/// manifest.entries (path, type, size, sha256) in member order.
void finalize_recording(Recording& rec);

/// What verify found.
struct VerifyReport {
  int format_version = 0;
  bool stream_trailer = false;        ///< the SHA-256 trailer was present
  size_t members = 0;                 ///< members checked (manifest excluded)
  std::vector<std::string> problems;  ///< empty when the bundle is intact
};

/// Checks the archive members \a entries (archive order, as decoded) against
/// their manifest. Fails only when there is no usable manifest at all.
Result<VerifyReport> verify_members(const std::vector<ArchiveEntry>& entries);

/// Checks the whole bundle file content \a bytes: the stream trailer
/// (capture/stream_trailer.h; missing or different is a problem), then
/// decodes it within \a limits and checks the members.
/// Errors name \a name.
Result<VerifyReport> verify_bytes(std::string_view bytes, const std::string& name,
                                  const ArchiveLimits& limits = ArchiveLimits{});

/// Reads the bundle file \a path (at most limits.max_total_size bytes) and
/// checks it (see verify_bytes).
Result<VerifyReport> verify_bundle(const std::string& path,
                                   const ArchiveLimits& limits = ArchiveLimits{});

}  // namespace netstat
