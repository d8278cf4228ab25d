#include "capture/sha256.h"

namespace netstat {

Sha256::Sha256() { sha256_init(&m_ctx); }

void Sha256::update(std::string_view bytes) {
  sha256_update(&m_ctx, bytes.size(),
                reinterpret_cast<const uint8_t*>(bytes.data()));
}

Sha256::Digest Sha256::finish() {
  Digest d;
  sha256_digest(&m_ctx, d.size(), d.data());
  return d;
}

std::string hex_digest(const Sha256::Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * digest.size());
  for (uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return hex_digest(h.finish());
}

}  // namespace netstat
