// manifest.json <-> Manifest with nlohmann::json. Writing uses ordered_json
// so the key order is the documented one and bundles are byte-reproducible;
// reading tolerates unknown keys (later minor additions) but checks types.
#include "replay/bundle_manifest.h"

#include <cstring>
#include <optional>
#include <utility>

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

std::vector<std::string> get_strings(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->get<std::vector<std::string>>();
}

// "" (the top) or "views/<id>": one component after views/, printable, no
// "." or "..".
bool valid_view_root(std::string_view root) {
  if (root.empty()) return true;
  if (root.substr(0, 6) != "views/") return false;
  std::string_view id = root.substr(6);
  if (id.empty() || id == "." || id == ".." || id.size() > 200) return false;
  for (char ch : id) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c > 0x7e || c == '/' || c == '\\') return false;
  }
  return true;
}

// [begin, end) of the value of the key \a key of the top-level JSON object
// \a t, by a structural scan (strings with their escapes, nesting) much
// faster than a parse; nullopt when the key is not there (as written) or
// the text is not well nested. Replay skips a series' member list this way.
std::optional<std::pair<size_t, size_t>> top_level_value(std::string_view t,
                                                         std::string_view key) {
  size_t i = 0;
  const size_t n = t.size();
  auto ws = [&] {
    while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
  };
  auto skip_string = [&]() -> bool {  // t[i] == '"'
    size_t from = i + 1;
    while (true) {
      const void* q = std::memchr(t.data() + from, '"', n - from);
      if (q == nullptr) return false;
      size_t k = static_cast<size_t>(static_cast<const char*>(q) - t.data());
      size_t backslashes = 0;
      while (k - backslashes > i + 1 && t[k - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) {
        i = k + 1;
        return true;
      }
      from = k + 1;
    }
  };
  auto skip_value = [&]() -> bool {
    if (i >= n) return false;
    if (t[i] == '"') return skip_string();
    if (t[i] != '{' && t[i] != '[') {
      while (i < n && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' &&
             t[i] != '\n' && t[i] != '\t' && t[i] != '\r') {
        ++i;
      }
      return true;
    }
    size_t depth = 0;
    while (i < n) {
      char c = t[i];
      if (c == '"') {
        if (!skip_string()) return false;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return false;
        if (--depth == 0) {
          ++i;
          return true;
        }
      }
      ++i;
    }
    return false;
  };
  ws();
  if (i >= n || t[i] != '{') return std::nullopt;
  ++i;
  while (true) {
    ws();
    if (i >= n || t[i] != '"') return std::nullopt;
    size_t key_begin = i + 1;
    if (!skip_string()) return std::nullopt;
    std::string_view raw = t.substr(key_begin, i - 1 - key_begin);
    ws();
    if (i >= n || t[i] != ':') return std::nullopt;
    ++i;
    ws();
    size_t value_begin = i;
    if (!skip_value()) return std::nullopt;
    if (raw == key) return std::make_pair(value_begin, i);
    ws();
    if (i >= n || t[i] != ',') return std::nullopt;
    ++i;
  }
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
    Json jv{{"id", v.id}, {"root", v.root}, {"netns", v.netns}, {"inode", v.inode},
            {"names", v.names}, {"frame", v.frame}, {"time", v.time}};
    Json procs = Json::array();
    for (const ViewProcess& p : v.processes) {
      procs.push_back({{"pid", p.pid}, {"command", p.command}});
    }
    jv["processes"] = std::move(procs);
    if (v.container) {
      jv["container"] = {{"runtime", v.container->runtime},
                         {"id", v.container->id},
                         {"pod_uid", v.container->pod_uid}};
    } else {
      jv["container"] = nullptr;
    }
    views.push_back(std::move(jv));
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
  Json skipped = Json::array();
  for (const SkippedNetns& n : m.skipped_netns) {
    skipped.push_back({{"netns", n.netns}, {"inode", n.inode}, {"names", n.names},
                       {"pids", n.pids}, {"error", error_state_text(n.error)}});
  }
  j["skipped_netns"] = std::move(skipped);
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

Result<Manifest> parse_manifest(std::string_view text, ManifestParts parts) {
  Manifest m;
  try {
    // Without entries: the array (one object per member, most of a
    // series' manifest) is checked as JSON but not built.
    Json::parser_callback_t skip_entries = [](int depth, Json::parse_event_t event,
                                              Json& parsed) {
      return !(depth == 1 && event == Json::parse_event_t::key && parsed == "entries");
    };
    // And before that, cut out of the text by a structural scan, so the
    // parser does not even see it (2161 members of a 60-frame series:
    // 2.0 -> 0.5 ms).
    std::string cut;
    if (parts == ManifestParts::without_entries) {
      if (auto range = top_level_value(text, "entries")) {
        cut.reserve(text.size() - (range->second - range->first) + 2);
        cut.append(text.substr(0, range->first));
        cut.append("[]");
        cut.append(text.substr(range->second));
        text = cut;
      }
    }
    Json j = parts == ManifestParts::all ? Json::parse(text.begin(), text.end())
                                         : Json::parse(text.begin(), text.end(), skip_entries);
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
        view.inode = get_number<uint64_t>(v, "inode", 0);
        view.names = get_strings(v, "names");
        view.frame = get_number<uint32_t>(v, "frame", 0);
        view.time = get_string(v, "time");
        if (auto p = v.find("processes"); p != v.end() && p->is_array()) {
          for (const Json& jp : *p) {
            view.processes.push_back({get_number<uint32_t>(jp, "pid", 0),
                                      get_string(jp, "command")});
          }
        }
        if (auto c = v.find("container"); c != v.end() && c->is_object()) {
          view.container = ViewContainer{get_string(*c, "runtime"), get_string(*c, "id"),
                                         get_string(*c, "pod_uid")};
        }
        if (!valid_view_root(view.root)) {
          return Error{Errc::invalid, 0, "manifest: bad view root '" + view.root + "'"};
        }
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
    if (auto it = j.find("skipped_netns"); it != j.end() && it->is_array()) {
      for (const Json& n : *it) {
        SkippedNetns skipped;
        skipped.netns = get_string(n, "netns");
        skipped.inode = get_number<uint64_t>(n, "inode", 0);
        skipped.names = get_strings(n, "names");
        if (auto p = n.find("pids"); p != n.end() && p->is_array()) {
          for (const Json& pid : *p) {
            if (!pid.is_number_integer()) {
              return Error{Errc::invalid, 0, "manifest: a skipped_netns pid is not an integer"};
            }
            skipped.pids.push_back(pid.get<uint32_t>());
          }
        }
        std::string state = get_string(n, "error");
        std::optional<Error> e = parse_error_state(state);
        if (!e) return Error{Errc::invalid, 0, "manifest: bad error state '" + state + "'"};
        skipped.error = *e;
        m.skipped_netns.push_back(std::move(skipped));
      }
    }
    if (m.views.empty()) m.views = {ManifestView{}};  // as format 1 implies
  } catch (const nlohmann::json::exception& e) {
    return Error{Errc::invalid, 0, std::string("malformed manifest: ") + e.what()};
  }
  return m;
}

std::optional<std::string> path_in_view(std::string_view archive_path,
                                        std::string_view root) {
  if (root.empty()) {
    if (archive_path == "views" || archive_path.substr(0, 6) == "views/") {
      return std::nullopt;
    }
    return std::string(archive_path);
  }
  if (archive_path.size() <= root.size() + 1 ||
      archive_path.substr(0, root.size()) != root || archive_path[root.size()] != '/') {
    return std::nullopt;
  }
  return std::string(archive_path.substr(root.size() + 1));
}

Manifest view_manifest(const Manifest& full, const ManifestView& v) {
  Manifest m;
  m.format = full.format;
  m.format_version = full.format_version;
  m.tool = full.tool;
  m.tool_version = full.tool_version;
  m.hostname = full.hostname;
  m.kernel_release = full.kernel_release;
  m.capture_start = full.capture_start;
  m.capture_end = full.capture_end;
  m.euid = full.euid;
  m.clk_tck = full.clk_tck;
  m.source = full.source;
  m.full_cmdline = full.full_cmdline;
  m.views = {v};
  m.skipped_netns = full.skipped_netns;
  m.redaction = full.redaction;
  for (const ManifestEntry& e : full.entries) {
    if (std::optional<std::string> p = path_in_view(e.path, v.root)) {
      ManifestEntry copy = e;
      copy.path = std::move(*p);
      m.entries.push_back(std::move(copy));
    }
  }
  for (const std::string& a : full.absent) {
    if (std::optional<std::string> p = path_in_view(a, v.root)) m.absent.push_back(std::move(*p));
  }
  for (const RecordedError& r : full.unreadable) {
    if (std::optional<std::string> p = path_in_view(r.path, v.root)) {
      m.unreadable.push_back({std::move(*p), r.error});
    }
  }
  return m;
}

}  // namespace netstat
