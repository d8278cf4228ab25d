// The bundle manifest (manifest.json, the first member of every bundle): the
// model, its JSON form, and the format version this build reads. capture/
// fills it in and hashes the members; SnapshotRoot reads the identity, the
// recorded failures and the list of paths that were absent at capture time.
// The JSON layout is specified in docs/bundle-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replay/result.h"

namespace netstat {

inline constexpr std::string_view kManifestPath = "manifest.json";
inline constexpr std::string_view kBundleFormatName = "netstat-bundle";
/// The format version written, and the newest one this build reads.
/// Version 2 adds views under views/<id>/ (network namespaces and frames of
/// a time series) and members stored as symlinks to an identical earlier
/// member; version 1 bundles (one view at the top) read unchanged.
inline constexpr int kBundleFormatVersion = 2;

/// One archive member other than the manifest.
struct ManifestEntry {
  std::string path;      ///< archive path ("proc/net/tcp")
  std::string type;      ///< "file", "dir" or "symlink"
  uint64_t size = 0;     ///< bytes of content (link target for symlinks)
  std::string sha256;    ///< lowercase hex of the content (files, symlinks)
};

/// A path the capture tried to read and could not.
struct RecordedError {
  std::string path;      ///< archive path
  Error error;           ///< code + errno; message unused
};

/// A process found inside a view's network namespace.
struct ViewProcess {
  uint32_t pid = 0;
  std::string command;  ///< /proc/<pid>/comm
};

/// The container a view belongs to, where its processes' cgroup tells.
struct ViewContainer {
  std::string runtime;  ///< "docker", "containerd", "cri-o", "podman", "kubernetes"
  std::string id;       ///< container id (hex), when known
  std::string pod_uid;  ///< Kubernetes pod UID, when known
  bool operator==(const ViewContainer&) const = default;
};

/// One view of a system: a network namespace at one moment. The default
/// view (the capturer's namespace, frame 0) is rooted at the top of the
/// archive; the others under views/<id>/ with the same inner layout.
struct ManifestView {
  std::string id = "default";
  std::string root;            ///< archive folder of the view, "" = top
  std::string netns = "self";  ///< "self" (the capturer's) or "netns:[INODE]"
  uint64_t inode = 0;          ///< the namespace's inode, 0 = not recorded
  std::vector<std::string> names;  ///< names under /run/netns
  uint32_t frame = 0;          ///< frame number in a time series
  std::string time;            ///< UTC time of the frame (RFC 3339, ms)
  std::vector<ViewProcess> processes;  ///< processes inside (pid order)
  std::optional<ViewContainer> container;
};

/// A network namespace the capture saw but could not record.
struct SkippedNetns {
  std::string netns;               ///< "netns:[INODE]" or the path tried
  uint64_t inode = 0;
  std::vector<std::string> names;  ///< names under /run/netns
  std::vector<uint32_t> pids;      ///< processes inside, when known
  Error error;                     ///< why (code + errno)
};

struct Manifest {
  std::string format = std::string(kBundleFormatName);
  int format_version = kBundleFormatVersion;
  std::string tool;
  std::string tool_version;
  std::string hostname;
  std::string kernel_release;
  std::string capture_start;   ///< UTC, "2024-05-01T12:00:00Z"
  std::string capture_end;
  uint32_t euid = 0;
  long clk_tck = 100;
  std::string source;          ///< "/" (live) or the --root the capture read
  bool full_cmdline = false;
  std::vector<ManifestView> views{ManifestView{}};
  std::vector<ManifestEntry> entries;
  std::vector<std::string> absent;        ///< probed, did not exist
  std::vector<RecordedError> unreadable;  ///< probed, could not be read
  /// `netstat redact`: what was replaced and how (a JSON object as compact
  /// text, docs/redaction.md); empty for a bundle that was not redacted.
  std::string redaction;
  std::vector<SkippedNetns> skipped_netns;  ///< seen, not recorded (format 2)
};

/// The manifest as indented JSON, keys in a fixed order (byte-reproducible).
std::string manifest_to_json(const Manifest& m);

/// True when \a text is a netstat bundle's manifest: it carries the
/// `"format": "netstat-bundle"` marker (whatever else is wrong with it). A
/// foreign tree's manifest.json (a sosreport's, another tool's) is not, and
/// such a tree is read as a plain tree. A textual check, so a bundle's
/// manifest is parsed once and a truncated one still counts as a bundle
/// (and is refused by parse_manifest).
bool looks_like_bundle_manifest(std::string_view text);

/// What parse_manifest() builds: everything, or all but `entries` (replay
/// never needs the member list; verify does).
enum class ManifestParts : uint8_t { all, without_entries };

/// Parses manifest.json. Fails on malformed JSON, a wrong "format", or a
/// format_version newer than kBundleFormatVersion (messages without a
/// file name; the caller prefixes it).
Result<Manifest> parse_manifest(std::string_view json,
                                ManifestParts parts = ManifestParts::all);

/// The manifest as seen from view \a v: identity and times as in \a full;
/// `views` = {v}; `entries`, `absent` and `unreadable` only for paths inside
/// the view, relative to its root (for the top view, everything not under
/// views/).
Manifest view_manifest(const Manifest& full, const ManifestView& v);

/// The path \a archive_path (an archive path) relative to the view rooted at
/// \a root, or nullopt when it lies outside that view.
std::optional<std::string> path_in_view(std::string_view archive_path, std::string_view root);

}  // namespace netstat
