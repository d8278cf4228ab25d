// Bundles of several views (format 2): frames of a time series and network
// namespaces. Each view is recorded on its own (capture/recorder.h) and
// added under views/<id>/; a member whose content equals an earlier
// member's is stored as a relative symlink to it (content addressing), so
// files that did not change between frames, or that namespaces share
// (etc/, most of sysfs), cost one tar header instead of their size.
#pragma once

#include <string>
#include <unordered_map>

#include "capture/recorder.h"

namespace netstat {

class MultiViewRecording {
 public:
  /// Adds \a view (a finished record(): members and manifest) as view \a v.
  /// The first view added becomes the bundle's top (v.root is set to "")
  /// and gives the bundle its identity; later ones go under views/<v.id>/.
  void add(Recording view, ManifestView v);
  bool empty() const { return m_views == 0; }
  size_t views() const { return m_views; }
  /// Members in order and the manifest (entries filled), ready to write.
  /// \a capture_end is the end time of the last view.
  Recording finish(const std::string& capture_end);
  /// Bytes of member content held (links count their target text).
  size_t content_bytes() const { return m_bytes; }

 private:
  Recording m_rec;
  size_t m_views = 0;
  size_t m_bytes = 0;
  std::unordered_map<std::string, std::string> m_by_hash;  ///< sha256 -> archive path
};

/// The relative symlink target that leads from member \a link to member
/// \a target (both archive paths): "views/f1/proc/net/tcp" ->
/// "proc/net/tcp" gives "../../../../proc/net/tcp".
std::string relative_link(std::string_view link, std::string_view target);

}  // namespace netstat
