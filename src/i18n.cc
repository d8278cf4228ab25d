// See i18n.h. gettext and printf run under the environment's locale through
// uselocale(), which glibc's gettext honours for the message category, the
// output charset (LC_CTYPE) and LANGUAGE.
#include "src/i18n.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace netstat::i18n {
namespace {

locale_t g_locale = nullptr;
bool g_active = false;
/// Bumped by init() and reset(): tr()'s per-thread answers are then stale.
std::atomic<uint64_t> g_generation{1};

bool is_c_locale(const char* name) {
  return name == nullptr || std::strcmp(name, "C") == 0 ||
         std::strcmp(name, "POSIX") == 0;
}

// One argument's type as printf reads it from the va_list.
enum class Arg : char {
  none = 0, int_, long_, llong, intmax, size, ptrdiff, dbl, ldbl, str, wstr,
  ptr, wint
};

/// The argument types \a f consumes, by position; false for conversions we
/// do not accept in a catalog (%n, unknown ones, mixed positional forms).
bool parse_format(const char* f, std::vector<Arg>& args) {
  args.clear();
  size_t next = 0;       // next sequential argument
  int positional = -1;   // -1 unknown, 0 sequential, 1 positional
  auto take = [&](size_t pos, Arg a) {
    if (args.size() <= pos) args.resize(pos + 1, Arg::none);
    if (args[pos] != Arg::none && args[pos] != a) return false;
    args[pos] = a;
    return true;
  };
  auto number = [](const char*& p) {
    size_t n = 0;
    while (*p >= '0' && *p <= '9') {
      n = n * 10 + static_cast<size_t>(*p - '0');
      if (n > 64) return size_t{0};
      ++p;
    }
    return n;
  };
  // "*" or "*m$" in a width or precision.
  auto star = [&](const char*& p) {
    ++p;
    const char* q = p;
    size_t m = number(q);
    if (m > 0 && *q == '$') {
      if (positional == 0) return false;
      positional = 1;
      p = q + 1;
      return take(m - 1, Arg::int_);
    }
    if (positional == 1) return false;
    positional = 0;
    return take(next++, Arg::int_);
  };
  for (const char* p = f; *p != '\0'; ++p) {
    if (*p != '%') continue;
    ++p;
    if (*p == '%') continue;
    size_t pos = 0;
    bool has_pos = false;
    {
      const char* q = p;
      size_t m = number(q);
      if (m > 0 && *q == '$') {
        pos = m - 1;
        has_pos = true;
        p = q + 1;
      }
    }
    if (has_pos) {
      if (positional == 0) return false;
      positional = 1;
    }
    while (std::strchr("-+ #0'I", *p) != nullptr && *p != '\0') ++p;
    if (*p == '*') {
      if (!star(p)) return false;
    } else {
      number(p);
    }
    if (*p == '.') {
      ++p;
      if (*p == '*') {
        if (!star(p)) return false;
      } else {
        number(p);
      }
    }
    int len = 0;  // 0 none, 1 l, 2 ll/q/L, 3 j, 4 z, 5 t, -1 h/hh
    for (;;) {
      if (*p == 'h') { len = -1; ++p; }
      else if (*p == 'l') { len = len == 1 ? 2 : 1; ++p; }
      else if (*p == 'q' || *p == 'L') { len = 2; ++p; }
      else if (*p == 'j') { len = 3; ++p; }
      else if (*p == 'z' || *p == 'Z') { len = 4; ++p; }
      else if (*p == 't') { len = 5; ++p; }
      else break;
    }
    Arg a;
    switch (*p) {
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
        a = len == 1 ? Arg::long_ : len == 2 ? Arg::llong : len == 3 ? Arg::intmax
            : len == 4 ? Arg::size : len == 5 ? Arg::ptrdiff : Arg::int_;
        break;
      case 'c': a = len == 1 ? Arg::wint : Arg::int_; break;
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        a = len == 2 ? Arg::ldbl : Arg::dbl;
        break;
      case 's': a = len == 1 ? Arg::wstr : Arg::str; break;
      case 'p': a = Arg::ptr; break;
      case 'm': continue;  // glibc: strerror(errno), no argument
      default: return false;  // %n, %C, %S and anything unknown
    }
    if (!has_pos) {
      if (positional == 1) return false;
      positional = 0;
      pos = next++;
    }
    if (!take(pos, a)) return false;
  }
  for (Arg a : args) {
    if (a == Arg::none) return false;  // a gap in positional arguments
  }
  return true;
}

const char* checked_format(const char* msgid) {
  const char* t = tr(msgid);
  if (t == msgid || same_conversions(msgid, t)) return t;
  return msgid;
}

void vappend(fmt::memory_buffer& b, const char* format, va_list ap) {
  char small[256];
  va_list copy;
  va_copy(copy, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  int n = std::vsnprintf(small, sizeof small, format, copy);
  va_end(copy);
  if (n <= 0) return;
  size_t len = static_cast<size_t>(n);
  if (len < sizeof small) {
    b.append(small, small + len);
    return;
  }
  size_t at = b.size();
  b.resize(at + len + 1);
  std::vsnprintf(b.data() + at, len + 1, format, ap);
#pragma GCC diagnostic pop
  b.resize(at + len);
}

}  // namespace

ScopedLocale::ScopedLocale()
    : m_old(g_locale != nullptr ? uselocale(g_locale) : nullptr) {}

ScopedLocale::~ScopedLocale() {
  if (m_old != nullptr) uselocale(m_old);
}

void init() {
  reset();
  // What setlocale(LC_ALL, "") would install. When the environment names a
  // locale that is not there, 2.10's setlocale fails and it stays in "C",
  // untranslated: newlocale fails alike.
  locale_t l = newlocale(LC_ALL_MASK, "", nullptr);
  if (l == nullptr) return;
  g_locale = l;
  // gettext ignores LANGUAGE and returns the msgid when the message
  // category is C or POSIX: then there is nothing to look up.
  g_active = !is_c_locale(nl_langinfo_l(_NL_LOCALE_NAME(LC_MESSAGES), l));
  if (g_active) bindtextdomain(kDomain, kLocaleDir);
}

void reset() {
  if (g_locale != nullptr) freelocale(g_locale);
  g_locale = nullptr;
  g_active = false;
  g_generation.fetch_add(1, std::memory_order_release);
}

bool active() { return g_active; }

const char* tr(const char* msgid) {
  if (!g_active || msgid[0] == '\0') return msgid;
  // 2.10 asks gettext per row (a socket's state and type, -x flags); each
  // dgettext walks the environment, builds the catalog path list and takes
  // locks (~2,500 instructions: 20k UNIX sockets spent 40% of -xa there).
  // Its answer for a msgid cannot change until init()/reset(), and the
  // msgids are string literals, so answers are kept per thread by address.
  thread_local uint64_t generation = 0;
  thread_local std::unordered_map<const char*, const char*> answers;
  uint64_t now = g_generation.load(std::memory_order_acquire);
  if (generation != now) {
    answers.clear();
    generation = now;
  }
  auto it = answers.find(msgid);
  if (it != answers.end()) return it->second;
  const char* t;
  {
    ScopedLocale in_locale;
    t = dgettext(kDomain, msgid);
  }
  answers.emplace(msgid, t);
  return t;
}

void printf_to(fmt::memory_buffer& b, const char* msgid, ...) {
  const char* format = checked_format(msgid);
  ScopedLocale in_locale;
  va_list ap;
  va_start(ap, msgid);
  vappend(b, format, ap);
  va_end(ap);
}

int snprintf_to(char* buf, size_t size, const char* msgid, ...) {
  const char* format = checked_format(msgid);
  ScopedLocale in_locale;
  va_list ap;
  va_start(ap, msgid);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  int n = std::vsnprintf(buf, size, format, ap);
#pragma GCC diagnostic pop
  va_end(ap);
  return n;
}

std::string sprintf(const char* msgid, ...) {
  const char* format = checked_format(msgid);
  fmt::memory_buffer b;
  {
    ScopedLocale in_locale;
    va_list ap;
    va_start(ap, msgid);
    vappend(b, format, ap);
    va_end(ap);
  }
  return std::string(b.data(), b.size());
}

std::string strerror_text(int err) {
  if (g_locale != nullptr) return strerror_l(err, g_locale);
  return std::strerror(err);
}

std::string error_text(const Error& e) {
  return strerror_text(error_errno(e));
}

bool same_conversions(const char* msgid, const char* translated) {
  std::vector<Arg> a, b;
  return parse_format(msgid, a) && parse_format(translated, b) && a == b;
}

}  // namespace netstat::i18n
