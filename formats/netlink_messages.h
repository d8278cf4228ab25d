// Bounds-checked walking of netlink messages and their attributes, as the
// kernel sends them in answer to a dump (rtnetlink, sock_diag). Pure: no I/O.
//
// A message is an nlmsghdr (16 bytes: length, type, flags, sequence, port id)
// and a payload, padded to 4 bytes; attributes are (u16 length, u16 type,
// value) padded to 4 (struct nlattr and struct rtattr share the layout).
// Every length comes from the kernel, or from a fuzzer: nothing here reads a
// byte outside the buffer it was given, and the <linux/netlink.h> macros (C
// casts, aligned-buffer assumptions) are not used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace netstat::formats {

constexpr size_t netlink_align(size_t n) { return (n + 3) & ~size_t{3}; }

/// The fixed header of a netlink message (struct nlmsghdr's layout).
struct NetlinkHeader {
  uint32_t length = 0;
  uint16_t type = 0;
  uint16_t flags = 0;
  uint32_t seq = 0;
  uint32_t port = 0;
};
inline constexpr size_t kNetlinkHeaderSize = 16;

/// Copies the start of \a bytes into \a out; false if \a bytes is shorter.
template <typename T>
bool read_fixed(std::string_view bytes, T& out) {
  if (bytes.size() < sizeof(T)) return false;
  std::memcpy(&out, bytes.data(), sizeof(T));
  return true;
}

/// Calls \a each(const NetlinkHeader&, std::string_view payload) for every
/// message of \a buffer (one recvmsg's worth) until \a each returns false.
/// Returns false when a message's length is shorter than its header or runs
/// past the buffer (nothing after it may be trusted), true otherwise.
template <typename Each>
bool for_each_netlink_message(std::string_view buffer, Each&& each) {
  size_t off = 0;
  while (off < buffer.size()) {
    NetlinkHeader h;
    if (buffer.size() - off < kNetlinkHeaderSize) return false;
    std::memcpy(&h, buffer.data() + off, kNetlinkHeaderSize);
    if (h.length < kNetlinkHeaderSize || h.length > buffer.size() - off) return false;
    if (!each(static_cast<const NetlinkHeader&>(h),
              buffer.substr(off + kNetlinkHeaderSize, h.length - kNetlinkHeaderSize))) {
      return true;
    }
    off += netlink_align(h.length);
  }
  return true;
}

/// Calls \a fn(uint16_t type, std::string_view value) for each attribute of
/// \a payload after its fixed header of \a fixed bytes (the type without the
/// NLA_F_NESTED / NLA_F_NET_BYTEORDER bits). Returns false when an attribute's
/// length is shorter than its header or runs past the payload (the walk stops
/// there); trailing padding of fewer than 4 bytes is ignored.
template <typename Fn>
bool for_each_netlink_attribute(std::string_view payload, size_t fixed, Fn&& fn) {
  size_t off = netlink_align(fixed);
  if (off > payload.size()) return false;
  while (payload.size() - off >= 4) {
    uint16_t len = 0, type = 0;
    std::memcpy(&len, payload.data() + off, 2);
    std::memcpy(&type, payload.data() + off + 2, 2);
    if (len < 4 || len > payload.size() - off) return false;
    fn(static_cast<uint16_t>(type & 0x3FFF), payload.substr(off + 4, len - 4u));
    off += netlink_align(len);
    if (off > payload.size()) break;  // the last attribute's padding is optional
  }
  return true;
}

}  // namespace netstat::formats
