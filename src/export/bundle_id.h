// The stable id of an exported bundle (`netstat export`, docs/fleet.md): the
// lowercase hex SHA-256 of the bundle file's bytes; for a directory tree,
// of its manifest.json; for a tree without one, of "tree:" and its absolute
// path. The same bytes give the same id wherever the file is copied, so a
// re-run skips bundles it exported before even when they moved.
#pragma once

#include <cstdint>
#include <string>

#include "replay/result.h"

namespace netstat::exporter {

struct BundleId {
  std::string id;        ///< 64 lowercase hex digits
  uint64_t size = 0;     ///< bytes hashed (the file, or the manifest)
  bool tree = false;     ///< a directory tree
};

/// Hashes \a path (a regular file, or a directory). Anything else (a FIFO,
/// a device) is refused without being read; a manifest.json larger than
/// \a max_manifest bytes is too.
Result<BundleId> bundle_id(const std::string& path, uint64_t max_manifest);

}  // namespace netstat::exporter
