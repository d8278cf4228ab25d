// Numeric address text without sprintf or allocation: glibc's inet_ntop
// formats every group through sprintf, which the hot paths (-rn, -6rn,
// tcp6 listings, -ie, JSON) cannot afford. The text is inet_ntop's, byte
// for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace netstat {

/// Writes the dotted quad of \a addr (network order, an s_addr value) to
/// \a buf (>= 16 bytes, NUL-terminated) and returns its length.
size_t format_dotted_quad(uint32_t addr, char* buf);

/// inet_ntop(AF_INET6) of the 16 bytes at \a addr, written to \a buf
/// (>= INET6_ADDRSTRLEN = 46 bytes, NUL-terminated); returns its length.
/// The longest run (the first of equals) of two or more zero groups is
/// "::"; with the first six groups zero, or five and then ffff, the last
/// four bytes are a dotted quad ("::1.2.3.4", "::ffff:1.2.3.4").
size_t format_ipv6(const uint8_t* addr, char* buf);

/// format_ipv6's text, except that a v4-mapped address (::ffff:a.b.c.d) is
/// its bare dotted quad, as net-tools prints interface and route addresses.
size_t format_ipv6_unmapped(const uint8_t* addr, char* buf);

/// A dotted quad by value.
struct DottedQuad {
  char text[16];
  uint8_t size = 0;
  std::string_view view() const { return std::string_view(text, size); }
};

/// \a addr (network order) as a DottedQuad.
DottedQuad dotted_quad(uint32_t addr);

}  // namespace netstat
