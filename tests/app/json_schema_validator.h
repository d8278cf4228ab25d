// A validator for the subset of JSON Schema (2020-12) that
// docs/schema/netstat.schema.json uses: type (name or list), properties,
// required, additionalProperties (boolean), items, enum, const, minimum,
// maximum, $ref ("#/$defs/NAME"), oneOf, allOf. Anything else in a schema
// is reported as unsupported, so the schema cannot silently use a keyword
// this validator ignores.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace netstat::testing_json {

using Json = nlohmann::json;

class SchemaValidator {
 public:
  explicit SchemaValidator(Json schema) : m_root(std::move(schema)) {}

  /// Empty when \a doc conforms to \a schema (default: the root schema);
  /// otherwise the first problem, with a JSON pointer-like path.
  std::string validate(const Json& doc) const { return check(m_root, doc, "$"); }
  std::string validate(const Json& doc, const std::string& def) const {
    return check(m_root["$defs"][def], doc, "$");
  }

 private:
  static bool type_ok(const std::string& t, const Json& v) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "integer") return v.is_number_integer();
    if (t == "number") return v.is_number();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    return false;
  }

  std::string check(const Json& s, const Json& v, const std::string& at) const {
    static const char* const kKnown[] = {
        "type", "properties", "required", "additionalProperties", "items",
        "enum", "const", "minimum", "maximum", "$ref", "oneOf", "allOf",
        "$schema", "$id", "title", "description", "$defs"};
    for (auto it = s.begin(); it != s.end(); ++it) {
      bool known = false;
      for (const char* k : kKnown) known = known || it.key() == k;
      if (!known) return at + ": unsupported schema keyword " + it.key();
    }
    if (s.contains("$ref")) {
      std::string ref = s["$ref"];
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0) return at + ": unsupported $ref " + ref;
      const Json& defs = m_root["$defs"];
      std::string name = ref.substr(prefix.size());
      if (!defs.contains(name)) return at + ": unknown $ref " + ref;
      if (std::string e = check(defs[name], v, at); !e.empty()) return e;
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_string()) {
        ok = type_ok(s["type"], v);
      } else {
        for (const Json& t : s["type"]) ok = ok || type_ok(t, v);
      }
      if (!ok) return at + ": wrong type, want " + s["type"].dump() + ", got " + v.dump().substr(0, 80);
    }
    if (s.contains("const") && v != s["const"]) return at + ": want " + s["const"].dump();
    if (s.contains("enum")) {
      bool ok = false;
      for (const Json& e : s["enum"]) ok = ok || e == v;
      if (!ok) return at + ": " + v.dump() + " not in " + s["enum"].dump();
    }
    if (v.is_number()) {
      if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) {
        return at + ": below minimum";
      }
      if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>()) {
        return at + ": above maximum";
      }
    }
    if (v.is_object()) {
      if (s.contains("required")) {
        for (const Json& r : s["required"]) {
          if (!v.contains(r.get<std::string>())) return at + ": missing " + r.get<std::string>();
        }
      }
      const Json* props = s.contains("properties") ? &s["properties"] : nullptr;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (props != nullptr && props->contains(it.key())) {
          if (std::string e = check((*props)[it.key()], it.value(), at + "." + it.key());
              !e.empty()) {
            return e;
          }
        } else if (s.contains("additionalProperties") && !s["additionalProperties"].get<bool>()) {
          return at + ": unexpected member " + it.key();
        }
      }
    }
    if (v.is_array() && s.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        if (std::string e = check(s["items"], v[i], at + "[" + std::to_string(i) + "]");
            !e.empty()) {
          return e;
        }
      }
    }
    if (s.contains("allOf")) {
      for (const Json& sub : s["allOf"]) {
        if (std::string e = check(sub, v, at); !e.empty()) return e;
      }
    }
    if (s.contains("oneOf")) {
      int matches = 0;
      std::string first;
      for (const Json& sub : s["oneOf"]) {
        std::string e = check(sub, v, at);
        if (e.empty()) {
          ++matches;
        } else if (first.empty()) {
          first = e;
        }
      }
      if (matches != 1) {
        return at + ": matches " + std::to_string(matches) + " of oneOf" +
               (matches == 0 ? " (" + first + ")" : "");
      }
    }
    return {};
  }

  Json m_root;
};

}  // namespace netstat::testing_json
