// printf-style column helpers that count bytes, as C's printf does: %-15s,
// %15s, %-6.6s, %5d, %-6d. fmt's own padding counts Unicode code points,
// which would misalign names with non-ASCII bytes, so the route, statistics
// and masquerade renderers pad with these instead.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace netstat::cols {

/// %-Ns: \a s, then spaces up to \a width bytes.
inline void left(fmt::memory_buffer& b, std::string_view s, size_t width) {
  b.append(s.data(), s.data() + s.size());
  for (size_t i = s.size(); i < width; ++i) b.push_back(' ');
}

/// %Ns: spaces up to \a width bytes, then \a s.
inline void right(fmt::memory_buffer& b, std::string_view s, size_t width) {
  for (size_t i = s.size(); i < width; ++i) b.push_back(' ');
  b.append(s.data(), s.data() + s.size());
}

/// %-W.Ps: at most \a precision bytes of \a s, padded to \a width.
inline void left_cut(fmt::memory_buffer& b, std::string_view s, size_t width,
                     size_t precision) {
  left(b, s.substr(0, precision), width);
}

/// %-Nd / %-Nld / %-Nlu.
template <typename Int>
void left_int(fmt::memory_buffer& b, Int v, size_t width) {
  fmt::format_int f(v);
  left(b, std::string_view(f.data(), f.size()), width);
}

/// %Nd / %Nld / %Nlu.
template <typename Int>
void right_int(fmt::memory_buffer& b, Int v, size_t width) {
  fmt::format_int f(v);
  right(b, std::string_view(f.data(), f.size()), width);
}

inline void put(fmt::memory_buffer& b, std::string_view s) {
  b.append(s.data(), s.data() + s.size());
}

inline void put(fmt::memory_buffer& b, char c) { b.push_back(c); }

/// %d / %lu with no width.
template <typename Int>
void put_int(fmt::memory_buffer& b, Int v) {
  fmt::format_int f(v);
  b.append(f.data(), f.data() + f.size());
}

/// Writes one row of known maximum length straight into the buffer (the
/// hot path of -r on large tables): reserves \a max_bytes up front, the
/// caller must not write more.
class RowWriter {
 public:
  RowWriter(fmt::memory_buffer& b, size_t max_bytes) : m_b(b), m_start(b.size()) {
    m_b.resize(m_start + max_bytes);
    m_p = m_b.data() + m_start;
  }
  ~RowWriter() { m_b.resize(static_cast<size_t>(m_p - m_b.data())); }
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  void put(std::string_view s) {
    if (s.empty()) return;  // an empty view's data() may be null (memcpy's UB)
    std::memcpy(m_p, s.data(), s.size());
    m_p += s.size();
  }
  void put(char c) { *m_p++ = c; }
  void spaces(size_t n) {
    std::memset(m_p, ' ', n);
    m_p += n;
  }
  void left(std::string_view s, size_t width) {
    put(s);
    if (s.size() < width) spaces(width - s.size());
  }
  void right(std::string_view s, size_t width) {
    if (s.size() < width) spaces(width - s.size());
    put(s);
  }
  template <typename Int>
  void left_int(Int v, size_t width) {
    fmt::format_int f(v);
    left(std::string_view(f.data(), f.size()), width);
  }
  template <typename Int>
  void right_int(Int v, size_t width) {
    fmt::format_int f(v);
    right(std::string_view(f.data(), f.size()), width);
  }

 private:
  fmt::memory_buffer& m_b;
  size_t m_start;
  char* m_p;
};

}  // namespace netstat::cols
