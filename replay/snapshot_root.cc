// SnapshotRoot: loads manifest.json, netstat/processes.tsv, names.json and
// interfaces.json from the wrapped tree once, then answers /proc/<pid>
// paths from the process table and replays recorded failures, so `-p`, `-i`,
// `-e` and the non-root "(Not all processes could be identified...)" note
// come out as they did on the captured machine.
#include "replay/snapshot_root.h"

#include <map>

#include <nlohmann/json.hpp>

#include "replay/file_name_service.h"
#include "replay/recorded_names.h"
#include "replay/snapshot_interfaces.h"
#include "replay/sos_owners.h"
#include "replay/tree_identity.h"
#include "replay/tree_interfaces.h"

namespace netstat {
namespace {

// "/a//b/./c/" -> "/a/b/c" (".." drops the previous component).
std::string canonical(std::string_view path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (!part.empty() && part != ".") {
      out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out.empty() ? std::string("/") : out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Error not_captured(std::string_view path) {
  return Error{Errc::not_captured, 0, std::string(path) + ": not in the snapshot"};
}

Error with_path(Error e, std::string_view path) {
  e.message = std::string(path);
  return e;
}

/// Forwards every lookup, first raising \a used: names.json's note is shown
/// only when a lookup happened (a -n run looks nothing up).
class NoticedNames : public NameService {
 public:
  NoticedNames(std::unique_ptr<NameService> inner, std::atomic<bool>* used)
      : m_inner(std::move(inner)), m_used(used) {}
  std::optional<std::string> host_by_addr4(uint32_t addr) const override {
    mark();
    return m_inner->host_by_addr4(addr);
  }
  std::optional<std::string> net_by_addr(uint32_t net) const override {
    mark();
    return m_inner->net_by_addr(net);
  }
  std::optional<std::string> host_by_addr6(const in6_addr& addr) const override {
    mark();
    return m_inner->host_by_addr6(addr);
  }
  std::vector<ServiceEntry> services() const override {
    mark();
    return m_inner->services();
  }
  std::vector<ProtocolEntry> protocols() const override {
    mark();
    return m_inner->protocols();
  }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    mark();
    return m_inner->user_by_uid(uid);
  }

 private:
  void mark() const { m_used->store(true, std::memory_order_relaxed); }
  std::unique_ptr<NameService> m_inner;
  std::atomic<bool>* m_used;
};

}  // namespace

struct SnapshotRoot::Interfaces {
  SnapshotInterfaces data;
};

SnapshotRoot::SnapshotRoot(std::unique_ptr<Root> base, std::string description)
    : m_base(std::move(base)), m_description(std::move(description)) {}

SnapshotRoot::~SnapshotRoot() = default;

Result<std::unique_ptr<SnapshotRoot>> SnapshotRoot::open(
    std::unique_ptr<Root> base, std::string description) {
  std::unique_ptr<SnapshotRoot> root(
      new SnapshotRoot(std::move(base), std::move(description)));
  Result<void> loaded = root->load();
  if (!loaded.ok()) return loaded.error();
  return root;
}

Result<std::unique_ptr<SnapshotRoot>> SnapshotRoot::open_view(
    std::unique_ptr<Root> base, std::string description, Manifest manifest,
    bool one_of_many) {
  std::unique_ptr<SnapshotRoot> root(
      new SnapshotRoot(std::move(base), std::move(description)));
  root->m_manifest = std::move(manifest);
  root->m_one_of_many = one_of_many;
  root->index_manifest();
  Result<void> loaded = root->load();
  if (!loaded.ok()) return loaded.error();
  return root;
}

Result<std::optional<Manifest>> SnapshotRoot::load_manifest(const Root& base,
                                                            const std::string& description,
                                                            std::string* note) {
  Result<std::string> text = base.read_file("/" + std::string(kManifestPath));
  if (!text.ok()) {
    // Unreadable (ENOTDIR, ELOOP, EACCES, a folder): read as absent.
    if (text.code() != Errc::not_found && note != nullptr) {
      *note = description + ": " + std::string(kManifestPath) + ": " +
              error_text(text.error()) + "; read as absent";
    }
    return std::optional<Manifest>();
  }
  // Our members count only in a real bundle: a foreign tree (a sosreport,
  // a fixture, a /host mount) may hold any names, `netstat` and
  // `manifest.json` included, and is read as a plain tree. A damaged
  // bundle still counts as one: a manifest.json that is not JSON next to
  // our netstat/ folder is refused below, not read around.
  if (!looks_like_bundle_manifest(*text)) {
    bool damaged = !nlohmann::json::accept(text->begin(), text->end()) &&
                   base.list_dir("/netstat").ok();
    if (!damaged) return std::optional<Manifest>();
  }
  Result<Manifest> m = parse_manifest(*text, ManifestParts::without_entries);
  if (!m.ok()) {
    return Error{Errc::invalid, m.error().sys_errno,
                 description + ": " + std::string(kManifestPath) + ": " + m.error().message};
  }
  return std::optional<Manifest>(std::move(*m));
}

void SnapshotRoot::index_manifest() {
  for (const RecordedError& r : m_manifest->unreadable) {
    m_errors.emplace(canonical(r.path), r.error);
  }
  for (const std::string& a : m_manifest->absent) m_absent.insert(canonical(a));
}

Result<void> SnapshotRoot::load() {
  auto fail = [this](std::string_view file, const Error& e) {
    return Error{Errc::invalid, e.sys_errno,
                 m_description + ": " + std::string(file) + ": " + e.message};
  };
  // An optional member that cannot be read (ENOTDIR: a sosreport's
  // `netstat` symlink to a command output; ELOOP; EACCES; a folder where a
  // file was expected) is read as absent, with a note for the topic it
  // feeds. nullopt: absent.
  auto optional_file = [this](std::string_view file,
                              Topic topic) -> std::optional<std::string> {
    Result<std::string> r = m_base->read_file("/" + std::string(file));
    if (r.ok()) return std::move(*r);
    if (r.code() != Errc::not_found) {
      m_notes[static_cast<size_t>(topic)] =
          m_description + ": " + std::string(file) + ": " + error_text(r.error()) +
          "; read as absent";
    }
    return std::nullopt;
  };

  if (!m_manifest) {
    Result<std::optional<Manifest>> manifest =
        load_manifest(*m_base, m_description, &m_notes[static_cast<size_t>(Topic::always)]);
    if (!manifest.ok()) return manifest.error();
    if (!*manifest) {
      m_names = make_file_name_service(*this);
      return {};
    }
    m_manifest = std::move(**manifest);
    index_manifest();
  }

  if (std::optional<std::string> table = optional_file(kProcessTablePath, Topic::processes)) {
    Result<ProcessTable> t = ProcessTable::parse(std::move(*table));
    if (!t.ok()) return fail(kProcessTablePath, t.error());
    m_procs = std::move(*t);
  }

  if (std::optional<std::string> ifaces = optional_file(kInterfacesPath, Topic::interfaces)) {
    Result<SnapshotInterfaces> parsed = parse_snapshot_interfaces(*ifaces);
    if (!parsed.ok()) return fail(kInterfacesPath, parsed.error());
    m_interfaces = std::make_unique<Interfaces>(Interfaces{std::move(*parsed)});
  }

  std::unique_ptr<NameService> files = make_file_name_service(*this);
  if (std::optional<std::string> names = optional_file(kNamesPath, Topic::names)) {
    Result<RecordedNames> parsed = parse_recorded_names(*names);
    if (!parsed.ok()) return fail(kNamesPath, parsed.error());
    m_names = make_recorded_name_service(std::move(*parsed), std::move(files));
  } else {
    m_names = std::move(files);
  }
  if (!m_notes[static_cast<size_t>(Topic::names)].empty()) {
    m_names = std::make_unique<NoticedNames>(
        std::move(m_names), &m_consulted[static_cast<size_t>(Topic::names)]);
  }
  return {};
}

void SnapshotRoot::consult(Topic topic) const {
  if (!m_notes[static_cast<size_t>(topic)].empty()) {
    m_consulted[static_cast<size_t>(topic)].store(true, std::memory_order_relaxed);
  }
}

std::vector<std::string> SnapshotRoot::notes() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < kTopics; ++i) {
    if (m_notes[i].empty()) continue;
    if (static_cast<Topic>(i) == Topic::always ||
        m_consulted[i].load(std::memory_order_relaxed)) {
      out.push_back(m_notes[i]);
    }
  }
  // What the wrapped root could not give (a sosreport's namespace view).
  for (std::string& n : m_base->notes()) out.push_back(std::move(n));
  return out;
}

const Error* SnapshotRoot::recorded_error(std::string_view path) const {
  if (m_errors.empty()) return nullptr;
  std::string p = canonical(path);
  while (true) {
    auto it = m_errors.find(p);
    if (it != m_errors.end()) return &it->second;
    size_t slash = p.rfind('/');
    if (slash == 0 || slash == std::string::npos) return nullptr;
    p.resize(slash);
  }
}

Error SnapshotRoot::from_base(Error e, std::string_view path) const {
  if (!m_manifest || e.code != Errc::not_found) return e;
  std::string p = canonical(path);
  while (p.size() > 1) {
    if (m_absent.count(p) != 0) return e;  // it was absent on the source
    size_t slash = p.rfind('/');
    p.resize(slash == 0 ? 1 : slash);
  }
  return not_captured(path);
}

const ProcessTable* SnapshotRoot::procs() const {
  if (m_procs) return &*m_procs;
  if (m_manifest) return nullptr;
  // A foreign tree: a sosreport's saved `netstat -W -neopa` names the
  // owners its missing /proc/<pid>/fd would have given.
  std::call_once(m_derived_once, [this] {
    std::optional<ProcessTable> table = sos_process_table(*m_base);
    if (table) {
      m_derived = std::move(*table);
    } else if (!source_info().tool.empty()) {
      m_notes[static_cast<size_t>(Topic::processes)] =
          m_description +
          ": the sosreport names no socket owners (no saved netstat -p, ss -p or "
          "lsof output); PID/Program name shows -";
    }
  });
  return m_derived ? &*m_derived : nullptr;
}

bool SnapshotRoot::proc_path(std::string_view path, ProcPath* out) const {
  size_t i = 0;
  while (i < path.size() && path[i] == '/') ++i;
  std::string_view rest = path.substr(i);
  if (rest.substr(0, 5) != "proc/") return false;
  rest.remove_prefix(5);
  while (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
  size_t slash = rest.find('/');
  std::string_view pid = rest.substr(0, slash);
  if (!all_digits(pid)) return false;
  const ProcessTable* table = procs();
  if (table == nullptr) return false;
  out->proc = table->find(pid);
  std::string_view tail = slash == std::string_view::npos ? std::string_view()
                                                          : rest.substr(slash + 1);
  while (!tail.empty() && tail.back() == '/') tail.remove_suffix(1);
  while (!tail.empty() && tail[0] == '/') tail.remove_prefix(1);
  out->rest = tail;
  return true;
}

Result<std::string> SnapshotRoot::read_file(std::string_view path) const {
  if (const Error* e = recorded_error(path)) return with_path(*e, path);
  ProcPath pp;
  if (proc_path(path, &pp)) {
    if (pp.proc == nullptr) return Error{Errc::not_found, 0, std::string(path)};
    if (pp.rest == "cmdline") {
      if (pp.proc->cmdline_error) return with_path(*pp.proc->cmdline_error, path);
      if (pp.proc->cmdline_read) return std::string(pp.proc->cmdline);
      return not_captured(path);
    }
    if (pp.rest.empty() || pp.rest == "fd") {
      return Error{Errc::is_a_directory, 0, std::string(path)};
    }
    return not_captured(path);
  }
  Result<std::string> r = m_base->read_file(path);
  if (!r.ok()) return from_base(r.error(), path);
  return r;
}

Result<void> SnapshotRoot::read_file_pieces(
    std::string_view path, const std::function<void(std::string_view)>& sink) const {
  ProcPath pp;
  if (recorded_error(path) != nullptr || proc_path(path, &pp)) {
    return Root::read_file_pieces(path, sink);  // answered by read_file
  }
  Result<void> r = m_base->read_file_pieces(path, sink);
  if (!r.ok()) return from_base(r.error(), path);
  return r;
}

Result<std::vector<DirEntry>> SnapshotRoot::list_dir(std::string_view path) const {
  if (const Error* e = recorded_error(path)) return with_path(*e, path);
  ProcPath pp;
  if (proc_path(path, &pp)) {
    if (pp.proc == nullptr) return Error{Errc::not_found, 0, std::string(path)};
    if (pp.rest.empty()) {
      std::vector<DirEntry> out;
      if (pp.proc->cmdline_read) out.push_back({"cmdline", FileType::regular});
      out.push_back({"fd", FileType::directory});
      return out;
    }
    if (pp.rest == "fd") {
      if (pp.proc->fd_error) return with_path(*pp.proc->fd_error, path);
      std::vector<DirEntry> out;
      out.reserve(pp.proc->fd_end - pp.proc->fd_begin);
      for (const ProcessTable::Fd* f = procs()->fds_begin(*pp.proc);
           f != procs()->fds_end(*pp.proc); ++f) {
        out.push_back({std::string(f->name), FileType::symlink});
      }
      return out;
    }
    if (pp.rest == "cmdline") return Error{Errc::not_a_directory, 0, std::string(path)};
    return not_captured(path);
  }
  std::string canon = canonical(path);
  const ProcessTable* table = canon == "/proc" ? procs() : nullptr;
  if (canon == "/proc") consult(Topic::processes);
  Result<std::vector<DirEntry>> r = m_base->list_dir(path);
  if (canon == "/proc" && table == nullptr) {
    if (!r.ok()) return from_base(r.error(), path);
    return r;
  }
  if (canon == "/proc") {
    // The tree's own /proc entries (net, ...) first, then the recorded
    // processes in table order, as procfs lists pids after its files.
    std::vector<DirEntry> out;
    if (r.ok()) {
      for (DirEntry& e : *r) {
        if (!all_digits(e.name)) out.push_back(std::move(e));
      }
    }
    out.reserve(out.size() + table->processes().size());
    for (const ProcessTable::Process& p : table->processes()) {
      out.push_back({std::string(p.pid), FileType::directory});
    }
    return out;
  }
  if (!r.ok()) return from_base(r.error(), path);
  return r;
}

Result<std::string> SnapshotRoot::read_link(std::string_view path) const {
  if (const Error* e = recorded_error(path)) return with_path(*e, path);
  ProcPath pp;
  if (proc_path(path, &pp)) {
    if (pp.proc == nullptr) return Error{Errc::not_found, 0, std::string(path)};
    if (pp.rest.substr(0, 3) == "fd/") {
      if (pp.proc->fd_error) return with_path(*pp.proc->fd_error, path);
      std::string_view fd = pp.rest.substr(3);
      for (const ProcessTable::Fd* f = procs()->fds_begin(*pp.proc);
           f != procs()->fds_end(*pp.proc); ++f) {
        if (f->name == fd) return std::string(f->target);
      }
      return Error{Errc::not_found, 0, std::string(path)};
    }
    if (pp.rest.empty() || pp.rest == "fd" || pp.rest == "cmdline") {
      return Error{Errc::not_a_link, 0, std::string(path)};
    }
    return not_captured(path);
  }
  Result<std::string> r = m_base->read_link(path);
  if (!r.ok()) return from_base(r.error(), path);
  return r;
}

Result<std::vector<LinkEntry>> SnapshotRoot::read_links(std::string_view dir) const {
  if (const Error* e = recorded_error(dir)) return with_path(*e, dir);
  ProcPath pp;
  if (proc_path(dir, &pp) && pp.rest == "fd") {
    if (pp.proc == nullptr) return Error{Errc::not_found, 0, std::string(dir)};
    if (pp.proc->fd_error) return with_path(*pp.proc->fd_error, dir);
    std::vector<LinkEntry> out;
    out.reserve(pp.proc->fd_end - pp.proc->fd_begin);
    for (const ProcessTable::Fd* f = procs()->fds_begin(*pp.proc);
         f != procs()->fds_end(*pp.proc); ++f) {
      out.push_back({std::string(f->name), std::string(f->target)});
    }
    return out;
  }
  return Root::read_links(dir);
}

const SnapshotRoot::Interfaces* SnapshotRoot::tree_interfaces() const {
  if (m_manifest) return nullptr;
  std::call_once(m_tree_interfaces_once, [this] {
    std::optional<SnapshotInterfaces> ifs = netstat::tree_interfaces(*m_base);
    if (ifs) m_tree_interfaces = std::make_unique<Interfaces>(Interfaces{std::move(*ifs)});
  });
  return m_tree_interfaces.get();
}

Result<std::vector<std::string>> SnapshotRoot::interface_labels() const {
  consult(Topic::interfaces);
  if (m_interfaces) return m_interfaces->data.labels();
  if (const Interfaces* t = tree_interfaces()) return t->data.labels();
  return m_base->interface_labels();
}

Result<IfaceInfo> SnapshotRoot::interface_info(std::string_view name) const {
  consult(Topic::interfaces);
  if (m_interfaces) return m_interfaces->data.info(name);
  if (const Interfaces* t = tree_interfaces()) return t->data.info(name);
  return m_base->interface_info(name);
}

const NameService& SnapshotRoot::names() const { return *m_names; }

SourceInfo SnapshotRoot::source_info() const {
  if (m_manifest) return {};
  (void)identity();  // reads the tree's files once
  return m_source_info;
}

SystemIdentity SnapshotRoot::identity() const {
  if (!m_manifest) {
    std::call_once(m_identity_once, [this] {
      SystemIdentity id = m_base->identity();
      TreeIdentity tree = read_tree_identity(*m_base);
      if (!tree.hostname.empty()) id.hostname = tree.hostname;
      if (!tree.kernel_release.empty()) id.kernel_release = tree.kernel_release;
      m_source_info.captured_at = tree.captured_at;
      m_source_info.kind = describe_tree(tree);
      if (tree.sosreport) {
        m_source_info.tool = tree.sos_version.empty() ? "sos" : "sos " + tree.sos_version;
      }
      // sos runs as root: its fd links were all readable, so no reader's
      // uid decides -p's non-root note.
      if (tree.sosreport) id.euid = 0;
      m_tree_identity = std::move(id);
    });
    return m_tree_identity;
  }
  SystemIdentity id;
  id.euid = m_manifest->euid;
  id.clk_tck = m_manifest->clk_tck;
  id.hostname = m_manifest->hostname;
  id.kernel_release = m_manifest->kernel_release;
  return id;
}

}  // namespace netstat
