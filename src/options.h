// Options: the net-tools 2.10 command line, parsed exactly as 2.10 parses it
// (glibc getopt_long with 2.10's option table, so bundled short flags,
// abbreviations and every diagnostic text match), plus this project's own
// long options (--root, --json, ...), which are taken out of argv first.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "replay/socket_rows.h"
#include <string_view>
#include <vector>

#include "src/output.h"

namespace netstat {

struct ArchiveLimits;  // replay/archive_limits.h

/// Numeric flags (`-n` and friends), bit values as in net-tools.
enum NumericFlag : unsigned {
  kNumHost = 0x4000,
  kNumPort = 0x8000,
  kNumUser = 0x10000,
  kNumAll = kNumHost | kNumPort | kNumUser,
  kSymbolic = 0x20000,  ///< -N
};

/// Everything the compatible command line can say. Counters are ints because
/// 2.10 counts repeats (-e, -ee, -eee).
struct Options {
  // Address families (set by -A, -4, -6, -x, --inet, ...).
  std::string af_list;  ///< accumulated, comma separated, duplicates kept
  bool inet = false, inet6 = false, unx = false, ipx = false, ax25 = false,
       netrom = false, x25 = false, rose = false, ddp = false, econet = false,
       ash = false, bluetooth = false;
  // Protocols.
  int tcp = 0, sctp = 0, udp = 0, udplite = 0, raw = 0, l2cap = 0, rfcomm = 0;
  int igmp = 0;  ///< -g
  bool implicit_protocols = false;  ///< protocols turned on by -4/-6/-A inet/-s
  // Modes.
  int route = 0, interfaces = 0, masquerade = 0, statistics = 0;
  // Modifiers.
  int all = 0, listening = 0, extend = 0, timers = 0, programs = 0,
      continuous = 0, wide = 0, debug = 0;
  bool verbose = false, selinux = false;
  unsigned numeric = 0;  ///< NumericFlag bits
  bool cache = false, fib = false;  ///< -C, -F
  /// How many protocol families were named explicitly (2.10's flag_arg).
  int explicit_count = 0;

  // This project's own options (never change the compatible output).
  std::string root;        ///< --root=PATH ("" = live system)
  bool root_given = false; ///< --root was on the line (an empty value is refused)
  bool json = false;       ///< --json
  bool json_lines = false; ///< --json-lines
  /// Escape untrusted bytes (src/safe_text.h): --safe-strings, or by
  /// default when a snapshot's output goes to a terminal (see run()).
  bool safe_strings = false;
  bool raw_strings = false;  ///< --raw-strings: never escape (turns the default off)
  /// --netns=SEL: which network namespace of a bundle ("" = the capturer's;
  /// a /run/netns name, an inode, pid:PID, self, or all).
  std::string netns;
  /// --frame=N: which frame of a bundle's time series (negative from the
  /// end); unset = frame 0, or every frame with -c.
  std::optional<long> frame;
  /// Where a live socket listing reads its tables: --proc, --netlink, else
  /// NETSTAT_SOCKET_SOURCE=proc|netlink|auto (replay/socket_rows.h).
  SocketSource socket_source = SocketSource::automatic;

  bool numeric_hosts() const { return (numeric & kNumHost) != 0; }
  /// Route tables print hosts numerically with -n/--numeric-hosts and also
  /// with -N (2.10's route code tests both bits).
  bool numeric_route_hosts() const { return (numeric & (kNumHost | kSymbolic)) != 0; }
  bool numeric_ports() const { return (numeric & kNumPort) != 0; }
  bool numeric_users() const { return (numeric & kNumUser) != 0; }
};

/// The outcome of parsing: run with the options, or exit with a status after
/// the parser already printed what 2.10 prints (usage, -V, errors).
struct ParseResult {
  bool run = false;
  int exit_status = 0;
  Options options;
};

/// 2.10's resolution rules after the options are read (reference §1.3):
/// -4/-6/-A inet/-s without a protocol turn on every inet protocol
/// (implicit_protocols), a protocol without a family means inet and inet6,
/// --bluetooth means both of its protocols, and explicit_count counts the
/// families named. parse_options() applies them; so does `netstat diff`.
void resolve_protocols(Options& o);

/// Parses argv (argv[0] is the program name used in glibc's messages).
ParseResult parse_options(const std::vector<std::string>& args, Output& out,
                          Output& err);

/// True for this project's own options (--root[=PATH], --json,
/// --json-lines, --safe-strings, --raw-strings, --archive-max-*[=N]): words
/// 2.10's parser
/// would reject.
bool is_own_option(std::string_view arg);

/// A SIZE argument: decimal digits with an optional K, M or G suffix
/// (either case; powers of 1024). Nothing when malformed or over SIZE_MAX.
std::optional<size_t> parse_size_argument(std::string_view text);

/// Caps given on the command line (--archive-max-entry-size=SIZE,
/// --archive-max-total-size=SIZE, --archive-max-entries=N); a set one
/// outranks its environment variable.
struct ArchiveLimitOverrides {
  std::optional<size_t> max_entry_size;
  std::optional<size_t> max_total_size;
  std::optional<size_t> max_entries;
};

/// The archive caps of one run, passed to everything that reads a bundle:
/// the documented defaults (ArchiveLimits{}), overridden by each of
/// NETSTAT_ARCHIVE_MAX_ENTRY_SIZE, NETSTAT_ARCHIVE_MAX_TOTAL_SIZE and
/// NETSTAT_ARCHIVE_MAX_ENTRIES that holds a plain decimal number, overridden
/// in turn by \a caps (docs/bundle-format.md, "Reading limits").
ArchiveLimits resolve_archive_limits(const ArchiveLimitOverrides& caps);

/// Takes the archive caps --archive-max-entry-size=SIZE,
/// --archive-max-total-size=SIZE and --archive-max-entries=N (each also as
/// two words) out of \a args, anywhere after args[0] and before "--", so
/// that they work for --root and for the diff and verify subcommands alike.
/// On a bad or missing value prints one line to \a err and returns false
/// (exit status 2).
bool extract_archive_limit_options(std::vector<std::string>& args,
                                   ArchiveLimitOverrides& caps, Output& err);

/// The usage text; \a to_stdout decides where the main part goes (the address
/// family list always goes to \a err, as in 2.10).
void print_usage(Output& main_part, Output& err);

}  // namespace netstat
