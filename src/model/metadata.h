// Snapshot metadata for --json and diff: host, kernel, capture time and
// source, from the root's identity() and, for a bundle, its manifest.json
// (read through the same Root). The live system is stamped with the time
// it was read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "replay/root.h"
#include "src/model/snapshot.h"

namespace netstat::model {

/// \a spec is what the user named ("/", a directory, a bundle file).
Metadata load_metadata(const Root& root, const std::string& spec, bool live);

/// Seconds since the epoch of an RFC 3339 UTC time ("2024-05-01T12:00:00Z",
/// fractions allowed), or nullopt.
std::optional<double> parse_rfc3339(std::string_view text);

}  // namespace netstat::model
