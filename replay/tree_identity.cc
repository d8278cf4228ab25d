// read_tree_identity: the first of each list of files that parses.
#include "replay/tree_identity.h"

#include <initializer_list>
#include <optional>

#include "formats/sos_metadata.h"

namespace netstat {
namespace {

using Parser = std::optional<std::string> (*)(std::string_view);

/// Small metadata files only: a hostile tree's multi-gigabyte "uname" is
/// not worth reading.
constexpr size_t kMaxMetadataFile = 1 << 20;

std::optional<std::string> read_small(const Root& tree, std::string_view path) {
  Result<std::string> r = tree.read_file(path);
  if (!r.ok() || r->size() > kMaxMetadataFile) return std::nullopt;
  return std::move(*r);
}

std::string first_of(const Root& tree,
                     std::initializer_list<std::pair<std::string_view, Parser>> sources) {
  for (const auto& [path, parse] : sources) {
    std::optional<std::string> text = read_small(tree, path);
    if (!text) continue;
    if (std::optional<std::string> v = parse(*text)) return *v;
  }
  return {};
}

}  // namespace

TreeIdentity read_tree_identity(const Root& tree) {
  TreeIdentity id;
  if (std::optional<std::string> v = read_small(tree, "/version.txt")) {
    if (std::optional<std::string> ver = formats::sos_version_from_version_txt(*v)) {
      id.sosreport = true;
      id.sos_version = *ver;
    }
  }
  if (std::optional<std::string> m = read_small(tree, "/sos_reports/manifest.json")) {
    if (std::optional<formats::SosManifest> sm = formats::parse_sos_manifest(*m)) {
      id.sosreport = true;
      if (id.sos_version.empty()) id.sos_version = sm->version;
      id.captured_at = sm->start_time;
    }
  }
  if (id.sosreport && id.captured_at.empty()) {
    if (std::optional<std::string> log = read_small(tree, "/sos_logs/sos.log")) {
      id.captured_at = formats::first_sos_log_time(*log).value_or("");
    }
  }
  id.hostname = first_of(tree, {{"/hostname", formats::host_name_from_file},
                                {"/sos_commands/host/hostname", formats::host_name_from_file},
                                // sos 3.x: the general plugin ran hostname
                                {"/sos_commands/general/hostname", formats::host_name_from_file},
                                {"/proc/sys/kernel/hostname", formats::host_name_from_file},
                                {"/etc/hostname", formats::host_name_from_file}});
  id.kernel_release =
      first_of(tree, {{"/uname", formats::kernel_from_uname_a},
                      {"/sos_commands/kernel/uname_-a", formats::kernel_from_uname_a},
                      {"/proc/sys/kernel/osrelease", formats::kernel_from_proc_version},
                      {"/proc/version", formats::kernel_from_proc_version}});
  return id;
}

std::string describe_tree(const TreeIdentity& id) {
  if (!id.sosreport) return {};
  std::string out = "sosreport";
  if (!id.sos_version.empty()) out += ", sos " + id.sos_version;
  if (!id.hostname.empty()) out += ", host " + id.hostname;
  if (!id.captured_at.empty()) out += ", taken " + id.captured_at;
  return out;
}

}  // namespace netstat
