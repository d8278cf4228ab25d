// MultiViewRecording: merges per-view recordings into one format 2 bundle,
// storing repeated content as symlinks to its first copy.
#include "capture/series.h"

#include "capture/manifest.h"
#include "capture/sha256.h"

namespace netstat {

std::string relative_link(std::string_view link, std::string_view target) {
  std::string out;
  for (char c : link.substr(0, link.rfind('/') == std::string_view::npos ? 0 : link.rfind('/'))) {
    if (c == '/') out += "../";
  }
  if (link.find('/') != std::string_view::npos) out += "../";
  out.append(target);
  return out;
}

void MultiViewRecording::add(Recording view, ManifestView v) {
  bool top = m_views++ == 0;
  if (top) {
    v.root.clear();
    m_rec.manifest = std::move(view.manifest);
    m_rec.manifest.format_version = kBundleFormatVersion;
    m_rec.manifest.views = {std::move(v)};
    m_rec.manifest.entries.clear();
    for (BundleMember& m : view.members) {
      if (m.type == FileType::regular) {
        if (m.sha256.empty()) m.sha256 = sha256_hex(m.data);
        if (!m.data.empty()) m_by_hash.emplace(m.sha256, m.path);
      }
      m_bytes += m.data.size();
      m_rec.members.push_back(std::move(m));
    }
    return;
  }
  v.root = "views/" + v.id;
  const std::string prefix = v.root + "/";
  for (BundleMember& m : view.members) {
    m.path = prefix + m.path;
    if (m.type == FileType::regular) {
      if (m.sha256.empty()) m.sha256 = sha256_hex(m.data);
      if (!m.data.empty()) {
        auto [it, fresh] = m_by_hash.emplace(m.sha256, m.path);
        if (!fresh) {
          m.type = FileType::symlink;
          m.data = relative_link(m.path, it->second);
          m.sha256.clear();
        }
      }
    }
    m_bytes += m.data.size();
    m_rec.members.push_back(std::move(m));
  }
  for (std::string& a : view.manifest.absent) m_rec.manifest.absent.push_back(prefix + a);
  for (RecordedError& r : view.manifest.unreadable) {
    r.path = prefix + r.path;
    m_rec.manifest.unreadable.push_back(std::move(r));
  }
  m_rec.manifest.views.push_back(std::move(v));
}

Recording MultiViewRecording::finish(const std::string& capture_end) {
  m_rec.manifest.capture_end = capture_end;
  finalize_recording(m_rec);
  Recording out = std::move(m_rec);
  m_rec = Recording{};
  m_views = 0;
  m_bytes = 0;
  m_by_hash.clear();
  return out;
}

}  // namespace netstat
