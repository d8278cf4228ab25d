// The bundle manifest (manifest.json, the first member of every bundle): the
// model, its JSON form, and the format version this build reads. capture/
// fills it in and hashes the members; SnapshotRoot reads the identity, the
// recorded failures and the list of paths that were absent at capture time.
// The JSON layout is specified in docs/bundle-format.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "replay/result.h"

namespace netstat {

inline constexpr std::string_view kManifestPath = "manifest.json";
inline constexpr std::string_view kBundleFormatName = "netstat-bundle";
/// The format version written, and the newest one this build reads.
inline constexpr int kBundleFormatVersion = 1;

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

/// One view of a system: a network namespace at one moment. Format 1
/// writers produce one view, "default", rooted at the top of the archive;
/// later ones add views under views/<id>/ with the same inner layout.
struct ManifestView {
  std::string id = "default";
  std::string root;            ///< archive folder of the view, "" = top
  std::string netns = "self";  ///< which namespace ("self" = the capturer's)
  uint32_t frame = 0;          ///< frame number in a time series
  std::string time;            ///< UTC time of the frame (RFC 3339)
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

/// Parses manifest.json. Fails on malformed JSON, a wrong "format", or a
/// format_version newer than kBundleFormatVersion (messages without a
/// file name; the caller prefixes it).
Result<Manifest> parse_manifest(std::string_view json);

}  // namespace netstat
