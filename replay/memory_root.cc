// MemoryRoot: path resolution with symlinks inside the tree, and the Root
// answers from the node map.
#include "replay/memory_root.h"

#include "replay/file_name_service.h"

namespace netstat {
namespace {

constexpr int kMaxSymlinkHops = 40;

// Splits an absolute or relative path into components, dropping "." and "".
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (!part.empty() && part != ".") parts.emplace_back(part);
    i = j + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, size_t n) {
  std::string key;
  for (size_t i = 0; i < n; ++i) {
    key.push_back('/');
    key += parts[i];
  }
  return key.empty() ? std::string("/") : key;
}

std::string normalize(std::string_view path) {
  std::vector<std::string> parts = split(path);
  std::vector<std::string> out;
  for (std::string& p : parts) {
    if (p == "..") {
      if (!out.empty()) out.pop_back();
    } else {
      out.push_back(std::move(p));
    }
  }
  return join(out, out.size());
}

}  // namespace

MemoryRoot::MemoryRoot() {
  m_nodes["/"] = Node{};
  m_names = make_file_name_service(*this);
}

MemoryRoot::~MemoryRoot() = default;

MemoryRoot::Node& MemoryRoot::ensure_dir(const std::string& key) {
  auto it = m_nodes.find(key);
  if (it != m_nodes.end()) return it->second;
  size_t slash = key.rfind('/');
  std::string parent = slash == 0 ? std::string("/") : key.substr(0, slash);
  Node& p = ensure_dir(parent);
  p.children.push_back(key.substr(slash + 1));
  return m_nodes[key];
}

MemoryRoot::Node& MemoryRoot::put(const std::string& key, FileType type) {
  auto it = m_nodes.find(key);
  if (it == m_nodes.end()) {
    size_t slash = key.rfind('/');
    std::string parent = slash == 0 ? std::string("/") : key.substr(0, slash);
    ensure_dir(parent).children.push_back(key.substr(slash + 1));
    it = m_nodes.emplace(key, Node{}).first;
  }
  it->second.type = type;
  return it->second;
}

void MemoryRoot::add_file(std::string_view path, std::string content) {
  Node& n = put(normalize(path), FileType::regular);
  n.data = std::move(content);
  n.view = nullptr;
  n.view_size = 0;
}

void MemoryRoot::add_file_view(std::string_view path, std::string_view content) {
  Node& n = put(normalize(path), FileType::regular);
  n.data.clear();
  n.view = content.data() != nullptr ? content.data() : "";
  n.view_size = content.size();
}

void MemoryRoot::keep_alive(std::shared_ptr<const void> storage) {
  m_storage.push_back(std::move(storage));
}

void MemoryRoot::add_dir(std::string_view path) { ensure_dir(normalize(path)); }

void MemoryRoot::add_symlink(std::string_view path, std::string target) {
  Node& n = put(normalize(path), FileType::symlink);
  n.data = std::move(target);
  n.view = nullptr;
  n.view_size = 0;
}

void MemoryRoot::add_error(std::string_view path, Errc code,
                           FileType listed_as) {
  Node& n = put(normalize(path), listed_as);
  n.has_error = true;
  n.error = code;
}

void MemoryRoot::set_interfaces(std::vector<std::string> labels,
                                std::vector<IfaceInfo> infos) {
  m_have_interfaces = true;
  m_labels = std::move(labels);
  m_infos.clear();
  for (IfaceInfo& i : infos) m_infos[i.name] = std::move(i);
}

void MemoryRoot::set_names(std::unique_ptr<NameService> names) {
  m_names = std::move(names);
}

Result<std::string> MemoryRoot::resolve(std::string_view path,
                                        Follow follow) const {
  std::vector<std::string> todo = split(path);
  std::vector<std::string> done;  // resolved components so far
  int hops = 0;
  size_t i = 0;
  while (i < todo.size()) {
    std::string part = todo[i];
    if (part == "..") {
      if (!done.empty()) done.pop_back();
      ++i;
      continue;
    }
    done.push_back(part);
    std::string key = join(done, done.size());
    auto it = m_nodes.find(key);
    if (it == m_nodes.end()) {
      return Error{Errc::not_found, 0, std::string(path)};
    }
    const Node& n = it->second;
    bool last = i + 1 == todo.size();
    if (n.has_error && !(last && follow == Follow::not_last &&
                         n.type == FileType::symlink)) {
      return Error{n.error, 0, std::string(path)};
    }
    if (n.type == FileType::symlink && (!last || follow == Follow::last)) {
      if (++hops > kMaxSymlinkHops) {
        return Error{Errc::io_error, 40 /* ELOOP */, std::string(path)};
      }
      done.pop_back();
      if (!n.data.empty() && n.data[0] == '/') done.clear();
      std::vector<std::string> target = split(n.data);
      std::vector<std::string> rest(todo.begin() + static_cast<long>(i) + 1,
                                    todo.end());
      todo = std::move(target);
      todo.insert(todo.end(), rest.begin(), rest.end());
      i = 0;
      continue;
    }
    if (!last && n.type != FileType::directory) {
      return Error{Errc::not_a_directory, 0, std::string(path)};
    }
    ++i;
  }
  return join(done, done.size());
}

Result<const MemoryRoot::Node*> MemoryRoot::file_node(std::string_view path) const {
  m_accessed.emplace_back(path);
  Result<std::string> key = resolve(path, Follow::last);
  if (!key.ok()) return key.error();
  const Node& n = m_nodes.at(*key);
  if (n.type == FileType::directory) {
    return Error{Errc::is_a_directory, 0, std::string(path)};
  }
  return &n;
}

Result<std::string> MemoryRoot::read_file(std::string_view path) const {
  Result<const Node*> n = file_node(path);
  if (!n.ok()) return n.error();
  return std::string((*n)->content());
}

Result<void> MemoryRoot::read_file_pieces(
    std::string_view path, const std::function<void(std::string_view)>& sink) const {
  Result<const Node*> n = file_node(path);
  if (!n.ok()) return n.error();
  sink((*n)->content());
  return Result<void>();
}

Result<std::vector<DirEntry>> MemoryRoot::list_dir(std::string_view path) const {
  m_accessed.emplace_back(path);
  Result<std::string> key = resolve(path, Follow::last);
  if (!key.ok()) return key.error();
  const Node& n = m_nodes.at(*key);
  if (n.type != FileType::directory) {
    return Error{Errc::not_a_directory, 0, std::string(path)};
  }
  std::vector<DirEntry> out;
  out.reserve(n.children.size());
  std::string base = *key == "/" ? std::string() : *key;
  for (const std::string& c : n.children) {
    const Node& child = m_nodes.at(base + "/" + c);
    out.push_back({c, child.type});
  }
  return out;
}

Result<std::string> MemoryRoot::read_link(std::string_view path) const {
  m_accessed.emplace_back(path);
  Result<std::string> key = resolve(path, Follow::not_last);
  if (!key.ok()) return key.error();
  const Node& n = m_nodes.at(*key);
  if (n.type != FileType::symlink) {
    return Error{Errc::not_a_link, 0, std::string(path)};
  }
  if (n.has_error) return Error{n.error, 0, std::string(path)};
  return n.data;
}

Result<std::vector<std::string>> MemoryRoot::interface_labels() const {
  if (!m_have_interfaces) {
    return Error{Errc::not_captured, 0, "no interface data"};
  }
  return m_labels;
}

Result<IfaceInfo> MemoryRoot::interface_info(std::string_view name) const {
  if (!m_have_interfaces) {
    return Error{Errc::not_captured, 0, "no interface data"};
  }
  auto it = m_infos.find(name);
  if (it == m_infos.end()) {
    return Error{Errc::not_found, 19 /* ENODEV */, std::string(name)};
  }
  return it->second;
}

const NameService& MemoryRoot::names() const { return *m_names; }

}  // namespace netstat
