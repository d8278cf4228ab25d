// The archive reader: decodes a bundle (or any tar tree such as a sosreport)
// into memory once, so replay never touches the archive again.
//
// Format and compression are detected from the content, never from the file
// name: tar (ustar, pax, GNU) plain or compressed with zstd, gzip, xz, lzma,
// bzip2 or lz4. Untrusted input is held to limits (entry size, total size,
// entry count), entry names with ".." or a leading "/" are refused, and
// nothing is ever written to disk.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "replay/memory_root.h"
#include "replay/result.h"
#include "replay/root.h"

namespace netstat {

/// Caps on what one archive may make us hold in memory. The defaults suit a
/// bundle of a very busy host (1M sockets) and a typical sosreport; each can
/// be changed by the environment variables named below (see
/// docs/bundle-format.md, "Reading limits").
struct ArchiveLimits {
  size_t max_entry_size = size_t{256} << 20;   ///< NETSTAT_ARCHIVE_MAX_ENTRY_SIZE
  size_t max_total_size = size_t{1} << 30;     ///< NETSTAT_ARCHIVE_MAX_TOTAL_SIZE
  size_t max_entries = 1'000'000;              ///< NETSTAT_ARCHIVE_MAX_ENTRIES

  /// The limits in effect: the defaults, overridden by any of the variables
  /// above that hold a plain decimal number of bytes (entries for the
  /// count), overridden in turn by the command line's --archive-max-*
  /// options while a ScopedArchiveLimits is alive.
  static ArchiveLimits from_environment();
};

/// Caps given on the command line (--archive-max-entry-size=SIZE,
/// --archive-max-total-size=SIZE, --archive-max-entries=N); a set one
/// outranks its environment variable.
struct ArchiveLimitOverrides {
  std::optional<size_t> max_entry_size;
  std::optional<size_t> max_total_size;
  std::optional<size_t> max_entries;
};

/// While alive, ArchiveLimits::from_environment() applies \a overrides on
/// top of the environment. One per netstat::run (not for concurrent runs);
/// scopes nest, the innermost wins, and the previous one comes back at the
/// end of the scope.
class ScopedArchiveLimits {
 public:
  explicit ScopedArchiveLimits(const ArchiveLimitOverrides& overrides);
  ~ScopedArchiveLimits();
  ScopedArchiveLimits(const ScopedArchiveLimits&) = delete;
  ScopedArchiveLimits& operator=(const ScopedArchiveLimits&) = delete;

 private:
  ArchiveLimitOverrides m_overrides;
  const ArchiveLimitOverrides* m_previous;
};

/// One decoded member of an archive.
struct ArchiveEntry {
  std::string path;  ///< normalized: relative, no "./", no trailing "/"
  FileType type = FileType::regular;  ///< regular, directory or symlink
  std::string data;  ///< file content, or the symlink target
};

/// Decodes every regular file, directory, symlink (and hard link, as a copy
/// of its target) of the archive in \a bytes, in archive order. \a name is
/// used in error messages ("NAME: ..."). Other member types (devices, FIFOs)
/// are skipped.
Result<std::vector<ArchiveEntry>> decode_archive(std::string_view bytes,
                                                 const std::string& name,
                                                 const ArchiveLimits& limits);

/// Reads the file \a path and decodes it (see decode_archive).
Result<std::vector<ArchiveEntry>> read_archive(const std::string& path,
                                               const ArchiveLimits& limits);

/// If every entry lies under one top-level folder that holds proc/ (as in
/// sosreport-HOST-DATE/proc/...), strips that folder from every path.
/// Returns the stripped folder name, or "" when nothing was stripped.
std::string strip_single_top_folder(std::vector<ArchiveEntry>& entries);

/// Builds a MemoryRoot from \a entries (moved from), in order.
std::unique_ptr<MemoryRoot> make_memory_root(std::vector<ArchiveEntry> entries,
                                             std::string description);

/// What `netstat verify` checks beyond the manifest: how many members the
/// archive has (of any type) and which names occur more than once (a later
/// member silently replaces an earlier one when the archive is read).
struct ArchiveMemberScan {
  size_t members = 0;
  /// Normalized name and number of members with it, in order of first use.
  std::vector<std::pair<std::string, size_t>> duplicates;
};

/// Reads only the member headers of the archive file \a path (names are
/// normalized and refused as in decode_archive; the entry cap applies, and
/// the total cap to the names held).
Result<ArchiveMemberScan> scan_archive_members(const std::string& path,
                                               const ArchiveLimits& limits);

/// read_archive + strip_single_top_folder + make_memory_root: the archive
/// file \a path as a tree. Errors name \a path; an archive without a single
/// usable member (an empty or all-zero tar) is "PATH: not a bundle: no
/// entries".
Result<std::unique_ptr<MemoryRoot>> open_archive_root(
    const std::string& path, const ArchiveLimits& limits);

}  // namespace netstat
