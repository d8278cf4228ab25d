// SosNetnsRoot: a sosreport's tree seen from one named network namespace.
// /proc/net is rebuilt from the namespace's saved `netstat -W -neopa` text
// once, at open; every other read passes through to the report, except the
// host's network state, which is hidden.
#include "replay/sos_netns.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <map>

#include "formats/ip_route_text.h"
#include "formats/netstat_sockets.h"
#include "formats/text_words.h"

namespace netstat {
namespace {

constexpr std::string_view kNetworking = "/sos_commands/networking/";
constexpr std::string_view kIpNetns = "/sos_commands/networking/ip_netns";
/// Where the SnapshotRoot looks for a sosreport's owner text
/// (replay/sos_owners.h): the view answers it with the namespace's.
constexpr std::string_view kOwnerText = "/sos_commands/networking/netstat_-W_-neopa";
constexpr size_t kMaxNamespaces = 4096;

// The /proc/net files rebuilt, in the order netstat reads them.
constexpr std::array<std::string_view, 9> kRebuilt = {
    "tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix"};

constexpr std::string_view kInetHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode\n";
constexpr std::string_view kInet6Header =
    "  sl  local_address                         remote_address                        st "
    "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
constexpr std::string_view kUnixHeader = "Num       RefCount Protocol Flags    Type St Inode Path\n";

/// What a mode wanted that the report does not hold for a namespace. Other
/// files (the families 2.10 probes for: ipx, ax25, sctp/eps...) are absent
/// without a note, as on a kernel without them.
enum class Lack : uint8_t { statistics, interfaces, routes, groups, other };
constexpr size_t kLacks = 5;

Lack lack_of(std::string_view file) {
  if (file == "snmp" || file == "netstat" || file == "snmp6" || file == "sctp/snmp") {
    return Lack::statistics;
  }
  if (file == "dev" || file == "if_inet6") return Lack::interfaces;
  if (file == "route" || file == "ipv6_route" || file == "rt_cache") return Lack::routes;
  if (file == "igmp" || file == "igmp6") return Lack::groups;
  return Lack::other;
}

void hex_address(std::string& out, const formats::InetRow& r, const std::array<uint8_t, 16>& a,
                 uint32_t port) {
  // The kernel prints each 32-bit word of the address as the host (little
  // endian) holds it.
  size_t words = r.family == formats::InetFamily::inet6 ? 4 : 1;
  char buf[48];
  for (size_t w = 0; w < words; ++w) {
    uint32_t v = static_cast<uint32_t>(a[4 * w]) | static_cast<uint32_t>(a[4 * w + 1]) << 8 |
                 static_cast<uint32_t>(a[4 * w + 2]) << 16 |
                 static_cast<uint32_t>(a[4 * w + 3]) << 24;
    std::snprintf(buf, sizeof buf, "%08X", v);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, ":%04X", port);
  out += buf;
}

void inet_line(std::string& out, size_t sl, const formats::InetRow& r) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%4zu: ", sl);
  out += buf;
  hex_address(out, r, r.local, r.local_port);
  out += ' ';
  hex_address(out, r, r.remote, r.remote_port);
  std::snprintf(buf, sizeof buf,
                " %02X %08" PRIX64 ":%08" PRIX64 " %02X:%08" PRIX64 " %08" PRIX64
                " %5u %8d %" PRIu64 " 2 0000000000000000\n",
                r.state, r.tx_queue, r.rx_queue, r.timer_active, r.timer_when, r.retransmits,
                static_cast<uint32_t>(r.uid), r.timeout, r.inode);
  out += buf;
}

void unix_line(std::string& out, const formats::UnixRow& r) {
  char buf[128];
  std::snprintf(buf, sizeof buf,
                "0000000000000000: %08" PRIX64 " %08" PRIX64 " %08" PRIX64 " %04X %02X %5" PRIu64,
                r.refcount, r.protocol, r.flags, r.type, r.state, r.inode);
  out += buf;
  if (!r.path.empty()) {
    out += ' ';
    out += r.path;
  }
  out += '\n';
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// "/proc/net/x", "/proc/self/net/x", "/proc/123/net/x" -> "x" ("" for the
/// folder itself); false for any other path.
bool proc_net_file(std::string_view path, std::string_view& file) {
  if (!starts_with(path, "/proc/")) return false;
  std::string_view rest = path.substr(6);
  size_t slash = rest.find('/');
  std::string_view first = rest.substr(0, slash);
  if (first != "net") {
    if (first != "self" && first != "thread-self" && !formats::all_digits(first)) return false;
    if (slash == std::string_view::npos) return false;
    rest = rest.substr(slash + 1);
    slash = rest.find('/');
    if (rest.substr(0, slash) != "net") return false;
  }
  file = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  while (!file.empty() && file.back() == '/') file.remove_suffix(1);
  return true;
}

/// The host's network state outside /proc/net: hidden from a namespace.
bool host_network_path(std::string_view path) {
  return starts_with(path, "/sys/class/net") || starts_with(path, "/sys/devices/") ||
         starts_with(path, "/sys/devices") || starts_with(path, "/sos_commands/filesys/lsof") ||
         starts_with(path, "/sos_commands/process/lsof") || path == "/netstat";
}

Error absent(std::string_view path) {
  return Error{Errc::not_found, 0, std::string(path) + ": not in the report for this namespace"};
}

class SosNetnsRoot : public Root {
 public:
  SosNetnsRoot(std::shared_ptr<const Root> base, std::string name, std::string text,
               const Result<std::string>& groups, const Result<std::string>& routes)
      : m_base(std::move(base)), m_name(std::move(name)), m_text(std::move(text)) {
    formats::SavedSockets saved = formats::parse_netstat_sockets(m_text);
    std::map<std::string_view, std::string> files;
    std::map<std::string_view, size_t> counts;
    for (std::string_view f : kRebuilt) {
      files[f] = f == "unix" ? kUnixHeader : f.back() == '6' ? kInet6Header : kInetHeader;
    }
    m_unrebuilt = saved.unreadable;
    for (const formats::SavedInetRow& r : saved.inet) {
      std::string_view f = formats::proc_file_of(r.proto);
      if (!r.numeric || f.empty()) {
        ++m_unrebuilt;
        continue;
      }
      inet_line(files[f], counts[f]++, r.row);
    }
    for (const formats::SavedUnixRow& r : saved.unix_sockets) unix_line(files["unix"], r.row);
    for (auto& [f, content] : files) m_files.emplace(std::string(f), std::move(content));
    if (groups.ok()) add_groups(*groups);
    if (routes.ok()) {
      std::optional<std::vector<formats::Ipv4Route>> table =
          formats::parse_ip_route_main(*routes, &m_routes_inexact);
      if (table) m_files.emplace("route", formats::proc_net_route_text(*table));
    } else {
      m_routes_inexact.clear();
    }
  }

  Result<std::string> read_file(std::string_view path) const override {
    std::string_view file;
    if (proc_net_file(path, file)) {
      auto it = m_files.find(std::string(file));
      if (it != m_files.end()) return it->second;
      if (!file.empty()) lacking(file);
      return absent(path);
    }
    if (path == kOwnerText) return m_text;
    if (starts_with(path, kNetworking) || host_network_path(path)) return absent(path);
    return m_base->read_file(path);
  }

  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override {
    std::string_view file;
    if (proc_net_file(path, file)) {
      if (!file.empty()) return absent(path);
      std::vector<DirEntry> out;
      for (const auto& f : m_files) out.push_back({f.first, FileType::regular});
      return out;
    }
    if (path == "/sos_commands/networking" || path == "/sos_commands/networking/") {
      return std::vector<DirEntry>{{std::string(kOwnerText.substr(kNetworking.size())),
                                    FileType::regular}};
    }
    if (host_network_path(path)) return absent(path);
    Result<std::vector<DirEntry>> entries = m_base->list_dir(path);
    if (entries.ok() && (path == "/sos_commands/filesys" || path == "/sos_commands/process")) {
      std::erase_if(*entries, [](const DirEntry& e) { return starts_with(e.name, "lsof"); });
    }
    return entries;
  }

  Result<std::string> read_link(std::string_view path) const override {
    std::string_view file;
    if (proc_net_file(path, file)) {
      return Error{Errc::invalid, 0, std::string(path) + ": not a symbolic link"};
    }
    if (starts_with(path, kNetworking) || host_network_path(path)) return absent(path);
    return m_base->read_link(path);
  }

  Result<std::vector<std::string>> interface_labels() const override {
    lacking("dev");
    return Error{Errc::not_found, 0, "no interface state in the report for this namespace"};
  }
  Result<IfaceInfo> interface_info(std::string_view name) const override {
    lacking("dev");
    return Error{Errc::not_found, 0, std::string(name) + ": not in the report for this namespace"};
  }
  const NameService& names() const override { return m_base->names(); }
  SystemIdentity identity() const override { return m_base->identity(); }
  SourceInfo source_info() const override { return m_base->source_info(); }
  std::string description() const override { return m_base->description(); }

  std::vector<std::string> notes() const override {
    std::vector<std::string> out = m_base->notes();
    std::string ns = "network namespace " + m_name + " of the sosreport: ";
    auto saved = [&](std::string_view command) { return sos_netns_file(m_name, command).substr(1); };
    if (m_unrebuilt > 0) {
      out.push_back(ns + std::to_string(m_unrebuilt) + " row" + (m_unrebuilt == 1 ? "" : "s") +
                    " of " + saved("netstat -W -neopa") + " could not be read back and are not shown");
    }
    if (m_lacks[static_cast<size_t>(Lack::statistics)]) {
      out.push_back(ns + "statistics (-s) cannot be replayed: the report holds no /proc/net/snmp, "
                    "netstat or snmp6 of it, only the text " + saved("netstat -s"));
    }
    if (m_lacks[static_cast<size_t>(Lack::interfaces)]) {
      out.push_back(ns + "interfaces (-i) cannot be replayed: the report holds no /proc/net/dev "
                    "counters or interface flags of it, only the text " +
                    saved("ip address show"));
    }
    if (m_lacks[static_cast<size_t>(Lack::routes)]) {
      if (m_files.count("route") == 0) {
        out.push_back(ns + "routes (-r) cannot be replayed: " +
                      (m_routes_inexact.empty()
                           ? "the report holds no " + saved("ip route show table all")
                           : "a route of " + saved("ip route show table all") +
                                 " cannot be rebuilt exactly (" +
                                 m_routes_inexact + ")"));
      } else {
        out.push_back(ns + "IPv6 routes (-6r) cannot be replayed: the report holds no "
                      "/proc/net/ipv6_route of it (IPv4 routes come from " +
                      saved("ip route show table all") + ")");
      }
    }
    if (m_lacks[static_cast<size_t>(Lack::groups)]) {
      out.push_back(ns + "group memberships (-g) cannot be replayed: the report holds no " +
                    saved("netstat -W -agn") + " with numeric groups");
    }
    return out;
  }

 private:
  /// /proc/net/igmp and igmp6 from saved `netstat -agn` rows: one device
  /// block per run of rows of one device (IPv4), one line per group (IPv6),
  /// in text order; devices numbered in order of appearance.
  void add_groups(std::string_view text) {
    formats::SavedGroups g = formats::parse_netstat_groups(text);
    if (!g.table || g.unreadable > 0) return;
    std::vector<std::string_view> devices;
    auto index = [&](std::string_view d) {
      auto it = std::find(devices.begin(), devices.end(), d);
      if (it == devices.end()) it = devices.insert(devices.end(), d);
      return static_cast<int>(it - devices.begin()) + 1;
    };
    std::string v4 = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n";
    std::string v6;
    char buf[160];
    for (size_t i = 0; i < g.rows.size(); ++i) {
      const formats::SavedGroup& r = g.rows[i];
      std::string dev(r.device);
      if (r.v6) {
        std::snprintf(buf, sizeof buf, "%-4d %-15s ", index(r.device), dev.c_str());
        v6 += buf;
        for (uint8_t b : r.group) {
          std::snprintf(buf, sizeof buf, "%02x", b);
          v6 += buf;
        }
        std::snprintf(buf, sizeof buf, " %5d %08X %d\n", r.refcount, 0u, 0);
        v6 += buf;
        continue;
      }
      if (i == 0 || g.rows[i - 1].v6 || g.rows[i - 1].device != r.device) {
        int count = 0;
        for (size_t k = i; k < g.rows.size() && !g.rows[k].v6 && g.rows[k].device == r.device; ++k) {
          ++count;
        }
        std::snprintf(buf, sizeof buf, "%d\t%-10s: %5d %7s\n", index(r.device), dev.c_str(), count,
                      "V3");
        v4 += buf;
      }
      uint32_t word = static_cast<uint32_t>(r.group[0]) | static_cast<uint32_t>(r.group[1]) << 8 |
                      static_cast<uint32_t>(r.group[2]) << 16 |
                      static_cast<uint32_t>(r.group[3]) << 24;
      std::snprintf(buf, sizeof buf, "\t\t\t\t%08X %5d %d:%08X\t\t%d\n", word, r.refcount, 0, 0u, 0);
      v4 += buf;
    }
    m_files.emplace("igmp", std::move(v4));
    m_files.emplace("igmp6", std::move(v6));
  }

  void lacking(std::string_view file) const {
    m_lacks[static_cast<size_t>(lack_of(file))].store(true, std::memory_order_relaxed);
  }

  std::shared_ptr<const Root> m_base;
  std::string m_name;
  std::string m_text;
  std::map<std::string, std::string, std::less<>> m_files;  ///< "tcp" -> content
  size_t m_unrebuilt = 0;
  /// Why the saved routes could not give /proc/net/route ("" = no text).
  std::string m_routes_inexact;
  mutable std::array<std::atomic<bool>, kLacks> m_lacks{};
};

/// A name sos could have run `ip netns exec` with and named a file after.
bool usable_name(std::string_view n) {
  return !n.empty() && n.size() <= 255 && n != "." && n != ".." &&
         n.find('/') == std::string_view::npos && n.find('\0') == std::string_view::npos;
}

}  // namespace

std::string sos_netns_file(std::string_view name, std::string_view command) {
  // sos 4.0's _mangle_command: every run of characters other than word
  // characters, '-', '.' and '/' becomes one '_', then '/' becomes '.', the
  // ends lose ' ', '.', '_' and '-', and the name is cut to 255 bytes (a
  // namespace "a:b" gives ip_netns_exec_a_b_netstat_-W_-neopa). Bytes of
  // UTF-8 sequences count as word characters, as Python's \w does for
  // letters.
  std::string line = "ip netns exec " + std::string(name) + " " + std::string(command);
  std::string mangled;
  bool in_run = false;
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                u == '_' || u == '-' || u == '.' || u == '/' || u >= 0x80;
    if (keep) {
      mangled.push_back(u == '/' ? '.' : c);
      in_run = false;
    } else if (!in_run) {
      mangled.push_back('_');
      in_run = true;
    }
  }
  size_t b = mangled.find_first_not_of(" ._-");
  size_t e = mangled.find_last_not_of(" ._-");
  mangled = b == std::string::npos ? std::string() : mangled.substr(b, e - b + 1);
  if (mangled.size() > 255) mangled.resize(255);
  return std::string(kNetworking) + mangled;
}

std::string sos_netns_neopa_path(std::string_view name) {
  return sos_netns_file(name, "netstat -W -neopa");
}

std::vector<std::string> sos_netns_names(const Root& tree) {
  std::vector<std::string> out;
  Result<std::string> list = tree.read_file(kIpNetns);
  if (!list.ok()) return out;
  std::string_view text = *list;
  size_t pos = 0;
  while (pos < text.size() && out.size() < kMaxNamespaces) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    // "NAME" or "NAME (id: 0)"
    std::vector<std::string_view> w = formats::words(line);
    if (w.empty() || !usable_name(w[0])) continue;
    std::string name(w[0]);
    if (std::find(out.begin(), out.end(), name) != out.end()) continue;
    if (!tree.read_file(sos_netns_neopa_path(name)).ok()) continue;
    out.push_back(std::move(name));
  }
  return out;
}

Result<std::unique_ptr<Root>> open_sos_netns(std::shared_ptr<const Root> tree,
                                             const std::string& name) {
  Result<std::string> text = tree->read_file(sos_netns_neopa_path(name));
  if (!text.ok()) return text.error();
  Result<std::string> groups = tree->read_file(sos_netns_file(name, "netstat -W -agn"));
  Result<std::string> routes = tree->read_file(sos_netns_file(name, "ip route show table all"));
  return std::unique_ptr<Root>(
      new SosNetnsRoot(std::move(tree), name, std::move(*text), groups, routes));
}

}  // namespace netstat
