// Builds tar archives in memory with members a well-behaved writer never
// produces (hard links to anything, devices, FIFOs, duplicate and overlong
// names), for the hostile-archive tests. Uses libarchive's writer, which
// stores names as given.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <vector>

namespace netstat::testing {

struct HostileMember {
  enum class Kind { file, dir, symlink, hardlink, chardev, fifo };
  Kind kind = Kind::file;
  std::string name;
  std::string data;  ///< file content, symlink or hard link target
};

/// \a members as a plain (uncompressed) pax tar.
inline std::string hostile_tar(const std::vector<HostileMember>& members) {
  std::string bytes;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open2(
      a, &bytes, nullptr,
      [](archive*, void* ctx, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr, nullptr);
  for (const HostileMember& m : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_perm(e, 0644);
    switch (m.kind) {
      case HostileMember::Kind::file:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(m.data.size()));
        break;
      case HostileMember::Kind::dir:
        archive_entry_set_filetype(e, AE_IFDIR);
        break;
      case HostileMember::Kind::symlink:
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, m.data.c_str());
        break;
      case HostileMember::Kind::hardlink:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, m.data.c_str());
        archive_entry_set_size(e, 0);
        break;
      case HostileMember::Kind::chardev:
        archive_entry_set_filetype(e, AE_IFCHR);
        archive_entry_set_rdevmajor(e, 1);
        archive_entry_set_rdevminor(e, 5);  // /dev/zero
        break;
      case HostileMember::Kind::fifo:
        archive_entry_set_filetype(e, AE_IFIFO);
        break;
    }
    archive_write_header(a, e);
    if (m.kind == HostileMember::Kind::file && !m.data.empty()) {
      archive_write_data(a, m.data.data(), m.data.size());
    }
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return bytes;
}

}  // namespace netstat::testing
