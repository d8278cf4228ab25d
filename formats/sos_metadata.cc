// sosreport metadata files: see sos_metadata.h for the layouts.
#include "formats/sos_metadata.h"

#include <nlohmann/json.hpp>

namespace netstat::formats {
namespace {

std::string_view first_line(std::string_view text) {
  size_t nl = text.find('\n');
  return nl == std::string_view::npos ? text : text.substr(0, nl);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// The \a n-th (0-based) blank-separated word of \a line.
std::string_view word(std::string_view line, int n) {
  size_t i = 0;
  for (int k = 0;; ++k) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (i == j) return {};
    if (k == n) return line.substr(i, j - i);
    i = j;
  }
}

/// A word that can be a kernel release or sos version: printable, no blanks.
bool sane_word(std::string_view w, size_t max) {
  if (w.empty() || w.size() > max) return false;
  for (char c : w) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
  }
  return true;
}

bool digits(std::string_view s, size_t at, size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<std::string> sos_version_from_version_txt(std::string_view text) {
  std::string_view line = trim(first_line(text));
  constexpr std::string_view kTag = "sosreport:";
  if (line.substr(0, kTag.size()) != kTag) return std::nullopt;
  std::string_view v = trim(line.substr(kTag.size()));
  if (!sane_word(v, 32)) return std::nullopt;
  return std::string(v);
}

std::optional<SosManifest> parse_sos_manifest(std::string_view json) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto text = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  SosManifest m;
  std::string v = text("version");
  if (sane_word(v, 32)) m.version = v;
  m.start_time = sos_time_to_iso(text("start_time")).value_or("");
  m.end_time = sos_time_to_iso(text("end_time")).value_or("");
  return m;
}

std::optional<std::string> sos_time_to_iso(std::string_view t) {
  // YYYY-MM-DD HH:MM:SS, then optionally [.,] and 1..9 digits.
  int y, mo, d, h, mi, s;
  if (t.size() < 19 || !digits(t, 0, 4, &y) || t[4] != '-' || !digits(t, 5, 2, &mo) ||
      t[7] != '-' || !digits(t, 8, 2, &d) || (t[10] != ' ' && t[10] != 'T') ||
      !digits(t, 11, 2, &h) || t[13] != ':' || !digits(t, 14, 2, &mi) || t[16] != ':' ||
      !digits(t, 17, 2, &s)) {
    return std::nullopt;
  }
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  std::string out(t.substr(0, 19));
  out[10] = 'T';
  if (t.size() > 20 && (t[19] == '.' || t[19] == ',')) {
    size_t n = 0;
    while (20 + n < t.size() && n < 9 && t[20 + n] >= '0' && t[20 + n] <= '9') ++n;
    if (n > 0) {
      out.push_back('.');
      out.append(t.substr(20, n));
    }
  }
  return out;
}

std::optional<std::string> first_sos_log_time(std::string_view log) {
  size_t i = 0;
  for (int lines = 0; i < log.size() && lines < 64; ++lines) {
    size_t nl = log.find('\n', i);
    std::string_view line = log.substr(i, nl == std::string_view::npos ? nl : nl - i);
    if (std::optional<std::string> t = sos_time_to_iso(line.substr(0, 26))) return t;
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  return std::nullopt;
}

std::optional<std::string> host_name_from_file(std::string_view text) {
  std::string_view name = trim(first_line(text));
  if (!sane_word(name, 253)) return std::nullopt;
  return std::string(name);
}

std::optional<std::string> kernel_from_uname_a(std::string_view text) {
  std::string_view line = first_line(text);
  if (word(line, 0) != "Linux") return std::nullopt;
  std::string_view r = word(line, 2);
  if (!sane_word(r, 64)) return std::nullopt;
  return std::string(r);
}

std::optional<std::string> kernel_from_proc_version(std::string_view text) {
  std::string_view line = first_line(text);
  if (word(line, 0) == "Linux" && word(line, 1) == "version") {
    std::string_view r = word(line, 2);
    if (sane_word(r, 64)) return std::string(r);
    return std::nullopt;
  }
  std::string_view r = trim(line);  // osrelease: the release alone
  if (sane_word(r, 64) && word(line, 1).empty()) return std::string(r);
  return std::nullopt;
}

}  // namespace netstat::formats
