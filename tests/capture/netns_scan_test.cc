// Namespace discovery on a memory /proc: grouping by ns/net inode, names
// from /run/netns merged, comm and the container from cgroup, unreadable
// links listed as "unknown", the capturer's own first; selectors; the
// child's wire format round trip and its refusal of damaged input;
// RecordOptions::processes filters the process walk.
#include <gtest/gtest.h>

#include "capture/netns_record.h"
#include "capture/netns_scan.h"
#include "replay/memory_root.h"

namespace netstat {
namespace {

void add_proc(MemoryRoot& r, int pid, uint64_t inode, const std::string& comm,
              const std::string& cgroup = "0::/\n") {
  std::string d = "proc/" + std::to_string(pid);
  r.add_dir(d);
  r.add_symlink(d + "/ns/net", "net:[" + std::to_string(inode) + "]");
  r.add_file(d + "/comm", comm + "\n");
  r.add_file(d + "/cgroup", cgroup);
}

void machine(MemoryRoot& r) {
  r.add_symlink("proc/self/ns/net", "net:[4026531840]");
  add_proc(r, 1, 4026531840, "systemd");
  add_proc(r, 300, 4026532500, "nginx",
           "0::/system.slice/docker-" + std::string(64, 'a') + ".scope\n");
  add_proc(r, 301, 4026532500, "worker");
  add_proc(r, 200, 4026532400, "sleep");
  add_proc(r, 50, 4026531840, "sshd");
  r.add_dir("proc/77");
  r.add_error("proc/77/ns/net", Errc::permission_denied, FileType::symlink);
}

TEST(NetnsScan, GroupsNamesAndIdentifies) {
  MemoryRoot r;
  machine(r);
  std::vector<NamedNetns> named = {{"blue", 4026532600, {}}, {"red", 4026532400, {}},
                                   {"stale", 0, Error{Errc::invalid, 0, "not a network namespace"}}};
  Result<NetnsScan> s = scan_netns(r, named);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->self_inode, 4026531840u);
  ASSERT_EQ(s->namespaces.size(), 4u);
  // self, then named by name (blue, red), then anonymous by first pid.
  EXPECT_TRUE(s->namespaces[0].self);
  EXPECT_EQ(s->namespaces[0].netns(), "self");
  EXPECT_TRUE(s->namespaces[0].processes.empty());  // the host: not listed
  EXPECT_EQ(s->namespaces[1].names, std::vector<std::string>{"blue"});
  EXPECT_TRUE(s->namespaces[1].processes.empty());
  EXPECT_EQ(s->namespaces[2].names, std::vector<std::string>{"red"});
  ASSERT_EQ(s->namespaces[2].processes.size(), 1u);
  EXPECT_EQ(s->namespaces[2].processes[0].pid, 200u);
  EXPECT_EQ(s->namespaces[2].processes[0].command, "sleep");
  const NetnsInfo& anon = s->namespaces[3];
  EXPECT_EQ(anon.netns(), "netns:[4026532500]");
  ASSERT_EQ(anon.processes.size(), 2u);
  EXPECT_EQ(anon.processes[0].pid, 300u);
  EXPECT_EQ(anon.processes[1].command, "worker");
  ASSERT_TRUE(anon.container);
  EXPECT_EQ(anon.container->runtime, "docker");
  EXPECT_EQ(anon.container->id, std::string(64, 'a'));
  // Nothing silently missing: the stale name and pid 77.
  ASSERT_EQ(s->unknown.size(), 2u);
  EXPECT_EQ(s->unknown[0].netns, "/run/netns/stale");
  EXPECT_EQ(s->unknown[1].netns, "unknown");
  EXPECT_EQ(s->unknown[1].pids, std::vector<uint32_t>{77});
  EXPECT_EQ(s->unknown[1].error.code, Errc::permission_denied);

  EXPECT_EQ(find_netns(*s, "self"), &s->namespaces[0]);
  EXPECT_EQ(find_netns(*s, "red"), &s->namespaces[2]);
  EXPECT_EQ(find_netns(*s, "4026532500"), &anon);
  EXPECT_EQ(find_netns(*s, "netns:[4026532500]"), &anon);
  EXPECT_EQ(find_netns(*s, "pid:301"), &anon);
  EXPECT_EQ(find_netns(*s, "pid:1"), nullptr);  // the host's processes are not listed
  EXPECT_EQ(find_netns(*s, "green"), nullptr);
  EXPECT_EQ(find_netns(*s, "pid:x"), nullptr);
}

TEST(NetnsScan, WithoutOwnNamespaceFails) {
  MemoryRoot r;
  r.add_dir("proc/1");
  EXPECT_FALSE(scan_netns(r, {}).ok());
  r.add_symlink("proc/self/ns/net", "garbage");
  EXPECT_FALSE(scan_netns(r, {}).ok());
}

TEST(NetnsRecordWire, RoundTripAndDamage) {
  Recording rec;
  rec.members = {{"proc/net", FileType::directory, {}, {}},
                 {"proc/net/tcp", FileType::regular, std::string("a\0b", 3), "ff"},
                 {"etc/localtime", FileType::symlink, "../usr/share/zoneinfo/UTC", {}}};
  rec.manifest.hostname = "h";
  rec.manifest.absent = {"proc/net/sctp"};
  rec.manifest.capture_start = "2024-05-01T12:00:00.000Z";
  std::string wire = serialize_recording(rec);
  Result<Recording> back = parse_recording(wire);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->members.size(), 3u);
  EXPECT_EQ(back->members[1].data, std::string("a\0b", 3));
  EXPECT_EQ(back->members[1].sha256, "ff");
  EXPECT_EQ(back->members[2].type, FileType::symlink);
  EXPECT_EQ(back->manifest.hostname, "h");
  EXPECT_EQ(back->manifest.absent, std::vector<std::string>{"proc/net/sctp"});
  for (size_t cut : {size_t{0}, size_t{5}, wire.size() / 2, wire.size() - 1}) {
    EXPECT_FALSE(parse_recording(wire.substr(0, cut)).ok()) << cut;
  }
  EXPECT_FALSE(parse_recording(wire + "x").ok());
}

TEST(RecordOptionsProcesses, FiltersTheWalk) {
  MemoryRoot r;
  r.add_file("proc/net/tcp", "  sl  local_address\n");
  for (int pid : {10, 20}) {
    std::string d = "proc/" + std::to_string(pid);
    r.add_symlink(d + "/fd/3", "socket:[" + std::to_string(1000 + pid) + "]");
    r.add_file(d + "/cmdline", std::string("p") + std::to_string(pid) + '\0');
  }
  RecordOptions o;
  o.processes = std::vector<std::string>{"20", "30"};  // 30: gone
  Result<Recording> rec = record(r, o);
  ASSERT_TRUE(rec.ok()) << rec.error().message;
  std::string table;
  for (const BundleMember& m : rec->members) {
    if (m.path == "netstat/processes.tsv") table = m.data;
  }
  EXPECT_NE(table.find("1020"), std::string::npos) << table;
  EXPECT_EQ(table.find("1010"), std::string::npos) << table;
  EXPECT_EQ(table.find("30"), std::string::npos) << table;  // gone: not an error row
}

}  // namespace
}  // namespace netstat
