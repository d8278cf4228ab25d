// Placeholder: interface ioctls are not wired yet.
#include "replay/live_system.h"

namespace netstat {

Result<std::vector<std::string>> live_interface_labels() {
  return Error{Errc::not_captured, 0, "interface ioctls not implemented"};
}

Result<IfaceInfo> live_interface_info(std::string_view name) {
  return Error{Errc::not_captured, 0, std::string(name)};
}

}  // namespace netstat
