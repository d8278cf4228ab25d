// FileNameService: answers NameService lookups from a root's own /etc files
// (read through root.read_file, lazily, once per database) with glibc's
// "files" backend semantics: reverse host/network/user lookups return the
// first matching line, services/protocols are enumerated in file order.
// A database whose nsswitch.conf line does not list "files" answers nothing
// (DNS and other services are never consulted for a snapshot).
#include "replay/file_name_service.h"

#include <cstring>
#include <mutex>
#include <unordered_map>

#include "formats/etc_files.h"
#include "replay/root.h"

namespace netstat {
namespace {

using formats::HostsEntry;

struct V6Hash {
  size_t operator()(const std::array<uint8_t, 16>& a) const {
    uint64_t h = 1469598103934665603ull;
    for (uint8_t b : a) h = (h ^ b) * 1099511628211ull;
    return static_cast<size_t>(h);
  }
};

class FileNameService final : public NameService {
 public:
  explicit FileNameService(const Root& root) : m_root(root) {}

  std::optional<std::string> host_by_addr4(uint32_t addr) const override {
    const Hosts& h = hosts();
    auto it = h.by_v4.find(addr);
    if (it == h.by_v4.end()) return std::nullopt;
    return std::string(it->second);
  }
  std::optional<std::string> net_by_addr(uint32_t net) const override {
    const Networks& n = networks();
    auto it = n.by_net.find(net);
    if (it == n.by_net.end()) return std::nullopt;
    return std::string(it->second);
  }
  std::optional<std::string> host_by_addr6(const in6_addr& addr) const override {
    const Hosts& h = hosts();
    std::array<uint8_t, 16> key;
    std::memcpy(key.data(), &addr, 16);
    auto it = h.by_v6.find(key);
    if (it == h.by_v6.end()) return std::nullopt;
    return std::string(it->second);
  }
  std::vector<ServiceEntry> services() const override {
    std::string text = database("services", "/etc/services");
    std::vector<ServiceEntry> out;
    for (const formats::ServiceLine& s : formats::parse_services(text)) {
      out.push_back({std::string(s.name), s.port, std::string(s.proto)});
    }
    return out;
  }
  std::vector<ProtocolEntry> protocols() const override {
    std::string text = database("protocols", "/etc/protocols");
    std::vector<ProtocolEntry> out;
    for (const formats::ProtocolLine& p : formats::parse_protocols(text)) {
      out.push_back({std::string(p.name), p.number});
    }
    return out;
  }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    const Users& u = users();
    auto it = u.by_uid.find(uid);
    if (it == u.by_uid.end()) return std::nullopt;
    return std::string(it->second);
  }

 private:
  struct Hosts {
    std::string text;
    std::unordered_map<uint32_t, std::string_view> by_v4;
    std::unordered_map<std::array<uint8_t, 16>, std::string_view, V6Hash> by_v6;
  };
  struct Networks {
    std::string text;
    std::unordered_map<uint32_t, std::string_view> by_net;
  };
  struct Users {
    std::string text;
    std::unordered_map<uint32_t, std::string_view> by_uid;
  };

  /// The text of \a path, or "" when it is unreadable or nsswitch.conf
  /// keeps database \a db away from the files backend.
  std::string database(std::string_view db, std::string_view path) const {
    Result<std::string> ns = m_root.read_file("/etc/nsswitch.conf");
    if (ns.ok() && !formats::nsswitch_uses_files(*ns, db)) return {};
    Result<std::string> text = m_root.read_file(path);
    return text.ok() ? std::move(*text) : std::string();
  }

  const Hosts& hosts() const {
    std::call_once(m_hosts_once, [this] {
      m_hosts.text = database("hosts", "/etc/hosts");
      for (const HostsEntry& e : formats::parse_hosts(m_hosts.text)) {
        if (e.v4) m_hosts.by_v4.emplace(*e.v4, e.name);  // first line wins
        if (e.v6) m_hosts.by_v6.emplace(*e.v6, e.name);
      }
    });
    return m_hosts;
  }
  const Networks& networks() const {
    std::call_once(m_networks_once, [this] {
      m_networks.text = database("networks", "/etc/networks");
      for (const formats::NetworkEntry& e :
           formats::parse_networks(m_networks.text)) {
        m_networks.by_net.emplace(e.net, e.name);
      }
    });
    return m_networks;
  }
  const Users& users() const {
    std::call_once(m_users_once, [this] {
      m_users.text = database("passwd", "/etc/passwd");
      for (const formats::PasswdLine& p : formats::parse_passwd(m_users.text)) {
        m_users.by_uid.emplace(p.uid, p.name);
      }
    });
    return m_users;
  }

  const Root& m_root;
  mutable std::once_flag m_hosts_once, m_networks_once, m_users_once;
  mutable Hosts m_hosts;
  mutable Networks m_networks;
  mutable Users m_users;
};

}  // namespace

std::unique_ptr<NameService> make_file_name_service(const Root& root) {
  return std::make_unique<FileNameService>(root);
}

}  // namespace netstat
