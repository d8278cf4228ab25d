// The stream trailer: a zstd skippable frame appended after a bundle's
// compressed stream, holding the SHA-256 of every byte before it. zstd
// readers skip it; `netstat verify` checks it, so a flipped bit anywhere in
// the file is caught, even in the few zstd header bits the frame checksum
// does not cover.
//
//   magic 0x184D2A5E (LE u32) | size 79 (LE u32) | "netstat-sha256:" + 64 hex
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netstat {

/// The trailer frame for a stream whose raw SHA-256 digest is \a digest.
std::string make_stream_trailer(std::string_view digest);

enum class TrailerCheck { absent, matches, differs };

/// Whether \a file ends with a trailer, and if so whether it matches the
/// bytes before it.
TrailerCheck check_stream_trailer(std::string_view file);

}  // namespace netstat
