// MultiViewRecording: the first view is the top, later ones go under
// views/<id>/, and content seen before is stored as a relative symlink.
#include <gtest/gtest.h>

#include "capture/series.h"

namespace netstat {
namespace {

Recording view_of(std::string tcp, std::string services) {
  Recording r;
  r.members = {{"proc/net", FileType::directory, {}, {}},
               {"proc/net/tcp", FileType::regular, std::move(tcp), {}},
               {"proc/net/udp", FileType::regular, "", {}},
               {"etc/services", FileType::regular, std::move(services), {}}};
  r.manifest.absent = {"proc/net/sctp"};
  r.manifest.unreadable = {{"proc/net/snmp", Error{Errc::permission_denied, 13, {}}}};
  r.manifest.capture_start = "2024-05-01T12:00:00.000Z";
  return r;
}

TEST(RelativeLink, ClimbsToTheTop) {
  EXPECT_EQ(relative_link("views/f1/proc/net/tcp", "proc/net/tcp"), "../../../../proc/net/tcp");
  EXPECT_EQ(relative_link("views/f1/etc/services", "etc/services"), "../../../etc/services");
  EXPECT_EQ(relative_link("a", "b"), "b");
}

TEST(MultiViewRecording, SecondViewSharesWhatDidNotChange) {
  MultiViewRecording s;
  ManifestView v0;
  v0.root = "ignored";
  s.add(view_of("tcp0", "ssh 22/tcp\n"), v0);
  ManifestView v1;
  v1.id = "f1";
  v1.frame = 1;
  s.add(view_of("tcp1", "ssh 22/tcp\n"), v1);
  Recording r = s.finish("2024-05-01T12:00:01.000Z");
  EXPECT_EQ(r.manifest.format_version, 2);
  ASSERT_EQ(r.manifest.views.size(), 2u);
  EXPECT_EQ(r.manifest.views[0].root, "");
  EXPECT_EQ(r.manifest.views[1].root, "views/f1");
  EXPECT_EQ(r.manifest.capture_end, "2024-05-01T12:00:01.000Z");
  auto member = [&](const std::string& p) -> const BundleMember* {
    for (const BundleMember& m : r.members) {
      if (m.path == p) return &m;
    }
    return nullptr;
  };
  ASSERT_NE(member("views"), nullptr);
  EXPECT_EQ(member("views")->type, FileType::directory);
  ASSERT_NE(member("views/f1/proc/net/tcp"), nullptr);
  EXPECT_EQ(member("views/f1/proc/net/tcp")->type, FileType::regular);
  EXPECT_EQ(member("views/f1/proc/net/tcp")->data, "tcp1");
  ASSERT_NE(member("views/f1/etc/services"), nullptr);
  EXPECT_EQ(member("views/f1/etc/services")->type, FileType::symlink);
  EXPECT_EQ(member("views/f1/etc/services")->data, "../../../etc/services");
  // Empty files stay files (a link would cost the same header).
  EXPECT_EQ(member("views/f1/proc/net/udp")->type, FileType::regular);
  EXPECT_EQ(r.manifest.absent, (std::vector<std::string>{"proc/net/sctp", "views/f1/proc/net/sctp"}));
  ASSERT_EQ(r.manifest.unreadable.size(), 2u);
  EXPECT_EQ(r.manifest.unreadable[1].path, "views/f1/proc/net/snmp");
  // The manifest lists every member, links as symlinks.
  bool listed = false;
  for (const ManifestEntry& e : r.manifest.entries) {
    if (e.path == "views/f1/etc/services") listed = e.type == "symlink";
  }
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace netstat
