// See i18n.h. gettext and printf run under the environment's locale through
// uselocale(), which glibc's gettext honours for the message category, the
// output charset (LC_CTYPE) and LANGUAGE.
#include "src/i18n.h"

#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netstat::i18n {
namespace {

// What init() read from the environment: the locale name each category
// takes (LC_ALL, else LC_<CATEGORY>, else LANG, else C), summarised.
struct EnvLocale {
  bool configured = false;    // init() ran since the last reset()
  bool messages_c = true;     // LC_MESSAGES is C/POSIX: gettext translates nothing
  bool all_c = true;          // every category is C/POSIX: the process's own C locale
  bool uniform = false;       // every category names the same locale
  std::string messages_name;  // LC_MESSAGES's name when uniform
};
EnvLocale g_env;

// The locales, loaded on first use (a run that prints nothing translatable,
// such as -V, or that runs under C, loads none). g_mutex guards the loads;
// the pointers are published with release stores.
std::mutex g_mutex;
std::atomic<bool> g_full_tried{false};
std::atomic<locale_t> g_full{nullptr};          // all categories, as setlocale(LC_ALL, "")
std::atomic<bool> g_messages_tried{false};
std::atomic<locale_t> g_messages{nullptr};      // LC_MESSAGES + LC_CTYPE for gettext
std::atomic<bool> g_active{false};
locale_t g_messages_own = nullptr;              // g_messages when not g_full
/// Bumped by init() and reset(): tr()'s per-thread answers are then stale.
std::atomic<uint64_t> g_generation{1};

bool is_c_locale(const char* name) {
  return name == nullptr || name[0] == '\0' || std::strcmp(name, "C") == 0 ||
         std::strcmp(name, "POSIX") == 0;
}

/// The categories of LC_ALL_MASK, by environment variable.
constexpr std::string_view kCategories[] = {
    "LC_CTYPE",   "LC_NUMERIC", "LC_TIME",      "LC_COLLATE",     "LC_MONETARY",
    "LC_MESSAGES", "LC_PAPER",  "LC_NAME",      "LC_ADDRESS",     "LC_TELEPHONE",
    "LC_MEASUREMENT", "LC_IDENTIFICATION"};
constexpr size_t kMessagesIndex = 5;
constexpr size_t kCategoryCount = std::size(kCategories);

/// The locale variables of the environment, read in one pass over it
/// (getenv for each of the 14 names walks the environment 36 times).
struct LocaleVars {
  const char* lc_all = nullptr;
  const char* lang = nullptr;
  const char* category[kCategoryCount] = {};

  LocaleVars() {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
      const char* entry = *e;
      if (entry[0] != 'L') continue;
      const char* eq = std::strchr(entry, '=');
      if (eq == nullptr) continue;
      std::string_view name(entry, static_cast<size_t>(eq - entry));
      const char* value = eq + 1;
      // getenv answers the first of duplicate entries.
      if (name == "LC_ALL") {
        if (lc_all == nullptr) lc_all = value;
      } else if (name == "LANG") {
        if (lang == nullptr) lang = value;
      } else {
        for (size_t i = 0; i < kCategoryCount; ++i) {
          if (name == kCategories[i] && category[i] == nullptr) category[i] = value;
        }
      }
    }
  }

  /// The name category \a i takes, as glibc's newlocale(mask, "", ...)
  /// reads it; nullptr or "" mean C.
  const char* name(size_t i) const {
    const char* n = lc_all;
    if (n == nullptr || n[0] == '\0') n = category[i];
    if (n == nullptr || n[0] == '\0') n = lang;
    return n;
  }
};

// Callers hold g_mutex.
locale_t load_full_locked() {
  if (!g_full_tried.load(std::memory_order_relaxed)) {
    // What setlocale(LC_ALL, "") would install. When the environment names
    // a locale that is not there, 2.10's setlocale fails and it stays in
    // "C", untranslated: newlocale fails alike.
    g_full.store(newlocale(LC_ALL_MASK, "", nullptr), std::memory_order_release);
    g_full_tried.store(true, std::memory_order_release);
  }
  return g_full.load(std::memory_order_relaxed);
}

/// The environment's whole locale, or nullptr for C (nothing to switch to).
locale_t full_locale() {
  if (g_env.all_c) return nullptr;
  if (g_full_tried.load(std::memory_order_acquire)) {
    return g_full.load(std::memory_order_acquire);
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  return load_full_locked();
}

/// The locale gettext runs under, or nullptr when nothing translates.
/// Where every category names the same locale, only LC_MESSAGES and
/// LC_CTYPE (the catalog's language and the output charset) are loaded:
/// less than half the work of all twelve, most of it locale.alias and the
/// LC_CTYPE tables. Elsewhere the whole locale, so a category naming a
/// missing locale fails it as setlocale(LC_ALL, "") fails in 2.10.
locale_t messages_locale() {
  if (g_env.messages_c) return nullptr;
  if (g_messages_tried.load(std::memory_order_acquire)) {
    return g_messages.load(std::memory_order_acquire);
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_messages_tried.load(std::memory_order_relaxed)) {
    locale_t l;
    if (g_env.uniform) {
      l = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, g_env.messages_name.c_str(),
                    nullptr);
      g_messages_own = l;
    } else {
      l = load_full_locked();
    }
    // gettext ignores LANGUAGE and returns the msgid when the message
    // category is C or POSIX: then there is nothing to look up.
    if (l != nullptr && !is_c_locale(nl_langinfo_l(_NL_LOCALE_NAME(LC_MESSAGES), l))) {
      bindtextdomain(kDomain, kLocaleDir);
      g_active.store(true, std::memory_order_release);
    }
    g_messages.store(l, std::memory_order_release);
    g_messages_tried.store(true, std::memory_order_release);
  }
  return g_messages.load(std::memory_order_relaxed);
}

/// uselocale(\a l) for a scope; nothing for nullptr.
class UseLocale {
 public:
  explicit UseLocale(locale_t l) : m_old(l != nullptr ? uselocale(l) : nullptr) {}
  ~UseLocale() {
    if (m_old != nullptr) uselocale(m_old);
  }
  UseLocale(const UseLocale&) = delete;
  UseLocale& operator=(const UseLocale&) = delete;

 private:
  locale_t m_old;
};

/// The locale a printf of \a format needs: the environment's when its
/// output can depend on it, else nullptr (the C library's C locale gives the
/// same bytes, and nothing has to be loaded).
locale_t locale_for_format(const char* format) {
  if (g_env.all_c || !format_uses_locale(format)) return nullptr;
  return full_locale();
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

ScopedLocale::ScopedLocale() {
  locale_t l = full_locale();
  m_old = l != nullptr ? uselocale(l) : nullptr;
}

ScopedLocale::~ScopedLocale() {
  if (m_old != nullptr) uselocale(m_old);
}

void init() {
  reset();
  // Only the environment is read here; the locale itself is loaded by the
  // first call that needs it (see messages_locale, full_locale).
  EnvLocale e;
  e.configured = true;
  const LocaleVars vars;
  const char* messages = vars.name(kMessagesIndex);
  e.messages_c = is_c_locale(messages);
  e.uniform = true;
  for (size_t i = 0; i < kCategoryCount; ++i) {
    const char* n = vars.name(i);
    if (!is_c_locale(n)) e.all_c = false;
    bool same = is_c_locale(n) ? is_c_locale(messages)
                               : !is_c_locale(messages) && std::strcmp(n, messages) == 0;
    if (!same) e.uniform = false;
  }
  if (!e.messages_c) e.messages_name = messages;
  g_env = std::move(e);
}

void reset() {
  std::lock_guard<std::mutex> lock(g_mutex);
  locale_t full = g_full.exchange(nullptr);
  if (full != nullptr) freelocale(full);
  if (g_messages_own != nullptr) freelocale(g_messages_own);
  g_messages_own = nullptr;
  g_messages.store(nullptr);
  g_full_tried.store(false);
  g_messages_tried.store(false);
  g_active.store(false);
  g_env = EnvLocale{};
  g_generation.fetch_add(1, std::memory_order_release);
}

bool active() {
  return messages_locale() != nullptr && g_active.load(std::memory_order_acquire);
}

bool may_translate() { return !g_env.messages_c; }

bool locale_loaded() {
  return g_full.load() != nullptr || g_messages.load() != nullptr;
}

const char* tr(const char* msgid) {
  if (g_env.messages_c || msgid[0] == '\0') return msgid;
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
  const char* t = msgid;
  if (active()) {
    UseLocale in_locale(messages_locale());
    t = dgettext(kDomain, msgid);
  }
  answers.emplace(msgid, t);
  return t;
}

void printf_to(fmt::memory_buffer& b, const char* msgid, ...) {
  const char* format = checked_format(msgid);
  UseLocale in_locale(locale_for_format(format));
  va_list ap;
  va_start(ap, msgid);
  vappend(b, format, ap);
  va_end(ap);
}

int snprintf_to(char* buf, size_t size, const char* msgid, ...) {
  const char* format = checked_format(msgid);
  UseLocale in_locale(locale_for_format(format));
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
    UseLocale in_locale(locale_for_format(format));
    va_list ap;
    va_start(ap, msgid);
    vappend(b, format, ap);
    va_end(ap);
  }
  return std::string(b.data(), b.size());
}

std::string strerror_text(int err) {
  // strerror_l reads the message category and the charset only.
  locale_t l = messages_locale();
  if (l != nullptr) return strerror_l(err, l);
  return std::strerror(err);
}

std::string error_text(const Error& e) {
  return strerror_text(error_errno(e));
}

bool format_uses_locale(const char* format) {
  for (const char* p = format; (p = std::strchr(p, '%')) != nullptr;) {
    ++p;
    bool wide = false;
    for (;; ++p) {
      char c = *p;
      if (c == '\0') return false;
      if (c == '\'' || c == 'I') return true;  // grouping, locale digits
      if (std::strchr("fFeEgGaA", c) != nullptr) return true;  // decimal point
      if (c == 'm' || c == 'C' || c == 'S') return true;       // strerror, wide
      if (c == 'l') {
        wide = true;
        continue;
      }
      if (std::strchr("hqLjzZt", c) != nullptr) continue;  // other lengths
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%') {
        if (wide && (c == 'c' || c == 's')) return true;   // %lc, %ls
        ++p;
        break;
      }
      // flags, digits, '.', '*', '$'
    }
  }
  return false;
}

bool same_conversions(const char* msgid, const char* translated) {
  std::vector<Arg> a, b;
  return parse_format(msgid, a) && parse_format(translated, b) && a == b;
}

}  // namespace netstat::i18n
