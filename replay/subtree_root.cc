// SubtreeRoot: maps every path under a folder of a shared root.
#include "replay/subtree_root.h"

namespace netstat {

SubtreeRoot::SubtreeRoot(std::shared_ptr<const Root> base, std::string folder)
    : m_base(std::move(base)) {
  if (!folder.empty()) m_prefix = "/" + folder;
}

std::string SubtreeRoot::map(std::string_view path) const {
  if (m_prefix.empty()) return std::string(path);
  // Canonical form first: "..", "." and repeated slashes never leave the
  // folder, as a root's own top cannot be climbed out of.
  std::string out = m_prefix;
  size_t keep = out.size();
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      size_t slash = out.rfind('/');
      if (slash != std::string::npos && slash >= keep) out.resize(slash);
    } else if (!part.empty() && part != ".") {
      out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out;
}

Result<std::string> SubtreeRoot::read_file(std::string_view path) const {
  return m_base->read_file(map(path));
}

Result<std::vector<DirEntry>> SubtreeRoot::list_dir(std::string_view path) const {
  return m_base->list_dir(map(path));
}

Result<std::string> SubtreeRoot::read_link(std::string_view path) const {
  return m_base->read_link(map(path));
}

Result<std::vector<LinkEntry>> SubtreeRoot::read_links(std::string_view dir) const {
  return m_base->read_links(map(dir));
}

Result<void> SubtreeRoot::read_file_pieces(
    std::string_view path, const std::function<void(std::string_view)>& sink) const {
  return m_base->read_file_pieces(map(path), sink);
}

Result<std::vector<std::string>> SubtreeRoot::interface_labels() const {
  return m_base->interface_labels();
}

Result<IfaceInfo> SubtreeRoot::interface_info(std::string_view name) const {
  return m_base->interface_info(name);
}

const NameService& SubtreeRoot::names() const { return m_base->names(); }

SystemIdentity SubtreeRoot::identity() const { return m_base->identity(); }

}  // namespace netstat
