// netstat/names.json <-> RecordedNames, and the NameService that answers
// from it before falling back to the bundle's etc/ files.
#include "replay/recorded_names.h"

#include <arpa/inet.h>

#include <cstring>

#include <nlohmann/json.hpp>

namespace netstat {
namespace {

using Json = nlohmann::ordered_json;

Json name_value(const std::optional<std::string>& n) {
  return n ? Json(*n) : Json(nullptr);
}

std::optional<std::string> read_name(const Json& row) {
  auto it = row.find("name");
  if (it == row.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

class RecordedNameService final : public NameService {
 public:
  RecordedNameService(RecordedNames names, std::unique_ptr<NameService> fallback)
      : m_names(std::move(names)), m_fallback(std::move(fallback)) {}

  std::optional<std::string> host_by_addr4(uint32_t addr) const override {
    auto it = m_names.hosts4.find(addr);
    if (it != m_names.hosts4.end()) return it->second;
    return m_fallback->host_by_addr4(addr);
  }
  std::optional<std::string> net_by_addr(uint32_t net) const override {
    return m_fallback->net_by_addr(net);
  }
  std::optional<std::string> host_by_addr6(const in6_addr& addr) const override {
    std::array<uint8_t, 16> key;
    std::memcpy(key.data(), &addr, 16);
    auto it = m_names.hosts6.find(key);
    if (it != m_names.hosts6.end()) return it->second;
    return m_fallback->host_by_addr6(addr);
  }
  std::vector<ServiceEntry> services() const override {
    return m_fallback->services();
  }
  std::vector<ProtocolEntry> protocols() const override {
    return m_fallback->protocols();
  }
  std::optional<std::string> user_by_uid(uint32_t uid) const override {
    auto it = m_names.users.find(uid);
    if (it != m_names.users.end()) return it->second;
    return m_fallback->user_by_uid(uid);
  }

 private:
  RecordedNames m_names;
  std::unique_ptr<NameService> m_fallback;
};

}  // namespace

std::string recorded_names_to_json(const RecordedNames& names) {
  Json users = Json::array();
  for (const auto& [uid, name] : names.users) {
    users.push_back({{"uid", uid}, {"name", name_value(name)}});
  }
  Json j;
  j["users"] = std::move(users);
  if (!names.hosts4.empty()) {
    Json hosts = Json::array();
    for (const auto& [addr, name] : names.hosts4) {
      char buf[INET_ADDRSTRLEN];
      in_addr a;
      a.s_addr = addr;
      ::inet_ntop(AF_INET, &a, buf, sizeof buf);
      hosts.push_back({{"addr", buf}, {"name", name_value(name)}});
    }
    j["hosts4"] = std::move(hosts);
  }
  if (!names.hosts6.empty()) {
    Json hosts = Json::array();
    for (const auto& [addr, name] : names.hosts6) {
      char buf[INET6_ADDRSTRLEN];
      ::inet_ntop(AF_INET6, addr.data(), buf, sizeof buf);
      hosts.push_back({{"addr", buf}, {"name", name_value(name)}});
    }
    j["hosts6"] = std::move(hosts);
  }
  std::string out = j.dump(1, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

Result<RecordedNames> parse_recorded_names(std::string_view text) {
  RecordedNames names;
  try {
    Json j = Json::parse(text.begin(), text.end());
    if (!j.is_object()) return Error{Errc::invalid, 0, "not a JSON object"};
    if (auto it = j.find("users"); it != j.end()) {
      for (const Json& row : it->get_ref<const Json::array_t&>()) {
        const Json& uid = row.at("uid");
        // A float (1e300) converted to an integer would be undefined.
        if (!uid.is_number_integer()) {
          return Error{Errc::invalid, 0, "users: uid is not an integer"};
        }
        names.users[uid.get<uint32_t>()] = read_name(row);
      }
    }
    if (auto it = j.find("hosts4"); it != j.end()) {
      for (const Json& row : it->get_ref<const Json::array_t&>()) {
        std::string addr = row.at("addr").get<std::string>();
        in_addr a;
        if (::inet_pton(AF_INET, addr.c_str(), &a) != 1) {
          return Error{Errc::invalid, 0, "bad IPv4 address '" + addr + "'"};
        }
        names.hosts4[a.s_addr] = read_name(row);
      }
    }
    if (auto it = j.find("hosts6"); it != j.end()) {
      for (const Json& row : it->get_ref<const Json::array_t&>()) {
        std::string addr = row.at("addr").get<std::string>();
        std::array<uint8_t, 16> key;
        if (::inet_pton(AF_INET6, addr.c_str(), key.data()) != 1) {
          return Error{Errc::invalid, 0, "bad IPv6 address '" + addr + "'"};
        }
        names.hosts6[key] = read_name(row);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Error{Errc::invalid, 0, std::string("malformed JSON: ") + e.what()};
  }
  return names;
}

std::unique_ptr<NameService> make_recorded_name_service(
    RecordedNames names, std::unique_ptr<NameService> fallback) {
  return std::make_unique<RecordedNameService>(std::move(names),
                                               std::move(fallback));
}

}  // namespace netstat
