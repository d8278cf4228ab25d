// libarchive, loaded the first time a bundle is read or written (dlopen of
// the SONAME the build compiled against) rather than at process start:
// libarchive and what it links (libxml2, ICU, nettle, lzma, lz4, ...) cost
// every netstat start-up ~2.5 ms of dynamic loading, while most runs read
// the live system and never touch an archive. The functions keep their
// libarchive names and exact types (decltype of the declarations in
// <archive.h>), so a call reads `la.archive_read_new()`.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "replay/result.h"

namespace netstat {

// Every libarchive function netstat calls.
#define NETSTAT_LIBARCHIVE_FUNCTIONS(X)                                      \
  X(archive_errno) X(archive_error_string)                                   \
  X(archive_read_new) X(archive_read_free)                                   \
  X(archive_read_support_filter_none) X(archive_read_support_filter_gzip)    \
  X(archive_read_support_filter_xz) X(archive_read_support_filter_lzma)      \
  X(archive_read_support_filter_zstd) X(archive_read_support_filter_bzip2)   \
  X(archive_read_support_filter_lz4) X(archive_read_support_format_tar)      \
  X(archive_read_support_format_gnutar) X(archive_read_open_memory)          \
  X(archive_read_open_filename) X(archive_read_open) X(archive_read_next_header)                  \
  X(archive_read_data) X(archive_read_data_block)                            \
  X(archive_write_new) X(archive_write_free)                                 \
  X(archive_write_set_format_pax_restricted)                                 \
  X(archive_write_set_bytes_per_block) X(archive_write_set_bytes_in_last_block) \
  X(archive_write_open2) X(archive_write_header) X(archive_write_data)       \
  X(archive_write_close) X(archive_write_finish_entry)                       \
  X(archive_entry_new) X(archive_entry_free) X(archive_entry_pathname)       \
  X(archive_entry_hardlink) X(archive_entry_symlink)                         \
  X(archive_entry_filetype) X(archive_entry_size)                            \
  X(archive_entry_size_is_set) X(archive_entry_set_pathname)                 \
  X(archive_entry_set_uid) X(archive_entry_set_gid)                          \
  X(archive_entry_set_mtime) X(archive_entry_set_filetype)                   \
  X(archive_entry_set_perm) X(archive_entry_set_size)                        \
  X(archive_entry_set_symlink)

struct LibArchive {
#define NETSTAT_LIBARCHIVE_MEMBER(name) decltype(&::name) name = nullptr;
  NETSTAT_LIBARCHIVE_FUNCTIONS(NETSTAT_LIBARCHIVE_MEMBER)
#undef NETSTAT_LIBARCHIVE_MEMBER
};

/// Loads libarchive on the first call (thread-safe; later calls return the
/// same answer). The error names the library and the loader's reason,
/// e.g. "libarchive.so.13: cannot open shared object file: ...".
Result<const LibArchive*> load_libarchive();

/// The loaded functions. Precondition: load_libarchive() succeeded (every
/// entry point that reads or writes an archive calls it first); otherwise
/// this reports the programming error and aborts.
const LibArchive& libarchive();

}  // namespace netstat
