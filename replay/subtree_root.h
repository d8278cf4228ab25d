// SubtreeRoot: one folder of a shared root seen as a whole root. A bundle's
// views (docs/bundle-format.md, views/<id>/) are read through it: every
// view of one decoded archive shares the archive's tree, and a view's
// "/proc/net/tcp" is the archive's "/views/<id>/proc/net/tcp". Symlinks
// resolve in the shared tree, so a member stored as a link to an identical
// member of another view reads as that member's content.
#pragma once

#include <memory>
#include <string>

#include "replay/root.h"

namespace netstat {

class SubtreeRoot : public Root {
 public:
  /// \a folder is relative to the top of \a base ("" = all of it).
  SubtreeRoot(std::shared_ptr<const Root> base, std::string folder);

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override;
  Result<std::string> read_link(std::string_view path) const override;
  Result<std::vector<LinkEntry>> read_links(std::string_view dir) const override;
  Result<void> read_file_pieces(
      std::string_view path,
      const std::function<void(std::string_view)>& sink) const override;
  Result<std::vector<std::string>> interface_labels() const override;
  Result<IfaceInfo> interface_info(std::string_view name) const override;
  const NameService& names() const override;
  SystemIdentity identity() const override;
  SourceInfo source_info() const override { return m_base->source_info(); }
  std::vector<std::string> notes() const override { return m_base->notes(); }
  bool concurrent_reads() const override { return m_base->concurrent_reads(); }
  std::string description() const override { return m_base->description(); }

 private:
  /// "/proc/net/tcp" -> "/views/f1/proc/net/tcp". A path that climbs out
  /// with ".." stays inside the folder (as at the top of a root).
  std::string map(std::string_view path) const;

  std::shared_ptr<const Root> m_base;
  std::string m_prefix;  ///< "/views/f1", or "" for the whole root
};

}  // namespace netstat
