// The sorted, duplicate-free interface list of net-tools 2.10's
// if_cache_add, ordered by its nstrcmp (natural order with ':N' aliases).
#include "src/render/iface_list.h"

#include <climits>

namespace netstat {
namespace {

constexpr size_t kNameMax = 15;  // IFNAMSIZ - 1

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// glibc atoi on a run of digits: strtol saturating at LONG_MAX, then the
// conversion to int keeps the low 32 bits.
int c_atoi(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (static_cast<uint64_t>(LONG_MAX) - d) / 10) {
      v = static_cast<uint64_t>(LONG_MAX);
      break;
    }
    v = v * 10 + d;
  }
  return static_cast<int>(static_cast<uint32_t>(v));
}

struct NameKey {
  std::string_view prefix;  ///< base without its trailing digits
  int number = 0;           ///< atoi of the trailing digits
  std::string_view base;    ///< the name without its alias
  bool has_alias = false;
  int alias_number = 0;
  std::string_view alias;
};

NameKey key_of(std::string_view name) {
  NameKey k;
  k.base = name;
  // An alias is ":" followed by at least one digit, at the very end.
  size_t pos = name.size();
  bool digit = false;
  while (pos > 0) {
    if (name[pos - 1] == ':' && digit) {
      k.has_alias = true;
      k.alias = name.substr(pos);
      k.alias_number = c_atoi(k.alias);
      k.base = name.substr(0, pos - 1);
      break;
    }
    if (!is_digit(name[pos - 1])) break;
    digit = true;
    --pos;
  }
  size_t end = k.base.size();
  while (end > 0 && is_digit(k.base[end - 1])) --end;
  k.prefix = k.base.substr(0, end);
  k.number = c_atoi(k.base.substr(end));
  return k;
}

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

int compare_iface_names(std::string_view a, std::string_view b) {
  NameKey ka = key_of(a);
  NameKey kb = key_of(b);
  // std::string_view compares bytes as unsigned char, like strncmp.
  if (int c = ka.prefix.compare(kb.prefix); c != 0) return sign(c);
  if (ka.number != kb.number) return ka.number < kb.number ? -1 : 1;
  if (int c = ka.base.compare(kb.base); c != 0) return sign(c);
  if (ka.has_alias != kb.has_alias) return ka.has_alias ? 1 : -1;
  if (ka.alias_number != kb.alias_number) {
    return ka.alias_number < kb.alias_number ? -1 : 1;
  }
  return sign(ka.alias.compare(kb.alias));
}

IfaceEntry& IfaceList::add(std::string_view name) {
  if (name.size() > kNameMax) name = name.substr(0, kNameMax);
  auto it = m_entries.find(name);
  if (it == m_entries.end()) {
    std::string key(name);
    it = m_entries.emplace(key, IfaceEntry{key, false, {}}).first;
  }
  return it->second;
}

void IfaceList::add_dev_row(const formats::ProcNetDevRow& row,
                            formats::ProcNetDevVersion version) {
  IfaceEntry& e = add(row.name);
  formats::merge_counters(e.stats, row, version);
  e.has_stats = true;
}

}  // namespace netstat
