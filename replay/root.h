// Root: the one interface through which every netstat mode reads the system.
//
// A Root answers file reads, directory listings and readlinks for absolute
// paths ("/proc/net/tcp"), plus the few things the live system answers outside
// files (interface ioctls, name lookups, the effective uid). Implementations:
//   LiveRoot    - the running system, optionally under a directory prefix
//   ArchiveRoot - a capture bundle (tar + zstd/gz/xz), decoded in memory
//   MemoryRoot  - an in-memory tree for tests
// Nothing above replay/ knows which one it reads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "replay/archive_limits.h"
#include "replay/interfaces.h"
#include "replay/name_service.h"
#include "replay/result.h"
#include "replay/socket_rows.h"

namespace netstat {

struct ArchiveSelection;  // replay/archive_reader.h

enum class FileType : uint8_t { regular, directory, symlink, other, unknown };

/// One directory entry, in the order the source listed it.
struct DirEntry {
  std::string name;
  FileType type = FileType::unknown;
  bool operator==(const DirEntry&) const = default;
};

/// A directory entry together with its readlink() answer (or error).
struct LinkEntry {
  std::string name;
  Result<std::string> target;
};

/// Facts about the system the root describes.
struct SystemIdentity {
  uint32_t euid = 0;          ///< effective uid of the reader (live) or capturer
  long clk_tck = 100;         ///< sysconf(_SC_CLK_TCK)
  std::string hostname;
  std::string kernel_release;
};

/// What a recognised foreign tree (a sosreport) says about itself; all ""
/// for bundles (their manifest says it), plain trees and the live system.
struct SourceInfo {
  /// When it was taken (a sosreport: its own local time, ISO 8601 without a
  /// zone).
  std::string captured_at;
  /// What it is: "sosreport, sos 4.0, host vm, taken ...".
  std::string kind;
  /// The tool that made it: "sos 4.0".
  std::string tool;
};

class Root {
 public:
  virtual ~Root() = default;

  /// The whole content of the file at absolute \a path.
  virtual Result<std::string> read_file(std::string_view path) const = 0;
  /// The entries of directory \a path (without "." and ".."), in source order.
  virtual Result<std::vector<DirEntry>> list_dir(std::string_view path) const = 0;
  /// The target of the symbolic link \a path.
  virtual Result<std::string> read_link(std::string_view path) const = 0;
  /// Lists \a dir and reads every entry's link target in one go (the `-p`
  /// fd scan). The default calls list_dir + read_link; roots override it
  /// when they can do better.
  virtual Result<std::vector<LinkEntry>> read_links(std::string_view dir) const;
  /// read_links without the vector: \a each(name, target) for every entry
  /// whose link could be read, in listing order (entries whose readlink
  /// failed are left out). The default calls read_links; the live root
  /// reads each link into one buffer (the -p walk at 200k sockets).
  virtual Result<void> each_link(
      std::string_view dir,
      const std::function<void(std::string_view name, std::string_view target)>& each) const;
  /// read_file in pieces, as the source yields them: \a sink gets each
  /// piece in order (on the calling thread); their concatenation is what
  /// read_file would return, and an error before the first piece is the one
  /// read_file would give. The default reads the whole file and hands it
  /// over once; the live root hands over each read(2).
  virtual Result<void> read_file_pieces(
      std::string_view path, const std::function<void(std::string_view)>& sink) const;

  /// The rows of an Internet socket table (tcp, tcp6, udp, udp6, udplite,
  /// udplite6, raw, raw6) from a source other than its file, handed to \a sink
  /// in the file's order; the outcome says whether (and from which row) the
  /// file must be read instead (replay/socket_rows.h). Only the live system
  /// answers; every other root: read the whole file.
  virtual InetRowsOutcome inet_rows(const InetRowsRequest&, const InetRowSink&) const {
    return {};
  }

  /// SIOCGIFCONF: the names (IPv4 labels) that carry an IPv4 address.
  virtual Result<std::vector<std::string>> interface_labels() const = 0;
  /// SIOCGIF* for one name; Errc::not_found if the kernel does not know it.
  virtual Result<IfaceInfo> interface_info(std::string_view name) const = 0;

  virtual const NameService& names() const = 0;
  virtual SystemIdentity identity() const = 0;
  /// See SourceInfo; the default knows nothing.
  virtual SourceInfo source_info() const { return {}; }
  /// True when reads (read_file, list_dir, read_link, read_links,
  /// identity) may run on two threads at once and each costs real kernel
  /// time, so overlapping them pays: the live system. In-memory roots say
  /// no (their reads are cheap, and test roots log accesses in order).
  virtual bool concurrent_reads() const { return false; }
  /// Where this root reads from, for messages ("/", "DIR", "bundle.tar.zst").
  virtual std::string description() const = 0;
  /// Notes on the source that changed what this run printed (a bundle
  /// member read as absent because it could not be read), one line each,
  /// without the "netstat: " prefix: printed on stderr after the output, or
  /// as JSON warnings. Only notes on data the run consulted are returned.
  virtual std::vector<std::string> notes() const { return {}; }
};

/// Opens \a spec as a root: "" or "/" is the live system, a directory is a
/// LiveRoot under that prefix, a regular file is opened as an archive; a
/// tree or archive is read within \a limits and replayed through a
/// SnapshotRoot (its default view).
Result<std::unique_ptr<Root>> open_root(const std::string& spec,
                                        const ArchiveLimits& limits = ArchiveLimits{});

/// The tree of \a spec (a directory or an archive file) within \a limits,
/// not yet wrapped in a SnapshotRoot (open_views does that; `netstat info`
/// reads the manifest of it). Of an archive, only the members \a select
/// keeps (replay/archive_reader.h; null keeps all).
Result<std::unique_ptr<Root>> open_root_base(const std::string& spec,
                                             const ArchiveLimits& limits,
                                             ArchiveSelection* select = nullptr);

}  // namespace netstat
