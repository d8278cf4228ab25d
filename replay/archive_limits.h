// Caps on what one decoded archive may make us hold in memory, and the
// command line's overrides of them. Kept apart from the archive reader so
// that option parsing and callers that only pass limits along do not pull
// libarchive's interface in.
#pragma once

#include <cstddef>
#include <optional>

namespace netstat {

/// Caps on what one archive may make us hold in memory. The defaults suit a
/// bundle of a very busy host (1M sockets) and a typical sosreport; each can
/// be changed by the environment variables named below (see
/// docs/bundle-format.md, "Reading limits").
struct ArchiveLimits {
  size_t max_entry_size = size_t{256} << 20;   ///< NETSTAT_ARCHIVE_MAX_ENTRY_SIZE
  size_t max_total_size = size_t{1} << 30;     ///< NETSTAT_ARCHIVE_MAX_TOTAL_SIZE
  size_t max_entries = 1'000'000;              ///< NETSTAT_ARCHIVE_MAX_ENTRIES

  /// The limits in effect: the defaults, overridden by any of the variables
  /// above that hold a plain decimal number of bytes (entries for the
  /// count), overridden in turn by the command line's --archive-max-*
  /// options while a ScopedArchiveLimits is alive.
  static ArchiveLimits from_environment();
};

/// Caps given on the command line (--archive-max-entry-size=SIZE,
/// --archive-max-total-size=SIZE, --archive-max-entries=N); a set one
/// outranks its environment variable.
struct ArchiveLimitOverrides {
  std::optional<size_t> max_entry_size;
  std::optional<size_t> max_total_size;
  std::optional<size_t> max_entries;
};

/// While alive, ArchiveLimits::from_environment() applies \a overrides on
/// top of the environment. One per netstat::run (not for concurrent runs);
/// scopes nest, the innermost wins, and the previous one comes back at the
/// end of the scope.
class ScopedArchiveLimits {
 public:
  explicit ScopedArchiveLimits(const ArchiveLimitOverrides& overrides);
  ~ScopedArchiveLimits();
  ScopedArchiveLimits(const ScopedArchiveLimits&) = delete;
  ScopedArchiveLimits& operator=(const ScopedArchiveLimits&) = delete;

 private:
  ArchiveLimitOverrides m_overrides;
  const ArchiveLimitOverrides* m_previous;
};

}  // namespace netstat
