// Decodes a tar archive (compression detected by libarchive from the first
// bytes) into ArchiveEntry values held in memory, enforcing ArchiveLimits and
// refusing unsafe member names; then strips a sosreport-style top folder and
// builds the MemoryRoot that replay reads.
#include "replay/archive_reader.h"

#include "replay/libarchive_api.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace netstat {
namespace {

struct ArchiveReadFree {
  void operator()(archive* a) const { libarchive().archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveReadFree>;

// A reader for the archive \a name; libarchive is loaded by the first one.
Result<ArchivePtr> new_reader(const std::string& name) {
  Result<const LibArchive*> lib = load_libarchive();
  if (!lib.ok()) {
    Error e = lib.error();
    e.message = name + ": " + e.message;
    return e;
  }
  ArchivePtr a(libarchive().archive_read_new());
  if (!a) return Error{Errc::io_error, 0, name + ": out of memory"};
  // Only in-process decoders: never spawn an external program for untrusted
  // input (libarchive would for filters it was built without).
  libarchive().archive_read_support_filter_none(a.get());
  libarchive().archive_read_support_filter_gzip(a.get());
  libarchive().archive_read_support_filter_xz(a.get());
  libarchive().archive_read_support_filter_lzma(a.get());
  libarchive().archive_read_support_filter_zstd(a.get());
  libarchive().archive_read_support_filter_bzip2(a.get());
  libarchive().archive_read_support_filter_lz4(a.get());
  libarchive().archive_read_support_format_tar(a.get());
  libarchive().archive_read_support_format_gnutar(a.get());
  return a;
}

std::string archive_text(archive* a) {
  const char* s = libarchive().archive_error_string(a);
  return s != nullptr ? s : "unknown libarchive error";
}

// Longest member name or link target accepted (PATH_MAX). The tree keeps a
// node per path prefix keyed by the whole prefix, so a name of N components
// costs O(N * length): a 600 KB archive with one 300k-component pax name
// asked for tens of GB before this limit.
constexpr size_t kMaxNameBytes = 4096;

Error overlong_name(std::string_view raw, const std::string& name) {
  return Error{Errc::invalid, 0,
               name + ": refusing member name longer than " +
                   std::to_string(kMaxNameBytes) + " bytes: '" +
                   std::string(raw.substr(0, 32)) + "...'"};
}

// What holding a member costs beyond its content: the tree's node keys (at
// most one prefix of the path per component) and a link target.
size_t tree_cost(const std::string& path) {
  size_t components = 1;
  for (char c : path) components += c == '/' ? 1 : 0;
  return path.size() * components;
}

// "./a//b/" -> "a/b"; fails on absolute names and ".." components.
Result<std::string> normalize_member(std::string_view raw,
                                     const std::string& name) {
  if (raw.size() > kMaxNameBytes) return overlong_name(raw, name);
  if (!raw.empty() && raw[0] == '/') {
    return Error{Errc::invalid, 0,
                 name + ": refusing absolute member name '" +
                     std::string(raw) + "'"};
  }
  std::string out;
  size_t i = 0;
  while (i <= raw.size()) {
    size_t j = raw.find('/', i);
    if (j == std::string_view::npos) j = raw.size();
    std::string_view part = raw.substr(i, j - i);
    if (part == "..") {
      return Error{Errc::invalid, 0,
                   name + ": refusing member name with '..': '" +
                       std::string(raw) + "'"};
    }
    if (!part.empty() && part != ".") {
      if (!out.empty()) out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out;
}

std::string limit_text(size_t n) { return std::to_string(n); }

Result<std::vector<ArchiveEntry>> decode(archive* a, const std::string& name,
                                         const ArchiveLimits& limits) {
  std::vector<ArchiveEntry> entries;
  std::unordered_map<std::string, size_t> index;  // path -> entries slot
  size_t total = 0;
  size_t members = 0;
  archive_entry* e = nullptr;
  while (true) {
    int r = libarchive().archive_read_next_header(a, &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      return Error{Errc::invalid, 0,
                   name + ": cannot read archive: " + archive_text(a)};
    }
    if (++members > limits.max_entries) {
      return Error{Errc::too_large, 0,
                   name + ": more than " + limit_text(limits.max_entries) +
                       " archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)"};
    }
    const char* raw_path = libarchive().archive_entry_pathname(e);
    if (raw_path == nullptr) {
      return Error{Errc::invalid, 0, name + ": archive member without a name"};
    }
    Result<std::string> path = normalize_member(raw_path, name);
    if (!path.ok()) return path.error();

    ArchiveEntry out;
    out.path = std::move(*path);
    auto over_total = [&](size_t bytes) {
      return bytes > limits.max_total_size - total;
    };
    auto total_error = [&] {
      return Error{Errc::too_large, 0,
                   name + ": archive content is larger than " +
                       limit_text(limits.max_total_size) +
                       " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
    };
    if (over_total(tree_cost(out.path))) return total_error();
    total += tree_cost(out.path);
    const char* hardlink = libarchive().archive_entry_hardlink(e);
    mode_t type = libarchive().archive_entry_filetype(e);
    if (hardlink != nullptr) {
      Result<std::string> target = normalize_member(hardlink, name);
      if (!target.ok()) return target.error();
      auto it = index.find(*target);
      if (it == index.end()) continue;  // link to something we skipped
      // A copy: its bytes are held again.
      if (over_total(entries[it->second].data.size())) return total_error();
      total += entries[it->second].data.size();
      out.type = entries[it->second].type;
      out.data = entries[it->second].data;
    } else if (type == AE_IFDIR) {
      out.type = FileType::directory;
    } else if (type == AE_IFLNK) {
      out.type = FileType::symlink;
      const char* target = libarchive().archive_entry_symlink(e);
      out.data = target != nullptr ? target : "";
      if (out.data.size() > kMaxNameBytes) return overlong_name(out.data, name);
    } else if (type == AE_IFREG) {
      out.type = FileType::regular;
      size_t hint = libarchive().archive_entry_size_is_set(e) != 0
                        ? static_cast<size_t>(libarchive().archive_entry_size(e))
                        : 0;
      if (hint > limits.max_entry_size) {
        return Error{Errc::too_large, 0,
                     name + ": member '" + out.path + "' is larger than " +
                         limit_text(limits.max_entry_size) +
                         " bytes (--archive-max-entry-size or NETSTAT_ARCHIVE_MAX_ENTRY_SIZE)"};
      }
      if (hint > limits.max_total_size - total) {
        return Error{Errc::too_large, 0,
                     name + ": archive content is larger than " +
                         limit_text(limits.max_total_size) +
                         " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
      }
      out.data.reserve(hint);
      char buf[1 << 16];
      while (true) {
        la_ssize_t n = libarchive().archive_read_data(a, buf, sizeof buf);
        if (n < 0) {
          return Error{Errc::invalid, 0,
                       name + ": cannot read member '" + out.path +
                           "': " + archive_text(a)};
        }
        if (n == 0) break;
        size_t un = static_cast<size_t>(n);
        if (out.data.size() + un > limits.max_entry_size) {
          return Error{Errc::too_large, 0,
                       name + ": member '" + out.path + "' is larger than " +
                           limit_text(limits.max_entry_size) +
                           " bytes (--archive-max-entry-size or NETSTAT_ARCHIVE_MAX_ENTRY_SIZE)"};
        }
        if (un > limits.max_total_size - total - out.data.size()) {
          return Error{Errc::too_large, 0,
                       name + ": archive content is larger than " +
                           limit_text(limits.max_total_size) +
                           " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
        }
        out.data.append(buf, un);
      }
      total += out.data.size();
    } else {
      continue;  // devices, FIFOs, sockets: nothing a root can answer
    }
    if (out.path.empty()) continue;  // the "./" member itself
    auto [it, fresh] = index.emplace(out.path, entries.size());
    if (fresh) {
      entries.push_back(std::move(out));
    } else {
      entries[it->second] = std::move(out);  // a later member replaces
    }
  }
  return entries;
}

size_t env_size(const char* var, size_t fallback) {
  const char* v = std::getenv(var);
  if (v == nullptr || *v == '\0') return fallback;
  size_t n = 0;
  const char* end = v + std::strlen(v);
  auto [p, ec] = std::from_chars(v, end, n);
  if (ec != std::errc() || p != end) return fallback;
  return n;
}

// The command line's caps in effect (ScopedArchiveLimits), or null.
const ArchiveLimitOverrides* g_overrides = nullptr;

}  // namespace

ArchiveLimits ArchiveLimits::from_environment() {
  ArchiveLimits l;
  l.max_entry_size = env_size("NETSTAT_ARCHIVE_MAX_ENTRY_SIZE", l.max_entry_size);
  l.max_total_size = env_size("NETSTAT_ARCHIVE_MAX_TOTAL_SIZE", l.max_total_size);
  l.max_entries = env_size("NETSTAT_ARCHIVE_MAX_ENTRIES", l.max_entries);
  if (g_overrides != nullptr) {
    l.max_entry_size = g_overrides->max_entry_size.value_or(l.max_entry_size);
    l.max_total_size = g_overrides->max_total_size.value_or(l.max_total_size);
    l.max_entries = g_overrides->max_entries.value_or(l.max_entries);
  }
  return l;
}

ScopedArchiveLimits::ScopedArchiveLimits(const ArchiveLimitOverrides& overrides)
    : m_overrides(overrides), m_previous(g_overrides) {
  g_overrides = &m_overrides;
}

ScopedArchiveLimits::~ScopedArchiveLimits() { g_overrides = m_previous; }

Result<std::vector<ArchiveEntry>> decode_archive(std::string_view bytes,
                                                 const std::string& name,
                                                 const ArchiveLimits& limits) {
  Result<ArchivePtr> reader = new_reader(name);
  if (!reader.ok()) return reader.error();
  ArchivePtr a = std::move(*reader);
  if (libarchive().archive_read_open_memory(a.get(), bytes.data(), bytes.size()) !=
      ARCHIVE_OK) {
    return Error{Errc::invalid, 0,
                 name + ": not a readable archive: " + archive_text(a.get())};
  }
  return decode(a.get(), name, limits);
}

Result<std::vector<ArchiveEntry>> read_archive(const std::string& path,
                                               const ArchiveLimits& limits) {
  Result<ArchivePtr> reader = new_reader(path);
  if (!reader.ok()) return reader.error();
  ArchivePtr a = std::move(*reader);
  if (libarchive().archive_read_open_filename(a.get(), path.c_str(), 1 << 16) !=
      ARCHIVE_OK) {
    int e = libarchive().archive_errno(a.get());
    Error err{Errc::invalid, 0,
              path + ": not a readable archive: " + archive_text(a.get())};
    if (e == ENOENT || e == EACCES || e == EPERM) {
      err = error_from_errno(e, path + ": " + std::strerror(e));
    }
    return err;
  }
  return decode(a.get(), path, limits);
}

std::string strip_single_top_folder(std::vector<ArchiveEntry>& entries) {
  if (entries.empty()) return {};
  std::string top;
  bool has_proc = false;
  for (const ArchiveEntry& e : entries) {
    size_t slash = e.path.find('/');
    std::string_view first = std::string_view(e.path).substr(0, slash);
    if (top.empty()) {
      top = first;
    } else if (first != top) {
      return {};
    }
    if (slash == std::string::npos) {
      if (e.type != FileType::directory) return {};  // a file at the top
      continue;
    }
    std::string_view rest = std::string_view(e.path).substr(slash + 1);
    if (rest == "proc" || rest.substr(0, 5) == "proc/") has_proc = true;
  }
  if (!has_proc || top == "proc") return {};
  std::vector<ArchiveEntry> kept;
  kept.reserve(entries.size());
  for (ArchiveEntry& e : entries) {
    if (e.path.size() <= top.size()) continue;  // the folder itself
    e.path.erase(0, top.size() + 1);
    kept.push_back(std::move(e));
  }
  entries = std::move(kept);
  return top;
}

std::unique_ptr<MemoryRoot> make_memory_root(std::vector<ArchiveEntry> entries,
                                             std::string description) {
  auto root = std::make_unique<MemoryRoot>();
  root->set_description(std::move(description));
  for (ArchiveEntry& e : entries) {
    switch (e.type) {
      case FileType::directory: root->add_dir(e.path); break;
      case FileType::symlink: root->add_symlink(e.path, std::move(e.data)); break;
      default: root->add_file(e.path, std::move(e.data)); break;
    }
  }
  return root;
}

Result<ArchiveMemberScan> scan_archive_members(const std::string& path,
                                               const ArchiveLimits& limits) {
  Result<ArchivePtr> reader = new_reader(path);
  if (!reader.ok()) return reader.error();
  ArchivePtr a = std::move(*reader);
  if (libarchive().archive_read_open_filename(a.get(), path.c_str(), 1 << 16) !=
      ARCHIVE_OK) {
    return Error{Errc::invalid, 0,
                 path + ": not a readable archive: " + archive_text(a.get())};
  }
  ArchiveMemberScan scan;
  std::unordered_map<std::string, size_t> seen;  // name -> slot in order
  std::vector<std::pair<std::string, size_t>> order;
  size_t held = 0;
  archive_entry* e = nullptr;
  while (true) {
    int r = libarchive().archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      return Error{Errc::invalid, 0,
                   path + ": cannot read archive: " + archive_text(a.get())};
    }
    if (++scan.members > limits.max_entries) {
      return Error{Errc::too_large, 0,
                   path + ": more than " + limit_text(limits.max_entries) +
                       " archive members (--archive-max-entries or NETSTAT_ARCHIVE_MAX_ENTRIES)"};
    }
    const char* raw = libarchive().archive_entry_pathname(e);
    if (raw == nullptr) {
      return Error{Errc::invalid, 0, path + ": archive member without a name"};
    }
    Result<std::string> name = normalize_member(raw, path);
    if (!name.ok()) return name.error();
    if (name->empty()) continue;  // "./"
    auto [it, fresh] = seen.emplace(*name, order.size());
    if (fresh) {
      if (name->size() > limits.max_total_size - held) {
        return Error{Errc::too_large, 0,
                     path + ": archive content is larger than " +
                         limit_text(limits.max_total_size) +
                         " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
      }
      held += name->size();
      order.emplace_back(std::move(*name), 1);
    } else {
      ++order[it->second].second;
    }
  }
  for (auto& [name, copies] : order) {
    if (copies > 1) scan.duplicates.emplace_back(std::move(name), copies);
  }
  return scan;
}

Result<std::unique_ptr<MemoryRoot>> open_archive_root(
    const std::string& path, const ArchiveLimits& limits) {
  Result<std::vector<ArchiveEntry>> entries = read_archive(path, limits);
  if (!entries.ok()) return entries.error();
  if (entries->empty()) {
    // An all-zero block (or only skipped members) is a valid empty tar,
    // but replaying it would print "no support for AF INET" as if the
    // host had no networking.
    return Error{Errc::invalid, 0, path + ": not a bundle: no entries"};
  }
  strip_single_top_folder(*entries);
  return make_memory_root(std::move(*entries), path);
}

}  // namespace netstat
