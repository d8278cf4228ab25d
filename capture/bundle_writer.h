// The bundle writer: a Recording as one zstd-compressed tar (pax, restricted
// to plain ustar headers where names fit; zstd frames with their content
// checksum, so a flipped byte anywhere fails decompression: one for the
// manifest, one per run of members of a view, one for the end-of-archive
// blocks, listed in a segment index (replay/bundle_index.h) before the
// SHA-256 trailer). manifest.json is the first member; the rest follow in
// recording order. Every member has owner 0:0,
// mode 0644 (folders 0755, links 0777) and mtime 0, so the same recording
// always gives the same bytes.
//
// Files are written atomically: a temporary file (mode 0600: a bundle holds
// a whole machine's connections) in the target folder, renamed to the target
// only when complete; an existing target is refused unless
// WriteOptions::overwrite, and the check is part of the rename
// (renameat2 RENAME_NOREPLACE), so a file appearing meanwhile is not lost.
// On failure, and on SIGINT, SIGTERM or SIGHUP while writing, the temporary
// file is removed.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "capture/recorder.h"
#include "replay/result.h"

namespace netstat {

struct WriteOptions {
  int zstd_level = 1;
  /// zstd worker threads. zstd's output is the same for any count >= 1 (but
  /// differs from 0 = compress in the calling thread), so bundles stay
  /// byte-reproducible whatever the machine.
  int zstd_workers = 2;
  /// Called after each chunk written with the byte count so far; an error
  /// aborts the write (tests inject failures and signals through it).
  std::function<Result<void>(size_t)> on_progress;
  /// write_bundle_file: replace an existing file (`--force`).
  bool overwrite = false;
};

/// The permissions of every bundle file written (umask aside).
inline constexpr unsigned kBundleFileMode = 0600;

/// Fails with "PATH: File exists (use --force to overwrite)" when \a path
/// names an existing file (or a dangling symlink), so that commands can
/// refuse before doing their work; write_bundle_file checks again.
Result<void> check_can_create(const std::string& path);
/// What `--force` may replace: nothing, a regular file, or a symlink (the
/// link itself is replaced, not its target). A device, FIFO or socket is
/// refused (an error naming `-o -`), so that `-o /dev/null --force` as root
/// can never replace or remove a device node; a directory is refused too.
Result<void> check_can_replace(const std::string& path);

/// Receives the compressed bytes in order.
using ByteSink = std::function<Result<void>(std::string_view)>;

/// Writes \a rec to \a sink (`-o -` uses this with stdout).
Result<void> write_bundle(const Recording& rec, const ByteSink& sink,
                          const WriteOptions& options = {});

/// Writes \a rec to the file \a path atomically (see above).
Result<void> write_bundle_file(const Recording& rec, const std::string& path,
                               const WriteOptions& options = {});

}  // namespace netstat
