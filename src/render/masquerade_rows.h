// Text rendering of the masquerade table (-M, -Me) in net-tools 2.10's
// ip_masq_info layout, over the rows of formats/proc_net_masquerade.h.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "formats/proc_net_masquerade.h"
#include "replay/name_service.h"
#include "src/render/route_names.h"

namespace netstat {

/// Service names for tcp and udp ports as 2.10 knows them: the whole
/// services database, the last entry of a port winning.
class MasqServices {
 public:
  explicit MasqServices(const NameService& names);
  /// The name of \a port for \a proto ("tcp"/"udp"), or "".
  std::string_view find(std::string_view proto, uint16_t port) const;

 private:
  std::unordered_map<uint32_t, std::string> m_tcp, m_udp;
};

enum class MasqColumns : uint8_t { basic, extended };

void render_masq_head(fmt::memory_buffer& b, MasqColumns columns);
void render_masq_row(fmt::memory_buffer& b, const formats::MasqEntry& e,
                     bool has_pdelta, MasqColumns columns, RouteNames& hosts,
                     const MasqServices* services);

}  // namespace netstat
