// ChunkedRows: rows appended in fixed-size chunks and read back in order,
// for tables held whole while something else runs (sockets.cc: the tcp rows
// read while the -p scan runs). Unlike a std::vector, growing never copies
// the rows already held nor touches twice the memory they need.
#pragma once

#include <cstddef>
#include <vector>

namespace netstat {

template <typename T, size_t kChunk = 1024>
class ChunkedRows {
 public:
  void push_back(const T& row) {
    if (m_chunks.empty() || m_chunks.back().size() == kChunk) {
      m_chunks.emplace_back().reserve(kChunk);  // capacity only: no row is initialised twice
    }
    m_chunks.back().push_back(row);
  }
  size_t size() const {
    return m_chunks.empty() ? 0 : (m_chunks.size() - 1) * kChunk + m_chunks.back().size();
  }
  /// \a f(row) for every row in the order pushed.
  template <typename F>
  void for_each(F&& f) const {
    for (const std::vector<T>& chunk : m_chunks) {
      for (const T& row : chunk) f(row);
    }
  }

 private:
  std::vector<std::vector<T>> m_chunks;  ///< each of capacity kChunk
};

}  // namespace netstat
