// Errc <-> text for the recorded failures in bundles (process table,
// manifest "unreadable" list).
#include "replay/errc_names.h"

#include <array>
#include <charconv>
#include <utility>

namespace netstat {
namespace {

constexpr std::array<std::pair<Errc, std::string_view>, 9> kNames{{
    {Errc::not_found, "not_found"},
    {Errc::permission_denied, "permission_denied"},
    {Errc::not_captured, "not_captured"},
    {Errc::not_a_directory, "not_a_directory"},
    {Errc::is_a_directory, "is_a_directory"},
    {Errc::not_a_link, "not_a_link"},
    {Errc::too_large, "too_large"},
    {Errc::invalid, "invalid"},
    {Errc::io_error, "io_error"},
}};

}  // namespace

std::string_view errc_name(Errc code) {
  for (const auto& [c, n] : kNames) {
    if (c == code) return n;
  }
  return "io_error";
}

std::optional<Errc> errc_from_name(std::string_view name) {
  for (const auto& [c, n] : kNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

std::string error_state_text(const Error& e) {
  std::string s(errc_name(e.code));
  if (e.sys_errno != 0) {
    s.push_back(':');
    s += std::to_string(e.sys_errno);
  }
  return s;
}

std::optional<Error> parse_error_state(std::string_view text) {
  size_t colon = text.find(':');
  std::optional<Errc> code = errc_from_name(text.substr(0, colon));
  if (!code) return std::nullopt;
  Error e{*code, 0, {}};
  if (colon != std::string_view::npos) {
    std::string_view num = text.substr(colon + 1);
    int v = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
    if (ec != std::errc() || p != num.data() + num.size() || v < 0) {
      return std::nullopt;
    }
    e.sys_errno = v;
  }
  return e;
}

}  // namespace netstat
