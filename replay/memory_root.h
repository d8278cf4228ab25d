// MemoryRoot: a whole tree held in memory. Tests build one by hand; the
// archive reader decodes a bundle into one. Symlinks are followed inside the
// tree (relative and absolute targets both resolve within it, ".." stops at
// its top), so sosreport layouts like proc/net -> self/net work.
#pragma once

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
    std::vector<std::string> children;  ///< names, insertion order
    bool has_error = false;
    Errc error = Errc::not_found;
  };
  enum class Follow { last, not_last };
  /// Resolves \a path to a node key, following symlinks.
  Result<std::string> resolve(std::string_view path, Follow follow) const;
  Node& ensure_dir(const std::string& key);
  Node& put(const std::string& key, FileType type);

  std::unordered_map<std::string, Node> m_nodes;
  bool m_have_interfaces = false;
  std::vector<std::string> m_labels;
  std::map<std::string, IfaceInfo, std::less<>> m_infos;
  SystemIdentity m_identity;
  std::unique_ptr<NameService> m_names;
  std::string m_description = "memory";
  mutable std::vector<std::string> m_accessed;
};

}  // namespace netstat
