// Text names for Errc values, as bundles record them ("permission_denied",
// optionally with the errno: "permission_denied:13"), so a recorded failure
// replays as the same Error.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "replay/result.h"

namespace netstat {

/// "not_found", "permission_denied", ... (the enumerator's name).
std::string_view errc_name(Errc code);
/// The inverse of errc_name; nullopt for an unknown name.
std::optional<Errc> errc_from_name(std::string_view name);

/// "permission_denied:13", or "permission_denied" when sys_errno is 0.
std::string error_state_text(const Error& e);
/// Parses error_state_text's form back into an Error (message empty);
/// nullopt when \a text is malformed.
std::optional<Error> parse_error_state(std::string_view text);

}  // namespace netstat
