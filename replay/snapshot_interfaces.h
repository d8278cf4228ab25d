// The interface answers a bundle recorded (netstat/interfaces.json): the
// SIOCGIFCONF label list and each name's SIOCGIF* answers (or the error the
// kernel gave). The JSON layout belongs to replay/interfaces_json.h; this is
// the thin adapter SnapshotRoot and the recorder use, so they build even
// where that header is not available yet.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "replay/interfaces.h"
#include "replay/result.h"

namespace netstat {

inline constexpr std::string_view kInterfacesPath = "netstat/interfaces.json";

class SnapshotInterfaces {
 public:
  /// What interface_labels() answered at capture time.
  Result<std::vector<std::string>> labels() const;
  /// What interface_info(name) answered; not_found (ENODEV) for names the
  /// capture never asked about.
  Result<IfaceInfo> info(std::string_view name) const;

  void set_labels(Result<std::vector<std::string>> labels);
  void add_info(std::string name, Result<IfaceInfo> info);
  /// Every recorded per-name answer, sorted by name.
  const std::map<std::string, Result<IfaceInfo>, std::less<>>& infos() const {
    return m_infos;
  }

 private:
  Result<std::vector<std::string>> m_labels =
      Error{Errc::not_captured, 0, "no interface data"};
  std::map<std::string, Result<IfaceInfo>, std::less<>> m_infos;
};

/// True when this build can read and write interfaces.json.
bool snapshot_interfaces_supported();
/// interfaces.json text -> answers.
Result<SnapshotInterfaces> parse_snapshot_interfaces(std::string_view json);
/// answers -> interfaces.json text (byte-reproducible).
std::string snapshot_interfaces_to_json(const SnapshotInterfaces& ifs);

}  // namespace netstat
