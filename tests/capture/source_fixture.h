// A source system for capture tests: an in-memory root with socket files,
// processes (socket and non-socket fds, a denied fd/ folder, a secret
// environ), sysfs attributes, etc/ files, interface answers, user names and
// an identity; plus CallLog, a Root decorator that remembers every read the
// recorder made so a test can replay exactly those reads on the bundle.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "replay/memory_root.h"

namespace netstat::testing {

using std::string_literals::operator""s;

class FakeUsers final : public NameService {
 public:
  std::optional<std::string> host_by_addr4(uint32_t) const override { return {}; }
  std::optional<std::string> net_by_addr(uint32_t) const override { return {}; }
  std::optional<std::string> host_by_addr6(const in6_addr&) const override { return {}; }
  std::vector<ServiceEntry> services() const override { return {}; }
  std::vector<ProtocolEntry> protocols() const override { return {}; }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    if (uid == 0) return "root";
    if (uid == 1000) return "alice";
    return std::nullopt;
  }
};

inline IfaceInfo iface(const std::string& name, int16_t flags, int mtu) {
  IfaceInfo i;
  i.name = name;
  i.flags = flags;
  i.mtu = mtu;
  i.tx_queue_len = 1000;
  return i;
}

inline std::unique_ptr<MemoryRoot> source_root() {
  auto r = std::make_unique<MemoryRoot>();
  r->add_file("proc/cpuinfo", "processor : 0\n");
  r->add_file("proc/net/tcp",
              "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
              "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0\n"
              "   1: 0100007F:0CEA 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000  1000        0 1235 1 0000000000000000 20 4 30 10 -1\n");
  r->add_file("proc/net/tcp6",
              "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  r->add_file("proc/net/udp",
              "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
              "  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000  4242        0 999 2 0000000000000000 0\n");
  r->add_file("proc/net/udplite", "");
  r->add_file("proc/net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n");
  r->add_file("proc/net/sctp/eps",
              " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n");
  r->add_file("proc/net/sctp/snmp", "SctpCurrEstab 0\n");
  r->add_file("proc/net/dev",
              "Inter-|   Receive                                                |  Transmit\n"
              " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
              "    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0\n"
              "  eth0:     200       2    0    0    0     0          0         0      200       2    0    0    0     0       0          0\n");
  r->add_error("proc/net/snmp", Errc::permission_denied, FileType::regular);
  r->add_file("proc/net/wireless", "not probed\n");
  r->add_error("proc/1/fd", Errc::permission_denied);
  r->add_file("proc/1/cmdline", "/sbin/init\0splash\0"s);
  r->add_symlink("proc/214/fd/0", "/dev/null");
  r->add_symlink("proc/214/fd/3", "socket:[1234]");
  r->add_symlink("proc/214/fd/4", "pipe:[77]");
  r->add_symlink("proc/214/fd/5", "socket:[1235]");
  r->add_symlink("proc/214/fd/6", "[0000]:999");
  r->add_file("proc/214/cmdline", "/usr/sbin/sshd\0-D\0--secret-flag\0"s);
  r->add_file("proc/214/environ", "SECRET=1\0"s);
  r->add_symlink("proc/300/fd/0", "/dev/pts/0");
  r->add_file("proc/300/cmdline", "bash\0"s);
  r->add_symlink("proc/self", "214");
  r->add_file("sys/class/net/lo/mtu", "65536\n");
  r->add_file("sys/class/net/lo/flags", "0x9\n");
  r->add_file("sys/class/net/lo/operstate", "unknown\n");
  r->add_error("sys/class/net/lo/carrier", Errc::invalid, FileType::regular);
  r->add_file("sys/class/net/eth0/mtu", "1500\n");
  r->add_file("sys/class/net/eth0/address", "02:00:00:00:00:01\n");
  r->add_file("etc/services", "ssh\t\t22/tcp\n");
  r->add_file("etc/hosts", "127.0.0.1\tlocalhost\n");
  r->add_file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
  r->add_file("etc/nsswitch.conf", "passwd: files\n");
  r->set_identity(SystemIdentity{1000, 100, "src-host", "6.1.0-18-amd64"});
  r->set_names(std::make_unique<FakeUsers>());
  r->set_interfaces({"lo", "eth0"}, {iface("lo", 0x49, 65536), iface("eth0", 0x1043, 1500)});
  return r;
}

/// Forwards to a root and logs each (call, path).
class CallLog final : public Root {
 public:
  enum class Op { read_file, list_dir, read_link, read_links };
  struct Call {
    Op op;
    std::string path;
  };
  explicit CallLog(const Root& base) : m_base(base) {}

  Result<std::string> read_file(std::string_view p) const override {
    m_calls.push_back({Op::read_file, std::string(p)});
    return m_base.read_file(p);
  }
  Result<std::vector<DirEntry>> list_dir(std::string_view p) const override {
    m_calls.push_back({Op::list_dir, std::string(p)});
    return m_base.list_dir(p);
  }
  Result<std::string> read_link(std::string_view p) const override {
    m_calls.push_back({Op::read_link, std::string(p)});
    return m_base.read_link(p);
  }
  Result<std::vector<LinkEntry>> read_links(std::string_view p) const override {
    m_calls.push_back({Op::read_links, std::string(p)});
    return m_base.read_links(p);
  }
  Result<std::vector<std::string>> interface_labels() const override {
    return m_base.interface_labels();
  }
  Result<IfaceInfo> interface_info(std::string_view n) const override {
    return m_base.interface_info(n);
  }
  const NameService& names() const override { return m_base.names(); }
  SystemIdentity identity() const override { return m_base.identity(); }
  std::string description() const override { return m_base.description(); }

  const std::vector<Call>& calls() const { return m_calls; }

 private:
  const Root& m_base;
  mutable std::vector<Call> m_calls;
};

/// A clock that always answers the same moment.
inline std::chrono::system_clock::time_point fixed_time() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1714564800));
}

}  // namespace netstat::testing
