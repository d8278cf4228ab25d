// MemoryRoot: a whole tree held in memory. Tests build one by hand; the
// archive reader decodes a bundle into one. Symlinks are followed inside the
// tree (relative and absolute targets both resolve within it, ".." stops at
// its top), so sosreport layouts like proc/net -> self/net work.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "replay/root.h"

namespace netstat {

class MemoryRoot : public Root {
 public:
  MemoryRoot();
  ~MemoryRoot() override;

  // --- Building ---
  /// Adds (or replaces) a regular file; creates missing parent directories.
  void add_file(std::string_view path, std::string content);
  /// Adds an empty directory (and its parents).
  void add_dir(std::string_view path);
  /// Adds (or replaces) a regular file whose content \a content lives
  /// elsewhere (an archive's ContentArena): it must outlive this root, e.g.
  /// by handing its owner to keep_alive().
  void add_file_view(std::string_view path, std::string_view content);
  /// Keeps \a storage (what add_file_view's contents point into) alive as
  /// long as this root.
  void keep_alive(std::shared_ptr<const void> storage);
  /// Adds a symbolic link.
  void add_symlink(std::string_view path, std::string target);
  /// Makes every access to \a path fail with \a code (e.g. permission_denied
  /// for an fd/ directory a non-root capture could not read). The entry still
  /// appears in its parent's listing.
  void add_error(std::string_view path, Errc code,
                 FileType listed_as = FileType::directory);
  void set_interfaces(std::vector<std::string> labels,
                      std::vector<IfaceInfo> infos);
  void set_identity(SystemIdentity id) { m_identity = std::move(id); }
  void set_names(std::unique_ptr<NameService> names);
  void set_description(std::string d) { m_description = std::move(d); }

  // --- Root ---
  Result<std::string> read_file(std::string_view path) const override;
  /// Hands the content over in one piece without copying it.
  Result<void> read_file_pieces(
      std::string_view path,
      const std::function<void(std::string_view)>& sink) const override;
  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override;
  Result<std::string> read_link(std::string_view path) const override;
  Result<std::vector<std::string>> interface_labels() const override;
  Result<IfaceInfo> interface_info(std::string_view name) const override;
  const NameService& names() const override;
  SystemIdentity identity() const override { return m_identity; }
  std::string description() const override { return m_description; }

  /// Every path read through this root so far, in order (access log).
  const std::vector<std::string>& accessed() const { return m_accessed; }

 private:
  struct Node {
    FileType type = FileType::directory;
    std::string data;  ///< file content or link target
    /// A file's content held elsewhere (add_file_view), when not null.
    const char* view = nullptr;
    size_t view_size = 0;
    std::string_view content() const {
      return view != nullptr ? std::string_view(view, view_size)
                             : std::string_view(data);
    }
    std::vector<std::string> children;  ///< names, insertion order
    bool has_error = false;
    Errc error = Errc::not_found;
  };
  enum class Follow { last, not_last };
  /// Resolves \a path to a node key, following symlinks.
  Result<std::string> resolve(std::string_view path, Follow follow) const;
  Node& ensure_dir(const std::string& key);
  Node& put(const std::string& key, FileType type);

  /// The regular file \a path (shared by read_file and read_file_pieces).
  Result<const Node*> file_node(std::string_view path) const;

  std::unordered_map<std::string, Node> m_nodes;
  std::vector<std::shared_ptr<const void>> m_storage;
  bool m_have_interfaces = false;
  std::vector<std::string> m_labels;
  std::map<std::string, IfaceInfo, std::less<>> m_infos;
  SystemIdentity m_identity;
  std::unique_ptr<NameService> m_names;
  std::string m_description = "memory";
  mutable std::vector<std::string> m_accessed;
};

}  // namespace netstat
