// Translation layer (src/i18n.h): the printf-argument check that guards
// translated formats, the fallbacks (no init, C locale, a locale that is not
// installed), byte-counted padding of translated columns, and --json staying
// untranslated. Expected translations are never written here: they come
// from the catalogs installed on the machine (the oracle test compares whole
// outputs with /usr/bin/netstat); cases that need net-tools' Japanese
// catalog skip with a message when it is absent.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <string>
#include <unistd.h>

#include "replay/memory_root.h"
#include "src/app.h"
#include "src/i18n.h"

namespace netstat {
namespace {

constexpr const char* kJaCatalog = "/usr/share/locale/ja/LC_MESSAGES/net-tools.mo";

/// Sets the locale variables for one test and restores C afterwards.
class LocaleEnv {
 public:
  LocaleEnv(const char* language, const char* lc_all) {
    set("LANGUAGE", language);
    set("LC_ALL", lc_all);
    i18n::init();
  }
  ~LocaleEnv() {
    set("LANGUAGE", nullptr);
    set("LC_ALL", "C");
    i18n::reset();
  }
  LocaleEnv(const LocaleEnv&) = delete;
  LocaleEnv& operator=(const LocaleEnv&) = delete;

 private:
  static void set(const char* name, const char* value) {
    if (value == nullptr) {
      ::unsetenv(name);
    } else {
      ::setenv(name, value, 1);
    }
  }
};

bool has_non_ascii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

struct RunResult {
  std::string out, err;
  int rc;
};

RunResult run_on(const MemoryRoot& root, std::vector<std::string> args) {
  args.insert(args.begin(), "netstat");
  Output out, err;
  int rc = run(args, out, err, &root);
  return {out.str(), err.str(), rc};
}

void add_tcp(MemoryRoot& root, const char* state = "0A") {
  root.add_file("/proc/net/tcp",
                std::string("  sl  local_address rem_address   st tx_queue rx_queue tr "
                            "tm->when retrnsmt   uid  timeout inode\n"
                            "   0: 0100007F:0016 00000000:0000 ") +
                    state +
                    " 00000000:00000000 "
                    "00:00000000 00000000     0        0 4242 1 0000000000000000 "
                    "100 0 0 10 0\n");
}

TEST(I18nFormats, SameConversionsAcceptsEqualAndReorderedArguments) {
  EXPECT_TRUE(i18n::same_conversions("%s: %d\n", "%s : %d\n"));
  EXPECT_TRUE(i18n::same_conversions("%s: %d\n", "%2$d <- %1$s\n"));
  EXPECT_TRUE(i18n::same_conversions("on (%2.2f/%ld/%d)", "an (%2.2f/%ld/%d)"));
  EXPECT_TRUE(i18n::same_conversions("%-9.9s x", "%-12s y"));
  EXPECT_TRUE(i18n::same_conversions("100%% %s", "%s 100%%"));
  EXPECT_TRUE(i18n::same_conversions("plain", "einfach"));
}

TEST(I18nFormats, SameConversionsRejectsWhatWouldReadWrongArguments) {
  EXPECT_FALSE(i18n::same_conversions("%s: %d\n", "%d: %s\n"));
  EXPECT_FALSE(i18n::same_conversions("%s", "%s %s"));
  EXPECT_FALSE(i18n::same_conversions("%s %s", "%s"));
  EXPECT_FALSE(i18n::same_conversions("%ld", "%d"));
  EXPECT_FALSE(i18n::same_conversions("%f", "%Lf"));
  EXPECT_FALSE(i18n::same_conversions("%d", "%n"));
  EXPECT_FALSE(i18n::same_conversions("%s %d", "%2$d"));        // gap at 1
  EXPECT_FALSE(i18n::same_conversions("%s %d", "%1$s %d"));     // mixed forms
  EXPECT_FALSE(i18n::same_conversions("%d", "%*d"));            // extra width arg
  EXPECT_FALSE(i18n::same_conversions("%s", "%1$s %1$d"));      // one arg, two types
}

TEST(I18nFallback, WithoutInitNothingIsTranslated) {
  i18n::reset();
  const char* id = "Kernel IP routing table\n";
  EXPECT_EQ(id, i18n::tr(id));
  EXPECT_FALSE(i18n::active());
  EXPECT_STREQ("", i18n::tr(""));  // never the catalog header
  fmt::memory_buffer b;
  i18n::printf_to(b, "on (%2.2f/%ld/%d)", 1.5, 2L, 3);
  EXPECT_EQ("on (1.50/2/3)", std::string(b.data(), b.size()));
}

TEST(I18nFallback, CLocaleIgnoresLanguageAsGettextDoes) {
  LocaleEnv env("ja", "C");
  EXPECT_FALSE(i18n::active());
  const char* id = "LISTEN";
  EXPECT_EQ(id, i18n::tr(id));
}

TEST(I18nFallback, UninstalledLocaleStaysEnglish) {
  // 2.10's setlocale(LC_ALL, "") fails for a locale that is not installed
  // and it stays in C.
  LocaleEnv env("ja", "xx_NOWHERE.UTF-8");
  EXPECT_FALSE(i18n::active());
  EXPECT_STREQ("LISTEN", i18n::tr("LISTEN"));
}

TEST(I18nFallback, LanguageWithoutCatalogStaysEnglish) {
  LocaleEnv env("xx", "C.UTF-8");
  EXPECT_TRUE(i18n::active());
  EXPECT_STREQ("Kernel IP routing table\n", i18n::tr("Kernel IP routing table\n"));
}

/// Sets any locale variables for one test (LC_ALL, LANG and LANGUAGE
/// unset unless given) and restores LC_ALL=C afterwards.
class EnvVars {
 public:
  explicit EnvVars(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (const char* n : kNames) ::unsetenv(n);
    for (const auto& [name, value] : vars) ::setenv(name, value, 1);
    i18n::init();
  }
  ~EnvVars() {
    for (const char* n : kNames) ::unsetenv(n);
    ::setenv("LC_ALL", "C", 1);
    i18n::reset();
  }
  EnvVars(const EnvVars&) = delete;
  EnvVars& operator=(const EnvVars&) = delete;

 private:
  static constexpr const char* kNames[] = {"LC_ALL", "LANG", "LANGUAGE", "LC_MESSAGES",
                                           "LC_NUMERIC", "LC_CTYPE"};
};

TEST(I18nFormats, FormatUsesLocaleOnlyWhereOutputCanDiffer) {
  EXPECT_FALSE(i18n::format_uses_locale("plain"));
  EXPECT_FALSE(i18n::format_uses_locale("%s: %d %lu %llu %-12s %5.5s %x %%\n"));
  EXPECT_FALSE(i18n::format_uses_locale("%2$d <- %1$s %*d %c"));
  EXPECT_TRUE(i18n::format_uses_locale("on (%2.2f/%ld/%d)"));
  EXPECT_TRUE(i18n::format_uses_locale("%s %e"));
  EXPECT_TRUE(i18n::format_uses_locale("%1$Lg"));
  EXPECT_TRUE(i18n::format_uses_locale("%'d"));
  EXPECT_TRUE(i18n::format_uses_locale("%Id"));
  EXPECT_TRUE(i18n::format_uses_locale("%ls"));
  EXPECT_TRUE(i18n::format_uses_locale("%lc"));
  EXPECT_TRUE(i18n::format_uses_locale("%m"));
  EXPECT_FALSE(i18n::format_uses_locale("100%% %ld%%"));
}

TEST(I18nLazy, CLocaleLoadsNothing) {
  EnvVars env({{"LC_ALL", "C"}, {"LANGUAGE", "ja"}});
  EXPECT_FALSE(i18n::may_translate());
  EXPECT_STREQ("LISTEN", i18n::tr("LISTEN"));
  EXPECT_FALSE(i18n::active());
  fmt::memory_buffer b;
  i18n::printf_to(b, "on (%2.2f/%ld/%d)", 1.5, 2L, 3);
  EXPECT_EQ("on (1.50/2/3)", std::string(b.data(), b.size()));
  EXPECT_FALSE(i18n::strerror_text(ENOENT).empty());
  EXPECT_FALSE(i18n::locale_loaded());
}

TEST(I18nLazy, NoVariablesAtAllIsC) {
  EnvVars env({});
  EXPECT_FALSE(i18n::may_translate());
  EXPECT_FALSE(i18n::active());
  EXPECT_FALSE(i18n::locale_loaded());
}

TEST(I18nLazy, LocaleLoadedOnlyWhenSomethingIsLookedUp) {
  EnvVars env({{"LANG", "C.UTF-8"}});
  EXPECT_TRUE(i18n::may_translate());
  EXPECT_FALSE(i18n::locale_loaded());
  // -V prints 2.10's fixed text: nothing to translate, nothing loaded.
  MemoryRoot root;
  RunResult v = run_on(root, {"-V"});
  EXPECT_EQ(0, v.rc);
  EXPECT_FALSE(i18n::locale_loaded());
  EXPECT_STREQ("LISTEN", i18n::tr("LISTEN"));  // no C.UTF-8 catalog
  EXPECT_TRUE(i18n::locale_loaded());
  EXPECT_TRUE(i18n::active());
}

TEST(I18nLazy, OptionErrorsStillLoadTheLocaleForGetopt) {
  EnvVars env({{"LANG", "C.UTF-8"}});
  MemoryRoot root;
  RunResult r = run_on(root, {"-Y"});
  EXPECT_NE(0, r.rc);
  EXPECT_NE(std::string::npos, r.err.find("invalid option")) << r.err;
  EXPECT_TRUE(i18n::locale_loaded());
}

TEST(I18nLazy, AnotherCategoryNamingAMissingLocaleFailsItAll) {
  // 2.10's setlocale(LC_ALL, "") fails when any category's locale is
  // missing, so nothing is translated even though LC_MESSAGES exists.
  EnvVars env({{"LANG", "C.UTF-8"}, {"LC_NUMERIC", "xx_NOWHERE.UTF-8"}, {"LANGUAGE", "ja"}});
  EXPECT_TRUE(i18n::may_translate());
  EXPECT_FALSE(i18n::active());
  EXPECT_STREQ("LISTEN", i18n::tr("LISTEN"));
}

TEST(I18nLazy, MessagesCButNumericSetStillFormatsInTheLocale) {
  // LC_MESSAGES=C translates nothing, but a %f still takes LC_NUMERIC's
  // decimal point, as under 2.10's setlocale. C.UTF-8's is '.', so the
  // check is that the locale is loaded for the float and not before.
  EnvVars env({{"LC_MESSAGES", "C"}, {"LC_NUMERIC", "C.UTF-8"}});
  EXPECT_FALSE(i18n::may_translate());
  EXPECT_STREQ("LISTEN", i18n::tr("LISTEN"));
  EXPECT_FALSE(i18n::locale_loaded());
  fmt::memory_buffer b;
  i18n::printf_to(b, "on (%2.2f/%ld/%d)", 1.5, 2L, 3);
  EXPECT_EQ("on (1.50/2/3)", std::string(b.data(), b.size()));
  EXPECT_TRUE(i18n::locale_loaded());
}

TEST(I18nCatalog, JapaneseHeadersAreTranslatedAndPaddedByBytes) {
  if (::access(kJaCatalog, R_OK) != 0) {
    GTEST_SKIP() << "net-tools' Japanese catalog is not installed (" << kJaCatalog << ")";
  }
  MemoryRoot root;
  add_tcp(root);
  RunResult english = run_on(root, {"-tan"});
  LocaleEnv env("ja", "C.UTF-8");
  ASSERT_TRUE(i18n::active());
  RunResult ja = run_on(root, {"-tan"});
  ASSERT_EQ(english.rc, ja.rc);
  EXPECT_TRUE(has_non_ascii(ja.out)) << ja.out;
  EXPECT_NE(english.out, ja.out);
  // The row: its State column is the translated LISTEN, padded to 11
  // bytes (not characters) as 2.10's printf("%-11s") does.
  std::string state = i18n::tr("LISTEN");
  std::string cell = state + std::string(state.size() < 11 ? 11 - state.size() : 0, ' ');
  size_t row = ja.out.find("tcp        0      0 127.0.0.1:22");
  ASSERT_NE(std::string::npos, row) << ja.out;
  EXPECT_NE(std::string::npos, ja.out.find(cell + "\n", row)) << ja.out;
}

TEST(I18nCatalog, TcpStateZeroIsEmptyNotTheCatalogHeader) {
  if (::access(kJaCatalog, R_OK) != 0) {
    GTEST_SKIP() << "net-tools' Japanese catalog is not installed (" << kJaCatalog << ")";
  }
  // 2.10 looks up _("") for state 0 and prints the catalog's header
  // ("Project-Id-Version: ...") as the state; we print the empty name.
  MemoryRoot root;
  add_tcp(root, "00");
  RunResult english = run_on(root, {"-tan"});
  LocaleEnv env("ja", "C.UTF-8");
  ASSERT_TRUE(i18n::active());
  RunResult ja = run_on(root, {"-tan"});
  EXPECT_EQ(std::string::npos, ja.out.find("Content-Type")) << ja.out;
  size_t en_row = english.out.find("tcp        0");
  size_t ja_row = ja.out.find("tcp        0");
  ASSERT_NE(std::string::npos, en_row);
  ASSERT_NE(std::string::npos, ja_row);
  EXPECT_EQ(english.out.substr(en_row), ja.out.substr(ja_row));
}

TEST(I18nCatalog, JsonStaysUntranslated) {
  if (::access(kJaCatalog, R_OK) != 0) {
    GTEST_SKIP() << "net-tools' Japanese catalog is not installed (" << kJaCatalog << ")";
  }
  MemoryRoot root;
  add_tcp(root);
  RunResult english = run_on(root, {"-tan", "--json"});
  LocaleEnv env("ja", "C.UTF-8");
  ASSERT_TRUE(i18n::active());
  RunResult ja = run_on(root, {"-tan", "--json"});
  EXPECT_EQ(english.rc, ja.rc);
  EXPECT_EQ(english.out, ja.out);
  EXPECT_FALSE(has_non_ascii(ja.out));
}

}  // namespace
}  // namespace netstat
