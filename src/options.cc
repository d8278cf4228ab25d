// Parses the net-tools 2.10 command line. Uses glibc getopt_long with the
// same short-option string and long-option table, in the same order, so that
// abbreviations, ambiguity messages and argument handling are exactly 2.10's.
// Our own long options (--root, --json, ...) are removed from argv first; they
// never collide with 2.10's abbreviations because they only match exactly.
#include "src/options.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <getopt.h>

#include "replay/archive_limits.h"
#include "src/i18n.h"
#include "src/safe_text.h"

namespace netstat {
namespace {

constexpr int kAfOption = 1;
constexpr int kAfOptionCount = 12;  // long options [0, 12) are families

// 2.10's long-option table, in order (families first, val 1).
const struct option kLongOptions[] = {
    {"ax25", no_argument, nullptr, kAfOption},
    {"x25", no_argument, nullptr, kAfOption},
    {"ip", no_argument, nullptr, kAfOption},
    {"ipx", no_argument, nullptr, kAfOption},
    {"appletalk", no_argument, nullptr, kAfOption},
    {"netrom", no_argument, nullptr, kAfOption},
    {"inet", no_argument, nullptr, kAfOption},
    {"inet6", no_argument, nullptr, kAfOption},
    {"ddp", no_argument, nullptr, kAfOption},
    {"rose", no_argument, nullptr, kAfOption},
    {"unix", no_argument, nullptr, kAfOption},
    {"bluetooth", no_argument, nullptr, kAfOption},
    {"tcpip", no_argument, nullptr, kAfOption},
    {"version", no_argument, nullptr, 'V'},
    {"interfaces", no_argument, nullptr, 'i'},
    {"help", no_argument, nullptr, 'h'},
    {"route", no_argument, nullptr, 'r'},
    {"masquerade", no_argument, nullptr, 'M'},
    {"protocol", required_argument, nullptr, 'A'},
    {"tcp", no_argument, nullptr, 't'},
    {"sctp", no_argument, nullptr, 'S'},
    {"udp", no_argument, nullptr, 'u'},
    {"udplite", no_argument, nullptr, 'U'},
    {"raw", no_argument, nullptr, 'w'},
    {"unix", no_argument, nullptr, 'x'},
    {"l2cap", no_argument, nullptr, '2'},
    {"rfcomm", no_argument, nullptr, 'f'},
    {"listening", no_argument, nullptr, 'l'},
    {"all", no_argument, nullptr, 'a'},
    {"timers", no_argument, nullptr, 'o'},
    {"continuous", no_argument, nullptr, 'c'},
    {"extend", no_argument, nullptr, 'e'},
    {"programs", no_argument, nullptr, 'p'},
    {"verbose", no_argument, nullptr, 'v'},
    {"statistics", no_argument, nullptr, 's'},
    {"wide", no_argument, nullptr, 'W'},
    {"numeric", no_argument, nullptr, 'n'},
    {"numeric-hosts", no_argument, nullptr, '!'},
    {"numeric-ports", no_argument, nullptr, '@'},
    {"numeric-users", no_argument, nullptr, '#'},
    {"symbolic", no_argument, nullptr, 'N'},
    {"cache", no_argument, nullptr, 'C'},
    {"fib", no_argument, nullptr, 'F'},
    {"groups", no_argument, nullptr, 'g'},
    {"context", no_argument, nullptr, 'Z'},
    {nullptr, 0, nullptr, 0},
};

constexpr const char* kShortOptions = "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z";

// -A aliases and the family name each one stands for.
struct AfAlias {
  std::string_view alias;
  std::string_view name;
};
constexpr AfAlias kAfAliases[] = {
    {"ax25", "ax25"},   {"ip", "inet"},       {"ip6", "inet6"},
    {"ipx", "ipx"},     {"rose", "rose"},     {"appletalk", "ddp"},
    {"netrom", "netrom"}, {"inet", "inet"},   {"inet6", "inet6"},
    {"ddp", "ddp"},     {"unix", "unix"},     {"tcpip", "inet"},
    {"econet", "ec"},   {"x25", "x25"},       {"ash", "ash"},
    {"bluetooth", "bluetooth"},
};

void set_family_flag(Options& o, std::string_view name) {
  if (name == "inet") o.inet = true;
  else if (name == "inet6") o.inet6 = true;
  else if (name == "unix") o.unx = true;
  else if (name == "ipx") o.ipx = true;
  else if (name == "ax25") o.ax25 = true;
  else if (name == "netrom") o.netrom = true;
  else if (name == "x25") o.x25 = true;
  else if (name == "rose") o.rose = true;
  else if (name == "ddp") o.ddp = true;
  else if (name == "ec") o.econet = true;
  else if (name == "ash") o.ash = true;
  else if (name == "bluetooth") o.bluetooth = true;
}

// 2.10's aftrans_opt: applies a comma separated family list. Returns false
// (after printing the message) on an unknown family.
bool apply_af_list(Options& o, std::string_view list, Output& err) {
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string_view item = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos
                                               : comma - start);
    const AfAlias* found = nullptr;
    for (const AfAlias& a : kAfAliases) {
      if (a.alias == item) {
        found = &a;
        break;
      }
    }
    if (found == nullptr) {
      std::string name(item);
      i18n::printf_to(err.buffer(), "Unknown address family `%s'.\n",
                      name.c_str());
      err.after_write();
      return false;
    }
    size_t need = o.af_list.size() + found->name.size() +
                  (o.af_list.empty() ? 0 : 1);
    if (need > 255) {
      err.write(i18n::trv("Too much address family arguments.\n"));
      return true;
    }
    if (!o.af_list.empty()) o.af_list.push_back(',');
    o.af_list.append(found->name);
    set_family_flag(o, found->name);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return true;
}

// 2.10's -V text, byte for byte: -V is a compatible mode, so it names
// net-tools 2.10, not us (our own version: `netstat version`).
void print_version(Output& out) {
  out.write(
      "net-tools 2.10\n"
      "Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, "
      "Brian Micek and others\n"
      "+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n"
      "AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET "
      "+ROSE -BLUETOOTH\n"
      "HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE "
      "+ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 \n");
}

// Takes this project's own long options out of \a args (before "--").
bool extract_own_options(std::vector<std::string>& args, Options& o,
                         Output& err) {
  std::vector<std::string> kept;
  kept.reserve(args.size());
  bool done = false;
  bool source_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (i == 0 || done) {
      kept.push_back(a);
      continue;
    }
    if (a == "--") {
      done = true;
      kept.push_back(a);
    } else if (a == "--root") {
      if (i + 1 >= args.size()) {
        err.print("{}: option '--root' requires an argument\n", args[0]);
        return false;
      }
      o.root = args[++i];
      o.root_given = true;
    } else if (a.rfind("--root=", 0) == 0) {
      o.root = a.substr(7);
      o.root_given = true;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--json-lines") {
      o.json_lines = true;
    } else if (a == "--safe-strings") {
      o.safe_strings = true;  // the last of the two wins
      o.raw_strings = false;
    } else if (a == "--raw-strings") {
      o.raw_strings = true;
      o.safe_strings = false;
    } else if (a == "--netns" || a.rfind("--netns=", 0) == 0 || a == "--frame" ||
               a.rfind("--frame=", 0) == 0) {
      bool joined = a.find('=') != std::string::npos;
      std::string name = joined ? a.substr(0, a.find('=')) : a;
      if (!joined && i + 1 >= args.size()) {
        err.print("{}: option '{}' requires an argument\n", args[0], name);
        return false;
      }
      std::string value = joined ? a.substr(a.find('=') + 1) : args[++i];
      if (name == "--netns") {
        if (value.empty()) {
          err.print("{}: option '--netns' requires a namespace (a name, an inode, "
                    "pid:PID, self or all)\n", args[0]);
          return false;
        }
        o.netns = value;
      } else {
        long n = 0;
        const char* first = value.data();
        const char* last = value.data() + value.size();
        if (!value.empty() && value[0] == '+') ++first;
        auto [end, ec] = std::from_chars(first, last, n);
        if (value.empty() || ec != std::errc() || end != last) {
          err.print("{}: invalid frame number '{}' for --frame (0 = the first, "
                    "-1 = the last)\n", args[0], safe_text(value));
          return false;
        }
        o.frame = n;
      }
    } else if (a == "--proc" || a == "--netlink") {
      o.socket_source = a == "--proc" ? SocketSource::proc : SocketSource::netlink;
      source_given = true;  // the last one wins, over the environment
    } else {
      kept.push_back(a);
    }
  }
  args = std::move(kept);
  const char* env = std::getenv("NETSTAT_SOCKET_SOURCE");
  if (!source_given && env != nullptr) {
    std::string_view v(env);
    if (v == "proc") {
      o.socket_source = SocketSource::proc;
    } else if (v == "netlink") {
      o.socket_source = SocketSource::netlink;
    } else if (!v.empty() && v != "auto") {
      err.print("{}: NETSTAT_SOCKET_SOURCE={}: not proc, netlink or auto; ignored\n",
                args[0], safe_text(v));
    }
  }
  return true;
}

// Redirects stdio's `stderr` into a memory stream and forwards what glibc
// writes there to an Output.
class DiagnosticCapture {
 public:
  explicit DiagnosticCapture(Output& sink) : m_sink(sink) {
    m_stream = open_memstream(&m_text, &m_len);
    if (m_stream != nullptr) {
      m_saved = stderr;
      stderr = m_stream;
    }
  }
  ~DiagnosticCapture() {
    if (m_stream == nullptr) return;
    sync();
    stderr = m_saved;
    std::fclose(m_stream);
    std::free(m_text);
  }
  DiagnosticCapture(const DiagnosticCapture&) = delete;
  DiagnosticCapture& operator=(const DiagnosticCapture&) = delete;

  void sync() {
    if (m_stream == nullptr) return;
    std::fflush(m_stream);
    if (m_len > m_used) {
      m_sink.write(std::string_view(m_text + m_used, m_len - m_used));
      m_used = m_len;
    }
  }

 private:
  Output& m_sink;
  FILE* m_stream = nullptr;
  FILE* m_saved = nullptr;
  char* m_text = nullptr;
  size_t m_len = 0;
  size_t m_used = 0;
};

struct ArchiveCapOption {
  std::string_view name;
  std::optional<size_t> ArchiveLimitOverrides::*field;
  bool size;  // SIZE (K/M/G suffixes) rather than a plain count
};
constexpr ArchiveCapOption kArchiveCapOptions[] = {
    {"--archive-max-entry-size", &ArchiveLimitOverrides::max_entry_size, true},
    {"--archive-max-total-size", &ArchiveLimitOverrides::max_total_size, true},
    {"--archive-max-entries", &ArchiveLimitOverrides::max_entries, false},
};

}  // namespace

bool is_own_option(std::string_view arg) {
  constexpr std::string_view kOwn[] = {"--root",        "--json",        "--json-lines",
                                       "--safe-strings", "--raw-strings", "--proc",
                                       "--netlink"};
  auto named = [arg](std::string_view name) {
    return arg == name || (arg.size() > name.size() &&
                           arg.substr(0, name.size()) == name &&
                           arg[name.size()] == '=');
  };
  for (std::string_view name : kOwn) {
    if (named(name)) return true;
  }
  for (const ArchiveCapOption& c : kArchiveCapOptions) {
    if (named(c.name)) return true;
  }
  return false;
}

std::optional<size_t> parse_size_argument(std::string_view text) {
  size_t n = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || p == begin) return std::nullopt;
  unsigned shift = 0;
  if (p != end) {
    switch (*p) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      default: return std::nullopt;
    }
    if (++p != end) return std::nullopt;
  }
  if (shift != 0 && n > (SIZE_MAX >> shift)) return std::nullopt;
  return n << shift;
}

namespace {

// A NETSTAT_ARCHIVE_MAX_* variable: a plain decimal number, else \a fallback.
size_t env_size(const char* var, size_t fallback) {
  const char* v = std::getenv(var);
  if (v == nullptr || *v == '\0') return fallback;
  size_t n = 0;
  const char* end = v + std::strlen(v);
  auto [p, ec] = std::from_chars(v, end, n);
  if (ec != std::errc() || p != end) return fallback;
  return n;
}

}  // namespace

ArchiveLimits resolve_archive_limits(const ArchiveLimitOverrides& caps) {
  ArchiveLimits l;
  l.max_entry_size = env_size("NETSTAT_ARCHIVE_MAX_ENTRY_SIZE", l.max_entry_size);
  l.max_total_size = env_size("NETSTAT_ARCHIVE_MAX_TOTAL_SIZE", l.max_total_size);
  l.max_entries = env_size("NETSTAT_ARCHIVE_MAX_ENTRIES", l.max_entries);
  l.max_entry_size = caps.max_entry_size.value_or(l.max_entry_size);
  l.max_total_size = caps.max_total_size.value_or(l.max_total_size);
  l.max_entries = caps.max_entries.value_or(l.max_entries);
  return l;
}

bool extract_archive_limit_options(std::vector<std::string>& args,
                                   ArchiveLimitOverrides& caps, Output& err) {
  std::vector<std::string> kept;
  kept.reserve(args.size());
  bool done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const ArchiveCapOption* opt = nullptr;
    std::string value;
    if (i > 0 && !done) {
      if (a == "--") done = true;
      for (const ArchiveCapOption& c : kArchiveCapOptions) {
        if (a == c.name) {
          if (i + 1 >= args.size()) {
            err.print("netstat: option '{}' requires an argument\n", c.name);
            return false;
          }
          opt = &c;
          value = args[++i];
        } else if (a.size() > c.name.size() && a.compare(0, c.name.size(), c.name) == 0 &&
                   a[c.name.size()] == '=') {
          opt = &c;
          value = a.substr(c.name.size() + 1);
        }
        if (opt != nullptr) break;
      }
    }
    if (opt == nullptr) {
      kept.push_back(a);
      continue;
    }
    std::optional<size_t> n;
    if (opt->size) {
      n = parse_size_argument(value);
    } else if (!value.empty()) {
      size_t v = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec == std::errc() && p == value.data() + value.size()) n = v;
    }
    if (!n) {
      err.print("netstat: invalid value '{}' for {}: expected {}\n",
                safe_text(value), opt->name,
                opt->size ? "a number of bytes, optionally with K, M or G"
                          : "a number of members");
      return false;
    }
    caps.*(opt->field) = *n;
  }
  args = std::move(kept);
  return true;
}

void print_usage(Output& main_part, Output& err) {
  // 2.10's usage(): one gettext msgid per fprintf.
  static constexpr const char* kLines[] = {
      "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n",
      "       netstat [-vWnNcaeol] [<Socket> ...]\n",
      "       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n\n",
      "        -r, --route              display routing table\n",
      "        -i, --interfaces         display interface table\n",
      "        -g, --groups             display multicast group memberships\n",
      "        -s, --statistics         display networking statistics (like SNMP)\n",
      "        -M, --masquerade         display masqueraded connections\n\n",
      "        -v, --verbose            be verbose\n",
      "        -W, --wide               don't truncate IP addresses\n",
      "        -n, --numeric            don't resolve names\n",
      "        --numeric-hosts          don't resolve host names\n",
      "        --numeric-ports          don't resolve port names\n",
      "        --numeric-users          don't resolve user names\n",
      "        -N, --symbolic           resolve hardware names\n",
      "        -e, --extend             display other/more information\n",
      "        -p, --programs           display PID/Program name for sockets\n",
      "        -o, --timers             display timers\n",
      "        -c, --continuous         continuous listing\n\n",
      "        -l, --listening          display listening server sockets\n",
      "        -a, --all                display all sockets (default: connected)\n",
      "        -F, --fib                display Forwarding Information Base (default)\n",
      "        -C, --cache              display routing cache instead of FIB\n",
      "        -Z, --context            display SELinux security context for sockets\n",
      "\n  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}\n",
      "           {-x|--unix} --ax25 --ipx --netrom\n",
  };
  for (const char* line : kLines) main_part.write(i18n::trv(line));
  i18n::printf_to(main_part.buffer(),
                  "  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: %s\n",
                  "inet");
  main_part.write(
      i18n::trv("  List of possible address families (which support routing):\n"));
  main_part.flush();
  // print_aflist(1): always on stderr, three "name (title) " per line, the
  // titles translated as 2.10's afinit() does.
  struct Af {
    const char* name;
    const char* title;
  };
  static constexpr Af kRoutable[] = {
      {"inet", "DARPA Internet"}, {"inet6", "IPv6"},
      {"ax25", "AMPR AX.25"},     {"netrom", "AMPR NET/ROM"},
      {"rose", "AMPR ROSE"},      {"ipx", "Novell IPX"},
      {"ddp", "Appletalk DDP"},   {"x25", "CCITT X.25"},
  };
  size_t count = 0;
  for (const Af& af : kRoutable) {
    err.write(count % 3 == 0 ? (count != 0 ? "\n    " : "    ") : "");
    err.print("{} ({}) ", af.name, i18n::trv(af.title));
    ++count;
  }
  err.write("\n");
}

void resolve_protocols(Options& o) {
  if ((o.inet || o.inet6 || o.statistics) &&
      !(o.tcp || o.sctp || o.udp || o.udplite || o.raw)) {
    o.tcp = o.sctp = o.udp = o.udplite = o.raw = 1;
    o.implicit_protocols = true;
  }
  if ((o.tcp || o.sctp || o.udp || o.udplite || o.raw || o.igmp) &&
      !(o.inet || o.inet6)) {
    o.inet = o.inet6 = true;
  }
  if (o.bluetooth && !(o.l2cap || o.rfcomm)) {
    o.l2cap = o.rfcomm = 1;
  }
  o.explicit_count = (o.tcp > 0) + (o.sctp > 0) + (o.udplite > 0) +
                     (o.udp > 0) + (o.raw > 0) + o.unx + o.ipx + o.ax25 +
                     o.netrom + (o.igmp > 0) + o.x25 + o.rose + (o.l2cap > 0) +
                     (o.rfcomm > 0);
}

// Whether getopt_long may print a diagnostic for this line: a silent pass
// (opterr = 0) over a copy of the pointers (GNU getopt permutes them).
// Every diagnostic comes with a '?' return; so does a valid -?, which only
// costs loading the locale for nothing.
bool getopt_may_complain(int argc, std::vector<char*> argv) {
  optind = 0;
  opterr = 0;
  int lop = -1;
  int c;
  bool complains = false;
  while ((c = getopt_long(argc, argv.data(), kShortOptions, kLongOptions, &lop)) != -1) {
    if (c == '?') complains = true;
  }
  return complains;
}

ParseResult parse_options(const std::vector<std::string>& input, Output& out,
                          Output& err) {
  ParseResult r;
  Options& o = r.options;
  std::vector<std::string> args = input;
  if (args.empty()) args.emplace_back("netstat");
  if (!extract_own_options(args, o, err)) {
    print_usage(err, err);
    r.exit_status = 3;
    return r;
  }

  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());

  // glibc prints its diagnostics to the stdio stream `stderr`; point that at
  // a memory stream while parsing so they reach \a err, in order.
  DiagnosticCapture diag(err);
  // getopt's diagnostics come from libc's catalog in 2.10's locale; only a
  // line that draws one needs that locale loaded (~155k instructions).
  const bool diagnostics = i18n::may_translate() && getopt_may_complain(argc, argv);
  optind = 0;  // full re-initialisation (glibc), so parsing can be repeated
  opterr = 1;
  int lop = -1;
  int c;
  auto next_option = [&] {
    std::optional<i18n::ScopedLocale> in_locale;
    if (diagnostics) in_locale.emplace();
    return getopt_long(argc, argv.data(), kShortOptions, kLongOptions, &lop);
  };
  while ((c = next_option()) != -1) {
    diag.sync();
    switch (c) {
      case kAfOption:
        if (lop < 0 || lop >= kAfOptionCount) {
          i18n::printf_to(err.buffer(), "%s: Internal Error `%s'.\n", "netstat.c",
                          "longopts 1 range");
          err.after_write();
          break;
        }
        if (!apply_af_list(o, kLongOptions[lop].name, err)) {
          r.exit_status = 1;
          return r;
        }
        break;
      case 'A':
        if (!apply_af_list(o, optarg, err)) {
          r.exit_status = 1;
          return r;
        }
        break;
      case 'M': ++o.masquerade; break;
      case 'a': ++o.all; break;
      case 'l': ++o.listening; break;
      case 'c': ++o.continuous; break;
      case 'd': ++o.debug; break;
      case 'g': ++o.igmp; break;
      case 'e': ++o.extend; break;
      case 'p': ++o.programs; break;
      case 'i': ++o.interfaces; break;
      case 'W': ++o.wide; break;
      case 'n': o.numeric |= kNumAll; break;
      case '!': o.numeric |= kNumHost; break;
      case '@': o.numeric |= kNumPort; break;
      case '#': o.numeric |= kNumUser; break;
      case 'N': o.numeric |= kSymbolic; break;
      case 'C': o.cache = true; break;
      case 'F': o.fib = true; break;
      case 'o': ++o.timers; break;
      case '6':
        if (!apply_af_list(o, "inet6", err)) return r;
        break;
      case '4':
        if (!apply_af_list(o, "inet", err)) return r;
        break;
      case 'V':
        print_version(out);
        r.exit_status = 0;
        return r;
      case 'v': o.verbose = true; break;
      case 'r': ++o.route; break;
      case 't': ++o.tcp; break;
      case 'S': ++o.sctp; break;
      case 'u': ++o.udp; break;
      case 'U': ++o.udplite; break;
      case 'w': ++o.raw; break;
      case '2': ++o.l2cap; break;
      case 'f': ++o.rfcomm; break;
      case 'x':
        if (!apply_af_list(o, "unix", err)) return r;
        break;
      case 'Z':
        // SELinux is never enabled for the data we read (see docs/compat.md).
        err.write(i18n::trv("SELinux is not enabled on this machine.\n"));
        r.exit_status = 1;
        return r;
      case 'h':
        print_usage(out, err);
        r.exit_status = 0;
        return r;
      case 's': ++o.statistics; break;
      case '?':
      default:
        print_usage(err, err);
        r.exit_status = 3;
        return r;
    }
  }

  // Resolution rules, in 2.10's order (reference §1.3).
  if (o.interfaces + o.route + o.masquerade + o.statistics > 1) {
    print_usage(err, err);
    r.exit_status = 3;
    return r;
  }
  resolve_protocols(o);
  r.run = true;
  return r;
}

}  // namespace netstat
