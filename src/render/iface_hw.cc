// The hardware types and address printers of net-tools 2.10 (lib/hw.c and
// one file per type), as the Debian binary prints them; each printer was
// checked against /usr/bin/netstat with faked SIOCGIFHWADDR answers
// (tests/oracle/interfaces_live.sh). Printers that format a plain `char`
// sign-extend bytes >= 0x80 ("ffffff84"), as 2.10 does.
#include "src/render/iface_hw.h"

#include <fmt/format.h>

namespace netstat {
namespace {

enum class Printer : uint8_t {
  none,    // the name alone
  empty,   // the name and an empty address ("tunnel ")
  ether,   // 6 x %02x joined by ':'
  upper6,  // 6 x %02X joined by ':' (HIPPI)
  fddi,    // 6 x %02X joined by '-'
  eui64,   // 8 x %02X joined by ':'
  arcnet,  // 1 x %02X
  dlci,    // the first two bytes as a signed short
  ax25,    // callsign (bytes >> 1) and "-SSID"
  rose,    // 5 x %02x
  x25,     // the bytes as a C string
  irda,    // bytes 3,2,1,0 as %02x of a signed char, cut to 11 chars
  ash,     // see ash_text
  unspec,  // 16 x %02X joined by '-'
};

struct HwType {
  uint16_t type;
  std::string_view name;
  std::string_view title;
  Printer printer;
};

constexpr HwType kTypes[] = {
    {0, "netrom", "AMPR NET/ROM", Printer::ax25},
    {1, "ether", "Ethernet", Printer::ether},
    {3, "ax25", "AMPR AX.25", Printer::ax25},
    {7, "arcnet", "ARCnet", Printer::arcnet},
    {15, "dlci", "Frame Relay DLCI", Printer::dlci},
    {27, "eui64", "Generic EUI-64", Printer::eui64},
    {256, "slip", "Serial Line IP", Printer::none},
    {257, "cslip", "VJ Serial Line IP", Printer::none},
    {258, "slip6", "6-bit Serial Line IP", Printer::none},
    {259, "cslip6", "VJ 6-bit Serial Line IP", Printer::none},
    {264, "adaptive", "Adaptive Serial Line IP", Printer::none},
    {270, "rose", "AMPR ROSE", Printer::rose},
    {271, "x25", "generic X.25", Printer::x25},
    {512, "ppp", "Point-to-Point Protocol", Printer::none},
    {513, "hdlc", "(Cisco)-HDLC", Printer::none},
    {516, "lapb", "LAPB", Printer::none},
    {768, "tunnel", "IPIP Tunnel", Printer::empty},
    {770, "frad", "Frame Relay Access Device", Printer::none},
    {772, "loop", "Local Loopback", Printer::none},
    {774, "fddi", "Fiber Distributed Data Interface", Printer::fddi},
    {776, "sit", "IPv6-in-IPv4", Printer::none},
    {780, "hippi", "HIPPI", Printer::upper6},
    {781, "ash", "Ash", Printer::ash},
    {782, "ec", "Econet", Printer::none},
    {783, "irda", "IrLAP", Printer::irda},
};
constexpr HwType kUnspec{0xffff, "unspec", "UNSPEC", Printer::unspec};

// printf("%02x"/"%x", (int)(char)b): negative chars print as ffffffXX.
std::string signed_char_hex(uint8_t b, bool pad) {
  if (b >= 0x80) return fmt::format("ffffff{:02x}", b);
  return pad ? fmt::format("{:02x}", b) : fmt::format("{:x}", b);
}

// n bytes as two hex digits each (\a upper: "%02X", else "%02x"), joined
// by \a sep.
std::string joined(const HwAddrBuffer& a, size_t n, bool upper,
                   std::string_view sep) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  out.reserve(n * (2 + sep.size()));
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out.push_back(digits[a[i] >> 4]);
    out.push_back(digits[a[i] & 0xf]);
  }
  return out;
}

std::string ax25_text(const HwAddrBuffer& a) {
  std::string call;
  for (size_t i = 0; i < 6; ++i) {
    char c = static_cast<char>(a[i] >> 1);
    if (c == ' ' || c == '\0') break;  // a blank ends the callsign
    call.push_back(c);
  }
  int ssid = (a[6] & 0x1e) >> 1;
  if (ssid != 0) call += fmt::format("-{}", ssid);
  return call;
}

// Ash addresses: 2.10 writes each of 64 bytes with sprintf("%1x") one
// column further than the previous one, so only the first character of
// each survives. It reads 64 bytes from its 32-byte buffer, the last 32
// from the fields that follow it (the trailer).
uint8_t ash_byte(const HwAddrBuffer& a, const HwAddrTrailer& t, size_t i) {
  return i < a.size() ? a[i] : t[i - a.size()];
}

std::string ash_text(const HwAddrBuffer& a, const HwAddrTrailer& t) {
  std::string out = "[";
  for (size_t i = 0; i < 64; ++i) {
    out.push_back(signed_char_hex(ash_byte(a, t, i), false)[0]);
  }
  out.push_back(']');
  return out;
}

std::string address_text(Printer p, const HwAddrBuffer& a,
                         const HwAddrTrailer& t) {
  switch (p) {
    case Printer::none:
    case Printer::empty: return {};
    case Printer::ether: return joined(a, 6, false, ":");
    case Printer::upper6: return joined(a, 6, true, ":");
    case Printer::fddi: return joined(a, 6, true, "-");
    case Printer::eui64: return joined(a, 8, true, ":");
    case Printer::arcnet: return fmt::format("{:02X}", a[0]);
    case Printer::dlci:
      return fmt::format("{}", static_cast<int16_t>(a[0] | (a[1] << 8)));
    case Printer::ax25: return ax25_text(a);
    case Printer::rose: return joined(a, 5, false, "");
    case Printer::x25: {
      std::string s;
      for (size_t i = 0; i < 16 && a[i] != 0; ++i) {
        s.push_back(static_cast<char>(a[i]));
      }
      return s;
    }
    case Printer::irda: {
      std::string s = signed_char_hex(a[3], true) + ":" +
                      signed_char_hex(a[2], true) + ":" +
                      signed_char_hex(a[1], true) + ":" +
                      signed_char_hex(a[0], true);
      return s.substr(0, 11);
    }
    case Printer::ash: return ash_text(a, t);
    case Printer::unspec: return joined(a, 16, true, "-");
  }
  return {};
}

bool ash_all_zero(const HwAddrBuffer& a, const HwAddrTrailer& t) {
  for (size_t i = 0; i < 64; ++i) {
    if (ash_byte(a, t, i) != 0) return false;
  }
  return true;
}

void put_le(HwAddrTrailer& t, size_t at, uint64_t v, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) t[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace

HwAddrTrailer hw_addr_trailer(bool has_stats, uint64_t rx_packets,
                              uint64_t tx_packets, uint64_t rx_bytes) {
  HwAddrTrailer t{};
  put_le(t, 0, has_stats ? 1 : 0, 4);
  put_le(t, 8, rx_packets, 8);
  put_le(t, 16, tx_packets, 8);
  put_le(t, 24, rx_bytes, 8);
  return t;
}

HwLine hw_line(uint16_t type, const HwAddrBuffer& addr,
               const HwAddrTrailer& trailer) {
  const HwType* t = &kUnspec;
  for (const HwType& candidate : kTypes) {
    if (candidate.type == type) {
      t = &candidate;
      break;
    }
  }
  HwLine line{t->name, t->title, false, {}};
  if (t->printer == Printer::none) return line;
  // Ash is the one type that hides an all-zero address (all 64 bytes).
  if (t->printer == Printer::ash && ash_all_zero(addr, trailer)) return line;
  line.has_address = true;
  line.address = address_text(t->printer, addr, trailer);
  return line;
}

bool hw_can_compress(uint16_t type) {
  return type == 257 /* ARPHRD_CSLIP */ || type == 259 /* ARPHRD_CSLIP6 */;
}

}  // namespace netstat
