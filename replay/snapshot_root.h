// SnapshotRoot: the Root for every non-live source (a bundle archive, an
// unpacked bundle, a fixture tree, a sosreport). It wraps the tree's own root
// and answers what capture recorded outside plain files:
//   - /proc listing, /proc/<pid>/fd listings and links, /proc/<pid>/cmdline
//     from the compact process table (netstat/processes.tsv), including the
//     fd/ directories a non-root capture could not read;
//   - interface ioctls from netstat/interfaces.json, or for a foreign tree
//     from its iproute2 text and sysfs (replay/tree_interfaces.h);
//   - NSS answers from netstat/names.json, then the tree's etc/ files;
//   - identity (euid, CLK_TCK, hostname, kernel) from manifest.json, or for
//     a foreign tree from its own files (replay/tree_identity.h);
//   - paths that could not be read at capture time fail the same way again,
//     and paths the capture never probed fail with Errc::not_captured.
// Those members count only when the tree is a real bundle (its manifest.json
// carries the "netstat-bundle" marker). Any other tree (a sosreport, a
// fixture, a /host mount) is read as a plain tree: every call passes through
// to the wrapped root, whatever names it holds. A bundle member that cannot
// be read (ENOTDIR, ELOOP, EACCES, a folder) is read as absent, and notes()
// says so once the run consults what it would have fed.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "replay/bundle_manifest.h"
#include "replay/process_table.h"
#include "replay/root.h"

namespace netstat {

class SnapshotRoot : public Root {
 public:
  /// Wraps \a base, loading the recorded data it holds. Fails (message
  /// "DESCRIPTION: <file>: <problem>") when recorded data is malformed or of
  /// a newer format version.
  static Result<std::unique_ptr<SnapshotRoot>> open(std::unique_ptr<Root> base,
                                                    std::string description);
  /// One view of a bundle: \a base is the view's folder (SubtreeRoot) and
  /// \a manifest the view's manifest (view_manifest()), not read from it.
  static Result<std::unique_ptr<SnapshotRoot>> open_view(std::unique_ptr<Root> base,
                                                         std::string description,
                                                         Manifest manifest,
                                                         bool one_of_many);
  /// The view this root reads when it is one of several in its bundle
  /// (format 2), else null.
  const ManifestView* view() const {
    if (m_tree_view) return &*m_tree_view;
    return m_one_of_many && m_manifest && !m_manifest->views.empty()
               ? &m_manifest->views.front()
               : nullptr;
  }
  /// Names the view a foreign tree's root reads when it is one of several
  /// (a sosreport's host or named namespace, replay/sos_netns.h): view()
  /// then answers \a v, so JSON rows and metadata carry it.
  void set_tree_view(ManifestView v) { m_tree_view = std::move(v); }
  /// manifest.json of \a base, parsed; nullopt when it has none, when it
  /// cannot be read (then *\a note, if given, says so), or when the tree is
  /// foreign (its manifest.json lacks the "netstat-bundle" marker: a
  /// sosreport, a fixture). Its member list (entries) is not read: replay
  /// never needs it. Errors are "DESCRIPTION: manifest.json: <problem>".
  static Result<std::optional<Manifest>> load_manifest(const Root& base,
                                                       const std::string& description,
                                                       std::string* note = nullptr);
  ~SnapshotRoot() override;

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override;
  Result<std::string> read_link(std::string_view path) const override;
  Result<std::vector<LinkEntry>> read_links(std::string_view dir) const override;
  Result<void> read_file_pieces(
      std::string_view path,
      const std::function<void(std::string_view)>& sink) const override;
  /// As the base: a directory tree's reads overlap, a decoded archive's do
  /// not need to.
  bool concurrent_reads() const override { return m_base->concurrent_reads(); }
  Result<std::vector<std::string>> interface_labels() const override;
  Result<IfaceInfo> interface_info(std::string_view name) const override;
  const NameService& names() const override;
  SystemIdentity identity() const override;
  SourceInfo source_info() const override;
  std::string description() const override { return m_description; }
  std::vector<std::string> notes() const override;

  /// The manifest, when the tree has one.
  const Manifest* manifest() const { return m_manifest ? &*m_manifest : nullptr; }
  /// The process table, when the tree has one (a bundle's, or one derived
  /// from a sosreport's saved `netstat -p` output).
  const ProcessTable* processes() const { return procs(); }

 private:
  struct Interfaces;
  /// What an optional member feeds, for its note.
  enum class Topic : uint8_t { always, processes, interfaces, names };
  static constexpr size_t kTopics = 4;
  /// Where a /proc/<pid>/... path points into the process table.
  struct ProcPath {
    const ProcessTable::Process* proc = nullptr;  ///< null: pid not recorded
    std::string_view rest;  ///< "", "fd", "fd/4", "cmdline", ...
  };

  SnapshotRoot(std::unique_ptr<Root> base, std::string description);
  Result<void> load();
  void index_manifest();
  bool m_one_of_many = false;
  std::optional<ManifestView> m_tree_view;
  /// A recorded capture-time failure for \a path or one of its parents.
  const Error* recorded_error(std::string_view path) const;
  /// Turns the wrapped root's not_found into not_captured for paths the
  /// capture never probed.
  Error from_base(Error e, std::string_view path) const;
  /// m_procs, or the table derived from a foreign tree on first use.
  const ProcessTable* procs() const;
  /// Marks \a topic as used by this run (its note, if any, is then shown).
  void consult(Topic topic) const;
  /// True when \a path is /proc/<digits>[/...] and a table is loaded.
  bool proc_path(std::string_view path, ProcPath* out) const;

  std::unique_ptr<Root> m_base;
  std::string m_description;
  std::optional<Manifest> m_manifest;
  std::optional<ProcessTable> m_procs;
  std::unique_ptr<Interfaces> m_interfaces;
  /// A foreign tree's interface state (replay/tree_interfaces.h), rebuilt
  /// on first use; null when the tree holds none.
  const Interfaces* tree_interfaces() const;
  mutable std::once_flag m_tree_interfaces_once;
  mutable std::unique_ptr<Interfaces> m_tree_interfaces;
  std::unordered_map<std::string, Error> m_errors;  ///< "/proc/x" -> failure
  std::unordered_set<std::string> m_absent;         ///< "/proc/net/x"
  std::unique_ptr<NameService> m_names;
  mutable std::array<std::string, kTopics> m_notes;  ///< "" = nothing to say
  mutable std::once_flag m_derived_once;
  mutable std::optional<ProcessTable> m_derived;
  /// A foreign tree's identity, read from its files on first use.
  mutable std::once_flag m_identity_once;
  mutable SystemIdentity m_tree_identity;
  mutable SourceInfo m_source_info;
  mutable std::array<std::atomic<bool>, kTopics> m_consulted{};
};

}  // namespace netstat
