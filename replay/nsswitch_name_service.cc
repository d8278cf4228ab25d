// NsswitchNameService: see nsswitch_name_service.h.
#include "replay/nsswitch_name_service.h"

#include <cstring>
#include <mutex>

#include "formats/etc_files.h"
#include "replay/file_name_service.h"
#include "replay/root.h"

namespace netstat {
namespace {

using formats::FilesOrder;

class NsswitchNameService final : public NameService {
 public:
  NsswitchNameService(const Root& root, std::unique_ptr<NameService> fallback)
      : m_root(root), m_files(make_file_name_service(root)),
        m_fallback(std::move(fallback)) {}

  std::optional<std::string> host_by_addr4(uint32_t addr) const override {
    return ask(hosts_order(), [&](const NameService& n) { return n.host_by_addr4(addr); });
  }
  std::optional<std::string> net_by_addr(uint32_t net) const override {
    return ask(order(m_networks_once, m_networks, "networks"),
               [&](const NameService& n) { return n.net_by_addr(net); });
  }
  std::optional<std::string> host_by_addr6(const in6_addr& addr) const override {
    // glibc's gethostbyaddr looks v4-mapped and v4-compatible addresses up
    // as IPv4 ones; leave those to libc.
    static constexpr uint8_t kZero10[10] = {};
    if (std::memcmp(addr.s6_addr, kZero10, sizeof kZero10) == 0) {
      return m_fallback->host_by_addr6(addr);
    }
    return ask(hosts_order(), [&](const NameService& n) { return n.host_by_addr6(addr); });
  }
  std::vector<ServiceEntry> services() const override { return m_fallback->services(); }
  std::vector<ProtocolEntry> protocols() const override { return m_fallback->protocols(); }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    return m_fallback->user_by_uid(uid);
  }

 private:
  template <typename Lookup>
  std::optional<std::string> ask(FilesOrder order, Lookup lookup) const {
    switch (order) {
      case FilesOrder::files_only: return lookup(*m_files);
      case FilesOrder::files_first:
        if (std::optional<std::string> name = lookup(*m_files)) return name;
        return lookup(*m_fallback);
      case FilesOrder::not_first:
      case FilesOrder::unknown: break;
    }
    return lookup(*m_fallback);
  }

  FilesOrder hosts_order() const { return order(m_hosts_once, m_hosts, "hosts"); }
  FilesOrder order(std::once_flag& once, FilesOrder& order, const char* db) const {
    std::call_once(once, [&] {
      Result<std::string> text = m_root.read_file("/etc/nsswitch.conf");
      order = text.ok() ? formats::nsswitch_files_order(*text, db) : FilesOrder::unknown;
    });
    return order;
  }

  const Root& m_root;
  std::unique_ptr<NameService> m_files;
  std::unique_ptr<NameService> m_fallback;
  mutable std::once_flag m_hosts_once, m_networks_once;
  mutable FilesOrder m_hosts = FilesOrder::unknown;
  mutable FilesOrder m_networks = FilesOrder::unknown;
};

}  // namespace

std::unique_ptr<NameService> make_nsswitch_name_service(
    const Root& root, std::unique_ptr<NameService> fallback) {
  return std::make_unique<NsswitchNameService>(root, std::move(fallback));
}

}  // namespace netstat
