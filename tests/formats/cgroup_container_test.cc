// container_from_cgroup: real /proc/<pid>/cgroup texts of docker (v1 and
// v2), containerd under the kubelet (systemd and cgroupfs drivers), CRI-O,
// rootless podman and LXC, and ones that name no container.
#include "formats/cgroup_container.h"

#include <gtest/gtest.h>

namespace netstat {
namespace {

const std::string kId = "3f1a0c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a10";

TEST(CgroupContainer, DockerV2AndV1) {
  auto c = container_from_cgroup("0::/system.slice/docker-" + kId + ".scope\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "docker");
  EXPECT_EQ(c->id, kId);
  EXPECT_EQ(c->pod_uid, "");
  c = container_from_cgroup("12:pids:/docker/" + kId + "\n11:memory:/docker/" + kId +
                            "\n1:name=systemd:/docker/" + kId + "\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "docker");
  EXPECT_EQ(c->id, kId);
}

TEST(CgroupContainer, KubernetesSystemdAndCgroupfsDrivers) {
  auto c = container_from_cgroup(
      "0::/kubepods.slice/kubepods-besteffort.slice/"
      "kubepods-besteffort-pod0a1b2c3d_4e5f_6789_abcd_ef0123456789.slice/"
      "cri-containerd-" + kId + ".scope\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "containerd");
  EXPECT_EQ(c->id, kId);
  EXPECT_EQ(c->pod_uid, "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
  c = container_from_cgroup("4:memory:/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-"
                            "ef0123456789/" + kId + "\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "kubernetes");
  EXPECT_EQ(c->id, kId);
  EXPECT_EQ(c->pod_uid, "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
  c = container_from_cgroup("0::/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_6789_abcd_"
                            "ef0123456789.slice/crio-" + kId + ".scope\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "cri-o");
  EXPECT_EQ(c->pod_uid, "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
}

TEST(CgroupContainer, PodmanAndLxc) {
  auto c = container_from_cgroup("0::/user.slice/user-1000.slice/user@1000.service/"
                                 "user.slice/libpod-" + kId + ".scope/container\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "podman");
  EXPECT_EQ(c->id, kId);
  c = container_from_cgroup("0::/lxc.payload.web1\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "lxc");
  EXPECT_EQ(c->id, "web1");
  c = container_from_cgroup("3:cpu:/lxc/db2\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runtime, "lxc");
  EXPECT_EQ(c->id, "db2");
}

TEST(CgroupContainer, NoContainer) {
  EXPECT_FALSE(container_from_cgroup("0::/\n"));
  EXPECT_FALSE(container_from_cgroup("0::/system.slice/ssh.service\n"));
  EXPECT_FALSE(container_from_cgroup("0::/user.slice/user-0.slice/session-3.scope\n"));
  EXPECT_FALSE(container_from_cgroup("0::/system.slice/docker-notanid.scope\n"));
  EXPECT_FALSE(container_from_cgroup("0::/user.slice/libpod-conmon-" + kId + ".scope\n"));
  EXPECT_FALSE(container_from_cgroup(""));
  EXPECT_FALSE(container_from_cgroup("garbage without colons\n::\n:::\n"));
}

}  // namespace
}  // namespace netstat
