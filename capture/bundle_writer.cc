// Writes a Recording as a tar (libarchive) compressed by libzstd with the
// frame checksum on, so any flipped byte fails decompression, to a byte sink
// or atomically to a file (mkstemp in the target folder, fsync, rename; the
// temporary file is unlinked on any failure and by a signal handler for
// SIGINT/SIGTERM/SIGHUP, installed with those signals blocked around
// mkstemp(), that then re-raises the signal). The file is 0600 and never
// replaces an existing one unless asked to (renameat2 RENAME_NOREPLACE, with
// link(2) + unlink as the fallback where a filesystem lacks it).
#include "capture/bundle_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <zstd.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "capture/sha256.h"
#include "capture/stream_trailer.h"
#include "replay/bundle_index.h"
#include "replay/bundle_manifest.h"
#include "replay/libarchive_api.h"

namespace netstat {
namespace {

struct ArchiveWriteFree {
  void operator()(archive* a) const { libarchive().archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { libarchive().archive_entry_free(e); }
};

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

// The tar stream's consumer: compresses and hands the bytes to the sink.
struct SinkContext {
  const ByteSink* sink;
  const WriteOptions* options;
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx;
  std::string out;  ///< compression output buffer
  size_t written = 0;
  std::optional<Error> error;
  Sha256* digest = nullptr;  ///< SHA-256 of every byte emitted

  Result<void> emit(size_t n) { return emit(std::string_view(out.data(), n)); }
  Result<void> emit(std::string_view bytes) {
    if (bytes.empty()) return {};
    digest->update(bytes);
    NETSTAT_TRY((*sink)(bytes));
    written += bytes.size();
    if (options->on_progress) return options->on_progress(written);
    return {};
  }
  Result<void> compress(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    while (true) {
      ZSTD_outBuffer o{out.data(), out.size(), 0};
      size_t left = ZSTD_compressStream2(cctx.get(), &o, &in, mode);
      if (ZSTD_isError(left) != 0) {
        return Error{Errc::io_error, 0,
                     std::string("zstd: ") + ZSTD_getErrorName(left)};
      }
      NETSTAT_TRY(emit(o.pos));
      bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) return {};
    }
  }
};

la_ssize_t write_callback(archive*, void* data, const void* buf, size_t n) {
  auto* ctx = static_cast<SinkContext*>(data);
  Result<void> r = ctx->compress(std::string_view(static_cast<const char*>(buf), n),
                                 ZSTD_e_continue);
  if (!r.ok()) {
    ctx->error = r.error();
    return -1;
  }
  return static_cast<la_ssize_t>(n);
}

Error archive_error(archive* a, SinkContext& ctx, const char* what) {
  if (ctx.error) return *ctx.error;
  const char* s = libarchive().archive_error_string(a);
  return Error{Errc::io_error, libarchive().archive_errno(a),
               std::string(what) + ": " + (s != nullptr ? s : "libarchive error")};
}

Result<void> write_member(archive* a, SinkContext& ctx, std::string_view path,
                          FileType type, std::string_view data) {
  std::unique_ptr<archive_entry, EntryFree> e(libarchive().archive_entry_new());
  std::string p(path);
  // Recorded paths are printable ASCII (capture/recorder.cc), so no
  // locale charset conversion is involved.
  libarchive().archive_entry_set_pathname(e.get(), p.c_str());
  libarchive().archive_entry_set_uid(e.get(), 0);
  libarchive().archive_entry_set_gid(e.get(), 0);
  libarchive().archive_entry_set_mtime(e.get(), 0, 0);
  std::string target;
  switch (type) {
    case FileType::directory:
      libarchive().archive_entry_set_filetype(e.get(), AE_IFDIR);
      libarchive().archive_entry_set_perm(e.get(), 0755);
      libarchive().archive_entry_set_size(e.get(), 0);
      break;
    case FileType::symlink:
      target = data;
      libarchive().archive_entry_set_filetype(e.get(), AE_IFLNK);
      libarchive().archive_entry_set_perm(e.get(), 0777);
      libarchive().archive_entry_set_symlink(e.get(), target.c_str());
      libarchive().archive_entry_set_size(e.get(), 0);
      break;
    default:
      libarchive().archive_entry_set_filetype(e.get(), AE_IFREG);
      libarchive().archive_entry_set_perm(e.get(), 0644);
      libarchive().archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
      break;
  }
  if (libarchive().archive_write_header(a, e.get()) != ARCHIVE_OK) {
    return archive_error(a, ctx, "cannot write bundle");
  }
  if (type == FileType::regular && !data.empty()) {
    la_ssize_t n = libarchive().archive_write_data(a, data.data(), data.size());
    if (n < 0 || static_cast<size_t>(n) != data.size()) {
      return archive_error(a, ctx, "cannot write bundle");
    }
  }
  // The member's padding now, not with the next header: a segment ends here.
  if (libarchive().archive_write_finish_entry(a) != ARCHIVE_OK) {
    return archive_error(a, ctx, "cannot write bundle");
  }
  return {};
}

// --- Temporary file cleanup on signals ---
char g_temp_path[PATH_MAX];
volatile sig_atomic_t g_have_temp = 0;
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temp_and_reraise(int sig) {
  if (g_have_temp != 0) ::unlink(g_temp_path);
  ::raise(sig);  // SA_RESETHAND restored the default action
}

class TempFileGuard {
 public:
  explicit TempFileGuard(const std::string& path) {
    std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
    g_have_temp = 1;
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_temp_and_reraise;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < std::size(kCleanupSignals); ++i) {
      ::sigaction(kCleanupSignals[i], &sa, &m_old[i]);
    }
  }
  ~TempFileGuard() {
    // Unlink before the old handlers come back: a signal in between would
    // otherwise kill the process with the file still there.
    if (!m_committed) ::unlink(g_temp_path);
    g_have_temp = 0;
    for (size_t i = 0; i < std::size(kCleanupSignals); ++i) {
      ::sigaction(kCleanupSignals[i], &m_old[i], nullptr);
    }
  }
  void commit() { m_committed = true; }

 private:
  struct sigaction m_old[std::size(kCleanupSignals)];
  bool m_committed = false;
};

Result<void> write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      return error_from_errno(e, std::strerror(e));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Error exists_error(const std::string& path) {
  return Error{Errc::invalid, EEXIST,
               path + ": File exists (use --force to overwrite)"};
}

}  // namespace

Result<void> write_bundle(const Recording& rec, const ByteSink& sink,
                          const WriteOptions& options) {
  NETSTAT_TRY(load_libarchive());
  Sha256 digest;
  SinkContext ctx{&sink, &options, nullptr, {}, 0, std::nullopt, &digest};
  ctx.cctx.reset(ZSTD_createCCtx());
  if (!ctx.cctx) return Error{Errc::io_error, ENOMEM, "out of memory"};
  ZSTD_CCtx_setParameter(ctx.cctx.get(), ZSTD_c_compressionLevel, options.zstd_level);
  ZSTD_CCtx_setParameter(ctx.cctx.get(), ZSTD_c_checksumFlag, 1);
  if (options.zstd_workers > 0) {
    ZSTD_CCtx_setParameter(ctx.cctx.get(), ZSTD_c_nbWorkers, options.zstd_workers);
  }
  ctx.out.resize(ZSTD_CStreamOutSize());
  // Declared after ctx so it is freed first: freeing an archive that is
  // still open (an error path) flushes through write_callback into ctx.
  std::unique_ptr<archive, ArchiveWriteFree> a(libarchive().archive_write_new());
  if (!a) return Error{Errc::io_error, ENOMEM, "out of memory"};
  if (libarchive().archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
      // No blocking: each member's bytes reach the compressor as written, so
      // a zstd frame can end exactly after it (the segment index).
      libarchive().archive_write_set_bytes_per_block(a.get(), 0) != ARCHIVE_OK ||
      libarchive().archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK) {
    return archive_error(a.get(), ctx, "cannot set up the bundle writer");
  }
  if (libarchive().archive_write_open2(a.get(), &ctx, nullptr, write_callback, nullptr,
                          nullptr) != ARCHIVE_OK) {
    return archive_error(a.get(), ctx, "cannot write bundle");
  }
  // One zstd frame for the manifest, one per run of members of one view and
  // one for the end-of-archive blocks, indexed in a skippable frame before
  // the trailer (replay/bundle_index.h), so a reader of some views of a
  // series decompresses only theirs.
  BundleIndex index;
  uint64_t segment_start = 0;
  auto end_segment = [&](BundleSegment::Kind kind, std::string folder) -> Result<void> {
    NETSTAT_TRY(ctx.compress({}, ZSTD_e_end));
    BundleSegment& s = index.segments.emplace_back();
    s.offset = segment_start;
    s.size = ctx.written - segment_start;
    s.kind = kind;
    s.folder = std::move(folder);
    segment_start = ctx.written;
    return {};
  };
  std::string manifest = manifest_to_json(rec.manifest);
  NETSTAT_TRY(write_member(a.get(), ctx, kManifestPath, FileType::regular, manifest));
  NETSTAT_TRY(end_segment(BundleSegment::Kind::manifest, ""));
  std::unordered_map<std::string_view, uint32_t> segment_of;  // member -> segment
  std::vector<uint32_t> deps;
  std::optional<std::string_view> folder;  // of the segment being written
  for (const BundleMember& m : rec.members) {
    std::optional<std::string_view> f = member_folder(m.path);
    if (f && folder && *f != *folder) {
      NETSTAT_TRY(end_segment(BundleSegment::Kind::view, std::string(*folder)));
      index.segments.back().deps = std::move(deps);
      deps.clear();
    }
    if (f) folder = f;
    auto current = static_cast<uint32_t>(index.segments.size());
    if (m.type == FileType::symlink) {
      auto target = segment_of.find(link_target_path(m.path, m.data));
      if (target != segment_of.end() && target->second != current &&
          std::find(deps.begin(), deps.end(), target->second) == deps.end()) {
        deps.push_back(target->second);
      }
    }
    segment_of[m.path] = current;
    NETSTAT_TRY(write_member(a.get(), ctx, m.path, m.type, m.data));
  }
  if (folder) {
    NETSTAT_TRY(end_segment(BundleSegment::Kind::view, std::string(*folder)));
    index.segments.back().deps = std::move(deps);
  }
  if (libarchive().archive_write_close(a.get()) != ARCHIVE_OK) {
    return archive_error(a.get(), ctx, "cannot finish bundle");
  }
  NETSTAT_TRY(end_segment(BundleSegment::Kind::end, ""));
  index.frame_offset = ctx.written;
  NETSTAT_TRY(ctx.emit(bundle_index_frame(index)));
  Sha256::Digest md = digest.finish();
  std::string trailer = make_stream_trailer(std::string_view(
      reinterpret_cast<const char*>(md.data()), md.size()));
  Result<void> r = sink(trailer);
  if (r.ok() && options.on_progress) r = options.on_progress(ctx.written + trailer.size());
  return r;
}

Result<void> write_bundle_file(const Recording& rec, const std::string& path,
                               const WriteOptions& options) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) {
    return Error{Errc::invalid, EISDIR, path + ": is a directory"};
  }
  // rename(2) would put the bundle in place of a device node or FIFO.
  if (options.overwrite) NETSTAT_TRY(check_can_replace(path));
  std::string temp = (slash == std::string::npos ? "" : dir) + "." + base +
                     ".tmp-XXXXXX";
  if (temp.size() >= sizeof g_temp_path) {
    return Error{Errc::invalid, ENAMETOOLONG, path + ": name too long"};
  }
  // The cleanup signals wait while the file is created and its guard set
  // up: a SIGINT right after mkstemp() must not leave the file behind.
  sigset_t cleanup_set;
  sigset_t old_mask;
  sigemptyset(&cleanup_set);
  for (int sig : kCleanupSignals) sigaddset(&cleanup_set, sig);
  ::pthread_sigmask(SIG_BLOCK, &cleanup_set, &old_mask);
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    int e = errno;
    ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    return error_from_errno(e, path + ": cannot create a file in " + dir + ": " +
                                   std::strerror(e));
  }
  TempFileGuard guard(temp);
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  // mkstemp() already made it 0600; say so rather than rely on it.
  ::fchmod(fd, kBundleFileMode);
  ByteSink sink = [fd](std::string_view data) { return write_all(fd, data); };
  Result<void> written = write_bundle(rec, sink, options);
  if (written.ok() && ::fsync(fd) != 0) {
    int e = errno;
    written = error_from_errno(e, std::strerror(e));
  }
  if (::close(fd) != 0 && written.ok()) {
    int e = errno;
    written = error_from_errno(e, std::strerror(e));
  }
  if (!written.ok()) {
    Error e = written.error();
    e.message = path + ": " + e.message;
    return e;
  }
  if (options.overwrite) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      int e = errno;
      return error_from_errno(e, path + ": " + std::strerror(e));
    }
    guard.commit();
    return {};
  }
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(),
                  RENAME_NOREPLACE) == 0) {
    guard.commit();
    return {};
  }
  int e = errno;
  if (e == EINVAL || e == ENOSYS) {
    // No RENAME_NOREPLACE on this filesystem: link(2) refuses an existing
    // target just as atomically; the guard removes the temporary name.
    if (::link(temp.c_str(), path.c_str()) == 0) return {};
    e = errno;
  }
  if (e == EEXIST) return exists_error(path);
  return error_from_errno(e, path + ": " + std::strerror(e));
}

Result<void> check_can_create(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Error{Errc::is_a_directory, EISDIR, path + ": Is a directory"};
    }
    return exists_error(path);
  }
  return {};
}

Result<void> check_can_replace(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) return {};
  if (S_ISDIR(st.st_mode)) return Error{Errc::is_a_directory, EISDIR, path + ": Is a directory"};
  return Error{Errc::invalid, EEXIST,
               path + ": not a regular file (--force replaces only a file; to write into a "
                      "device or pipe use -o - and redirect)"};
}

}  // namespace netstat
