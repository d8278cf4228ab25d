// Parsers for the /etc name databases netstat consults: hosts(5),
// networks(5), services(5), protocols(5) and passwd(5), with the line rules
// of glibc's "files" NSS backend (glibc 2.36, Debian 12): leading blanks are
// skipped, empty lines and lines starting with '#' are ignored, hosts,
// networks, services and protocols also drop everything after a '#', and a
// line that does not parse is skipped as if absent.
//
// Entries come back in file order; the views point into the text passed in,
// which must outlive them. Lookups ("first matching line wins", as glibc's
// gethostbyaddr/getpwuid/getnetbyaddr do) are the caller's business.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// One hosts(5) line as the two reverse lookups see it.
struct HostsEntry {
  std::string_view name;  ///< canonical (first) name; empty if the line has none
  /// The address an AF_INET lookup compares with (network byte order): an
  /// IPv4 address, or an IPv6 line converted the way glibc does it (v4-mapped
  /// -> its IPv4 part, ::1 -> 127.0.0.1).
  std::optional<uint32_t> v4;
  /// The address an AF_INET6 lookup compares with (IPv6 text lines only).
  std::optional<std::array<uint8_t, 16>> v6;
};

/// One networks(5) line.
struct NetworkEntry {
  std::string_view name;
  /// inet_network() of the number padded to four parts ("127" = 127.0.0.0),
  /// host byte order; 0xFFFFFFFF (INADDR_NONE) when the number is malformed.
  uint32_t net = 0;
};

/// One services(5) line.
struct ServiceLine {
  std::string_view name;
  uint16_t port = 0;  ///< host byte order (strtoul base 0, cut to 16 bits)
  std::string_view proto;
};

/// One protocols(5) line.
struct ProtocolLine {
  std::string_view name;
  int number = 0;
};

/// One passwd(5) line (only what netstat uses). NIS "+"/"-" lines are
/// dropped, as getpwuid() from the files backend never returns them.
struct PasswdLine {
  std::string_view name;
  uint32_t uid = 0;
};

std::vector<HostsEntry> parse_hosts(std::string_view text);
std::vector<NetworkEntry> parse_networks(std::string_view text);
std::vector<ServiceLine> parse_services(std::string_view text);
std::vector<ProtocolLine> parse_protocols(std::string_view text);
std::vector<PasswdLine> parse_passwd(std::string_view text);

/// Whether nsswitch.conf(5) text lets database \a db ("hosts", "passwd", ...)
/// use the "files" service. A database without a line uses files (glibc's
/// fallback); a line without "files" does not.
bool nsswitch_uses_files(std::string_view nsswitch_text, std::string_view db);

/// Where the "files" service stands in database \a db's nsswitch.conf(5)
/// line, as far as a reverse lookup is concerned (glibc 2.36 rules: services
/// in line order; after each, SUCCESS returns and every other status goes on
/// unless a "[STATUS=action]" list says otherwise).
enum class FilesOrder : uint8_t {
  /// Not modelled: no line for \a db (glibc's built-in default applies), a
  /// repeated line, a "merge" action, a non-default SUCCESS action for files,
  /// or text that does not parse. Ask libc.
  unknown,
  /// "files" is consulted first and is the last word: nothing follows it, or
  /// its NOTFOUND action is "return".
  files_only,
  /// "files" is consulted first; a name it does not know goes on to the
  /// services after it.
  files_first,
  /// Another service is consulted before "files", or "files" is not listed.
  not_first,
};
FilesOrder nsswitch_files_order(std::string_view nsswitch_text, std::string_view db);

// --- Address text helpers (glibc semantics, no libc calls) ---

/// inet_pton(AF_INET): strict dotted quad, no leading zeros. Network order.
std::optional<uint32_t> parse_ipv4_strict(std::string_view text);
/// inet_pton(AF_INET6), including an embedded dotted quad at the end.
std::optional<std::array<uint8_t, 16>> parse_ipv6(std::string_view text);
/// inet_network(): up to four parts, each decimal, 0-octal or 0x-hex, <= 255.
/// Host byte order; nullopt where glibc returns INADDR_NONE.
std::optional<uint32_t> parse_inet_network(std::string_view text);
/// inet_aton()/inet_addr() forms ("10", "10.1", "0x0a.1.2.3", ...). Network
/// order; nullopt where inet_addr() returns INADDR_NONE.
std::optional<uint32_t> parse_inet_aton(std::string_view text);

}  // namespace netstat::formats
