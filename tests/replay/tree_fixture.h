// A small sosreport-like tree (symlinks proc/net -> self/net, proc/self ->
// 214, fd links, an empty file, an empty folder) that tests materialize as a
// MemoryRoot, as a directory on disk and as tar archives in several
// compressions, so every root implementation can be asked the same things.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "replay/memory_root.h"

namespace netstat::testing {

struct TreeNode {
  std::string path;  // relative
  FileType type;
  std::string data;  // content or link target
};

inline std::vector<TreeNode> sample_tree() {
  using std::string_literals::operator""s;
  return {
      {"proc", FileType::directory, ""},
      {"proc/214", FileType::directory, ""},
      {"proc/214/net", FileType::directory, ""},
      {"proc/214/net/tcp", FileType::regular,
       "  sl  local_address rem_address   st\n"
       "   0: 0100007F:0016 00000000:0000 0A\n"},
      {"proc/214/net/udplite", FileType::regular, ""},
      {"proc/214/net/unix", FileType::regular, "Num RefCount Protocol\n"},
      {"proc/214/net/stat", FileType::directory, ""},
      {"proc/214/fd", FileType::directory, ""},
      {"proc/214/fd/3", FileType::symlink, "socket:[1234]"},
      {"proc/214/fd/4", FileType::symlink, "socket:[1235]"},
      {"proc/214/cmdline", FileType::regular, "/usr/bin/foo\0--bar\0"s},
      {"proc/self", FileType::symlink, "214"},
      {"proc/net", FileType::symlink, "self/net"},
      {"etc", FileType::directory, ""},
      {"etc/hosts", FileType::regular, "127.0.0.1\tlocalhost\n"},
      {"sys", FileType::directory, ""},
      {"sys/devices", FileType::directory, ""},
      {"sys/devices/virtual", FileType::directory, ""},
      {"sys/devices/virtual/net", FileType::directory, ""},
      {"sys/devices/virtual/net/lo", FileType::directory, ""},
      {"sys/devices/virtual/net/lo/mtu", FileType::regular, "65536\n"},
      {"sys/class", FileType::directory, ""},
      {"sys/class/net", FileType::directory, ""},
      {"sys/class/net/lo", FileType::symlink, "../../devices/virtual/net/lo"},
  };
}

inline std::unique_ptr<MemoryRoot> to_memory_root(const std::vector<TreeNode>& t) {
  auto root = std::make_unique<MemoryRoot>();
  for (const TreeNode& n : t) {
    switch (n.type) {
      case FileType::directory: root->add_dir(n.path); break;
      case FileType::symlink: root->add_symlink(n.path, n.data); break;
      default: root->add_file(n.path, n.data); break;
    }
  }
  return root;
}

inline void to_directory(const std::vector<TreeNode>& t,
                         const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const TreeNode& n : t) {
    std::filesystem::path p = dir / n.path;
    switch (n.type) {
      case FileType::directory: std::filesystem::create_directories(p); break;
      case FileType::symlink: std::filesystem::create_symlink(n.data, p); break;
      default: {
        std::ofstream out(p, std::ios::binary);
        out.write(n.data.data(), static_cast<std::streamsize>(n.data.size()));
        break;
      }
    }
  }
}

enum class Compression { none, zstd, gzip, xz };

/// The tree as a tar archive in memory; \a prefix is prepended to every
/// member name ("sosreport-host-2024/", "./").
inline std::string to_tar(const std::vector<TreeNode>& t, Compression c,
                          const std::string& prefix = "") {
  std::string bytes;
  archive* a = archive_write_new();
  switch (c) {
    case Compression::zstd: archive_write_add_filter_zstd(a); break;
    case Compression::gzip: archive_write_add_filter_gzip(a); break;
    case Compression::xz: archive_write_add_filter_xz(a); break;
    case Compression::none: break;
  }
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_in_last_block(a, 1);  // no zero padding after zstd
  archive_write_open2(
      a, &bytes, nullptr,
      [](archive*, void* ctx, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr, nullptr);
  auto write = [&](const std::string& name, FileType type, const std::string& data) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    if (type == FileType::directory) {
      archive_entry_set_filetype(e, AE_IFDIR);
      archive_entry_set_perm(e, 0755);
    } else if (type == FileType::symlink) {
      archive_entry_set_filetype(e, AE_IFLNK);
      archive_entry_set_perm(e, 0777);
      archive_entry_set_symlink(e, data.c_str());
    } else {
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    }
    archive_write_header(a, e);
    if (type == FileType::regular && !data.empty()) {
      archive_write_data(a, data.data(), data.size());
    }
    archive_entry_free(e);
  };
  if (!prefix.empty() && prefix != "./") {
    write(prefix.substr(0, prefix.size() - 1), FileType::directory, "");
  }
  for (const TreeNode& n : t) write(prefix + n.path, n.type, n.data);
  archive_write_close(a);
  archive_write_free(a);
  return bytes;
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// A temporary directory removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() /
                        "netstat-test-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    m_path = made != nullptr ? made : tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

}  // namespace netstat::testing
