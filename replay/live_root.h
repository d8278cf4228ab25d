// LiveRoot: the running system, or a directory tree standing in for it.
//
// With no prefix it reads the real /proc, /sys and /etc, asks the kernel for
// interface ioctls and libc for names. With a prefix (--root=DIR: an unpacked
// bundle, a fixture tree, a sosreport, a host filesystem at /host) every path
// is resolved inside DIR (replay/open_in_root.h: openat2 RESOLVE_IN_ROOT, or
// the same walk in user space on older kernels), so absolute or ".."
// symlinks in an untrusted tree can never reach the analyst's own files.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "replay/live_system.h"
#include "replay/root.h"

namespace netstat {

class LiveRoot : public Root {
 public:
  /// The running system.
  LiveRoot();
  /// A directory tree; fails if \a dir cannot be opened as a directory.
  static Result<std::unique_ptr<LiveRoot>> open_dir(const std::string& dir);
  ~LiveRoot() override;

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override;
  Result<std::string> read_link(std::string_view path) const override;
  Result<std::vector<LinkEntry>> read_links(std::string_view dir) const override;
  Result<void> each_link(
      std::string_view dir,
      const std::function<void(std::string_view, std::string_view)>& each) const override;
  Result<void> read_file_pieces(
      std::string_view path,
      const std::function<void(std::string_view)>& sink) const override;
  InetRowsOutcome inet_rows(const InetRowsRequest& request,
                            const InetRowSink& sink) const override;
  Result<std::vector<std::string>> interface_labels() const override;
  Result<IfaceInfo> interface_info(std::string_view name) const override;
  const NameService& names() const override;
  SystemIdentity identity() const override;
  bool concurrent_reads() const override { return true; }
  std::string description() const override;

  /// True for the running system (no prefix).
  bool is_system() const { return m_root_fd < 0; }
  /// Largest file read_file() accepts under a prefix (untrusted trees).
  void set_max_file_size(size_t bytes) { m_max_file = bytes; }

 private:
  LiveRoot(int root_fd, std::string prefix);
  /// Opens \a path (absolute) with \a flags, inside the prefix if any.
  int open_path(std::string_view path, int flags) const;

  int m_root_fd = -1;  ///< directory fd of the prefix, -1 for the system
  std::string m_prefix;
  /// The user-space walk even where openat2 exists (NETSTAT_NO_OPENAT2=1).
  bool m_walk_only = false;
  size_t m_max_file = 0;  ///< 0 = unlimited
  std::unique_ptr<NameService> m_names;
  /// The running system's devices and IPv4 addresses by label from two
  /// rtnetlink dumps (links, addresses), made on the first interface_info()
  /// (nullopt: that dump failed or NETSTAT_IOCTL_IFACES=1; the ioctls then
  /// answer).
  mutable std::once_flag m_netlink_once;
  mutable std::optional<LiveLinks> m_links;
  mutable std::optional<Ipv4LabelAddresses> m_ipv4_labels;
};

}  // namespace netstat
