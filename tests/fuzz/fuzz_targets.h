// The fuzz targets: one function per untrusted-input reader, each taking the
// raw bytes of a file as found in a bundle or a --root tree.
//
// Header-only on purpose: tests/fuzz/fuzz_main.cc builds one libFuzzer
// executable per target (fuzz_<name>, clang, -DNETSTAT_FUZZ=ON), and
// tests/replay/fuzz_corpus_test.cc runs every file of testdata/fuzz/<name>/
// through the same function in the ordinary gtest suite (gcc, and under
// ASan+UBSan in CI's sanitizer build), so corpora and crash reproducers keep
// being checked where no fuzzer runs.
//
// One target per format (not one dispatching target): each gets its own
// corpus of real files and its own coverage; formats a target groups
// (tcp/udp/raw, eps/assocs/snmp, the legacy families) share a text layout.
// Adding a parser: add a function here and a row to kFuzzTargets, then seeds
// in testdata/fuzz/<name>/ (see docs/hostile-input.md).
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "capture/redacting_root.h"
#include "capture/redactor.h"
#include "formats/etc_files.h"
#include "formats/ip_link_text.h"
#include "formats/ip_route_text.h"
#include "formats/netstat_owners.h"
#include "formats/netstat_sockets.h"
#include "formats/proc_net_dev.h"
#include "formats/proc_net_if_inet6.h"
#include "formats/proc_net_igmp.h"
#include "formats/proc_net_inet.h"
#include "formats/proc_net_ipv6_route.h"
#include "formats/proc_net_legacy.h"
#include "formats/proc_net_legacy_route.h"
#include "formats/proc_net_masquerade.h"
#include "formats/proc_net_route.h"
#include "formats/proc_net_rt_cache.h"
#include "formats/proc_net_sctp.h"
#include "formats/proc_net_sctp_snmp.h"
#include "formats/proc_net_snmp.h"
#include "formats/proc_net_snmp6.h"
#include "formats/proc_net_unix.h"
#include "formats/sos_metadata.h"
#include "formats/netlink_messages.h"
#include "formats/sock_diag.h"
#include "formats/stats_labels.h"
#include "replay/archive_reader.h"
#include "replay/bundle_index.h"
#include "replay/bundle_manifest.h"
#include "replay/interfaces_json.h"
#include "replay/process_table.h"
#include "replay/recorded_names.h"
#include "replay/snapshot_interfaces.h"
#include "replay/snapshot_root.h"
#include "replay/sos_netns.h"
#include "replay/memory_root.h"
#include "replay/tree_interfaces.h"

namespace netstat::fuzz {

/// Keeps results observable so nothing is optimized away, and touches every
/// byte of views into the input (ASan then checks they are in bounds).
inline volatile uint64_t g_sink = 0;
inline void touch(std::string_view s) {
  uint64_t h = s.size();
  for (char c : s) h = h * 31 + static_cast<unsigned char>(c);
  g_sink = g_sink + h;
}
inline void touch(uint64_t v) { g_sink = g_sink + v; }

/// A property that must hold; a violation is a finding. libFuzzer builds
/// trap (the fuzzer saves the input); the corpus test replaces the handler
/// to report a gtest failure naming the file.
inline void (*g_violation)(const char* what) = [](const char*) { __builtin_trap(); };
inline void expect(bool ok, const char* what) {
  if (!ok) g_violation(what);
}

// --- formats/ ---

inline void fuzz_proc_net_inet(std::string_view data) {
  using formats::InetKind;
  for (InetKind kind : {InetKind::tcp, InetKind::udp, InetKind::raw}) {
    formats::InetTable t = formats::parse_proc_net_inet(data, kind);
    for (const formats::InetRow& r : t.rows) {
      touch(r.local_port + r.remote_port + r.state + r.inode + r.fields);
    }
    touch(t.issues.size());
  }
}

inline void fuzz_proc_net_unix(std::string_view data) {
  formats::UnixTable t = formats::parse_proc_net_unix(data);
  for (const formats::UnixRow& r : t.rows) touch(r.path);
  touch(t.issues.size() + (t.has_inode ? 1 : 0));
}

/// One recvmsg's worth of a sock_diag dump (as the kernel, or anyone who
/// could forge it, sends it): every message decoded every way.
inline void fuzz_sock_diag(std::string_view data) {
  formats::for_each_netlink_message(
      data, [](const formats::NetlinkHeader& h, std::string_view payload) {
        touch(h.type);
        for (formats::InetKind kind :
             {formats::InetKind::tcp, formats::InetKind::udp, formats::InetKind::raw}) {
          for (formats::InetFamily family :
               {formats::InetFamily::inet, formats::InetFamily::inet6}) {
            for (bool timers : {false, true}) {
              formats::InetDiagDecode how;
              how.kind = kind;
              how.family = family;
              how.timers = timers;
              formats::InetRow row;
              if (formats::decode_inet_diag(payload, how, row) ==
                  formats::DiagRowStatus::row) {
                touch(row.local_port + row.remote_port + row.inode + row.retransmits);
              }
            }
          }
        }
        formats::for_each_netlink_attribute(payload, 72, [](uint16_t t, std::string_view v) {
          touch(t);
          touch(v);
        });
        return true;
      });
}

inline void fuzz_proc_net_sctp(std::string_view data) {
  formats::SctpEndpointTable eps = formats::parse_proc_net_sctp_eps(data);
  for (const formats::SctpEndpointRow& r : eps.rows) {
    for (std::string_view a : r.addresses) {
      touch(a);
      touch(formats::decode_sctp_address(a).bytes[0]);
    }
  }
  formats::SctpAssocTable assocs = formats::parse_proc_net_sctp_assocs(data);
  for (const formats::SctpAssocRow& r : assocs.rows) {
    for (std::string_view a : r.local_addresses) {
      touch(formats::decode_sctp_address(a).bytes[15]);
    }
    for (std::string_view a : r.remote_addresses) {
      touch(formats::decode_sctp_address(a).bytes[3]);
    }
  }
  for (const formats::SctpCounter& c : formats::parse_proc_net_sctp_snmp(data)) {
    touch(c.name);
  }
  touch(eps.issues.size() + assocs.issues.size());
}

inline void fuzz_proc_net_igmp(std::string_view data) {
  // igmp and igmp6 are read one after the other with one state.
  formats::IgmpState state;
  formats::IgmpTable a = formats::parse_proc_net_igmp(data, state);
  formats::IgmpTable b = formats::parse_proc_net_igmp(data, state);
  touch(a.rows.size() + a.issues.size() + b.rows.size() + b.issues.size());
}

inline void fuzz_proc_net_route(std::string_view data) {
  formats::Ipv4RouteTable t = formats::parse_proc_net_route(data);
  touch(t.routes.size());
}

inline void fuzz_proc_net_ipv6_route(std::string_view data) {
  formats::Ipv6RouteTable t = formats::parse_proc_net_ipv6_route(data);
  touch(t.routes.size());
}

inline void fuzz_proc_net_rt_cache(std::string_view data) {
  formats::RtCacheTable t = formats::parse_proc_net_rt_cache(data);
  touch(t.rows.size());
}

inline void fuzz_proc_net_snmp(std::string_view data) {
  // /proc/net/snmp and /proc/net/netstat share the layout and the labels.
  formats::SnmpFile f = formats::parse_proc_net_snmp(data);
  for (const formats::SnmpSection& s : f.sections) {
    touch(s.title);
    const formats::LabelTable* table =
        formats::find_label_table(formats::LabelSet::ipv4, s.title);
    for (std::string_view name : s.names) {
      touch(name);
      if (table != nullptr) touch(formats::find_label(*table, name) != nullptr);
    }
  }
}

inline void fuzz_proc_net_snmp6(std::string_view data) {
  for (const formats::Snmp6Counter& c : formats::parse_proc_net_snmp6(data)) {
    touch(c.name);
    std::string_view section = formats::snmp6_section_of(c.name);
    touch(section);
    if (const formats::LabelTable* table =
            formats::find_label_table(formats::LabelSet::ipv6, section)) {
      touch(formats::find_label(*table, c.name) != nullptr);
    }
  }
}

inline void fuzz_proc_net_dev(std::string_view data) {
  formats::ProcNetDev d = formats::parse_proc_net_dev(data);
  for (const formats::ProcNetDevRow& r : d.rows) {
    touch(r.name);
    formats::DevCounters c = formats::row_counters(r, d.version);
    touch(c.rx_bytes);
  }
}

inline void fuzz_proc_net_if_inet6(std::string_view data) {
  formats::ProcNetIfInet6 f = formats::parse_proc_net_if_inet6(data);
  for (const formats::IfInet6Entry& e : f.entries) {
    touch(e.name);
    touch(formats::if_inet6_scope_tags(e.scope));
    touch(formats::if_inet6_address(e).has_value());
  }
}

inline void fuzz_proc_net_masquerade(std::string_view data) {
  formats::MasqTable t = formats::parse_proc_net_masquerade(data);
  touch(t.entries.size());
}

inline void fuzz_proc_net_legacy(std::string_view data) {
  touch(formats::parse_proc_net_ipx(data).size());
  touch(formats::parse_proc_net_ax25(data).size());
  touch(formats::parse_proc_net_nr(data).size());
  touch(formats::parse_proc_net_x25(data).size());
  touch(formats::parse_proc_net_rose(data).size());
}

/// The legacy families' routing tables (-r -A ipx|ax25|netrom|rose|x25|ddp).
/// NET/ROM and ROSE read two files: the input is NODES, a NUL byte, NEIGH.
inline void fuzz_proc_net_legacy_route(std::string_view data) {
  size_t nul = data.find('\0');
  std::string_view nodes = data.substr(0, nul);
  std::string_view neigh =
      nul == std::string_view::npos ? std::string_view() : data.substr(nul + 1);
  for (const formats::IpxRouteRow& r : formats::parse_proc_net_ipx_route(data)) {
    touch(r.network + r.router_network + r.router_node[5]);
  }
  for (const formats::Ax25RouteRow& r : formats::parse_proc_net_ax25_route(data)) {
    touch(r.dest);
    touch(r.device);
  }
  for (const formats::NetromRouteRow& r :
       formats::parse_proc_net_nr_nodes(nodes, neigh)) {
    touch(r.dest);
    touch(r.mnemonic);
    touch(r.neigh_call);
    touch(r.neigh_device);
  }
  for (const formats::RoseRouteRow& r :
       formats::parse_proc_net_rose_nodes(nodes, neigh)) {
    touch(r.dest);
    for (const formats::RoseNeighbour& n : r.neighbours) {
      touch(n.call);
      touch(n.device);
    }
  }
  for (const formats::X25RouteRow& r : formats::parse_proc_net_x25_route(data)) {
    touch(r.address);
    touch(r.device);
  }
  for (const formats::DdpRouteRow& r : formats::parse_proc_net_atalk_route(data)) {
    touch(r.target);
    touch(r.gateway);
    touch(r.device);
  }
}

inline void fuzz_etc_files(std::string_view data) {
  for (const formats::HostsEntry& e : formats::parse_hosts(data)) touch(e.name);
  touch(formats::parse_networks(data).size());
  for (const formats::ServiceLine& s : formats::parse_services(data)) touch(s.name);
  touch(formats::parse_protocols(data).size());
  for (const formats::PasswdLine& p : formats::parse_passwd(data)) touch(p.name);
  for (std::string_view db : {"hosts", "networks", "passwd", "services"}) {
    touch(formats::nsswitch_uses_files(data, db));
    touch(static_cast<int>(formats::nsswitch_files_order(data, db)));
  }
  // The address helpers, over every whitespace-separated word.
  size_t i = 0;
  while (i < data.size()) {
    size_t j = data.find_first_of(" \t\n", i);
    if (j == std::string_view::npos) j = data.size();
    std::string_view word = data.substr(i, j - i);
    touch(formats::parse_ipv4_strict(word).value_or(0));
    touch(formats::parse_ipv6(word).has_value());
    touch(formats::parse_inet_network(word).value_or(0));
    touch(formats::parse_inet_aton(word).value_or(0));
    i = j + 1;
  }
}

// --- bundle files (replay/) ---

inline void fuzz_manifest(std::string_view data) {
  Result<Manifest> m = parse_manifest(data);
  if (!m.ok()) {
    touch(m.error().message);
    return;
  }
  // Without its member list (replay's parse: the list cut out of the text
  // by a structural scan) it is the same manifest, entries aside.
  Result<Manifest> lean = parse_manifest(data, ManifestParts::without_entries);
  Manifest expect_lean = *m;
  expect_lean.entries.clear();
  expect(lean.ok() && manifest_to_json(*lean) == manifest_to_json(expect_lean),
         "manifest: the parse without entries differs from the full parse");
  // A parsed manifest must serialize and parse back to the same text.
  std::string json = manifest_to_json(*m);
  Result<Manifest> again = parse_manifest(json);
  expect(again.ok() && manifest_to_json(*again) == json,
         "manifest: parse(to_json(parse(x))) differs from parse(x)");
}

inline void fuzz_process_table(std::string_view data) {
  Result<ProcessTable> t = ProcessTable::parse(std::string(data));
  if (!t.ok()) {
    touch(t.error().message);
    return;
  }
  for (const ProcessTable::Process& p : t->processes()) {
    touch(p.pid);
    touch(p.cmdline);
    expect(t->find(p.pid) != nullptr, "process table: a listed pid is not found");
    for (const ProcessTable::Fd* f = t->fds_begin(p); f != t->fds_end(p); ++f) {
      touch(f->name);
      touch(f->target);
    }
  }
}

inline void fuzz_names_json(std::string_view data) {
  Result<RecordedNames> n = parse_recorded_names(data);
  if (!n.ok()) {
    touch(n.error().message);
    return;
  }
  std::string json = recorded_names_to_json(*n);
  Result<RecordedNames> again = parse_recorded_names(json);
  expect(again.ok() && recorded_names_to_json(*again) == json,
         "names.json: parse(to_json(parse(x))) differs from parse(x)");
}

inline void fuzz_interfaces_json(std::string_view data) {
  Result<InterfaceSnapshot> snap = interfaces_from_json(data);
  if (!snap.ok()) {
    touch(snap.error().message);
  } else {
    for (const IfaceInfo& i : snap->infos) touch(i.name);
    // What was read must be written and read back to the same text.
    std::string json = interfaces_to_json_text(*snap);
    Result<InterfaceSnapshot> again = interfaces_from_json(json);
    expect(again.ok() && interfaces_to_json_text(*again) == json,
           "interfaces.json: parse(to_json(parse(x))) differs from parse(x)");
  }
  // The adapter SnapshotRoot uses.
  Result<SnapshotInterfaces> ifs = parse_snapshot_interfaces(data);
  if (!ifs.ok()) return;
  Result<std::vector<std::string>> labels = ifs->labels();
  if (labels.ok()) {
    for (const std::string& l : *labels) touch(ifs->info(l).ok());
  }
}

// --- the archive root: bytes -> bundle -> every path it lists ---

/// Parses \a data with the parser that reads files named \a base, the way a
/// mode would after reading it from a root.
inline void parse_as(std::string_view base, std::string_view data) {
  static constexpr std::string_view kInet[] = {
      "tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6"};
  for (std::string_view n : kInet) {
    if (base == n) return fuzz_proc_net_inet(data);
  }
  if (base == "unix") return fuzz_proc_net_unix(data);
  if (base == "igmp" || base == "igmp6") return fuzz_proc_net_igmp(data);
  if (base == "route") return fuzz_proc_net_route(data);
  if (base == "ipv6_route") return fuzz_proc_net_ipv6_route(data);
  if (base == "rt_cache") return fuzz_proc_net_rt_cache(data);
  if (base == "snmp" || base == "netstat") return fuzz_proc_net_snmp(data);
  if (base == "snmp6") return fuzz_proc_net_snmp6(data);
  if (base == "dev") return fuzz_proc_net_dev(data);
  if (base == "if_inet6") return fuzz_proc_net_if_inet6(data);
  if (base == "eps" || base == "assocs") return fuzz_proc_net_sctp(data);
  if (base == "ip_masquerade") return fuzz_proc_net_masquerade(data);
  if (base == "ipx" || base == "ax25" || base == "nr" || base == "x25" ||
      base == "rose") {
    return fuzz_proc_net_legacy(data);
  }
  if (base == "ipx_route" || base == "ax25_route" || base == "nr_nodes" ||
      base == "rose_nodes" || base == "x25_routes" || base == "atalk_route") {
    return fuzz_proc_net_legacy_route(data);
  }
}

/// Visits every path a root lists, with bounds on depth and entry count
/// (symlinked folders can make the tree cyclic).
class RootWalker {
 public:
  explicit RootWalker(const Root& root) : m_root(root) {}

  void walk() {
    visit_dir("/", 0);
    // What the modes ask outside the tree walk.
    Result<std::vector<std::string>> labels = m_root.interface_labels();
    if (labels.ok()) {
      for (const std::string& l : *labels) touch(m_root.interface_info(l).ok());
    }
    for (std::string_view n : {"lo", "eth0", "", "x"}) {
      touch(m_root.interface_info(n).ok());
    }
    const NameService& ns = m_root.names();
    for (uint32_t uid : {0u, 1u, 1000u, 65534u, 4294967295u}) {
      touch(ns.user_by_uid(uid).value_or(""));
    }
    touch(ns.host_by_addr4(0x0100007f).value_or(""));
    touch(ns.net_by_addr(0x0a000000).value_or(""));
    in6_addr loop6{};
    loop6.s6_addr[15] = 1;
    touch(ns.host_by_addr6(loop6).value_or(""));
    touch(ns.services().size());
    touch(ns.protocols().size());
    SystemIdentity id = m_root.identity();
    touch(id.hostname);
    touch(m_root.description());
  }

 private:
  static constexpr int kMaxDepth = 12;
  static constexpr size_t kMaxVisits = 20000;

  void visit_dir(const std::string& dir, int depth) {
    if (depth > kMaxDepth || ++m_visits > kMaxVisits) return;
    Result<std::vector<DirEntry>> entries = m_root.list_dir(dir);
    if (!entries.ok()) {
      touch(entries.error().message);
      return;
    }
    // The -p walk reads fd/ folders in one go.
    Result<std::vector<LinkEntry>> links = m_root.read_links(dir);
    if (links.ok()) {
      for (const LinkEntry& l : *links) touch(l.target.ok() ? *l.target : l.name);
    }
    std::string prefix = dir == "/" ? std::string("/") : dir + "/";
    for (const DirEntry& e : *entries) {
      if (++m_visits > kMaxVisits) return;
      std::string path = prefix + e.name;
      visit(path, e, depth);
    }
  }

  void visit(const std::string& path, const DirEntry& e, int depth) {
    if (e.type == FileType::directory) {
      visit_dir(path, depth + 1);
      return;
    }
    if (e.type == FileType::symlink) {
      Result<std::string> target = m_root.read_link(path);
      if (target.ok()) touch(*target);
    }
    Result<std::string> data = m_root.read_file(path);
    if (data.ok()) {
      size_t slash = path.rfind('/');
      parse_as(std::string_view(path).substr(slash + 1), *data);
    } else if (data.code() == Errc::is_a_directory && depth < 3) {
      visit_dir(path, depth + 1);  // a symlinked folder (proc/net -> self/net)
    }
  }

  const Root& m_root;
  size_t m_visits = 0;
};

/// Small caps: the fuzzer must neither run out of memory nor time out on
/// inputs the reader is right to accept (the defaults are for real hosts).
inline ArchiveLimits fuzz_archive_limits() {
  ArchiveLimits l;
  l.max_entry_size = size_t{1} << 20;
  l.max_total_size = size_t{8} << 20;
  l.max_entries = 20000;
  return l;
}

inline void fuzz_archive(std::string_view data) {
  Result<std::vector<ArchiveEntry>> entries =
      decode_archive(data, "fuzz.tar", fuzz_archive_limits());
  if (!entries.ok()) {
    touch(entries.error().message);
    return;
  }
  strip_single_top_folder(*entries);
  std::unique_ptr<MemoryRoot> tree =
      make_memory_root(std::move(*entries), "fuzz.tar");
  Result<std::unique_ptr<SnapshotRoot>> root =
      SnapshotRoot::open(std::move(tree), "fuzz.tar");
  if (!root.ok()) {
    touch(root.error().message);
    return;
  }
  RootWalker(**root).walk();
  // Replay of one view of a series: only the members of views/a (and what
  // its links reach) are kept.
  ArchiveSelection select;
  select.choose = [](std::string_view) -> std::optional<std::vector<std::string>> {
    return std::vector<std::string>{"views/a"};
  };
  Result<std::vector<ArchiveEntry>> some =
      decode_archive(data, "fuzz.tar", fuzz_archive_limits(), &select);
  if (some.ok()) {
    std::unique_ptr<MemoryRoot> part = make_memory_root(std::move(*some), "fuzz.tar");
    (void)part->read_file("/views/a/proc/net/tcp");
    (void)part->list_dir("/views/a");
  }
}


/// A bundle file with a segment index (replay/bundle_index.h): the index
/// parse holds its invariants, and the replay read of one view through it
/// (or through the whole-file fallback) never fails other than cleanly.
inline void fuzz_bundle_index(std::string_view data) {
  Result<std::optional<BundleIndex>> found = find_bundle_index(data);
  if (!found.ok()) touch(found.error().message);
  if (found.ok() && *found) {
    const BundleIndex& index = **found;
    uint64_t at = 0;
    for (size_t i = 0; i < index.segments.size(); ++i) {
      const BundleSegment& s = index.segments[i];
      expect(s.offset == at && s.size != 0, "index: segments do not tile the stream");
      at += s.size;
      for (uint32_t d : s.deps) expect(d < i, "index: a dependency is not earlier");
    }
    expect(at == index.frame_offset && at <= data.size(), "index: segments overrun the file");
    std::vector<size_t> picked = segments_for(index, {"views/f2", ""});
    expect(std::is_sorted(picked.begin(), picked.end()) &&
               (picked.empty() || (picked.front() >= 1 && picked.back() < index.segments.size())),
           "index: segments_for out of order or range");
  }
  int fd = ::memfd_create("bundle", MFD_CLOEXEC);
  if (fd < 0) return;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ArchiveSelection select;
  select.choose = [](std::string_view) -> std::optional<std::vector<std::string>> {
    return std::vector<std::string>{"views/f2"};
  };
  Result<std::unique_ptr<MemoryRoot>> root = open_archive_root(
      "/proc/self/fd/" + std::to_string(fd), fuzz_archive_limits(), &select);
  if (root.ok()) {
    (void)(*root)->read_file("/views/f2/proc/net/tcp");
    (void)(*root)->list_dir("/views/f2");
  } else {
    touch(root.error().message);
  }
  ::close(fd);
}

// --- sosreport text (replay/tree_interfaces.h, replay/sos_owners.h,
// replay/tree_identity.h) ---

/// iproute2's `ip [-d] [-s] address|link` text: the parser, then the
/// interface answers rebuilt from it as the address and as the link text
/// of a tree.
inline void fuzz_ip_link_text(std::string_view data) {
  for (const formats::IpLink& l : formats::parse_ip_link_text(data)) {
    touch(l.name);
    touch(l.name_field);
    expect(!l.name.empty(), "ip text: a link without a name");
    for (const formats::IpInet4& a : l.inet) {
      expect(a.prefix_len >= 0 && a.prefix_len <= 32, "ip text: IPv4 prefix out of range");
      touch(a.label);
    }
    for (const formats::IpInet6& a : l.inet6) {
      expect(a.prefix_len >= 0 && a.prefix_len <= 128, "ip text: IPv6 prefix out of range");
    }
    for (const auto& [k, v] : l.stats) touch(k);
  }
  for (std::string_view path : {"/sos_commands/networking/ip_-d_address",
                                "/sos_commands/networking/ip_-s_-d_link"}) {
    MemoryRoot tree;
    tree.add_file(path, std::string(data));
    std::optional<SnapshotInterfaces> ifs = tree_interfaces(tree);
    if (!ifs) continue;
    Result<std::vector<std::string>> labels = ifs->labels();
    expect(labels.ok(), "ip text: rebuilt interfaces without labels");
    for (const std::string& l : *labels) {
      expect(ifs->info(l).ok(), "ip text: a label without an answer");
    }
  }
}

/// Saved `netstat -p`, `ss -peaonmi` and `lsof` output (the three owner
/// parsers on the same bytes).
inline void fuzz_netstat_owners(std::string_view data) {
  for (auto parse : {formats::parse_netstat_owners, formats::parse_ss_owners,
                     formats::parse_lsof_owners}) {
    for (const formats::SocketOwner& o : parse(data)) {
      expect(!o.pid.empty() && std::all_of(o.pid.begin(), o.pid.end(),
                                           [](char c) { return c >= '0' && c <= '9'; }),
             "socket owners: a PID that is not decimal");
      touch(o.program);
    }
  }
}

/// Saved `netstat -W -neopa` text as a sosreport keeps it per named
/// namespace: the rows, and the namespace view's /proc/net tables rebuilt
/// from them, which must read back (proc_net_inet, proc_net_unix) as the
/// very values the text gave.
inline void fuzz_netstat_sockets(std::string_view data) {
  formats::SavedSockets s = formats::parse_netstat_sockets(data);
  auto inside = [&](std::string_view v) {
    return v.empty() || (v.data() >= data.data() && v.data() + v.size() <= data.data() + data.size());
  };
  for (const formats::SavedInetRow& r : s.inet) {
    expect(inside(r.local) && inside(r.foreign) && inside(r.state) && inside(r.user) &&
               inside(r.owner) && inside(r.timer),
           "netstat sockets: a cell outside the text");
    touch(r.owner);
    touch(r.timer);
  }
  for (const formats::SavedUnixRow& r : s.unix_sockets) {
    expect(inside(r.owner) && inside(r.row.path), "netstat sockets: a unix cell outside the text");
    touch(r.row.path);
  }
  // The same bytes as saved `netstat -agn` text.
  formats::SavedGroups groups = formats::parse_netstat_groups(data);
  for (const formats::SavedGroup& g : groups.rows) {
    expect(inside(g.device), "netstat groups: a device outside the text");
    touch(g.device);
  }
  auto tree = std::make_shared<MemoryRoot>();
  tree->add_file("/sos_commands/networking/ip_netns", "fz\n");
  tree->add_file(sos_netns_neopa_path("fz"), std::string(data));
  tree->add_file("/sos_commands/networking/ip_netns_exec_fz_netstat_-W_-agn", std::string(data));
  Result<std::unique_ptr<Root>> view = open_sos_netns(tree, "fz");
  expect(view.ok(), "netstat sockets: the view did not open");
  if (!view.ok()) return;
  for (std::string_view file : {"tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6"}) {
    Result<std::string> text = (*view)->read_file("/proc/net/" + std::string(file));
    expect(text.ok(), "netstat sockets: a rebuilt table is missing");
    if (!text.ok()) continue;
    formats::InetKind kind = file.substr(0, 3) == "tcp"   ? formats::InetKind::tcp
                             : file.substr(0, 3) == "raw" ? formats::InetKind::raw
                                                          : formats::InetKind::udp;
    formats::InetTable t = formats::parse_proc_net_inet(*text, kind);
    expect(t.issues.empty(), "netstat sockets: a rebuilt line does not parse");
    size_t i = 0;
    for (const formats::SavedInetRow& r : s.inet) {
      if (!r.numeric || formats::proc_file_of(r.proto) != file) continue;
      expect(i < t.rows.size(), "netstat sockets: a row was not rebuilt");
      if (i >= t.rows.size()) break;
      const formats::InetRow& got = t.rows[i++];
      expect(got.family == r.row.family && got.local == r.row.local &&
                 got.remote == r.row.remote && got.local_port == r.row.local_port &&
                 got.remote_port == r.row.remote_port && got.state == r.row.state &&
                 got.tx_queue == r.row.tx_queue && got.rx_queue == r.row.rx_queue &&
                 got.timer_active == r.row.timer_active && got.timer_when == r.row.timer_when &&
                 got.uid == r.row.uid && got.timeout == r.row.timeout &&
                 got.inode == r.row.inode &&
                 (kind == formats::InetKind::udp || got.retransmits == r.row.retransmits),
             "netstat sockets: a rebuilt row reads back different");
    }
    expect(i == t.rows.size(), "netstat sockets: a rebuilt table has extra rows");
  }
  if (Result<std::string> igmp = (*view)->read_file("/proc/net/igmp"); igmp.ok()) {
    // Rebuilt groups read back as the rows they came from, by family.
    formats::IgmpState st;
    formats::IgmpTable t4 = formats::parse_proc_net_igmp(*igmp, st);
    Result<std::string> igmp6 = (*view)->read_file("/proc/net/igmp6");
    expect(igmp6.ok(), "netstat groups: igmp without igmp6");
    formats::IgmpTable t6 = formats::parse_proc_net_igmp(igmp6.ok() ? *igmp6 : "", st);
    size_t n4 = 0, n6 = 0;
    for (const formats::SavedGroup& g : groups.rows) (g.v6 ? n6 : n4)++;
    expect(t4.issues.empty() && t6.issues.empty() && t4.rows.size() == n4 && t6.rows.size() == n6,
           "netstat groups: rebuilt igmp tables read back different");
  }
  Result<std::string> unix_text = (*view)->read_file("/proc/net/unix");
  expect(unix_text.ok(), "netstat sockets: no rebuilt unix table");
  if (!unix_text.ok()) return;
  formats::UnixTable u = formats::parse_proc_net_unix(*unix_text);
  expect(u.issues.empty() && u.rows.size() == s.unix_sockets.size(),
         "netstat sockets: the rebuilt unix table reads back different");
  for (size_t i = 0; i < u.rows.size() && i < s.unix_sockets.size(); ++i) {
    const formats::UnixRow& a = u.rows[i];
    const formats::UnixRow& b = s.unix_sockets[i].row;
    expect(a.refcount == b.refcount && a.flags == b.flags && a.type == b.type &&
               a.state == b.state && a.inode == b.inode && a.path == b.path,
           "netstat sockets: a rebuilt unix row reads back different");
  }
}

/// `ip route show table all` text (a sosreport's, per named namespace): the
/// IPv4 main table, and its /proc/net/route text, which must read back as
/// the same routes.
inline void fuzz_ip_route_text(std::string_view data) {
  std::optional<std::vector<formats::Ipv4Route>> routes = formats::parse_ip_route_main(data);
  if (!routes) return;
  std::string file = formats::proc_net_route_text(*routes);
  formats::Ipv4RouteTable t = formats::parse_proc_net_route(file);
  expect(t.status == formats::Ipv4RouteTable::Status::ok && t.routes.size() == routes->size(),
         "ip route text: the rebuilt /proc/net/route reads back different");
  for (size_t i = 0; i < t.routes.size() && i < routes->size(); ++i) {
    expect(t.routes[i] == (*routes)[i], "ip route text: a rebuilt route reads back different");
  }
}

/// The sos metadata files: version.txt, sos_reports/manifest.json,
/// sos_logs/sos.log, hostname, uname -a, proc/version (each parser on the
/// same bytes).
inline void fuzz_sos_metadata(std::string_view data) {
  if (auto v = formats::sos_version_from_version_txt(data)) touch(*v);
  if (auto m = formats::parse_sos_manifest(data)) {
    touch(m->version);
    touch(m->start_time);
    touch(m->end_time);
  }
  if (auto t = formats::sos_time_to_iso(data)) {
    expect(t->size() >= 19 && (*t)[10] == 'T', "sos time: not ISO");
  }
  if (auto t = formats::first_sos_log_time(data)) {
    expect(t->size() >= 19 && (*t)[10] == 'T', "sos.log time: not ISO");
  }
  if (auto h = formats::host_name_from_file(data)) {
    expect(!h->empty() && h->size() <= 253, "host name: empty or too long");
  }
  if (auto k = formats::kernel_from_uname_a(data)) touch(*k);
  if (auto k = formats::kernel_from_proc_version(data)) touch(*k);
}

// --- the table ---

// --- capture/ ---

/// netstat redact's per-file rules (capture/redacting_root.h): the first
/// byte picks the file the rest is redacted as (its top bit:
/// --rename-interfaces). Nothing may crash, and a rewritten table keeps its
/// line count (rules rewrite fields, never lines;
/// etc/ files, which drop comments and malformed lines, excepted).
inline void fuzz_redact(std::string_view data) {
  static constexpr const char* kPaths[] = {
      "/proc/net/tcp",          "/proc/net/tcp6",     "/proc/net/unix",
      "/proc/net/route",        "/proc/net/rt_cache", "/proc/net/ipv6_route",
      "/proc/net/if_inet6",     "/proc/net/igmp",     "/proc/net/igmp6",
      "/proc/net/ip_masquerade", "/proc/net/nf_conntrack", "/proc/net/sctp/eps",
      "/proc/net/sctp/assocs",  "/proc/net/snmp",     "/proc/net/dev",
      "/proc/net/ax25",         "/sys/class/net/eth0/address", "/sys/class/net/eth0/mtu",
      "/etc/hosts",             "/etc/networks",      "/etc/passwd",
      "/etc/group",             "/etc/services",      "/proc/7/cmdline",
      "/proc/net/ipx/socket",   "/proc/net/ipx/route", "/proc/net/ipx/interface",
      "/proc/net/ax25_route",   "/proc/net/nr",       "/proc/net/nr_nodes",
      "/proc/net/nr_neigh",     "/proc/net/rose",     "/proc/net/rose_nodes",
      "/proc/net/rose_neigh",   "/proc/net/rose_routes", "/proc/net/x25",
      "/proc/net/x25/route",    "/proc/net/atalk_route",
  };
  if (data.empty()) return;
  // The first byte's low 7 bits pick the file; its top bit renames interfaces.
  auto pick = static_cast<unsigned char>(data[0]);
  const char* path = kPaths[(pick & 0x7f) % std::size(kPaths)];
  data.remove_prefix(1);
  static const RedactKey key = [] {
    RedactKey k{};
    for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i * 13 + 5);
    return k;
  }();
  RedactOptions options;
  options.keep_interfaces = (pick & 0x80) == 0;
  Redactor r(key, options);
  std::string rule;
  Result<std::string> out = redact_file(r, path, data, rule);
  if (!out.ok()) {
    touch(out.error().message);
    return;
  }
  touch(*out);
  std::string_view p(path);
  if (p.substr(0, 10) == "/proc/net/") {
    auto lines = [](std::string_view s) { return std::count(s.begin(), s.end(), '\n'); };
    expect(lines(*out) == lines(data), "redact: a /proc/net table changed its line count");
  }
}

struct FuzzTarget {
  std::string_view name;  ///< executable fuzz_<name>, corpus testdata/fuzz/<name>/
  void (*run)(std::string_view data);
};

inline constexpr FuzzTarget kFuzzTargets[] = {
    {"proc_net_inet", fuzz_proc_net_inet},
    {"proc_net_unix", fuzz_proc_net_unix},
    {"sock_diag", fuzz_sock_diag},
    {"proc_net_sctp", fuzz_proc_net_sctp},
    {"proc_net_igmp", fuzz_proc_net_igmp},
    {"proc_net_route", fuzz_proc_net_route},
    {"proc_net_ipv6_route", fuzz_proc_net_ipv6_route},
    {"proc_net_rt_cache", fuzz_proc_net_rt_cache},
    {"proc_net_snmp", fuzz_proc_net_snmp},
    {"proc_net_snmp6", fuzz_proc_net_snmp6},
    {"proc_net_dev", fuzz_proc_net_dev},
    {"proc_net_if_inet6", fuzz_proc_net_if_inet6},
    {"proc_net_masquerade", fuzz_proc_net_masquerade},
    {"proc_net_legacy", fuzz_proc_net_legacy},
    {"proc_net_legacy_route", fuzz_proc_net_legacy_route},
    {"etc_files", fuzz_etc_files},
    {"manifest", fuzz_manifest},
    {"process_table", fuzz_process_table},
    {"names_json", fuzz_names_json},
    {"interfaces_json", fuzz_interfaces_json},
    {"archive", fuzz_archive},
    {"bundle_index", fuzz_bundle_index},
    {"redact", fuzz_redact},
    {"ip_link_text", fuzz_ip_link_text},
    {"netstat_owners", fuzz_netstat_owners},
    {"netstat_sockets", fuzz_netstat_sockets},
    {"ip_route_text", fuzz_ip_route_text},
    {"sos_metadata", fuzz_sos_metadata},
};

inline const FuzzTarget* find_fuzz_target(std::string_view name) {
  for (const FuzzTarget& t : kFuzzTargets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace netstat::fuzz
