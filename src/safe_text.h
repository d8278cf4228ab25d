// Terminal-safe rendering of untrusted strings (--safe-strings).
//
// A bundle or a directory tree comes from someone else's machine: process
// names, UNIX socket paths, interface names, host, user and service names in
// it can hold escape sequences that rewrite an analyst's terminal, or bytes
// that are not text at all. net-tools 2.10 prints them raw, so the default
// output does too (byte-identical); with --safe-strings every such string
// goes through safe_text() first. See docs/hostile-input.md.
//
// Escaped, each byte as "\xNN" (lowercase hex):
//   - C0 controls 0x00-0x1f and DEL 0x7f (ESC, CR, BEL, backspace, ...);
//   - C1 controls U+0080-U+009F (UTF-8 C2 80 .. C2 9F; some terminals act on
//     them as CSI, OSC, ...);
//   - every byte that is not part of a well-formed UTF-8 sequence (stray
//     continuation bytes, truncated sequences, overlong forms, surrogates,
//     code points above U+10FFFF, bytes F5-FF);
//   - the backslash itself, so that the escaped text is unambiguous (a name
//     that literally reads "\x1b" comes out as "\x5cx1b").
// Everything else, including all other valid UTF-8, is kept as is.
#pragma once

#include <string>
#include <string_view>

namespace netstat {

/// True when safe_text(\a s) would differ from \a s.
bool needs_escaping(std::string_view s);

/// Appends \a s to \a out, escaped as described above.
void append_safe_text(std::string& out, std::string_view s);

/// \a s, escaped as described above.
std::string safe_text(std::string_view s);

/// The hot-path form for renderers: \a s itself when \a enabled is false or
/// nothing needs escaping (no allocation), otherwise the escaped text, held
/// in \a scratch (overwritten) and valid until \a scratch changes.
std::string_view safe_view(std::string_view s, bool enabled,
                           std::string& scratch);

}  // namespace netstat
