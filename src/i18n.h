// Translated output as net-tools 2.10 produces it: 2.10 calls
// setlocale(LC_ALL, ""), binds its text domain "net-tools" to
// /usr/share/locale and wraps its messages in gettext. We bind the same
// domain to the same directory and look up 2.10's exact msgids, so the
// catalogs installed on the machine running us (Debian's net-tools package)
// give byte-identical text under any locale, and English where they are
// absent. No catalog is copied into this project.
//
// The environment's locale is held in a locale_t and used only around the
// lookups and the printf calls below (uselocale), never installed as the
// process locale: our own parsers, JSON and fmt stay in the C locale.
// It is loaded on first use, not at start-up (loading a locale such as
// C.UTF-8 costs ~155k instructions, a third of a whole `netstat -V`): never
// when the environment selects C/POSIX, only LC_MESSAGES + LC_CTYPE for
// gettext where every category names one locale, and all categories only
// for a printf whose output depends on them (a %f's decimal point).
// --json output and our own subcommands do not translate.
#pragma once

#include <locale.h>

#include <cstdarg>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "replay/result.h"

namespace netstat::i18n {

/// The text domain and directory 2.10 binds.
inline constexpr const char* kDomain = "net-tools";
inline constexpr const char* kLocaleDir = "/usr/share/locale";

/// Takes the locale from the environment (LC_ALL, LC_*, LANG; LANGUAGE as
/// gettext reads it); the locale is loaded and the domain bound when first
/// needed. Called once by main() before any thread starts; tests may call
/// it again after changing the environment. Without it nothing is
/// translated.
void init();
/// Back to untranslated output (tests).
void reset();
/// True when lookups can translate (a locale other than C/POSIX for
/// messages was set up by init()). Loads the message locale.
bool active();
/// False when the environment's message category is C/POSIX, so nothing
/// can be translated (cheap: loads nothing).
bool may_translate();
/// Whether any locale has been loaded since init() (tests: start-up
/// work that could be skipped).
bool locale_loaded();

/// 2.10's _(msgid): the translation in the environment's locale and
/// charset, or \a msgid itself.
const char* tr(const char* msgid);
inline std::string_view trv(const char* msgid) { return tr(msgid); }

/// printf(_(msgid), ...) into \a b: the translated format (kept only when
/// its conversions take the same arguments as \a msgid's, else \a msgid),
/// formatted by the C library under the environment's locale (so %f uses
/// its decimal point, as in 2.10). Width and precision count bytes.
void printf_to(fmt::memory_buffer& b, const char* msgid, ...)
    __attribute__((format(printf, 2, 3)));
/// snprintf(buf, size, _(msgid), ...): the same, into a C buffer (2.10's
/// fixed-size buffers cut the text); returns snprintf's count.
int snprintf_to(char* buf, size_t size, const char* msgid, ...)
    __attribute__((format(printf, 3, 4)));
/// The same, returned as a string.
std::string sprintf(const char* msgid, ...)
    __attribute__((format(printf, 1, 2)));

/// Runs the enclosed code under the environment's locale (what 2.10's
/// setlocale gives library calls that translate on their own, such as
/// getopt's diagnostics).
class ScopedLocale {
 public:
  ScopedLocale();
  ~ScopedLocale();
  ScopedLocale(const ScopedLocale&) = delete;
  ScopedLocale& operator=(const ScopedLocale&) = delete;

 private:
  locale_t m_old;
};

/// strerror(\a err) in the environment's locale (2.10's perror texts come
/// from libc's own catalog).
std::string strerror_text(int err);

/// error_text(\a e) in the environment's locale: what 2.10's perror prints
/// after the colon.
std::string error_text(const Error& e);

/// Whether printf's output for \a format can depend on the locale:
/// floating conversions (LC_NUMERIC's decimal point), the ' and I flags,
/// %lc/%ls/%C/%S (LC_CTYPE) and %m (LC_MESSAGES).
bool format_uses_locale(const char* format);

/// Whether \a translated takes the same printf arguments as \a msgid (same
/// argument count, each of the same type; positional %n$ allowed).
bool same_conversions(const char* msgid, const char* translated);

}  // namespace netstat::i18n
