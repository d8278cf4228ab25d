// The sorted, duplicate-free interface list of net-tools 2.10's
// if_cache_add, ordered by its nstrcmp (natural order with ':N' aliases).
#include "src/model/iface_list.h"

#include <climits>
#include <utility>

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

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

IfaceSortKey::IfaceSortKey(std::string_view name) : m_name(name) {
  m_base_len = static_cast<uint32_t>(name.size());
  // An alias is ":" followed by at least one digit, at the very end.
  size_t pos = name.size();
  bool digit = false;
  while (pos > 0) {
    if (name[pos - 1] == ':' && digit) {
      m_has_alias = true;
      m_alias_number = c_atoi(name.substr(pos));
      m_base_len = static_cast<uint32_t>(pos - 1);
      break;
    }
    if (!is_digit(name[pos - 1])) break;
    digit = true;
    --pos;
  }
  size_t end = m_base_len;
  while (end > 0 && is_digit(name[end - 1])) --end;
  m_prefix_len = static_cast<uint32_t>(end);
  m_number = c_atoi(name.substr(end, m_base_len - end));
}

int IfaceSortKey::compare(const IfaceSortKey& other) const {
  std::string_view a = m_name;
  std::string_view b = other.m_name;
  // std::string_view compares bytes as unsigned char, like strncmp.
  if (int c = a.substr(0, m_prefix_len).compare(b.substr(0, other.m_prefix_len));
      c != 0) {
    return sign(c);
  }
  if (m_number != other.m_number) return m_number < other.m_number ? -1 : 1;
  if (int c = a.substr(0, m_base_len).compare(b.substr(0, other.m_base_len));
      c != 0) {
    return sign(c);
  }
  if (m_has_alias != other.m_has_alias) return m_has_alias ? 1 : -1;
  if (m_alias_number != other.m_alias_number) {
    return m_alias_number < other.m_alias_number ? -1 : 1;
  }
  // The alias texts (empty without one): equal numbers, e.g. "0" and "00".
  size_t alias_a = m_has_alias ? m_base_len + 1 : a.size();
  size_t alias_b = other.m_has_alias ? other.m_base_len + 1 : b.size();
  return sign(a.substr(alias_a).compare(b.substr(alias_b)));
}

int compare_iface_names(std::string_view a, std::string_view b) {
  return IfaceSortKey(a).compare(IfaceSortKey(b));
}

IfaceEntry& IfaceList::add(std::string_view name) {
  if (name.size() > kNameMax) name = name.substr(0, kNameMax);
  IfaceSortKey key(name);
  auto it = m_entries.lower_bound(key);
  if (it == m_entries.end() || key < it->first) {
    std::string copy(name);
    it = m_entries.emplace_hint(it, std::move(key), IfaceEntry{copy, false, {}});
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
