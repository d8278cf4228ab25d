// container_from_cgroup(): one pass over the path components of every line;
// the deepest component that names a container wins (a pod's slice, then
// the container's scope under it).
#include "formats/cgroup_container.h"

#include <vector>

namespace netstat {
namespace {

bool is_hex(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!ok) return false;
  }
  return true;
}

// A container id: 64 lowercase hex digits (docker, containerd, CRI-O,
// podman all use them).
bool is_container_id(std::string_view s) { return s.size() == 64 && is_hex(s); }

// A pod UID as the kubelet writes it in cgroup names: 36 characters, hex in
// 8-4-4-4-12 groups separated by '-' (cgroupfs driver) or '_' (systemd).
std::optional<std::string> pod_uid(std::string_view s) {
  if (s.size() != 36) return std::nullopt;
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    bool sep = i == 8 || i == 13 || i == 18 || i == 23;
    if (sep) {
      if (out[i] != '-' && out[i] != '_') return std::nullopt;
      out[i] = '-';
    } else if (!is_hex(out.substr(i, 1))) {
      return std::nullopt;
    }
  }
  return out;
}

bool strip_prefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

}  // namespace

std::optional<CgroupContainer> container_from_cgroup(std::string_view file) {
  CgroupContainer found;
  bool any = false;
  while (!file.empty()) {
    size_t nl = file.find('\n');
    std::string_view line = file.substr(0, nl);
    file = nl == std::string_view::npos ? std::string_view() : file.substr(nl + 1);
    // "ID:CONTROLLERS:PATH": the path is everything after the second ':'.
    size_t c1 = line.find(':');
    if (c1 == std::string_view::npos) continue;
    size_t c2 = line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    std::string_view path = line.substr(c2 + 1);
    std::vector<std::string_view> parts;
    while (!path.empty()) {
      size_t slash = path.find('/');
      std::string_view part = path.substr(0, slash);
      if (!part.empty()) parts.push_back(part);
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    bool kube = false;
    for (size_t i = 0; i < parts.size(); ++i) {
      std::string_view p = parts[i];
      if (p.substr(0, 8) == "kubepods") kube = true;
      // Pods: "pod<uid>" (cgroupfs) or "kubepods-<qos>-pod<uid>.slice".
      if (kube) {
        std::string_view q = p;
        strip_suffix(q, ".slice");
        size_t at = q.rfind("pod");
        if (at != std::string_view::npos) {
          if (std::optional<std::string> uid = pod_uid(q.substr(at + 3))) {
            found.pod_uid = *uid;
            if (found.runtime.empty()) found.runtime = "kubernetes";
            any = true;
            continue;
          }
        }
      }
      std::string_view q = p;
      strip_suffix(q, ".scope");
      struct Prefix {
        std::string_view prefix;
        std::string_view runtime;
      };
      static constexpr Prefix kPrefixes[] = {
          {"docker-", "docker"},  {"cri-containerd-", "containerd"},
          {"crio-", "cri-o"},     {"libpod-", "podman"},
      };
      bool named = false;
      for (const Prefix& pre : kPrefixes) {
        std::string_view id = q;
        if (strip_prefix(id, pre.prefix) && is_container_id(id)) {
          found.runtime = std::string(pre.runtime);
          found.id = std::string(id);
          any = named = true;
          break;
        }
      }
      if (named) continue;
      // cgroupfs layouts: "/docker/<id>", "/kubepods/<qos>/pod<uid>/<id>",
      // "/machine.slice/..." has no bare ids.
      if (is_container_id(p)) {
        std::string_view parent = i > 0 ? parts[i - 1] : std::string_view();
        if (parent == "docker") {
          found.runtime = "docker";
        } else if (found.runtime.empty()) {
          found.runtime = kube ? "kubernetes" : "unknown";
        }
        found.id = std::string(p);
        any = true;
        continue;
      }
      // LXC: "lxc.payload.<name>" (LXC 4+) or "/lxc/<name>".
      std::string_view name = p;
      if (strip_prefix(name, "lxc.payload.") && !name.empty()) {
        found.runtime = "lxc";
        found.id = std::string(name);
        any = true;
      } else if (p == "lxc" && i + 1 < parts.size()) {
        found.runtime = "lxc";
        found.id = std::string(parts[i + 1]);
        any = true;
        ++i;
      }
    }
  }
  if (!any) return std::nullopt;
  return found;
}

}  // namespace netstat
