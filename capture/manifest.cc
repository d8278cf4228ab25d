// Hashes bundle members (capture/sha256.h), completes the manifest
// of a Recording, and verifies a decoded bundle against its manifest.
#include "capture/manifest.h"

#include "capture/sha256.h"
#include "capture/stream_trailer.h"
#include "replay/bundle_index.h"
#include "replay/bundle_manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

namespace netstat {
namespace {

std::string_view type_name(FileType t) {
  switch (t) {
    case FileType::directory: return "dir";
    case FileType::symlink: return "symlink";
    default: return "file";
  }
}

// The segment index (replay/bundle_index.h) checked against the content:
// each segment decodes alone to whole members, the manifest's holds only
// manifest.json, the end's nothing, a view's only members of its folder,
// and a link's target lies in its own segment or one it lists. Replay
// trusts the index to pick what to decompress, so a lie here would show a
// view without some of its files.
void check_segment_index(std::string_view bytes, const std::string& name,
                         const ArchiveLimits& limits, std::vector<std::string>& problems) {
  Result<std::optional<BundleIndex>> found = find_bundle_index(bytes);
  if (!found.ok()) {
    problems.push_back(found.error().message);
    return;
  }
  if (!*found) return;  // written before the index existed: nothing to check
  const BundleIndex& index = **found;
  std::unordered_map<std::string, size_t> segment_of;
  for (size_t i = 0; i < index.segments.size(); ++i) {
    const BundleSegment& s = index.segments[i];
    std::string label = "segment index: segment " + std::to_string(i) +
                        (s.folder.empty() ? std::string() : " (" + s.folder + ")");
    Result<std::vector<ArchiveEntry>> members =
        decode_archive(bytes.substr(s.offset, s.size), name, limits);
    if (!members.ok()) {
      problems.push_back(label + " cannot be read alone: " + members.error().message);
      continue;
    }
    for (const ArchiveEntry& e : *members) {
      std::optional<std::string_view> folder = member_folder(e.path);
      bool fits = s.kind == BundleSegment::Kind::manifest
                      ? e.path == kManifestPath
                      : s.kind == BundleSegment::Kind::view &&
                            (!folder || *folder == s.folder) && e.path != kManifestPath;
      if (!fits) {
        problems.push_back(label + " holds " + e.path + ", which the index does not place there");
      }
      if (e.type == FileType::symlink) {
        auto target = segment_of.find(link_target_path(e.path, e.data));
        if (target != segment_of.end() && target->second != i &&
            std::find(s.deps.begin(), s.deps.end(), target->second) == s.deps.end()) {
          problems.push_back(label + ": " + e.path + " links into segment " +
                             std::to_string(target->second) + ", which it does not list");
        }
      }
      segment_of[e.path] = i;
    }
  }
}

}  // namespace

void finalize_recording(Recording& rec) {
  std::vector<BundleMember> out;
  out.reserve(rec.members.size() + 16);
  std::set<std::string> dirs;
  for (BundleMember& m : rec.members) {
    for (size_t slash = m.path.find('/'); slash != std::string::npos;
         slash = m.path.find('/', slash + 1)) {
      std::string parent = m.path.substr(0, slash);
      if (dirs.insert(parent).second) {
        out.push_back({parent, FileType::directory, {}, {}});
      }
    }
    if (m.type == FileType::directory && !dirs.insert(m.path).second) continue;
    out.push_back(std::move(m));
  }
  rec.members = std::move(out);
  rec.manifest.entries.clear();
  rec.manifest.entries.reserve(rec.members.size());
  for (BundleMember& m : rec.members) {
    ManifestEntry e;
    e.path = m.path;
    e.type = type_name(m.type);
    e.size = m.data.size();
    if (m.type != FileType::directory) {
      // Kept on the member too: a recording merged into a bundle of
      // several views (capture/series.h) is not hashed twice.
      if (m.sha256.empty()) m.sha256 = sha256_hex(m.data);
      e.sha256 = m.sha256;
    }
    rec.manifest.entries.push_back(std::move(e));
  }
}

Result<VerifyReport> verify_members(const std::vector<ArchiveEntry>& entries) {
  if (entries.empty() || entries.front().path != kManifestPath ||
      entries.front().type != FileType::regular) {
    return Error{Errc::invalid, 0,
                 "first member is not manifest.json (not a netstat bundle)"};
  }
  Result<Manifest> m = parse_manifest(entries.front().data);
  if (!m.ok()) return m.error();
  VerifyReport report;
  report.format_version = m->format_version;
  std::unordered_map<std::string, const ManifestEntry*> listed;
  for (const ManifestEntry& e : m->entries) {
    if (!listed.emplace(e.path, &e).second) {
      report.problems.push_back(e.path + ": listed twice in the manifest");
    }
  }
  std::set<std::string> seen;
  for (size_t i = 1; i < entries.size(); ++i) {
    const ArchiveEntry& a = entries[i];
    ++report.members;
    seen.insert(a.path);
    auto it = listed.find(a.path);
    if (it == listed.end()) {
      report.problems.push_back(a.path + ": not listed in the manifest");
      continue;
    }
    const ManifestEntry& e = *it->second;
    if (e.type != type_name(a.type)) {
      report.problems.push_back(a.path + ": is a " + std::string(type_name(a.type)) +
                                ", the manifest says " + e.type);
      continue;
    }
    if (a.type == FileType::directory) continue;
    if (e.size != a.data.size()) {
      report.problems.push_back(a.path + ": size " + std::to_string(a.data.size()) +
                                ", the manifest says " + std::to_string(e.size));
      continue;
    }
    if (e.sha256 != sha256_hex(a.data)) {
      report.problems.push_back(a.path + ": SHA-256 does not match the manifest");
    }
  }
  for (const ManifestEntry& e : m->entries) {
    if (seen.count(e.path) == 0) {
      report.problems.push_back(e.path + ": listed in the manifest but missing");
    }
  }
  return report;
}

Result<VerifyReport> verify_bytes(std::string_view bytes, const std::string& name,
                                  const ArchiveLimits& limits) {
  TrailerCheck trailer = check_stream_trailer(bytes);
  Result<std::vector<ArchiveEntry>> entries = decode_archive(bytes, name, limits);
  if (!entries.ok()) return entries.error();
  Result<VerifyReport> r = verify_members(*entries);
  if (!r.ok()) return Error{r.code(), 0, name + ": " + r.error().message};
  r->stream_trailer = trailer != TrailerCheck::absent;
  check_segment_index(bytes, name, limits, r->problems);
  if (trailer == TrailerCheck::differs) {
    r->problems.insert(r->problems.begin(),
                       "the file's bytes do not match its SHA-256 trailer "
                       "(changed after it was written)");
  } else if (trailer == TrailerCheck::absent) {
    r->problems.insert(r->problems.begin(),
                       "no SHA-256 trailer at the end of the file (damaged, "
                       "recompressed, or not written by netstat capture)");
  }
  return r;
}

Result<VerifyReport> verify_bundle(const std::string& path, const ArchiveLimits& limits) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, path + ": " + std::strerror(e));
  }
  std::string bytes;
  char buf[1 << 16];
  size_t cap = limits.max_total_size;
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return error_from_errno(e, path + ": " + std::strerror(e));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    if (bytes.size() > cap) {
      ::close(fd);
      return Error{Errc::too_large, 0,
                   path + ": larger than " + std::to_string(cap) +
                       " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
    }
  }
  ::close(fd);
  return verify_bytes(bytes, path, limits);
}

}  // namespace netstat
