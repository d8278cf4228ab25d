// View selection in a format 2 manifest (replay/bundle_views.h), the v2
// manifest keys round-trip, view roots from an untrusted manifest, and
// SubtreeRoot's path mapping.
#include <gtest/gtest.h>

#include "replay/bundle_views.h"
#include "replay/memory_root.h"
#include "replay/subtree_root.h"

namespace netstat {
namespace {

ManifestView view(std::string id, std::string netns, uint64_t inode, uint32_t frame,
                  std::vector<std::string> names = {}, std::vector<ViewProcess> procs = {}) {
  ManifestView v;
  v.id = id;
  v.root = id == "default" ? "" : "views/" + id;
  v.netns = std::move(netns);
  v.inode = inode;
  v.frame = frame;
  v.names = std::move(names);
  v.processes = std::move(procs);
  v.time = "2024-05-01T12:00:0" + std::to_string(frame) + ".000Z";
  return v;
}

// Two frames of three namespaces; "blue" vanished before frame 1.
Manifest two_frames() {
  Manifest m;
  m.views = {view("default", "self", 100, 0),
             view("n200-f0", "netns:[200]", 200, 0, {"blue"}, {{42, "nginx"}}),
             view("n300-f0", "netns:[300]", 300, 0, {}, {{77, "sleep"}}),
             view("f1", "self", 100, 1),
             view("n300-f1", "netns:[300]", 300, 1, {}, {{77, "sleep"}})};
  return m;
}

std::vector<std::string> ids(const Manifest& m, const std::vector<size_t>& picked) {
  std::vector<std::string> out;
  for (size_t i : picked) out.push_back(m.views[i].id);
  return out;
}

std::vector<std::string> pick(const Manifest& m, std::string netns, long frame,
                              bool all_frames = false) {
  ViewSelector s;
  s.netns = std::move(netns);
  s.frame = frame;
  s.all_frames = all_frames;
  Result<std::vector<size_t>> r = select_views(m, s, "b");
  if (!r.ok()) return {"error: " + r.error().message};
  return ids(m, *r);
}

using V = std::vector<std::string>;

TEST(BundleViews, DefaultIsTheCapturersNamespaceAtFrame0) {
  Manifest m = two_frames();
  EXPECT_EQ(pick(m, "", 0), V{"default"});
  EXPECT_EQ(pick(m, "", -1), V{"f1"});
  EXPECT_EQ(pick(m, "", 1), V{"f1"});
  EXPECT_EQ(pick(m, "", 0, true), (V{"default", "f1"}));
}

TEST(BundleViews, NamespaceByNameInodePidOrText) {
  Manifest m = two_frames();
  EXPECT_EQ(pick(m, "blue", 0), V{"n200-f0"});
  EXPECT_EQ(pick(m, "300", -1), V{"n300-f1"});
  EXPECT_EQ(pick(m, "pid:77", 0), V{"n300-f0"});
  EXPECT_EQ(pick(m, "netns:[300]", 0, true), (V{"n300-f0", "n300-f1"}));
  EXPECT_EQ(pick(m, "self", 1), V{"f1"});
  EXPECT_EQ(pick(m, "100", 0), V{"default"});
}

TEST(BundleViews, AllIsEveryNamespaceOfTheFrame) {
  Manifest m = two_frames();
  EXPECT_EQ(pick(m, "all", 0), (V{"default", "n200-f0", "n300-f0"}));
  EXPECT_EQ(pick(m, "all", 1), (V{"f1", "n300-f1"}));  // blue had vanished
}

TEST(BundleViews, WhatNamesNothingIsOneLine) {
  Manifest m = two_frames();
  EXPECT_EQ(pick(m, "red", 0),
            V{"error: b: no network namespace 'red' in the bundle (it has: self, "
              "blue (netns:[200]), netns:[300])"});
  EXPECT_EQ(pick(m, "pid:9", 0)[0].rfind("error: b: no network namespace 'pid:9'", 0), 0u);
  EXPECT_EQ(pick(m, "", 2), V{"error: b: no frame 2 (the bundle has 2 frames: 0..1)"});
  EXPECT_EQ(pick(m, "", -3), V{"error: b: no frame -3 (the bundle has 2 frames: 0..1)"});
  EXPECT_EQ(pick(m, "blue", 1),
            V{"error: b: network namespace blue (netns:[200]) was not captured in frame 1"});
}

TEST(BundleViews, ManifestV2KeysRoundTrip) {
  Manifest m = two_frames();
  m.views[1].container = ViewContainer{"docker", "abc123", ""};
  m.skipped_netns.push_back({"netns:[400]", 400, {"red"}, {9}, Error{Errc::permission_denied, 1, {}}});
  Result<Manifest> back = parse_manifest(manifest_to_json(m));
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->views.size(), 5u);
  EXPECT_EQ(back->views[1].names, V{"blue"});
  EXPECT_EQ(back->views[1].inode, 200u);
  ASSERT_EQ(back->views[1].processes.size(), 1u);
  EXPECT_EQ(back->views[1].processes[0].pid, 42u);
  EXPECT_EQ(back->views[1].processes[0].command, "nginx");
  EXPECT_EQ(back->views[1].container, (ViewContainer{"docker", "abc123", ""}));
  EXPECT_FALSE(back->views[0].container.has_value());
  ASSERT_EQ(back->skipped_netns.size(), 1u);
  EXPECT_EQ(back->skipped_netns[0].error.code, Errc::permission_denied);
  EXPECT_EQ(back->skipped_netns[0].pids, std::vector<uint32_t>{9});
  EXPECT_EQ(manifest_to_json(*back), manifest_to_json(m));
}

// Replay reads the manifest without its member list; the rest is the same,
// and it is still checked as JSON.
TEST(BundleViews, ManifestWithoutEntries) {
  Manifest m = two_frames();
  m.entries = {{"proc/net/tcp", "file", 3, "ab"}, {"etc/hosts", "file", 0, "cd"}};
  m.absent = {"proc/net/sctp"};
  std::string json = manifest_to_json(m);
  Result<Manifest> all = parse_manifest(json);
  Result<Manifest> lean = parse_manifest(json, ManifestParts::without_entries);
  ASSERT_TRUE(all.ok() && lean.ok());
  EXPECT_EQ(all->entries.size(), 2u);
  EXPECT_TRUE(lean->entries.empty());
  Manifest expect = *all;
  expect.entries.clear();
  EXPECT_EQ(manifest_to_json(*lean), manifest_to_json(expect));
  EXPECT_FALSE(parse_manifest(json.substr(0, json.size() / 2),
                              ManifestParts::without_entries).ok());
}

// The member list is cut out by a structural scan before parsing: quotes,
// backslashes and brackets inside its strings do not end it early, and
// keys after it are still read.
TEST(BundleViews, ManifestWithoutEntriesSkipsTrickyStrings) {
  Manifest m = two_frames();
  m.entries = {{"a\"]}\\", "file", 3, "ab"}, {"b[{\\\"", "symlink", 1, "cd"}};
  m.absent = {"proc/net/sctp", "x\\\"]"};
  m.unreadable = {{"proc/net/raw", Error{Errc::permission_denied, 13, {}}}};
  std::string json = manifest_to_json(m);
  Result<Manifest> lean = parse_manifest(json, ManifestParts::without_entries);
  ASSERT_TRUE(lean.ok()) << lean.error().message;
  EXPECT_TRUE(lean->entries.empty());
  EXPECT_EQ(lean->absent, m.absent);
  ASSERT_EQ(lean->unreadable.size(), 1u);
  EXPECT_EQ(lean->views.size(), m.views.size());
  // An unterminated string inside the list: refused, as by the parser.
  std::string broken = json;
  size_t at = broken.find("\"entries\"");
  ASSERT_NE(at, std::string::npos);
  broken.insert(broken.find('[', at) + 1, "\"");
  EXPECT_FALSE(parse_manifest(broken, ManifestParts::without_entries).ok());
}

TEST(BundleViews, HostileViewRootsAreRefused) {
  for (const char* root : {"views/..", "views/", "views/a/b", "proc", "/views/a", "views/a b"}) {
    std::string json = std::string(R"({"format": "netstat-bundle", "format_version": 2, )") +
                       R"("views": [{"id": "x", "root": ")" + root + R"("}]})";
    Result<Manifest> m = parse_manifest(json);
    EXPECT_FALSE(m.ok()) << root;
  }
  Result<Manifest> empty = parse_manifest(
      R"({"format": "netstat-bundle", "format_version": 2, "views": []})");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->views.size(), 1u);  // the default view, as format 1 implies
}

TEST(BundleViews, ViewManifestKeepsItsOwnPaths) {
  Manifest m = two_frames();
  m.absent = {"proc/net/sctp", "views/f1/proc/net/sctp", "views/f1/proc/net/ipx",
              "views/f10/proc/net/x25"};
  m.unreadable = {{"views/f1/proc/net/snmp", Error{Errc::permission_denied, 13, {}}}};
  Manifest top = view_manifest(m, m.views[0]);
  EXPECT_EQ(top.absent, V{"proc/net/sctp"});
  EXPECT_TRUE(top.unreadable.empty());
  Manifest f1 = view_manifest(m, m.views[3]);
  EXPECT_EQ(f1.absent, (V{"proc/net/sctp", "proc/net/ipx"}));
  ASSERT_EQ(f1.unreadable.size(), 1u);
  EXPECT_EQ(f1.unreadable[0].path, "proc/net/snmp");
  ASSERT_EQ(f1.views.size(), 1u);
  EXPECT_EQ(f1.views[0].id, "f1");
}

TEST(SubtreeRoot, MapsPathsAndNeverClimbsOut) {
  auto base = std::make_shared<MemoryRoot>();
  base->add_file("proc/net/tcp", "top");
  base->add_file("views/f1/proc/net/tcp", "f1");
  base->add_symlink("views/f1/proc/net/udp", "../../../../proc/net/tcp");
  SubtreeRoot f1(base, "views/f1");
  EXPECT_EQ(*f1.read_file("/proc/net/tcp"), "f1");
  EXPECT_EQ(*f1.read_file("/proc/net/udp"), "top");  // a shared member
  EXPECT_EQ(*f1.read_file("/../../proc/net/tcp"), "f1");
  EXPECT_EQ(*f1.read_file("//proc/./net/../net/tcp"), "f1");
  EXPECT_FALSE(f1.read_file("/../proc/net/tcp/../../../../views").ok());
  SubtreeRoot top(base, "");
  EXPECT_EQ(*top.read_file("/proc/net/tcp"), "top");
}

}  // namespace
}  // namespace netstat
