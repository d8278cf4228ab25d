// SnapshotInterfaces: recorded interface answers, serialized through
// replay/interfaces_json.h when that module is part of the build.
#include "replay/snapshot_interfaces.h"

#if __has_include("replay/interfaces_json.h")
#include "replay/interfaces_json.h"
#define NETSTAT_HAVE_INTERFACES_JSON 1
#endif

namespace netstat {

Result<std::vector<std::string>> SnapshotInterfaces::labels() const {
  return m_labels;
}

Result<IfaceInfo> SnapshotInterfaces::info(std::string_view name) const {
  auto it = m_infos.find(name);
  if (it == m_infos.end()) {
    return Error{Errc::not_found, 19 /* ENODEV */, std::string(name)};
  }
  return it->second;
}

void SnapshotInterfaces::set_labels(Result<std::vector<std::string>> labels) {
  m_labels = std::move(labels);
}

void SnapshotInterfaces::add_info(std::string name, Result<IfaceInfo> info) {
  m_infos.insert_or_assign(std::move(name), std::move(info));
}

#ifdef NETSTAT_HAVE_INTERFACES_JSON

bool snapshot_interfaces_supported() { return true; }

Result<SnapshotInterfaces> parse_snapshot_interfaces(std::string_view json) {
  Result<InterfaceSnapshot> snap = interfaces_from_json(json);
  if (!snap.ok()) return snap.error();
  SnapshotInterfaces out;
  if (snap->labels_error) {
    out.set_labels(*snap->labels_error);
  } else {
    out.set_labels(std::move(snap->labels));
  }
  for (IfaceInfo& i : snap->infos) {
    std::string name = i.name;
    out.add_info(std::move(name), std::move(i));
  }
  for (InterfaceFailure& f : snap->failures) {
    out.add_info(std::move(f.name), std::move(f.error));
  }
  return out;
}

std::string snapshot_interfaces_to_json(const SnapshotInterfaces& ifs) {
  InterfaceSnapshot snap;
  Result<std::vector<std::string>> labels = ifs.labels();
  if (labels.ok()) {
    snap.labels = std::move(*labels);
  } else {
    snap.labels_error = Error{labels.code(), labels.error().sys_errno, {}};
  }
  for (const auto& [name, info] : ifs.infos()) {
    if (info.ok()) {
      snap.infos.push_back(*info);
      snap.infos.back().name = name;
    } else {
      snap.failures.push_back({name, Error{info.code(), info.error().sys_errno, {}}});
    }
  }
  return interfaces_to_json_text(snap);
}

#else

bool snapshot_interfaces_supported() { return false; }

Result<SnapshotInterfaces> parse_snapshot_interfaces(std::string_view) {
  return Error{Errc::invalid, 0, "interface data is not supported by this build"};
}

std::string snapshot_interfaces_to_json(const SnapshotInterfaces&) { return {}; }

#endif

}  // namespace netstat
