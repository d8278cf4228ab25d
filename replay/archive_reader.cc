// Decodes a tar archive (compression detected by libarchive from the first
// bytes) into ArchiveEntry values held in memory, enforcing ArchiveLimits and
// refusing unsafe member names; then strips a sosreport-style top folder and
// builds the MemoryRoot that replay reads.
#include "replay/archive_reader.h"

#include "replay/bundle_index.h"
#include "replay/content_arena.h"
#include "replay/libarchive_api.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
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

// Where decode() puts a regular member's content: a std::string of its own
// (ArchiveEntry, for verify and the tests), or a span of a ContentArena
// (the replay tree). Both get the header's size first, then the bytes of
// each data block at its offset (holes of sparse members stay zero).
struct StringContent {
  std::string* out = nullptr;
  bool start(size_t hint) {
    out->reserve(hint);
    return true;
  }
  size_t size() const { return out->size(); }
  bool put(size_t offset, const char* p, size_t n) {
    if (offset > out->size()) out->resize(offset, '\0');
    out->append(p, n);
    return true;
  }
};

struct ArenaContent {
  ContentArena* arena = nullptr;
  char* base = nullptr;
  size_t capacity = 0;
  size_t used = 0;
  bool start(size_t hint) {
    capacity = hint;
    base = arena->allocate(hint);
    return base != nullptr;
  }
  size_t size() const { return used; }
  bool put(size_t offset, const char* p, size_t n) {
    size_t end = offset + n;
    if (end > capacity) {  // more than the header said: move to a bigger span
      size_t grown = std::max(end, capacity * 2);
      char* bigger = arena->allocate(grown);
      if (bigger == nullptr) return false;
      if (used != 0) std::memcpy(bigger, base, used);
      base = bigger;
      capacity = grown;
    }
    if (n != 0) std::memcpy(base + offset, p, n);
    used = end;
    return true;
  }
  std::string_view view() const { return {base != nullptr ? base : "", used}; }
};

// One member as the replay tree holds it: a regular file's content is a
// view into the arena, a symlink's target a string.
struct HeldEntry {
  std::string path;
  FileType type = FileType::regular;
  std::string link;          ///< symlink target
  std::string_view content;  ///< regular file content (arena)
};

Error entry_size_error(const std::string& name, const std::string& path,
                       const ArchiveLimits& limits) {
  return Error{Errc::too_large, 0,
               name + ": member '" + path + "' is larger than " +
                   limit_text(limits.max_entry_size) +
                   " bytes (--archive-max-entry-size or NETSTAT_ARCHIVE_MAX_ENTRY_SIZE)"};
}

Error total_size_error(const std::string& name, const ArchiveLimits& limits) {
  return Error{Errc::too_large, 0,
               name + ": archive content is larger than " +
                   limit_text(limits.max_total_size) +
                   " bytes (--archive-max-total-size or NETSTAT_ARCHIVE_MAX_TOTAL_SIZE)"};
}

// Reads the current member's data blocks into \a c (no intermediate copy:
// libarchive hands out its decoder's buffer), holding it to the caps;
// \a total is what earlier members hold.
template <class Content>
Result<void> read_content(archive* a, Content& c, size_t hint,
                          const std::string& name, const std::string& path,
                          const ArchiveLimits& limits, size_t total) {
  if (hint > limits.max_entry_size) return entry_size_error(name, path, limits);
  if (hint > limits.max_total_size - total) return total_size_error(name, limits);
  if (!c.start(hint)) return Error{Errc::io_error, 0, name + ": out of memory"};
  while (true) {
    const void* block = nullptr;
    size_t n = 0;
    la_int64_t offset = 0;
    int r = libarchive().archive_read_data_block(a, &block, &n, &offset);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK || offset < 0 ||
        static_cast<uint64_t>(offset) < c.size()) {
      return Error{Errc::invalid, 0,
                   name + ": cannot read member '" + path + "': " +
                       (r != ARCHIVE_OK ? archive_text(a)
                                        : std::string("data blocks out of order"))};
    }
    uint64_t end = static_cast<uint64_t>(offset) + n;
    if (end > limits.max_entry_size) return entry_size_error(name, path, limits);
    if (end > limits.max_total_size - total) return total_size_error(name, limits);
    if (!c.put(static_cast<size_t>(offset), static_cast<const char*>(block), n)) {
      return Error{Errc::io_error, 0, name + ": out of memory"};
    }
  }
  return Result<void>();
}

// What decode() needs to know of an entry type: ArchiveEntry holds every
// content in `data`; HeldEntry a regular file's in the arena.
void set_link(ArchiveEntry& e, std::string target) { e.data = std::move(target); }
void set_link(HeldEntry& e, std::string target) { e.link = std::move(target); }
// The bytes an entry holds (content or link target).
size_t content_size(const ArchiveEntry& e) { return e.data.size(); }
size_t content_size(const HeldEntry& e) { return e.content.size() + e.link.size(); }
void copy_content(ArchiveEntry& to, const ArchiveEntry& from) { to.data = from.data; }
void copy_content(HeldEntry& to, const HeldEntry& from) {
  to.link = from.link;
  to.content = from.content;  // the same bytes: a hard link shares them
}
Result<void> read_regular(archive* a, ArchiveEntry& e, ContentArena*, size_t hint,
                          const std::string& name, const ArchiveLimits& limits,
                          size_t total) {
  StringContent c{&e.data};
  return read_content(a, c, hint, name, e.path, limits, total);
}
Result<void> read_regular(archive* a, HeldEntry& e, ContentArena* arena, size_t hint,
                          const std::string& name, const ArchiveLimits& limits,
                          size_t total) {
  ArenaContent c{arena};
  Result<void> r = read_content(a, c, hint, name, e.path, limits, total);
  if (r.ok()) e.content = c.view();
  return r;
}

// A regular member's content and a symlink's target, of either entry type.
std::string_view content_of(const ArchiveEntry& e) { return e.data; }
std::string_view content_of(const HeldEntry& e) { return e.content; }
std::string_view link_of(const ArchiveEntry& e) { return e.data; }
std::string_view link_of(const HeldEntry& e) { return e.link; }

// Whether \a path lies in one of the view folders \a roots ("" = outside
// views/).
bool in_roots(std::string_view path, const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    if (r.empty()) {
      if (path != "views" && path.substr(0, 6) != "views/") return true;
    } else if (path.substr(0, r.size()) == r &&
               (path.size() == r.size() || path[r.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// Members outside the selection, held until the end in case a kept
// symlink resolves to one of them; then the ones it does join the kept.
template <class Entry>
struct Stash {
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> index;
  void put(Entry e) {
    auto [it, fresh] = index.emplace(e.path, entries.size());
    if (fresh) {
      entries.push_back(std::move(e));
    } else {
      entries[it->second] = std::move(e);
    }
  }
  // Moves every stashed member a kept symlink reaches (chains of links too)
  // into \a kept.
  void resolve_into(std::vector<Entry>& kept,
                    std::unordered_map<std::string, size_t>& kept_index) {
    for (size_t i = 0; i < kept.size(); ++i) {
      if (kept[i].type != FileType::symlink) continue;
      std::string target = link_target_path(kept[i].path, link_of(kept[i]));
      if (kept_index.count(target) != 0) continue;
      auto it = index.find(target);
      if (it == index.end() || entries[it->second].path.empty()) continue;
      kept_index.emplace(target, kept.size());
      kept.push_back(std::move(entries[it->second]));
      entries[it->second].path.clear();  // taken
    }
  }
  // Every stashed member back, in archive order (the selection was undone).
  void flush_into(std::vector<Entry>& kept,
                  std::unordered_map<std::string, size_t>& kept_index) {
    for (Entry& e : entries) {
      if (e.path.empty()) continue;
      auto [it, fresh] = kept_index.emplace(e.path, kept.size());
      if (fresh) kept.push_back(std::move(e));
    }
    entries.clear();
    index.clear();
  }
};

// Decodes members into Entry values, across one or more libarchive reads
// of the same archive (the segments of a bundle read one after the other:
// see read_indexed below): the selection, the stash and the caps carry over.
template <class Entry>
class Decoder {
 public:
  Decoder(const std::string& name, const ArchiveLimits& limits, ContentArena* arena,
          ArchiveSelection* select)
      : m_name(name), m_limits(limits), m_arena(arena), m_select(select) {
    if (m_select != nullptr) m_select->applied = false;
  }

  /// The view folders kept, once the manifest chose them.
  const std::optional<std::vector<std::string>>& keep() const { return m_keep; }

  /// Reads every member of \a a up to its end.
  Result<void> run(archive* a) {
    archive_entry* e = nullptr;
    while (true) {
      int r = libarchive().archive_read_next_header(a, &e);
      if (r == ARCHIVE_EOF) return {};
      if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
        return Error{Errc::invalid, 0,
                     m_name + ": cannot read archive: " + archive_text(a)};
      }
      NETSTAT_TRY(member(a, e));
    }
  }

  /// The members, kept ones in archive order, then those kept links reach.
  std::vector<Entry> finish() {
    if (m_keep) m_stash.resolve_into(m_entries, m_index);
    return std::move(m_entries);
  }

 private:
  Result<void> member(archive* a, archive_entry* e) {
    const std::string& name = m_name;
    const ArchiveLimits& limits = m_limits;
    if (++m_members > limits.max_entries) {
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

    Entry out;
    out.path = std::move(*path);
    if (tree_cost(out.path) > limits.max_total_size - m_total) {
      return total_size_error(name, limits);
    }
    m_total += tree_cost(out.path);
    const char* hardlink = libarchive().archive_entry_hardlink(e);
    mode_t type = libarchive().archive_entry_filetype(e);
    if (hardlink != nullptr) {
      Result<std::string> target = normalize_member(hardlink, name);
      if (!target.ok()) return target.error();
      const Entry* linked = nullptr;
      if (auto it = m_index.find(*target); it != m_index.end()) {
        linked = &m_entries[it->second];
      } else if (auto st = m_stash.index.find(*target); st != m_stash.index.end()) {
        linked = &m_stash.entries[st->second];
      }
      if (linked == nullptr) return {};  // link to something we skipped
      // Counted as a copy, as if its bytes were held again.
      const Entry& from = *linked;
      if (content_size(from) > limits.max_total_size - m_total) {
        return total_size_error(name, limits);
      }
      m_total += content_size(from);
      out.type = from.type;
      copy_content(out, from);
    } else if (type == AE_IFDIR) {
      out.type = FileType::directory;
    } else if (type == AE_IFLNK) {
      out.type = FileType::symlink;
      const char* target = libarchive().archive_entry_symlink(e);
      std::string t = target != nullptr ? target : "";
      if (t.size() > kMaxNameBytes) return overlong_name(t, name);
      set_link(out, std::move(t));
    } else if (type == AE_IFREG) {
      out.type = FileType::regular;
      size_t hint = libarchive().archive_entry_size_is_set(e) != 0 &&
                            libarchive().archive_entry_size(e) > 0
                        ? static_cast<size_t>(libarchive().archive_entry_size(e))
                        : 0;
      Result<void> read = read_regular(a, out, m_arena, hint, name, limits, m_total);
      if (!read.ok()) return read.error();
      m_total += content_size(out);
    } else {
      return {};  // devices, FIFOs, sockets: nothing a root can answer
    }
    if (out.path.empty()) return {};  // the "./" member itself
    if (m_select != nullptr && m_select->applied && out.path == "manifest.json") {
      // A second manifest replaces the first: the selection made from the
      // first one no longer holds.
      m_keep.reset();
      m_select->applied = false;
      m_stash.flush_into(m_entries, m_index);
    }
    if (m_keep && !in_roots(out.path, *m_keep)) {
      if (out.type != FileType::directory) m_stash.put(std::move(out));
      return {};
    }
    bool first = m_members == 1;
    auto [it, fresh] = m_index.emplace(out.path, m_entries.size());
    if (fresh) {
      m_entries.push_back(std::move(out));
    } else {
      m_entries[it->second] = std::move(out);  // a later member replaces
    }
    if (first && m_select != nullptr && m_select->choose &&
        m_entries.back().path == "manifest.json" &&
        m_entries.back().type == FileType::regular) {
      m_keep = m_select->choose(content_of(m_entries.back()));
      m_select->applied = true;
    }
    return {};
  }

  const std::string& m_name;
  const ArchiveLimits& m_limits;
  ContentArena* m_arena;
  ArchiveSelection* m_select;
  std::vector<Entry> m_entries;
  std::unordered_map<std::string, size_t> m_index;  // path -> entries slot
  std::optional<std::vector<std::string>> m_keep;   // view folders kept
  Stash<Entry> m_stash;
  size_t m_total = 0;
  size_t m_members = 0;
};

template <class Entry>
Result<std::vector<Entry>> decode(archive* a, const std::string& name,
                                  const ArchiveLimits& limits,
                                  ContentArena* arena = nullptr,
                                  ArchiveSelection* select = nullptr) {
  Decoder<Entry> d(name, limits, arena, select);
  NETSTAT_TRY(d.run(a));
  return d.finish();
}

}  // namespace

Result<std::vector<ArchiveEntry>> decode_archive(std::string_view bytes,
                                                 const std::string& name,
                                                 const ArchiveLimits& limits,
                                                 ArchiveSelection* select) {
  Result<ArchivePtr> reader = new_reader(name);
  if (!reader.ok()) return reader.error();
  ArchivePtr a = std::move(*reader);
  if (libarchive().archive_read_open_memory(a.get(), bytes.data(), bytes.size()) !=
      ARCHIVE_OK) {
    return Error{Errc::invalid, 0,
                 name + ": not a readable archive: " + archive_text(a.get())};
  }
  return decode<ArchiveEntry>(a.get(), name, limits, nullptr, select);
}

namespace {

// A reader of the archive file \a path, opened.
Result<ArchivePtr> open_file(const std::string& path) {
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
  return a;
}

// strip_single_top_folder for either entry type.
template <class Entry>
std::string strip_top(std::vector<Entry>& entries) {
  if (entries.empty()) return {};
  std::string top;
  bool has_proc = false;
  for (const Entry& e : entries) {
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
  std::vector<Entry> kept;
  kept.reserve(entries.size());
  for (Entry& e : entries) {
    if (e.path.size() <= top.size()) continue;  // the folder itself
    e.path.erase(0, top.size() + 1);
    kept.push_back(std::move(e));
  }
  entries = std::move(kept);
  return top;
}

}  // namespace

Result<std::vector<ArchiveEntry>> read_archive(const std::string& path,
                                               const ArchiveLimits& limits,
                                               ArchiveSelection* select) {
  Result<ArchivePtr> a = open_file(path);
  if (!a.ok()) return a.error();
  return decode<ArchiveEntry>(a->get(), path, limits, nullptr, select);
}

std::string strip_single_top_folder(std::vector<ArchiveEntry>& entries) {
  return strip_top(entries);
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

namespace {

// Byte ranges of an open file, handed to libarchive one after the other:
// the zstd frames of the segments a reader chose, which decompress to
// whole tar members.
struct RangeSource {
  int fd = -1;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // offset, size
  size_t current = 0;
  uint64_t pos = 0;
  std::vector<char> buffer = std::vector<char>(size_t{1} << 16);

  void set(const BundleIndex& index, const std::vector<size_t>& segments) {
    ranges.clear();
    current = 0;
    pos = 0;
    for (size_t i : segments) {
      const BundleSegment& s = index.segments[i];
      if (!ranges.empty() && ranges.back().first + ranges.back().second == s.offset) {
        ranges.back().second += s.size;  // adjacent: one read
      } else {
        ranges.emplace_back(s.offset, s.size);
      }
    }
  }
};

la_ssize_t read_ranges(archive*, void* data, const void** out) {
  auto* s = static_cast<RangeSource*>(data);
  while (s->current < s->ranges.size()) {
    auto [offset, size] = s->ranges[s->current];
    if (s->pos == size) {
      ++s->current;
      s->pos = 0;
      continue;
    }
    size_t n = static_cast<size_t>(std::min<uint64_t>(s->buffer.size(), size - s->pos));
    ssize_t got = ::pread(s->fd, s->buffer.data(), n, static_cast<off_t>(offset + s->pos));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return ARCHIVE_FATAL;  // an I/O error, or the file shrank
    s->pos += static_cast<uint64_t>(got);
    *out = s->buffer.data();
    return got;
  }
  return 0;
}

// One libarchive read of \a src's ranges into \a d.
template <class Entry>
bool read_ranges_into(const std::string& path, RangeSource& src, Decoder<Entry>& d) {
  Result<ArchivePtr> reader = new_reader(path);
  if (!reader.ok()) return false;
  ArchivePtr a = std::move(*reader);
  if (libarchive().archive_read_open(a.get(), &src, nullptr, read_ranges, nullptr) !=
      ARCHIVE_OK) {
    return false;
  }
  return d.run(a.get()).ok();
}

// A bundle with a segment index (replay/bundle_index.h) and several views,
// decoded for the views \a select picks: the manifest's segment first, then
// only the segments of the kept views and those their links point into.
// nullopt when the file has no usable index or reading it this way failed:
// the caller then reads the whole file, which reports any defect.
std::optional<std::vector<HeldEntry>> read_indexed(const std::string& path,
                                                   const ArchiveLimits& limits,
                                                   ContentArena* arena,
                                                   ArchiveSelection* select) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } close_fd{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  auto read_at = [fd](uint64_t offset, size_t n, std::string& out) {
    out.resize(n);
    size_t done = 0;
    while (done < n) {
      ssize_t got = ::pread(fd, out.data() + done, n - done,
                            static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      done += static_cast<size_t>(got);
    }
    return true;
  };
  Result<std::optional<BundleIndex>> index =
      read_bundle_index(read_at, static_cast<uint64_t>(st.st_size));
  if (!index.ok() || !*index) return std::nullopt;
  const BundleIndex& idx = **index;
  size_t views = 0;
  for (const BundleSegment& s : idx.segments) views += s.kind == BundleSegment::Kind::view;
  if (views < 2) return std::nullopt;  // nothing to skip
  Decoder<HeldEntry> d(path, limits, arena, select);
  RangeSource src;
  src.fd = fd;
  src.set(idx, {0});
  if (!read_ranges_into(path, src, d)) return std::nullopt;
  std::vector<size_t> rest;
  if (select->applied && d.keep()) {
    rest = segments_for(idx, *d.keep());
  } else {
    for (size_t i = 1; i < idx.segments.size(); ++i) rest.push_back(i);
  }
  if (!rest.empty()) {  // an empty tar is not a tar to libarchive
    src.set(idx, rest);
    if (!read_ranges_into(path, src, d)) return std::nullopt;
  }
  return d.finish();
}

}  // namespace

Result<std::unique_ptr<MemoryRoot>> open_archive_root(
    const std::string& path, const ArchiveLimits& limits, ArchiveSelection* select) {
  // Member contents go to one arena the tree keeps and hands out views of:
  // each byte is copied once, from libarchive's decoder buffer.
  auto arena = std::make_shared<ContentArena>();
  std::optional<std::vector<HeldEntry>> indexed;
  if (select != nullptr && select->choose) {
    indexed = read_indexed(path, limits, arena.get(), select);
    if (!indexed) arena = std::make_shared<ContentArena>();
  }
  Result<std::vector<HeldEntry>> entries = std::vector<HeldEntry>();
  if (indexed) {
    entries = std::move(*indexed);
  } else {
    Result<ArchivePtr> a = open_file(path);
    if (!a.ok()) return a.error();
    entries = decode<HeldEntry>(a->get(), path, limits, arena.get(), select);
  }
  if (!entries.ok()) return entries.error();
  if (entries->empty()) {
    // An all-zero block (or only skipped members) is a valid empty tar,
    // but replaying it would print "no support for AF INET" as if the
    // host had no networking.
    return Error{Errc::invalid, 0, path + ": not a bundle: no entries"};
  }
  strip_top(*entries);
  auto root = std::make_unique<MemoryRoot>();
  root->set_description(path);
  root->keep_alive(std::move(arena));
  for (HeldEntry& e : *entries) {
    switch (e.type) {
      case FileType::directory: root->add_dir(e.path); break;
      case FileType::symlink: root->add_symlink(e.path, std::move(e.link)); break;
      default: root->add_file_view(e.path, e.content); break;
    }
  }
  return root;
}

}  // namespace netstat
