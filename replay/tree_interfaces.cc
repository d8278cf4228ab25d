// tree_interfaces: a foreign tree's iproute2 text and sysfs attributes ->
// the ioctl answers -i replays (see the header for which source wins).
#include "replay/tree_interfaces.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <span>
#include <unordered_map>

#include "formats/ip_link_text.h"

namespace netstat {
namespace {

constexpr uint32_t kIffUp = 0x1;
constexpr uint32_t kIffRunning = 0x40;

struct Device {
  formats::IpLink link;    ///< merged from every source, first wins per field
  bool addresses = false;  ///< link.inet came from a source that lists them all
};

class Devices {
 public:
  Device& get(const std::string& name) {
    auto it = m_index.find(name);
    if (it != m_index.end()) return m_devs[it->second];
    m_index.emplace(name, m_devs.size());
    m_devs.emplace_back();
    m_devs.back().link.name = name;
    return m_devs.back();
  }
  bool has(const std::string& name) const { return m_index.count(name) != 0; }
  std::vector<Device>& all() { return m_devs; }

 private:
  std::vector<Device> m_devs;
  std::unordered_map<std::string, size_t> m_index;
};

void merge(Device& d, formats::IpLink& from) {
  formats::IpLink& to = d.link;
  if (!to.has_flags && from.has_flags) {
    to.has_flags = true;
    to.flags = from.flags;
    to.flag_words = std::move(from.flag_words);
  }
  if (!to.mtu) to.mtu = from.mtu;
  if (!to.qlen) to.qlen = from.qlen;
  if (to.state.empty()) to.state = std::move(from.state);
  if (to.link_type.empty() && !from.link_type.empty()) {
    to.link_type = std::move(from.link_type);
    to.has_link_addr = from.has_link_addr;
    to.link_addr = std::move(from.link_addr);
  }
  // A block (the "<FLAGS>" line printed) lists all of the link's addresses;
  // the one-line form lists those it has. The first such source wins.
  if (!d.addresses && (from.has_flags || !from.inet.empty())) {
    d.addresses = true;
    to.inet = std::move(from.inet);
  }
}

template <typename T>
std::optional<T> decimal(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  T v{};
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<uint32_t> hex_flags(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  if (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X") s.remove_prefix(2);
  uint32_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::vector<uint8_t>> mac(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  std::vector<uint8_t> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(':', i);
    if (j == std::string_view::npos) j = s.size();
    unsigned v = 0;
    std::string_view part = s.substr(i, j - i);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v, 16);
    if (part.empty() || part.size() > 2 || ec != std::errc() ||
        p != part.data() + part.size() || out.size() >= 32) {
      return std::nullopt;
    }
    out.push_back(static_cast<uint8_t>(v));
    i = j + 1;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// What sys/class/net/NAME says, for the fields no iproute2 text gave.
void fill_from_sysfs(const Root& tree, Device& d) {
  formats::IpLink& l = d.link;
  std::string dir = "/sys/class/net/" + l.name + "/";
  auto attr = [&](const char* file) -> std::optional<std::string> {
    Result<std::string> r = tree.read_file(dir + file);
    if (!r.ok() || r->size() > 4096) return std::nullopt;
    return std::move(*r);
  };
  if (!l.has_flags) {
    if (std::optional<std::string> f = attr("flags")) {
      if (std::optional<uint32_t> v = hex_flags(*f)) {
        l.has_flags = true;
        // The device's own flags: RUNNING is the operational state's.
        l.flags = *v & ~kIffRunning;
        bool running = (l.flags & kIffUp) != 0;
        if (std::optional<std::string> op = attr("operstate")) {
          running = running && (op->rfind("up", 0) == 0 || op->rfind("unknown", 0) == 0);
        }
        if (running) l.flags |= kIffRunning;
      }
    }
  }
  if (!l.mtu) {
    if (std::optional<std::string> m = attr("mtu")) l.mtu = decimal<int>(*m);
  }
  if (!l.qlen) {
    if (std::optional<std::string> q = attr("tx_queue_len")) l.qlen = decimal<int>(*q);
  }
  if (l.link_type.empty()) {
    std::optional<std::string> type = attr("type");
    std::optional<uint16_t> t = type ? decimal<uint16_t>(*type) : std::nullopt;
    if (t) {
      l.link_type = "[" + std::to_string(*t) + "]";
      if (std::optional<std::string> a = attr("address")) {
        if (std::optional<std::vector<uint8_t>> bytes = mac(*a)) {
          l.has_link_addr = true;
          l.link_addr = std::move(*bytes);
        }
      }
    }
  }
}

uint32_t netmask(int prefix_len) {
  uint32_t host = prefix_len <= 0 ? 0 : prefix_len >= 32 ? 0xffffffffu
                                                          : ~(0xffffffffu >> prefix_len);
  return __builtin_bswap32(host);
}

const std::string& effective_label(const formats::IpInet4& a, const formats::IpLink& l) {
  return a.label.empty() ? l.name : a.label;
}

IfaceInfo info_for(const formats::IpLink& l, const std::string& name) {
  IfaceInfo i;
  i.name = name;
  i.flags = static_cast<int16_t>(static_cast<uint16_t>(l.flags & 0xffff));
  i.mtu = l.mtu.value_or(0);
  i.metric = 0;  // SIOCGIFMETRIC answers 0 on Linux
  if (std::optional<uint16_t> t = formats::arphrd_from_link_type(l.link_type)) {
    i.has_hw = true;
    i.hw_type = *t;
    if (l.has_link_addr) {
      size_t n = std::min(l.link_addr.size(), i.hw_addr.size());
      std::memcpy(i.hw_addr.data(), l.link_addr.data(), n);
    }
  }
  i.has_map = true;  // all zero: no text holds it, virtual devices have none
  i.tx_queue_len = l.qlen.value_or(-1);
  for (const formats::IpInet4& a : l.inet) {
    if (effective_label(a, l) != name) continue;
    i.has_addr = true;
    i.addr = a.local;
    i.dstaddr = a.has_peer ? a.peer : a.local;
    i.broadaddr = a.has_broadcast ? a.broadcast : 0;
    i.netmask = netmask(a.prefix_len);
    break;
  }
  return i;
}

}  // namespace

std::optional<SnapshotInterfaces> tree_interfaces(const Root& tree) {
  Devices devs;
  auto read_sources = [&](std::span<const std::string_view> paths) {
    for (std::string_view path : paths) {
      Result<std::string> text = tree.read_file(path);
      if (!text.ok()) continue;
      for (formats::IpLink& l : formats::parse_ip_link_text(*text)) {
        if (l.name.empty()) continue;
        merge(devs.get(l.name), l);
      }
    }
  };
  read_sources(kIpAddressSources);
  read_sources(kIpLinkSources);
  if (Result<std::vector<DirEntry>> sys = tree.list_dir("/sys/class/net"); sys.ok()) {
    for (const DirEntry& e : *sys) {
      if (e.name.empty() || e.name.size() > 15 || devs.has(e.name)) continue;
      devs.get(e.name);
    }
  }
  if (devs.all().empty()) return std::nullopt;

  SnapshotInterfaces out;
  std::vector<std::string> labels;
  for (Device& d : devs.all()) {
    if (!d.link.has_flags || !d.link.mtu || !d.link.qlen || d.link.link_type.empty()) {
      fill_from_sysfs(tree, d);
    }
    const formats::IpLink& l = d.link;
    if (!l.has_flags) continue;  // nothing says the device's state
    out.add_info(l.name, info_for(l, l.name));
    for (const formats::IpInet4& a : l.inet) {
      const std::string& label = effective_label(a, l);
      labels.push_back(label);
      if (label != l.name) out.add_info(label, info_for(l, label));
    }
  }
  if (out.infos().empty()) return std::nullopt;
  out.set_labels(std::move(labels));
  return out;
}

}  // namespace netstat
