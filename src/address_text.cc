#include "src/address_text.h"

#include <cstring>

namespace netstat {
namespace {

// "0".."255" as digits (padded to 3) plus their count.
struct OctetTable {
  char text[256][4];
  constexpr OctetTable() : text() {
    for (int i = 0; i < 256; ++i) {
      int n = 0;
      if (i >= 100) text[i][n++] = static_cast<char>('0' + i / 100);
      if (i >= 10) text[i][n++] = static_cast<char>('0' + i / 10 % 10);
      text[i][n++] = static_cast<char>('0' + i % 10);
      text[i][3] = static_cast<char>(n);
    }
  }
};
constexpr OctetTable kOctets;

}  // namespace

size_t format_dotted_quad(uint32_t addr, char* buf) {
  size_t n = 0;
  for (int i = 0; i < 4; ++i) {
    const char* o = kOctets.text[(addr >> (8 * i)) & 0xff];
    std::memcpy(buf + n, o, 3);  // 3 digits at most: "255." ends at 15
    n += static_cast<size_t>(o[3]);
    buf[n++] = '.';
  }
  buf[n - 1] = '\0';
  return n - 1;
}

size_t format_ipv6(const uint8_t* addr, char* buf) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint16_t words[8];
  for (int i = 0; i < 8; ++i) {
    words[i] = static_cast<uint16_t>((addr[2 * i] << 8) | addr[2 * i + 1]);
  }
  // The first longest run of zero groups, if it is two or more long.
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (words[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && words[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) best = -1;

  size_t n = 0;
  for (int i = 0; i < 8; ++i) {
    if (best >= 0 && i >= best && i < best + best_len) {
      if (i == best) buf[n++] = ':';
      continue;
    }
    if (i != 0) buf[n++] = ':';
    if (i == 6 && best == 0 &&
        (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
      uint32_t v4;
      std::memcpy(&v4, addr + 12, 4);
      return n + format_dotted_quad(v4, buf + n);
    }
    uint16_t w = words[i];
    if (w >= 0x1000) buf[n++] = kHex[w >> 12];
    if (w >= 0x100) buf[n++] = kHex[(w >> 8) & 0xf];
    if (w >= 0x10) buf[n++] = kHex[(w >> 4) & 0xf];
    buf[n++] = kHex[w & 0xf];
  }
  if (best >= 0 && best + best_len == 8) buf[n++] = ':';
  buf[n] = '\0';
  return n;
}

size_t format_ipv6_unmapped(const uint8_t* addr, char* buf) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0,    0,
                                          0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(addr, kMapped, sizeof kMapped) == 0) {
    uint32_t v4;
    std::memcpy(&v4, addr + 12, 4);
    return format_dotted_quad(v4, buf);
  }
  return format_ipv6(addr, buf);
}

DottedQuad dotted_quad(uint32_t addr) {
  DottedQuad d;
  d.size = static_cast<uint8_t>(format_dotted_quad(addr, d.text));
  return d;
}

}  // namespace netstat
