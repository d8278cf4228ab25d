// The container a process belongs to, told from its /proc/<pid>/cgroup
// (cgroup v1 or v2 lines "ID:CONTROLLERS:PATH"): the path components that
// docker, containerd (CRI), CRI-O, podman, LXC and the kubelet create.
// Pure text, no I/O; the capture reads the file (capture/netns_scan.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netstat {

struct CgroupContainer {
  /// "docker", "containerd", "cri-o", "podman", "lxc", or "kubernetes" (a
  /// pod whose runtime the path does not name).
  std::string runtime;
  std::string id;       ///< container id (64 hex digits; an LXC name), or ""
  std::string pod_uid;  ///< Kubernetes pod UID (with dashes), or ""
};

/// What \a cgroup_file says, or nullopt for a process in no container
/// (system.slice services, user sessions, the root cgroup).
std::optional<CgroupContainer> container_from_cgroup(std::string_view cgroup_file);

}  // namespace netstat
