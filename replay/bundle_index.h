// The segment index of a bundle (format 2, docs/bundle-format.md section 1):
// the writer closes a zstd frame at the end of the manifest, of each run of
// members of one view, and before the tar's end-of-archive blocks, and
// records where each frame lies in a zstd skippable frame just before the
// SHA-256 trailer. A reader that wants some views of a series or of a
// container host decompresses the manifest's frame, then only the frames of
// those views and of the views their content-addressed links point into;
// any zstd or tar reader still reads the whole file as one tar.
//
//   magic 0x184D2A5C (LE u32) | payload size P (LE u32) | payload:
//     "netstat-index 1\n"
//     one line per segment, in file order, fields separated by tabs:
//       OFFSET SIZE KIND FOLDER DEPS\n
//     (OFFSET/SIZE: compressed bytes from the start of the file; KIND:
//      manifest, view or end; FOLDER: the view folder of the segment's
//      members, "" for the default view, "views/<id>" otherwise; DEPS: the
//      earlier segments its symlinks point into, comma-separated numbers)
//     footer: P (LE u32) | "NSX1"
//
// The index is a hint, never trusted for more than where to read: every
// offset is checked (segments tile the compressed stream from 0 to the
// index frame, in order; a dependency names an earlier segment), and a
// malformed index makes readers read the whole file; `netstat verify`
// decodes each segment alone and checks that it holds what the index says.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replay/result.h"
#include "replay/skippable_frames.h"

namespace netstat {

struct BundleSegment {
  enum class Kind { manifest, view, end };
  uint64_t offset = 0;  ///< compressed bytes from the start of the file
  uint64_t size = 0;    ///< compressed bytes
  Kind kind = Kind::view;
  std::string folder;          ///< "" = the default view, "views/<id>"
  std::vector<uint32_t> deps;  ///< earlier segments its links point into
};

struct BundleIndex {
  std::vector<BundleSegment> segments;
  uint64_t frame_offset = 0;  ///< where the index frame starts in the file
};

/// The index frame (skippable frame with payload and footer) for \a index.
std::string bundle_index_frame(const BundleIndex& index);

/// Reads \a n bytes at \a offset of the file into \a out; false on error.
using ReadAt = std::function<bool(uint64_t offset, size_t n, std::string& out)>;

/// Finds the index frame of a file of \a file_size bytes that ends with a
/// stream trailer: nullopt when there is none (no trailer, or a bundle
/// written before the index), an error naming the defect when there is an
/// index frame that does not hold together.
Result<std::optional<BundleIndex>> read_bundle_index(const ReadAt& read_at,
                                                     uint64_t file_size);

/// read_bundle_index over a whole file held in memory.
Result<std::optional<BundleIndex>> find_bundle_index(std::string_view file);

/// The view folder a member path belongs to: "views/<id>" for a path under
/// views/<id>/ (or that folder itself), "" for every other path; nullopt
/// for "views" itself, which belongs to no view.
std::optional<std::string_view> member_folder(std::string_view path);

/// The member a symlink at \a link with target \a target names: relative to
/// the link's folder, absolute from the top; ".." stops at the top (as
/// MemoryRoot resolves it).
std::string link_target_path(std::string_view link, std::string_view target);

/// The segments to read for the view folders \a roots ("" = the default
/// view): segment 0 (the manifest) excluded, every view segment whose
/// folder is one of \a roots and, transitively, the segments they depend
/// on; in file order.
std::vector<size_t> segments_for(const BundleIndex& index,
                                 const std::vector<std::string>& roots);

}  // namespace netstat
