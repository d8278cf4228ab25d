// LibcNameService: the live system's lookups through libc/NSS, exactly the
// calls net-tools 2.10 makes (so NSS modules, DNS and /etc behave the same).
#include <netdb.h>
#include <pwd.h>
#include <sys/socket.h>

#include <cstring>
#include <mutex>

#include "replay/live_system.h"

namespace netstat {
namespace {

class LibcNameService final : public NameService {
 public:
  std::optional<std::string> host_by_addr4(uint32_t addr) const override {
    struct in_addr a;
    a.s_addr = addr;
    struct hostent* h = gethostbyaddr(&a, sizeof a, AF_INET);
    if (h == nullptr || h->h_name == nullptr) return std::nullopt;
    return std::string(h->h_name);
  }
  std::optional<std::string> net_by_addr(uint32_t net) const override {
    struct netent* n = getnetbyaddr(net, AF_INET);
    if (n == nullptr || n->n_name == nullptr) return std::nullopt;
    return std::string(n->n_name);
  }
  std::optional<std::string> host_by_addr6(const in6_addr& addr) const override {
    struct sockaddr_in6 sin6;
    std::memset(&sin6, 0, sizeof sin6);
    sin6.sin6_family = AF_INET6;
    sin6.sin6_addr = addr;
    char host[NI_MAXHOST];
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6,
                    host, sizeof host, nullptr, 0, NI_NAMEREQD) != 0) {
      return std::nullopt;
    }
    return std::string(host);
  }
  std::vector<ServiceEntry> services() const override {
    std::vector<ServiceEntry> v;
    std::lock_guard<std::mutex> lock(m_mutex);
    setservent(1);
    while (struct servent* s = getservent()) {
      v.push_back({s->s_name, ntohs(static_cast<uint16_t>(s->s_port)),
                   s->s_proto});
    }
    endservent();
    return v;
  }
  std::vector<ProtocolEntry> protocols() const override {
    std::vector<ProtocolEntry> v;
    std::lock_guard<std::mutex> lock(m_mutex);
    setprotoent(1);
    while (struct protoent* p = getprotoent()) {
      v.push_back({p->p_name, p->p_proto});
    }
    endprotoent();
    return v;
  }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    struct passwd* pw = getpwuid(uid);
    if (pw == nullptr || pw->pw_name == nullptr) return std::nullopt;
    return std::string(pw->pw_name);
  }

 private:
  mutable std::mutex m_mutex;
};

}  // namespace

std::unique_ptr<NameService> make_libc_name_service() {
  return std::make_unique<LibcNameService>();
}

}  // namespace netstat
