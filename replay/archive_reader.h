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
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "replay/archive_limits.h"
#include "replay/memory_root.h"
#include "replay/result.h"
#include "replay/root.h"

namespace netstat {

/// One decoded member of an archive.
struct ArchiveEntry {
  std::string path;  ///< normalized: relative, no "./", no trailing "/"
  FileType type = FileType::regular;  ///< regular, directory or symlink
  std::string data;  ///< file content, or the symlink target
};

/// Keeping only the members of some views of a bundle (bundle_views.h):
/// \a choose is called once with the content of the first member when it is
/// manifest.json, and returns the view folders to keep ("" = every member
/// outside views/; "views/f3" = that folder), or nullopt to keep every
/// member. Members outside the kept folders are neither held as a tree nor
/// returned, except those a kept symlink resolves to (a member stored as a
/// link to an identical earlier one): each of them is returned under its own
/// path, after the kept members. decode_archive and read_archive still
/// decode the whole stream; open_archive_root, given a bundle file with a
/// segment index (replay/bundle_index.h), decompresses only the manifest's
/// segment, the kept views' and those their links point into. \a applied is set
/// when \a choose was called and its answer held to the end (false when the
/// archive had no manifest.json first, or a later member replaced it: then
/// every member is returned and the manifest is the later one).
struct ArchiveSelection {
  std::function<std::optional<std::vector<std::string>>(std::string_view manifest)> choose;
  bool applied = false;
};

/// Decodes every regular file, directory, symlink (and hard link, as a copy
/// of its target) of the archive in \a bytes, in archive order. \a name is
/// used in error messages ("NAME: ..."). Other member types (devices, FIFOs)
/// are skipped.
Result<std::vector<ArchiveEntry>> decode_archive(std::string_view bytes,
                                                 const std::string& name,
                                                 const ArchiveLimits& limits,
                                                 ArchiveSelection* select = nullptr);

/// Reads the file \a path and decodes it (see decode_archive).
Result<std::vector<ArchiveEntry>> read_archive(const std::string& path,
                                               const ArchiveLimits& limits,
                                               ArchiveSelection* select = nullptr);

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
    const std::string& path, const ArchiveLimits& limits,
    ArchiveSelection* select = nullptr);

}  // namespace netstat
