// sosreport metadata files: version.txt, sos_reports/manifest.json,
// sos_logs/sos.log, hostname and kernel files.
#include "formats/sos_metadata.h"

#include <gtest/gtest.h>

namespace netstat::formats {
namespace {

TEST(SosMetadata, VersionTxt) {
  EXPECT_EQ(sos_version_from_version_txt("sosreport: 4.0\nnetworking: unversioned\n"),
            std::optional<std::string>("4.0"));
  EXPECT_EQ(sos_version_from_version_txt("sosreport: 3.9.1\n"),
            std::optional<std::string>("3.9.1"));
  EXPECT_EQ(sos_version_from_version_txt("profiles: 1\n"), std::nullopt);
  EXPECT_EQ(sos_version_from_version_txt("sosreport: \n"), std::nullopt);
  EXPECT_EQ(sos_version_from_version_txt(""), std::nullopt);
}

TEST(SosMetadata, Manifest) {
  // As sos 4.0 on Debian 12 wrote it (trimmed).
  std::optional<SosManifest> m = parse_sos_manifest(R"({
    "version": "4.0",
    "cmdline": "report --batch -o networking,process",
    "start_time": "2026-12-03 07:11:26.993764",
    "end_time": "2026-12-03 07:11:49.034276",
    "compression": "xz"})");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->version, "4.0");
  EXPECT_EQ(m->start_time, "2026-12-03T07:11:26.993764");
  EXPECT_EQ(m->end_time, "2026-12-03T07:11:49.034276");
  std::optional<SosManifest> odd = parse_sos_manifest(
      R"({"version": 4, "start_time": "yesterday", "end_time": null})");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->version, "");
  EXPECT_EQ(odd->start_time, "");
  EXPECT_EQ(parse_sos_manifest("[1]"), std::nullopt);
  EXPECT_EQ(parse_sos_manifest("{\"version\": "), std::nullopt);
  EXPECT_EQ(parse_sos_manifest(""), std::nullopt);
}

TEST(SosMetadata, Times) {
  EXPECT_EQ(sos_time_to_iso("2026-12-03 07:11:26"),
            std::optional<std::string>("2026-12-03T07:11:26"));
  EXPECT_EQ(sos_time_to_iso("2026-12-03 07:11:29,197 INFO: x"),
            std::optional<std::string>("2026-12-03T07:11:29.197"));
  EXPECT_EQ(sos_time_to_iso("2026-13-03 07:11:26"), std::nullopt);
  EXPECT_EQ(sos_time_to_iso("2026-12-03 7:11:26"), std::nullopt);
  EXPECT_EQ(sos_time_to_iso("2026-12-03"), std::nullopt);
  EXPECT_EQ(first_sos_log_time("\nnoise\n2026-12-03 07:11:29,197 INFO: [archive] x\n"),
            std::optional<std::string>("2026-12-03T07:11:29.197"));
  EXPECT_EQ(first_sos_log_time("no times here\n"), std::nullopt);
}

TEST(SosMetadata, HostName) {
  EXPECT_EQ(host_name_from_file("web1\n"), std::optional<std::string>("web1"));
  EXPECT_EQ(host_name_from_file("  db.example.com \r\nx\n"),
            std::optional<std::string>("db.example.com"));
  EXPECT_EQ(host_name_from_file("\n"), std::nullopt);
  EXPECT_EQ(host_name_from_file("two words\n"), std::nullopt);
  EXPECT_EQ(host_name_from_file("esc\x1b[0m\n"), std::nullopt);
  EXPECT_EQ(host_name_from_file(std::string(300, 'a')), std::nullopt);
}

TEST(SosMetadata, Kernel) {
  EXPECT_EQ(kernel_from_uname_a("Linux vm 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian "
                                "6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n"),
            std::optional<std::string>("6.1.0-18-amd64"));
  EXPECT_EQ(kernel_from_uname_a("Darwin mac 23.0 x\n"), std::nullopt);
  EXPECT_EQ(kernel_from_uname_a("Linux vm\n"), std::nullopt);
  EXPECT_EQ(kernel_from_proc_version("Linux version 6.1.0-18-amd64 "
                                     "(debian-kernel@lists.debian.org) (gcc-12) #1 SMP\n"),
            std::optional<std::string>("6.1.0-18-amd64"));
  EXPECT_EQ(kernel_from_proc_version("5.15.0-91-generic\n"),
            std::optional<std::string>("5.15.0-91-generic"));
  EXPECT_EQ(kernel_from_proc_version("Linux version\n"), std::nullopt);
  EXPECT_EQ(kernel_from_proc_version(""), std::nullopt);
}

}  // namespace
}  // namespace netstat::formats
