// NSS answers recorded at capture time (netstat/names.json): the user name
// getpwuid gave for every uid seen in the socket files, and optionally
// reverse host answers. On replay they are asked first; anything not
// recorded falls through to the bundle's own etc/ files.
//
//   {"users": [{"uid": 0, "name": "root"}, {"uid": 1234, "name": null}],
//    "hosts4": [{"addr": "10.0.0.1", "name": "gw.example"}],
//    "hosts6": [{"addr": "fe80::1", "name": null}]}
//
// A null name records that the lookup failed (replays as "not found", not as
// a fall-through).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "replay/name_service.h"
#include "replay/result.h"

namespace netstat {

inline constexpr std::string_view kNamesPath = "netstat/names.json";

struct RecordedNames {
  std::map<uint32_t, std::optional<std::string>> users;
  /// IPv4 address in network byte order -> gethostbyaddr answer.
  std::map<uint32_t, std::optional<std::string>> hosts4;
  /// IPv6 address bytes -> getnameinfo name answer.
  std::map<std::array<uint8_t, 16>, std::optional<std::string>> hosts6;

  bool empty() const { return users.empty() && hosts4.empty() && hosts6.empty(); }
};

/// JSON text in the documented layout, keys and rows sorted.
std::string recorded_names_to_json(const RecordedNames& names);
Result<RecordedNames> parse_recorded_names(std::string_view json);

/// A NameService that answers from \a names first and asks \a fallback for
/// everything not recorded (services and protocols always come from it).
std::unique_ptr<NameService> make_recorded_name_service(
    RecordedNames names, std::unique_ptr<NameService> fallback);

}  // namespace netstat
