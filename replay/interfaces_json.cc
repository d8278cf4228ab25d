// interfaces.json <-> InterfaceSnapshot (the recorded SIOCGIFCONF and
// SIOCGIF* answers of a bundle). Reading is strict about types and ranges,
// since a bundle is untrusted, and reports the first problem by its path.
#include "replay/interfaces_json.h"

#include <arpa/inet.h>

#include <cstdint>
#include <limits>
#include <set>

#include "replay/errc_names.h"

namespace netstat {
namespace {

using nlohmann::json;

constexpr int kVersion = 1;
constexpr size_t kMaxName = 15;  // IFNAMSIZ - 1

// --- Writing ---

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3
                 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : c & (0x7f >> len);
    for (size_t k = 1; k < len; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    constexpr uint32_t kMinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLen[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string hex_bytes(std::string_view bytes, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += sep;
    constexpr char kHex[] = "0123456789abcdef";
    auto b = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

json name_value(const std::string& name) {
  if (valid_utf8(name)) return name;
  return json{{"hex", hex_bytes(name, "")}};
}

json ipv4_value(uint32_t net_order) {
  char buf[INET_ADDRSTRLEN];
  in_addr a{net_order};
  inet_ntop(AF_INET, &a, buf, sizeof buf);
  return std::string(buf);
}

json info_to_json(const IfaceInfo& i) {
  json j;
  j["name"] = name_value(i.name);
  j["flags"] = static_cast<uint16_t>(i.flags);
  j["mtu"] = i.mtu;
  j["metric"] = i.metric;
  if (i.has_hw) {
    std::string_view raw(reinterpret_cast<const char*>(i.hw_addr.data()),
                         i.hw_addr.size());
    j["hwaddr"] = json{{"type", i.hw_type}, {"addr", hex_bytes(raw, ":")}};
  } else {
    j["hwaddr"] = nullptr;
  }
  if (i.has_map) {
    j["map"] = json{{"mem_start", i.map.mem_start}, {"mem_end", i.map.mem_end},
                    {"base_addr", i.map.base_addr}, {"irq", i.map.irq},
                    {"dma", i.map.dma},             {"port", i.map.port}};
  } else {
    j["map"] = nullptr;
  }
  j["txqueuelen"] = i.tx_queue_len;
  if (i.has_addr) {
    json inet;
    inet["addr"] = ipv4_value(i.addr);
    inet["dstaddr"] = i.dstaddr_failed ? json(nullptr) : ipv4_value(i.dstaddr);
    inet["broadaddr"] =
        i.broadaddr_failed ? json(nullptr) : ipv4_value(i.broadaddr);
    inet["netmask"] = i.netmask_failed ? json(nullptr) : ipv4_value(i.netmask);
    j["inet"] = std::move(inet);
  } else {
    j["inet"] = nullptr;
  }
  j["outfill"] = i.outfill;
  j["keepalive"] = i.keepalive;
  return j;
}

// --- Reading ---

std::string range_text(int64_t lo, int64_t hi) {
  return " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

struct Reader {
  std::string problem;

  bool fail(const std::string& path, std::string_view what) {
    if (problem.empty()) problem = path + ": " + std::string(what);
    return false;
  }

  bool integer(const json& j, const std::string& path, int64_t lo, int64_t hi,
               int64_t& out) {
    if (j.is_number_unsigned()) {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
          static_cast<int64_t>(u) > hi) {
        return fail(path, std::to_string(u) + range_text(lo, hi));
      }
      out = static_cast<int64_t>(u);
      return true;
    }
    if (!j.is_number_integer()) return fail(path, "not an integer");
    int64_t v = j.get<int64_t>();
    if (v < lo || v > hi) {
      return fail(path, std::to_string(v) + range_text(lo, hi));
    }
    out = v;
    return true;
  }

  bool unsigned64(const json& j, const std::string& path, uint64_t& out) {
    if (j.is_number_unsigned()) {
      out = j.get<uint64_t>();
      return true;
    }
    if (j.is_number_integer() && j.get<int64_t>() >= 0) {
      out = static_cast<uint64_t>(j.get<int64_t>());
      return true;
    }
    return fail(path, "not an unsigned integer");
  }

  template <typename T>
  bool member_int(const json& obj, const char* key, const std::string& path,
                  bool required, T& out) {
    auto it = obj.find(key);
    std::string p = path + "." + key;
    if (it == obj.end()) return required ? fail(p, "missing") : true;
    int64_t v = 0;
    if (!integer(*it, p, std::numeric_limits<T>::min(),
                 std::numeric_limits<T>::max(), v)) {
      return false;
    }
    out = static_cast<T>(v);
    return true;
  }

  bool name(const json& j, const std::string& path, std::string& out) {
    if (j.is_string()) {
      out = j.get<std::string>();
    } else if (j.is_object() && j.size() == 1 && j.contains("hex") &&
               j["hex"].is_string()) {
      std::string hex = j["hex"].get<std::string>();
      if (!bytes(hex, "", path + ".hex", out)) return false;
    } else {
      return fail(path, "not a string or {\"hex\": ...}");
    }
    if (out.size() > kMaxName) {
      return fail(path, "longer than " + std::to_string(kMaxName) + " bytes");
    }
    if (out.find('\0') != std::string::npos) return fail(path, "contains NUL");
    return true;
  }

  // Hex pairs, optionally separated by \a sep.
  bool bytes(std::string_view hex, std::string_view sep,
             const std::string& path, std::string& out) {
    out.clear();
    size_t i = 0;
    while (i < hex.size()) {
      if (!out.empty()) {
        if (hex.substr(i, sep.size()) != sep) return fail(path, "bad hex bytes");
        i += sep.size();
      }
      if (i + 2 > hex.size()) return fail(path, "bad hex bytes");
      int v = 0;
      for (int k = 0; k < 2; ++k) {
        char c = hex[i + static_cast<size_t>(k)];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return fail(path, "bad hex bytes");
        v = v * 16 + d;
      }
      out.push_back(static_cast<char>(v));
      i += 2;
    }
    return true;
  }

  // A dotted quad, or null (-> failed) when \a nullable.
  bool ipv4(const json& obj, const char* key, const std::string& path,
            bool nullable, uint32_t& out, bool& failed) {
    std::string p = path + "." + key;
    auto it = obj.find(key);
    if (it == obj.end()) return fail(p, "missing");
    if (it->is_null() && nullable) {
      failed = true;
      return true;
    }
    if (!it->is_string()) return fail(p, "not a dotted quad");
    in_addr a{};
    if (inet_pton(AF_INET, it->get<std::string>().c_str(), &a) != 1) {
      return fail(p, "not a dotted quad");
    }
    out = a.s_addr;
    return true;
  }

  bool error(const json& j, const std::string& path, Error& out) {
    if (!j.is_string()) return fail(path, "not an error text");
    std::optional<Error> e = parse_error_state(j.get<std::string>());
    if (!e) return fail(path, "not an error text like \"not_found:19\"");
    out = *e;
    return true;
  }

  bool hw(const json& j, const std::string& path, IfaceInfo& info) {
    if (j.is_null()) return true;
    if (!j.is_object()) return fail(path, "not an object or null");
    int64_t type = 0;
    auto t = j.find("type");
    if (t == j.end()) return fail(path + ".type", "missing");
    if (!integer(*t, path + ".type", 0, 65535, type)) return false;
    auto a = j.find("addr");
    if (a == j.end()) return fail(path + ".addr", "missing");
    if (!a->is_string()) return fail(path + ".addr", "not a string");
    std::string raw;
    if (!bytes(a->get<std::string>(), ":", path + ".addr", raw)) return false;
    if (raw.size() > info.hw_addr.size()) {
      return fail(path + ".addr", "more than 14 bytes");
    }
    info.has_hw = true;
    info.hw_type = static_cast<uint16_t>(type);
    for (size_t k = 0; k < raw.size(); ++k) {
      info.hw_addr[k] = static_cast<uint8_t>(raw[k]);
    }
    return true;
  }

  bool map(const json& j, const std::string& path, IfaceInfo& info) {
    if (j.is_null()) return true;
    if (!j.is_object()) return fail(path, "not an object or null");
    IfMap m;
    for (const char* key : {"mem_start", "mem_end"}) {
      auto it = j.find(key);
      if (it == j.end()) continue;
      uint64_t v = 0;
      if (!unsigned64(*it, path + "." + key, v)) return false;
      (std::string_view(key) == "mem_start" ? m.mem_start : m.mem_end) = v;
    }
    if (!member_int(j, "base_addr", path, false, m.base_addr) ||
        !member_int(j, "irq", path, false, m.irq) ||
        !member_int(j, "dma", path, false, m.dma) ||
        !member_int(j, "port", path, false, m.port)) {
      return false;
    }
    info.has_map = true;
    info.map = m;
    return true;
  }

  bool inet(const json& j, const std::string& path, IfaceInfo& info) {
    if (j.is_null()) return true;
    if (!j.is_object()) return fail(path, "not an object or null");
    bool unused = false;
    if (!ipv4(j, "addr", path, false, info.addr, unused) ||
        !ipv4(j, "dstaddr", path, true, info.dstaddr, info.dstaddr_failed) ||
        !ipv4(j, "broadaddr", path, true, info.broadaddr,
              info.broadaddr_failed) ||
        !ipv4(j, "netmask", path, true, info.netmask, info.netmask_failed)) {
      return false;
    }
    info.has_addr = true;
    return true;
  }

  bool interface(const json& j, const std::string& path,
                 InterfaceSnapshot& snap) {
    if (!j.is_object()) return fail(path, "not an object");
    auto n = j.find("name");
    if (n == j.end()) return fail(path + ".name", "missing");
    std::string nm;
    if (!name(*n, path + ".name", nm)) return false;
    if (auto e = j.find("error"); e != j.end()) {
      InterfaceFailure f{nm, {}};
      if (!error(*e, path + ".error", f.error)) return false;
      f.error.message = nm;
      snap.failures.push_back(std::move(f));
      return true;
    }
    IfaceInfo info;
    info.name = nm;
    int32_t flags = 0;
    if (!member_int(j, "flags", path, true, flags)) return false;
    if (flags < -32768 || flags > 65535) {
      return fail(path + ".flags", "out of range [-32768, 65535]");
    }
    info.flags = static_cast<int16_t>(static_cast<uint16_t>(flags));
    if (!member_int(j, "mtu", path, true, info.mtu) ||
        !member_int(j, "metric", path, false, info.metric) ||
        !member_int(j, "txqueuelen", path, false, info.tx_queue_len) ||
        !member_int(j, "outfill", path, false, info.outfill) ||
        !member_int(j, "keepalive", path, false, info.keepalive)) {
      return false;
    }
    if (auto h = j.find("hwaddr"); h != j.end() && !hw(*h, path + ".hwaddr", info)) {
      return false;
    }
    if (auto m = j.find("map"); m != j.end() && !map(*m, path + ".map", info)) {
      return false;
    }
    if (auto a = j.find("inet"); a != j.end() && !inet(*a, path + ".inet", info)) {
      return false;
    }
    snap.infos.push_back(std::move(info));
    return true;
  }

  bool document(const json& doc, InterfaceSnapshot& snap) {
    if (!doc.is_object()) return fail("interfaces.json", "not a JSON object");
    auto v = doc.find("version");
    if (v == doc.end()) return fail("version", "missing");
    int64_t version = 0;
    if (!integer(*v, "version", 0, std::numeric_limits<int32_t>::max(), version)) {
      return false;
    }
    if (version != kVersion) {
      return fail("version", "unsupported version " + std::to_string(version) +
                                     " (this build reads " +
                                     std::to_string(kVersion) + ")");
    }
    auto labels = doc.find("labels");
    auto labels_error = doc.find("labels_error");
    if (labels != doc.end()) {
      if (!labels->is_array()) return fail("labels", "not an array");
      for (size_t i = 0; i < labels->size(); ++i) {
        std::string label;
        if (!name((*labels)[i], "labels[" + std::to_string(i) + "]", label)) return false;
        snap.labels.push_back(std::move(label));
      }
    } else if (labels_error != doc.end()) {
      Error e;
      if (!error(*labels_error, "labels_error", e)) return false;
      e.message = "SIOCGIFCONF";
      snap.labels_error = std::move(e);
    } else {
      return fail("labels", "missing (and no labels_error)");
    }
    auto ifs = doc.find("interfaces");
    if (ifs == doc.end()) return fail("interfaces", "missing");
    if (!ifs->is_array()) return fail("interfaces", "not an array");
    for (size_t i = 0; i < ifs->size(); ++i) {
      if (!interface((*ifs)[i], "interfaces[" + std::to_string(i) + "]", snap)) {
        return false;
      }
    }
    std::set<std::string> seen;
    for (const IfaceInfo& info : snap.infos) {
      if (!seen.insert(info.name).second) {
        return fail("interfaces", "duplicate name \"" + info.name + "\"");
      }
    }
    for (const InterfaceFailure& f : snap.failures) {
      if (!seen.insert(f.name).second) {
        return fail("interfaces", "duplicate name \"" + f.name + "\"");
      }
    }
    return true;
  }
};

}  // namespace

json interfaces_to_json(const InterfaceSnapshot& snap) {
  json doc;
  doc["version"] = kVersion;
  if (snap.labels_error) {
    doc["labels_error"] = error_state_text(*snap.labels_error);
  } else {
    json labels = json::array();
    for (const std::string& l : snap.labels) labels.push_back(name_value(l));
    doc["labels"] = std::move(labels);
  }
  json ifs = json::array();
  for (const IfaceInfo& i : snap.infos) ifs.push_back(info_to_json(i));
  for (const InterfaceFailure& f : snap.failures) {
    ifs.push_back(json{{"name", name_value(f.name)},
                       {"error", error_state_text(f.error)}});
  }
  doc["interfaces"] = std::move(ifs);
  return doc;
}

json interfaces_to_json(const std::vector<std::string>& labels,
                        const std::vector<IfaceInfo>& infos) {
  InterfaceSnapshot snap;
  snap.labels = labels;
  snap.infos = infos;
  return interfaces_to_json(snap);
}

std::string interfaces_to_json_text(const InterfaceSnapshot& snap) {
  return interfaces_to_json(snap).dump(2) + "\n";
}

Result<InterfaceSnapshot> interfaces_from_json(std::string_view text) {
  json doc = json::parse(text.begin(), text.end(), nullptr,
                         /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Error{Errc::invalid, 0, "interfaces.json: not valid JSON"};
  }
  InterfaceSnapshot snap;
  Reader reader;
  if (!reader.document(doc, snap)) {
    return Error{Errc::invalid, 0, "interfaces.json: " + reader.problem};
  }
  return snap;
}

}  // namespace netstat
