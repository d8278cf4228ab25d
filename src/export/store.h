// Where `netstat export` writes (docs/fleet.md, "Output layout").
//
// A folder: one sub-folder per table (sockets/, groups/, routes/,
// interfaces/, counters/, masquerade/, views/, bundles/) of JSON-lines part files; sockets/ is
// partitioned Hive style by the rows' "listening" member
// (sockets/listening=true/, sockets/listening=false/), so questions about
// listeners read only their share of the rows. Each worker
// writes its own part files, hidden (".part-STEM.jsonl.tmp") while being
// written; a commit renames the data parts to "part-STEM.jsonl", then the
// chunk's bundle rows to bundles/part-STEM.jsonl. The bundles table is the
// commit log: a data part without its bundles part (a run killed between the
// renames) and any ".tmp" file are removed by the next run, which holds
// the folder's lock (.netstat-export.lock) while it writes. So a bundle's
// rows are visible exactly when its bundle row is, and a re-run skips the
// ids the bundles table lists.
//
// Or one stream ("-o -"): every row of every table on stdout, whole rows
// at a time from each worker.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "replay/result.h"
#include "src/output.h"

namespace netstat::exporter {

/// Where rows go: a table's folder, or one partition of it.
enum class Table : uint8_t {
  listening_sockets,
  other_sockets,
  groups,
  routes,
  interfaces,
  counters,
  masquerade,
  views,  ///< one row per view: its namespace's names and container
  bundles
};
inline constexpr size_t kTables = 9;
/// Each one's folder, relative to the export folder.
inline constexpr std::array<std::string_view, kTables> kTableDirs = {
    "sockets/listening=true", "sockets/listening=false", "groups", "routes",
    "interfaces", "counters", "masquerade", "views", "bundles"};

/// Receives whole rows. One per worker; thread-safe where shared.
class Chunk {
 public:
  virtual ~Chunk() = default;
  /// Appends complete rows of \a t.
  virtual Result<void> write(Table t, std::string_view rows) = 0;
  /// Makes everything written so far visible (rows and bundle rows).
  virtual Result<void> commit() = 0;
  /// Bytes written since the last commit.
  virtual uint64_t pending_bytes() const = 0;
};

/// The output folder, locked for the run.
class ExportDir {
 public:
  /// Creates \a dir and its table folders if needed, takes the lock (fails
  /// if another export holds it) and removes what an interrupted run left.
  static Result<std::unique_ptr<ExportDir>> open(const std::string& dir);
  ~ExportDir();

  /// Bundle ids listed in bundles/part-*.jsonl (exported before).
  Result<std::unordered_set<std::string>> exported_ids() const;
  /// A new chunk for a worker; its files are created on first write.
  std::unique_ptr<Chunk> new_chunk();

 private:
  ExportDir(std::string dir, int lock_fd, std::string run);
  std::string m_dir;
  int m_lock_fd;
  std::string m_run;  ///< unique per run: UTC time and pid
  std::mutex m_mutex;
  uint64_t m_next_chunk = 0;
};

/// Standard output shared by every worker: writes are whole-row blocks.
class StreamOut {
 public:
  explicit StreamOut(Output& out) : m_out(out) {}
  Result<void> write(std::string_view bytes);
  std::unique_ptr<Chunk> new_chunk();

 private:
  Output& m_out;
  std::mutex m_mutex;
};

}  // namespace netstat::exporter
