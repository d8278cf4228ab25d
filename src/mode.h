// Which mode a command line runs: net-tools 2.10's dispatch (-M, -s, -r, -i,
// else the socket listing), written once for the text modes (app.cc),
// --json (json/listing.cc) and `netstat diff` (cli/diff_command.cc).
#pragma once

#include <cstdint>
#include <string_view>

#include "src/options.h"

namespace netstat {

enum class Mode : uint8_t { masquerade, statistics, route, interfaces, sockets };

/// 2.10's priority: -M, -s, -r, -i, then the socket listing.
inline Mode pick_mode(const Options& o) {
  if (o.masquerade) return Mode::masquerade;
  if (o.statistics) return Mode::statistics;
  if (o.route) return Mode::route;
  if (o.interfaces) return Mode::interfaces;
  return Mode::sockets;
}

/// The mode's name in JSON documents ("sockets", "routes", ...).
constexpr std::string_view mode_name(Mode m) {
  switch (m) {
    case Mode::masquerade: return "masquerade";
    case Mode::statistics: return "statistics";
    case Mode::route: return "routes";
    case Mode::interfaces: return "interfaces";
    case Mode::sockets: return "sockets";
  }
  return "sockets";
}

}  // namespace netstat
