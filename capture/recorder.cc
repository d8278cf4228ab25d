// Walks a Root and records one bundle view: /proc/net files (in the source's
// listing order, absent ones noted), the per-process socket table, sysfs
// interface attributes, etc/ files, interface ioctl answers and user names.
// sysfs follows the mount namespace, not the network namespace: its
// interfaces are recorded only when they are exactly the ones /proc/net/dev
// and SIOCGIFCONF name (else it shows another namespace and is left out).
// Paths that are not printable ASCII (an interface named with any other
// bytes) are never recorded: manifest.json and the tar header could not name
// them faithfully.
// Mirrors what net-tools 2.10 reads per mode (reference §0.1); the process
// table is the one fd walk of -p (replay/fd_walk.h): numeric /proc entries,
// the fd/ links 2.10 takes for sockets, cmdline of processes with sockets.
#include "capture/recorder.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <future>
#include <optional>
#include <set>
#include <unordered_set>

#include "capture/manifest.h"
#include "formats/proc_net_dev.h"
#include "replay/fd_walk.h"
#include "replay/process_table.h"
#include "replay/read_plan.h"
#include "replay/recorded_names.h"
#include "replay/snapshot_interfaces.h"

namespace netstat {
namespace {

// The names under /proc/net that the read plan's files live in (a file, or
// a folder whose files are taken: sctp, sctp6, ipx, x25 on some kernels),
// in the plan's order.
std::vector<std::string> proc_net_names() {
  std::vector<std::string> names;
  for (const read_plan::NetFileInfo& f : read_plan::kNetFiles) {
    std::string_view rest = f.path.substr(read_plan::kProcNet.size() + 1);
    std::string name(rest.substr(0, rest.find('/')));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

// What -i needs from sysfs (and what a reader may want to cross-check).
const std::vector<std::string> kSysNetAttrs = {
    "ifindex", "iflink", "type", "flags", "mtu", "tx_queue_len", "address",
    "broadcast", "addr_len", "operstate", "carrier", "dev_id",
};

const std::vector<std::string> kEtcFiles = {
    "services", "protocols", "networks", "hosts", "passwd", "group",
    "nsswitch.conf", "host.conf",
};

// Printable ASCII only: manifest.json (JSON, UTF-8) names every member, and
// libarchive's pax writer converts other bytes through the locale's charset
// (failing, or worse, in the C locale).
bool portable_path(std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// "eth0:1" -> "eth0" (SIOCGIFCONF lists IPv4 alias labels).
std::string_view base_interface(std::string_view label) {
  return label.substr(0, label.find(':'));
}

// What the /proc walk found; built apart from the Recorder so it can run on
// its own thread.
struct ProcessWalk {
  std::vector<ProcessRecord> procs;
  std::optional<Error> proc_error;  ///< /proc itself could not be listed
};

ProcessWalk walk_processes(const Root& root, const RecordOptions& options);

class Recorder {
 public:
  Recorder(const Root& root, const RecordOptions& options)
      : m_root(root), m_options(options) {}

  /// Fails when /proc/net cannot be listed at all.
  Result<void> proc_net();
  void sys_class_net();
  void etc();
  void process_table(const ProcessWalk& walk);
  /// Hashes the members recorded so far (overlaps the process walk).
  void hash_members();
  void interfaces();
  void names();
  Recording take() { return std::move(m_rec); }
  /// The interfaces of the source's network namespace: /proc/net/dev's rows
  /// and SIOCGIFCONF's labels; nullopt when the source answers neither.
  std::optional<std::set<std::string>> netns_interfaces() const;
  Manifest& manifest() { return m_rec.manifest; }

 private:
  void add(std::string path, FileType type, std::string data) {
    if (!portable_path(path)) return;
    if (type == FileType::regular) m_files.emplace(path, m_rec.members.size());
    m_rec.members.push_back({std::move(path), type, std::move(data), {}});
  }
  void absent(std::string path) {
    if (portable_path(path)) m_rec.manifest.absent.push_back(std::move(path));
  }
  void unreadable(std::string path, const Error& e) {
    if (!portable_path(path)) return;
    m_rec.manifest.unreadable.push_back({std::move(path), Error{e.code, e.sys_errno, {}}});
  }
  /// Records file or folder \a path (archive path); folders one level deep.
  void entry(const std::string& path);
  const std::string* file(std::string_view path) const {
    auto it = m_files.find(std::string(path));
    return it == m_files.end() ? nullptr : &m_rec.members[it->second].data;
  }

  const Root& m_root;
  const RecordOptions& m_options;
  Recording m_rec;
  std::unordered_map<std::string, size_t> m_files;  // archive path -> member
};

void Recorder::entry(const std::string& path) {
  std::string abs = "/" + path;
  Result<std::string> r = m_root.read_file(abs);
  if (r.ok()) {
    add(path, FileType::regular, std::move(*r));
    return;
  }
  if (r.code() == Errc::not_found) {
    absent(path);
    return;
  }
  if (r.code() != Errc::is_a_directory) {
    unreadable(path, r.error());
    return;
  }
  Result<std::vector<DirEntry>> listed = m_root.list_dir(abs);
  if (!listed.ok()) {
    unreadable(path, listed.error());
    return;
  }
  add(path, FileType::directory, {});
  for (const DirEntry& e : *listed) {
    if (e.type == FileType::directory) continue;
    std::string child = path + "/" + e.name;
    Result<std::string> c = m_root.read_file("/" + child);
    if (c.ok()) {
      add(child, FileType::regular, std::move(*c));
    } else if (c.code() == Errc::not_found) {
      absent(child);
    } else if (c.code() != Errc::is_a_directory) {
      unreadable(child, c.error());
    }
  }
}

Result<void> Recorder::proc_net() {
  Result<std::vector<DirEntry>> listed = m_root.list_dir(read_plan::kProcNet);
  if (!listed.ok()) {
    return Error{listed.code(), listed.error().sys_errno,
                 m_root.description() + ": cannot capture /proc/net: " +
                     error_text(listed.error())};
  }
  const std::string dir(read_plan::kProcNet.substr(1));  // archive path
  add(dir, FileType::directory, {});
  const std::vector<std::string>& names = recorded_proc_net_names();
  std::unordered_set<std::string_view> wanted(names.begin(), names.end());
  std::unordered_set<std::string> done;
  for (const DirEntry& e : *listed) {
    if (wanted.count(e.name) == 0) continue;
    done.insert(e.name);
    entry(dir + "/" + e.name);
  }
  for (const std::string& name : names) {
    if (done.count(name) == 0) entry(dir + "/" + name);
  }
  return {};
}

ProcessWalk walk_processes(const Root& root, const RecordOptions& options) {
  const CmdlineScope scope = options.cmdline;
  ProcessWalk walk;
  Result<void> walked = walk_fds(root, PidOrder::listing, [&](FdWalkProcess& w) {
    ProcessRecord p;
    p.pid = std::string(w.pid);
    if (w.fd_error != nullptr) {
      p.fd_error = Error{w.fd_error->code, w.fd_error->sys_errno, {}};
      walk.procs.push_back(std::move(p));
      return;
    }
    for (const FdWalkProcess::Socket& s : w.sockets) {
      p.fds.push_back({std::string(s.fd), std::string(s.target)});
    }
    if (w.cmdline) {  // read for processes with sockets only
      Result<std::string>& cmd = *w.cmdline;
      if (cmd.ok()) {
        if (scope == CmdlineScope::argv0) {
          size_t nul = cmd->find('\0');
          if (nul != std::string::npos) cmd->resize(nul + 1);
        }
        p.cmdline = std::move(cmd);
      } else {
        p.cmdline = Result<std::string>(Error{cmd.code(), cmd.error().sys_errno, {}});
      }
    }
    walk.procs.push_back(std::move(p));
  }, options.processes ? &*options.processes : nullptr);
  if (!walked.ok() && walked.code() != Errc::not_found) {
    walk.proc_error = Error{walked.code(), walked.error().sys_errno, {}};
  }
  return walk;
}

std::optional<std::set<std::string>> Recorder::netns_interfaces() const {
  std::optional<std::set<std::string>> names;
  if (const std::string* dev = file(read_plan::path(read_plan::NetFile::dev).substr(1))) {
    names.emplace();
    for (const formats::ProcNetDevRow& row : formats::parse_proc_net_dev(*dev).rows) {
      if (!row.name.empty()) names->emplace(base_interface(row.name));
    }
  }
  if (!snapshot_interfaces_supported()) return names;
  Result<std::vector<std::string>> labels = m_root.interface_labels();
  if (labels.ok()) {
    if (!names) names.emplace();
    for (const std::string& l : *labels) names->emplace(base_interface(l));
  }
  return names;
}

void Recorder::sys_class_net() {
  Result<std::vector<DirEntry>> listed = m_root.list_dir("/sys/class/net");
  if (!listed.ok()) {
    if (listed.code() == Errc::not_found) {
      absent("sys/class/net");
    } else {
      unreadable("sys/class/net", listed.error());
    }
    return;
  }
  // A sysfs naming an interface this network namespace does not have
  // belongs to another namespace (`unshare -n` keeps the host's /sys):
  // none of it describes this one.
  if (std::optional<std::set<std::string>> netns = netns_interfaces()) {
    for (const DirEntry& e : *listed) {
      if (e.type != FileType::regular && netns->count(e.name) == 0) {
        unreadable("sys/class/net", Error{Errc::not_captured, 0, {}});
        return;
      }
    }
  }
  add("sys/class/net", FileType::directory, {});
  for (const DirEntry& e : *listed) {
    if (e.type == FileType::regular) continue;  // bonding_masters
    std::string dir = "sys/class/net/" + e.name;
    if (!portable_path(dir)) continue;
    bool added = false;
    for (const std::string& attr : kSysNetAttrs) {
      std::string p = dir + "/" + attr;
      Result<std::string> r = m_root.read_file("/" + p);
      if (r.ok()) {
        if (!added) add(dir, FileType::directory, {});
        added = true;
        add(p, FileType::regular, std::move(*r));
      } else if (r.code() == Errc::not_a_directory) {
        break;
      } else if (r.code() == Errc::not_found) {
        absent(std::move(p));
      } else {
        unreadable(p, r.error());
      }
    }
  }
}

void Recorder::etc() {
  for (const std::string& f : kEtcFiles) {
    std::string p = "etc/" + f;
    Result<std::string> r = m_root.read_file("/" + p);
    if (r.ok()) {
      add(p, FileType::regular, std::move(*r));
    } else if (r.code() == Errc::not_found) {
      absent(p);
    } else {
      unreadable(p, r.error());
    }
  }
}

void Recorder::process_table(const ProcessWalk& walk) {
  if (walk.proc_error) unreadable("proc", *walk.proc_error);
  add(std::string(kProcessTablePath), FileType::regular,
      serialize_process_table(walk.procs));
}

void Recorder::hash_members() {
  for (BundleMember& m : m_rec.members) {
    if (m.type == FileType::regular && m.sha256.empty()) m.sha256 = sha256_hex(m.data);
  }
}

void Recorder::interfaces() {
  if (!snapshot_interfaces_supported()) return;
  Result<std::vector<std::string>> labels = m_root.interface_labels();
  if (!labels.ok() && labels.code() == Errc::not_captured) return;
  std::set<std::string> names;
  if (labels.ok()) names.insert(labels->begin(), labels->end());
  if (const std::string* dev = file(read_plan::path(read_plan::NetFile::dev).substr(1))) {
    for (const formats::ProcNetDevRow& row : formats::parse_proc_net_dev(*dev).rows) {
      if (!row.name.empty()) names.insert(row.name);
    }
  }
  SnapshotInterfaces ifs;
  ifs.set_labels(std::move(labels));
  for (const std::string& n : names) ifs.add_info(n, m_root.interface_info(n));
  add(std::string(kInterfacesPath), FileType::regular,
      snapshot_interfaces_to_json(ifs));
}

void Recorder::names() {
  std::set<uint32_t> uids;
  for (const read_plan::NetFileInfo& col : read_plan::kNetFiles) {
    if (col.uid_column < 0) continue;
    const std::string* text = file(col.path.substr(1));  // archive path
    if (text == nullptr) continue;
    size_t pos = text->find('\n');  // skip the header line
    while (pos != std::string::npos && pos < text->size()) {
      size_t nl = text->find('\n', pos + 1);
      std::string_view line(text->data() + pos + 1,
                            (nl == std::string::npos ? text->size() : nl) - pos - 1);
      pos = nl;
      size_t field = 0;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        if (j > i && field++ == static_cast<size_t>(col.uid_column)) {
          uint32_t uid = 0;
          auto [p, ec] = std::from_chars(line.data() + i, line.data() + j, uid);
          if (ec == std::errc() && p == line.data() + j) uids.insert(uid);
          break;
        }
        i = j;
      }
    }
  }
  RecordedNames rec;
  for (uint32_t uid : uids) rec.users[uid] = m_root.names().user_by_uid(uid);
  add(std::string(kNamesPath), FileType::regular, recorded_names_to_json(rec));
}

}  // namespace

const std::vector<std::string>& recorded_proc_net_names() {
  static const std::vector<std::string> names = proc_net_names();
  return names;
}

std::string utc_text(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto ms = floor<milliseconds>(t.time_since_epoch());
  auto secs = floor<seconds>(ms);  // toward minus infinity: the fraction stays >= 0
  std::time_t whole = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  ::gmtime_r(&whole, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>((ms - secs).count()));
  return buf;
}

Result<Recording> record(const Root& root, const RecordOptions& options) {
  std::chrono::system_clock::time_point start = options.clock();
  Recorder r(root, options);
  ProcessWalk walk;
  if (options.threads == Threads::two) {
    // The fd walk and the /proc/net reads are both kernel-bound: run them on
    // two cores, and hash the files while the walk goes on.
    std::future<ProcessWalk> walker = std::async(
        std::launch::async, walk_processes, std::cref(root), std::cref(options));
    Result<void> net = r.proc_net();
    if (net.ok()) r.hash_members();
    walk = walker.get();
    NETSTAT_TRY(net);
  } else {
    NETSTAT_TRY(r.proc_net());
    walk = walk_processes(root, options);
  }
  r.sys_class_net();
  r.etc();
  r.process_table(walk);
  r.interfaces();
  r.names();
  std::chrono::system_clock::time_point end = options.clock();

  SystemIdentity id = root.identity();
  Manifest& m = r.manifest();
  m.tool = options.tool;
  m.tool_version = options.tool_version;
  m.hostname = id.hostname;
  m.kernel_release = id.kernel_release;
  m.euid = id.euid;
  m.clk_tck = id.clk_tck;
  m.capture_start = utc_text(start);
  m.capture_end = utc_text(end);
  if (SourceInfo src = root.source_info(); !src.captured_at.empty()) {
    // Converting a foreign tree that says when it was taken (a sosreport):
    // the bundle carries that moment, not the conversion's.
    m.capture_start = src.captured_at;
    m.capture_end = src.captured_at;
  }
  m.source = options.source;
  m.full_cmdline = options.cmdline == CmdlineScope::full;
  m.views = {ManifestView{}};
  m.views[0].time = m.capture_start;
  Recording rec = r.take();
  finalize_recording(rec);
  return rec;
}

}  // namespace netstat
