#pragma once

#include <string>
#include <vector>

#include "replay/root.h"
#include "src/model/selection.h"

namespace netstat::json {

/// The legacy socket families net-tools 2.10 lists in text (IPX, AX.25,
/// X.25, NET/ROM, ROSE) that --json, --json-lines and `netstat diff` do
/// not cover. Returns one entry per table that \a sel selects (explicitly,
/// or by default when no family is named) and that holds rows; an
/// explicitly selected family is always returned, even when its table is
/// missing.
struct LegacyTable {
  std::string_view name;  ///< 2.10's section name, e.g. "AF AX25"
  size_t rows = 0;
};
std::vector<LegacyTable> legacy_socket_tables(const Root& root,
                                              const model::SocketSelection& sel);

/// "AF AX25: 3 sockets not <verb> (...)" for one entry.
std::string legacy_note(const LegacyTable& t, std::string_view verb);

}  // namespace netstat::json
