// manifest.json <-> Manifest with nlohmann::json. Writing uses ordered_json
// so the key order is the documented one and bundles are byte-reproducible;
// reading tolerates unknown keys (later minor additions) but checks types.
#include "replay/bundle_manifest.h"

#include <nlohmann/json.hpp>

#include "replay/errc_names.h"

namespace netstat {
namespace {

using Json = nlohmann::ordered_json;

std::string get_string(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->get<std::string>();
}

// Integers only: nlohmann converts a float (1e300) to an integer type with a
// plain cast, undefined behaviour when out of range.
template <typename T>
T get_number(const Json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    throw Json::type_error::create(
        302, std::string("'") + key + "' is not an integer", &*it);
  }
  return it->get<T>();
}

}  // namespace

std::string manifest_to_json(const Manifest& m) {
  Json j;
  j["format"] = m.format;
  j["format_version"] = m.format_version;
  j["tool"] = m.tool;
  j["tool_version"] = m.tool_version;
  j["hostname"] = m.hostname;
  j["kernel_release"] = m.kernel_release;
  j["capture_start"] = m.capture_start;
  j["capture_end"] = m.capture_end;
  j["euid"] = m.euid;
  j["clk_tck"] = m.clk_tck;
  j["source"] = m.source;
  j["full_cmdline"] = m.full_cmdline;
  Json views = Json::array();
  for (const ManifestView& v : m.views) {
    views.push_back({{"id", v.id},
                     {"root", v.root},
                     {"netns", v.netns},
                     {"frame", v.frame},
                     {"time", v.time}});
  }
  j["views"] = std::move(views);
  Json entries = Json::array();
  for (const ManifestEntry& e : m.entries) {
    Json je{{"path", e.path}, {"type", e.type}, {"size", e.size}};
    if (!e.sha256.empty()) je["sha256"] = e.sha256;
    entries.push_back(std::move(je));
  }
  j["entries"] = std::move(entries);
  j["absent"] = m.absent;
  Json unreadable = Json::array();
  for (const RecordedError& r : m.unreadable) {
    unreadable.push_back({{"path", r.path}, {"error", error_state_text(r.error)}});
  }
  j["unreadable"] = std::move(unreadable);
  if (!m.redaction.empty()) {
    Json r = Json::parse(m.redaction, nullptr, false);
    if (!r.is_discarded()) j["redaction"] = std::move(r);
  }
  std::string out = j.dump(1, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

bool looks_like_bundle_manifest(std::string_view text) {
  constexpr std::string_view kKey = "\"format\"";
  auto skip_ws = [&](size_t i) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    return i;
  };
  for (size_t at = text.find(kKey); at != std::string_view::npos;
       at = text.find(kKey, at + 1)) {
    size_t i = skip_ws(at + kKey.size());
    if (i >= text.size() || text[i] != ':') continue;
    i = skip_ws(i + 1);
    std::string_view rest = text.substr(i);
    if (rest.size() > kBundleFormatName.size() + 1 && rest[0] == '"' &&
        rest.substr(1, kBundleFormatName.size()) == kBundleFormatName &&
        rest[kBundleFormatName.size() + 1] == '"') {
      return true;
    }
  }
  return false;
}

Result<Manifest> parse_manifest(std::string_view text) {
  Manifest m;
  try {
    Json j = Json::parse(text.begin(), text.end());
    if (!j.is_object()) return Error{Errc::invalid, 0, "manifest is not a JSON object"};
    m.format = get_string(j, "format");
    if (m.format != kBundleFormatName) {
      return Error{Errc::invalid, 0,
                   "not a netstat bundle manifest (format '" + m.format + "')"};
    }
    m.format_version = get_number<int>(j, "format_version", 0);
    if (m.format_version < 1) {
      return Error{Errc::invalid, 0, "manifest has no valid format_version"};
    }
    if (m.format_version > kBundleFormatVersion) {
      return Error{Errc::invalid, 0,
                   "bundle format version " + std::to_string(m.format_version) +
                       " is newer than this netstat reads (" +
                       std::to_string(kBundleFormatVersion) + ")"};
    }
    m.tool = get_string(j, "tool");
    m.tool_version = get_string(j, "tool_version");
    m.hostname = get_string(j, "hostname");
    m.kernel_release = get_string(j, "kernel_release");
    m.capture_start = get_string(j, "capture_start");
    m.capture_end = get_string(j, "capture_end");
    m.euid = get_number<uint32_t>(j, "euid", 0);
    m.clk_tck = get_number<long>(j, "clk_tck", 100);
    m.source = get_string(j, "source");
    if (auto it = j.find("full_cmdline"); it != j.end() && !it->is_null()) {
      m.full_cmdline = it->get<bool>();
    }
    if (auto it = j.find("views"); it != j.end() && it->is_array()) {
      m.views.clear();
      for (const Json& v : *it) {
        ManifestView view;
        view.id = get_string(v, "id");
        view.root = get_string(v, "root");
        view.netns = get_string(v, "netns");
        view.frame = get_number<uint32_t>(v, "frame", 0);
        view.time = get_string(v, "time");
        m.views.push_back(std::move(view));
      }
    }
    if (auto it = j.find("entries"); it != j.end()) {
      for (const Json& e : it->get_ref<const Json::array_t&>()) {
        ManifestEntry entry;
        entry.path = get_string(e, "path");
        entry.type = get_string(e, "type");
        entry.size = get_number<uint64_t>(e, "size", 0);
        entry.sha256 = get_string(e, "sha256");
        m.entries.push_back(std::move(entry));
      }
    }
    if (auto it = j.find("absent"); it != j.end()) {
      m.absent = it->get<std::vector<std::string>>();
    }
    if (auto it = j.find("unreadable"); it != j.end()) {
      for (const Json& u : it->get_ref<const Json::array_t&>()) {
        std::string state = get_string(u, "error");
        std::optional<Error> e = parse_error_state(state);
        if (!e) {
          return Error{Errc::invalid, 0, "manifest: bad error state '" + state + "'"};
        }
        m.unreadable.push_back({get_string(u, "path"), *e});
      }
    }
    if (auto it = j.find("redaction"); it != j.end() && it->is_object()) {
      m.redaction = it->dump();
    }
  } catch (const nlohmann::json::exception& e) {
    return Error{Errc::invalid, 0, std::string("malformed manifest: ") + e.what()};
  }
  return m;
}

}  // namespace netstat
