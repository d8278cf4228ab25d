// interfaces.json: round trips (every field, failures, odd names), byte
// reproducibility, and strict rejection of malformed documents; plus the
// live ioctl fetch's ENODEV mapping.
#include "replay/interfaces_json.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "replay/live_system.h"

namespace netstat {
namespace {

IfaceInfo full_info() {
  IfaceInfo i;
  i.name = "eth0";
  i.flags = static_cast<int16_t>(0x9043);  // includes DYNAMIC: negative
  i.mtu = 1500;
  i.metric = 3;
  i.has_hw = true;
  i.hw_type = 1;
  i.hw_addr = {0x02, 0xfc, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0xee};
  i.has_map = true;
  i.map = IfMap{0xd0000, 0xdffff, 0x300, 11, 3, 2};
  i.tx_queue_len = 1000;
  i.has_addr = true;
  i.addr = 0x0202000a;       // 10.0.2.2
  i.dstaddr = 0x0202000a;
  i.broadaddr = 0xff02000a;  // 10.0.2.255
  i.netmask = 0x00ffffff;    // 255.255.255.0
  i.outfill = -2;
  i.keepalive = 9;
  return i;
}

InterfaceSnapshot sample() {
  InterfaceSnapshot s;
  s.labels = {"lo", "eth0", "eth0:1"};
  s.infos.push_back(full_info());
  IfaceInfo lo;
  lo.name = "lo";
  lo.flags = 73;
  lo.mtu = 65536;
  s.infos.push_back(lo);
  IfaceInfo alias = full_info();
  alias.name = "eth0:1";
  alias.broadaddr_failed = true;  // a failed ioctl leaves the address 0
  alias.broadaddr = alias.dstaddr = alias.netmask = 0;
  alias.dstaddr_failed = true;
  alias.netmask_failed = true;
  s.infos.push_back(alias);
  s.failures.push_back({"gone0", Error{Errc::not_found, ENODEV, "gone0"}});
  return s;
}

Result<InterfaceSnapshot> reparse(const InterfaceSnapshot& s) {
  return interfaces_from_json(interfaces_to_json_text(s));
}

std::string problem(std::string_view text) {
  Result<InterfaceSnapshot> r = interfaces_from_json(text);
  if (r.ok()) return "(accepted)";
  EXPECT_EQ(r.code(), Errc::invalid);
  return r.error().message;
}

TEST(InterfacesJson, RoundTripKeepsEveryField) {
  InterfaceSnapshot s = sample();
  Result<InterfaceSnapshot> r = reparse(s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->labels, s.labels);
  EXPECT_FALSE(r->labels_error.has_value());
  ASSERT_EQ(r->infos.size(), 3u);
  EXPECT_EQ(r->infos[0], s.infos[0]);
  EXPECT_EQ(r->infos[1], s.infos[1]);
  EXPECT_EQ(r->infos[2], s.infos[2]);
  ASSERT_EQ(r->failures.size(), 1u);
  EXPECT_EQ(r->failures[0].name, "gone0");
  EXPECT_EQ(r->failures[0].error.code, Errc::not_found);
  EXPECT_EQ(r->failures[0].error.sys_errno, ENODEV);
}

TEST(InterfacesJson, TextIsReproducibleAndReadable) {
  std::string a = interfaces_to_json_text(sample());
  EXPECT_EQ(a, interfaces_to_json_text(sample()));
  EXPECT_EQ(a.back(), '\n');
  EXPECT_NE(a.find("\"addr\": \"02:fc:00:00:00:01:00:00:00:00:00:00:00:ee\""),
            std::string::npos);
  EXPECT_NE(a.find("\"flags\": 36931"), std::string::npos);
  EXPECT_NE(a.find("\"broadaddr\": \"10.0.2.255\""), std::string::npos);
  EXPECT_NE(a.find("\"error\": \"not_found:19\""), std::string::npos);
}

TEST(InterfacesJson, ShorthandWritesTheSameDocument) {
  InterfaceSnapshot s = sample();
  s.failures.clear();
  EXPECT_EQ(interfaces_to_json(s.labels, s.infos), interfaces_to_json(s));
}

TEST(InterfacesJson, LabelsErrorRoundTrips) {
  InterfaceSnapshot s;
  s.labels_error = Error{Errc::io_error, EIO, "SIOCGIFCONF"};
  Result<InterfaceSnapshot> r = reparse(s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->labels_error.has_value());
  EXPECT_EQ(r->labels_error->code, Errc::io_error);
  EXPECT_EQ(r->labels_error->sys_errno, EIO);
  EXPECT_TRUE(r->labels.empty());
}

TEST(InterfacesJson, NonUtf8NamesRoundTripAsHex) {
  InterfaceSnapshot s;
  s.labels = {"\xff\xfe", "caf\xc3\xa9"};
  IfaceInfo i;
  i.name = "\xff\xfe";
  s.infos.push_back(i);
  std::string text = interfaces_to_json_text(s);
  EXPECT_NE(text.find("\"hex\": \"fffe\""), std::string::npos);
  EXPECT_NE(text.find("caf\xc3\xa9"), std::string::npos);
  Result<InterfaceSnapshot> r = interfaces_from_json(text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->labels, s.labels);
  EXPECT_EQ(r->infos.at(0).name, "\xff\xfe");
}

TEST(InterfacesJson, OptionalMembersDefault) {
  Result<InterfaceSnapshot> r = interfaces_from_json(
      R"({"version": 1, "labels": [], "interfaces": [
            {"name": "lo", "flags": 73, "mtu": 65536, "future_key": [1]}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const IfaceInfo& i = r->infos.at(0);
  EXPECT_EQ(i.flags, 73);
  EXPECT_FALSE(i.has_hw);
  EXPECT_FALSE(i.has_map);
  EXPECT_FALSE(i.has_addr);
  EXPECT_EQ(i.tx_queue_len, -1);
  EXPECT_EQ(i.metric, 0);
}

TEST(InterfacesJson, FlagsAcceptSignedAndUnsigned) {
  Result<InterfaceSnapshot> r = interfaces_from_json(
      R"({"version": 1, "labels": [], "interfaces": [
            {"name": "a", "flags": 65535, "mtu": 1},
            {"name": "b", "flags": -1, "mtu": 1}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->infos[0].flags, -1);
  EXPECT_EQ(r->infos[1].flags, -1);
}

TEST(InterfacesJson, RejectsMalformedDocuments) {
  EXPECT_EQ(problem(""), "interfaces.json: not valid JSON");
  EXPECT_EQ(problem("{\"version\": 1,"), "interfaces.json: not valid JSON");
  EXPECT_EQ(problem("[]"), "interfaces.json: interfaces.json: not a JSON object");
  EXPECT_EQ(problem("{}"), "interfaces.json: version: missing");
  EXPECT_EQ(problem(R"({"version": "1"})"), "interfaces.json: version: not an integer");
  EXPECT_EQ(problem(R"({"version": 2, "labels": [], "interfaces": []})"),
            "interfaces.json: version: unsupported version 2 (this build reads 1)");
  EXPECT_EQ(problem(R"({"version": 1, "interfaces": []})"),
            "interfaces.json: labels: missing (and no labels_error)");
  EXPECT_EQ(problem(R"({"version": 1, "labels": {}, "interfaces": []})"),
            "interfaces.json: labels: not an array");
  EXPECT_EQ(problem(R"({"version": 1, "labels": [3], "interfaces": []})"),
            "interfaces.json: labels[0]: not a string or {\"hex\": ...}");
  EXPECT_EQ(problem(R"({"version": 1, "labels": ["0123456789abcdef"], "interfaces": []})"),
            "interfaces.json: labels[0]: longer than 15 bytes");
  EXPECT_EQ(problem(R"({"version": 1, "labels": ["a\u0000b"], "interfaces": []})"),
            "interfaces.json: labels[0]: contains NUL");
  EXPECT_EQ(problem(R"({"version": 1, "labels": [{"hex": "zz"}], "interfaces": []})"),
            "interfaces.json: labels[0].hex: bad hex bytes");
  EXPECT_EQ(problem(R"({"version": 1, "labels_error": "oops", "interfaces": []})"),
            "interfaces.json: labels_error: not an error text like \"not_found:19\"");
  EXPECT_EQ(problem(R"({"version": 1, "labels": []})"),
            "interfaces.json: interfaces: missing");
  EXPECT_EQ(problem(R"({"version": 1, "labels": [], "interfaces": 5})"),
            "interfaces.json: interfaces: not an array");
}

TEST(InterfacesJson, RejectsMalformedInterfaces) {
  auto with = [](const std::string& iface) {
    return problem(R"({"version": 1, "labels": [], "interfaces": [)" + iface + "]}");
  };
  EXPECT_EQ(with("1"), "interfaces.json: interfaces[0]: not an object");
  EXPECT_EQ(with(R"({"flags": 1, "mtu": 1})"),
            "interfaces.json: interfaces[0].name: missing");
  EXPECT_EQ(with(R"({"name": "a", "mtu": 1})"),
            "interfaces.json: interfaces[0].flags: missing");
  EXPECT_EQ(with(R"({"name": "a", "flags": "UP", "mtu": 1})"),
            "interfaces.json: interfaces[0].flags: not an integer");
  EXPECT_EQ(with(R"({"name": "a", "flags": 65536, "mtu": 1})"),
            "interfaces.json: interfaces[0].flags: out of range [-32768, 65535]");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1.5})"),
            "interfaces.json: interfaces[0].mtu: not an integer");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 18446744073709551615})"),
            "interfaces.json: interfaces[0].mtu: 18446744073709551615 is out of "
            "range [-2147483648, 2147483647]");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "txqueuelen": null})"),
            "interfaces.json: interfaces[0].txqueuelen: not an integer");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "hwaddr": 1})"),
            "interfaces.json: interfaces[0].hwaddr: not an object or null");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "hwaddr": {"addr": ""}})"),
            "interfaces.json: interfaces[0].hwaddr.type: missing");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "hwaddr": {"type": 70000, "addr": ""}})"),
            "interfaces.json: interfaces[0].hwaddr.type: 70000 is out of range [0, 65535]");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "hwaddr": {"type": 1, "addr": "0:1"}})"),
            "interfaces.json: interfaces[0].hwaddr.addr: bad hex bytes");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "hwaddr": {"type": 1,
                     "addr": "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e"}})"),
            "interfaces.json: interfaces[0].hwaddr.addr: more than 14 bytes");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "map": {"irq": 256}})"),
            "interfaces.json: interfaces[0].map.irq: 256 is out of range [0, 255]");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "map": {"mem_start": -1}})"),
            "interfaces.json: interfaces[0].map.mem_start: not an unsigned integer");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "inet": {"addr": "1.2.3"}})"),
            "interfaces.json: interfaces[0].inet.addr: not a dotted quad");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "inet": {"addr": null}})"),
            "interfaces.json: interfaces[0].inet.addr: not a dotted quad");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1, "inet": {"addr": "1.2.3.4"}})"),
            "interfaces.json: interfaces[0].inet.dstaddr: missing");
  EXPECT_EQ(with(R"({"name": "a", "error": 19})"),
            "interfaces.json: interfaces[0].error: not an error text");
  EXPECT_EQ(with(R"({"name": "a", "flags": 1, "mtu": 1}, {"name": "a", "error": "not_found"})"),
            "interfaces.json: interfaces: duplicate name \"a\"");
}

TEST(InterfacesJson, DeepNestingIsRejectedNotACrash) {
  std::string deep(100000, '[');
  EXPECT_EQ(problem(deep), "interfaces.json: not valid JSON");
  std::string nested = R"({"version": 1, "labels": [], "interfaces": [], "x": )" +
                       std::string(50000, '[') + std::string(50000, ']') + "}";
  EXPECT_EQ(problem(nested), "(accepted)");
}

TEST(LiveInterfaces, UnknownNameIsNotFoundWithEnodev) {
  Result<IfaceInfo> r = live_interface_info("nosuchif-xyz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Errc::not_found);
  EXPECT_EQ(r.error().sys_errno, ENODEV);
}

TEST(LiveInterfaces, LoopbackAnswers) {
  Result<IfaceInfo> r = live_interface_info("lo");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->name, "lo");
  EXPECT_TRUE(r->has_hw);
  EXPECT_EQ(r->hw_type, 772);  // ARPHRD_LOOPBACK
  EXPECT_NE(r->flags & 0x8, 0);  // IFF_LOOPBACK
  Result<std::vector<std::string>> labels = live_interface_labels();
  ASSERT_TRUE(labels.ok()) << labels.error().message;
}

}  // namespace
}  // namespace netstat
