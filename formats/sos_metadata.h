// The small sosreport files that say which machine a report describes and
// when it was taken. Pure parsers: the caller reads the files.
//
//   version.txt                  "sosreport: 4.0\n<plugin>: <version>\n..."
//   sos_reports/manifest.json    sos >= 4.0: {"version": "4.0",
//                                "start_time": "2026-12-03 07:11:26.993764",
//                                "end_time": ..., ...} (the machine's local
//                                time, without a zone)
//   sos_logs/sos.log             "2026-12-03 07:11:29,197 INFO: ..." per line
//   hostname, etc/hostname       the host name on the first line
//   uname, .../uname_-a          `uname -a`: "Linux HOST RELEASE #1 SMP ..."
//   proc/version                 "Linux version RELEASE (builder) ..."
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netstat::formats {

/// sos's version from version.txt ("sosreport: 4.0" -> "4.0").
std::optional<std::string> sos_version_from_version_txt(std::string_view text);

/// What sos_reports/manifest.json says about the run (sos 4.x).
struct SosManifest {
  std::string version;     ///< "4.0"
  std::string start_time;  ///< ISO form, "2026-12-03T07:11:26.993764" ("" unknown)
  std::string end_time;
};
/// nullopt when the text is not a JSON object.
std::optional<SosManifest> parse_sos_manifest(std::string_view json);

/// sos's "YYYY-MM-DD HH:MM:SS[.,]frac" in ISO form ("YYYY-MM-DDTHH:MM:SS.frac",
/// no zone: sos records the machine's local time); nullopt when the text is
/// not of that shape or the fields are out of range.
std::optional<std::string> sos_time_to_iso(std::string_view text);

/// The time of the first line of sos_logs/sos.log that starts with one.
std::optional<std::string> first_sos_log_time(std::string_view log);

/// A host name from a file holding one on its first line ("hostname",
/// "etc/hostname"); nullopt when that line is empty, too long (over 253
/// bytes) or holds blanks or control bytes.
std::optional<std::string> host_name_from_file(std::string_view text);

/// The release (third field) of `uname -a` output.
std::optional<std::string> kernel_from_uname_a(std::string_view text);
/// The release of /proc/version ("Linux version R ...") or of
/// /proc/sys/kernel/osrelease (one word on the first line).
std::optional<std::string> kernel_from_proc_version(std::string_view text);

}  // namespace netstat::formats
