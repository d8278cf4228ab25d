// Placeholder until the etc/ parsers land: answers nothing, so every lookup
// falls back to numeric output.
#include "replay/file_name_service.h"

#include "replay/root.h"

namespace netstat {
namespace {
class EmptyNameService final : public NameService {
 public:
  std::optional<std::string> host_by_addr4(uint32_t) const override { return {}; }
  std::optional<std::string> net_by_addr(uint32_t) const override { return {}; }
  std::optional<std::string> host_by_addr6(const in6_addr&) const override { return {}; }
  std::vector<ServiceEntry> services() const override { return {}; }
  std::vector<ProtocolEntry> protocols() const override { return {}; }
  std::optional<std::string> user_by_uid(uint32_t) const override { return {}; }
};
}  // namespace

std::unique_ptr<NameService> make_file_name_service(const Root&) {
  return std::make_unique<EmptyNameService>();
}

}  // namespace netstat
