// SHA-256 for bundles (member hashes in the manifest, the stream trailer),
// from GNU Nettle: a small library whose loading costs a process nothing
// measurable, where libcrypto's added ~2.5 ms to every netstat start-up.
// Nettle picks its SHA-NI code at run time where the CPU has it.
#pragma once

#include <nettle/sha2.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netstat {

/// An incremental SHA-256.
class Sha256 {
 public:
  using Digest = std::array<uint8_t, SHA256_DIGEST_SIZE>;
  Sha256();
  void update(std::string_view bytes);
  /// The digest of everything updated so far; the hasher starts over.
  Digest finish();

 private:
  sha256_ctx m_ctx;
};

/// Lowercase hex of \a digest.
std::string hex_digest(const Sha256::Digest& digest);

/// Lowercase hex SHA-256 of \a data.
std::string sha256_hex(std::string_view data);

}  // namespace netstat
