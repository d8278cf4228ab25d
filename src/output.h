// Output: a buffered byte sink for stdout/stderr or for an in-memory string.
// Modes write through it, never to stdio directly, so tests run the whole
// program in process and compare bytes.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace netstat {

class Output {
 public:
  /// \a fd < 0 collects everything in memory (see str()).
  explicit Output(int fd = -1, bool line_buffered = false)
      : m_fd(fd), m_line_buffered(line_buffered) {}
  ~Output() { flush(); }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view s) {
    m_buf.append(s.data(), s.data() + s.size());
    after_write();
  }
  void put(char c) {
    m_buf.push_back(c);
    after_write();
  }
  template <typename... Args>
  void print(fmt::format_string<Args...> f, Args&&... args) {
    // fmt::appender formats straight into the buffer (a back_inserter
    // would go through fmt's intermediate iterator buffer and copy).
    fmt::format_to(fmt::appender(m_buf), f, std::forward<Args>(args)...);
    after_write();
  }
  /// Appends \a n copies of \a c.
  void pad(size_t n, char c = ' ') {
    size_t at = m_buf.size();
    m_buf.resize(at + n);
    std::fill_n(m_buf.data() + at, n, c);
  }
  /// Writes buffered bytes to the fd (no-op for in-memory outputs). After a
  /// failed write(2) (ENOSPC, EIO, EPIPE with SIGPIPE ignored) the output
  /// drops everything and remembers the errno: see write_errno().
  void flush();
  /// The errno of the first failed write, 0 while every write succeeded.
  int write_errno() const { return m_errno; }
  /// Set by a caller that already told the user about the write error.
  void mark_error_reported() { m_error_reported = true; }
  bool error_reported() const { return m_error_reported; }
  /// The file descriptor (-1 for in-memory outputs).
  int fd() const { return m_fd; }
  /// Tests: makes an in-memory output fail as if write(2) had given \a e.
  void fail_for_test(int e) { m_errno = e; }
  /// Everything written so far (in-memory outputs only).
  std::string str() const { return std::string(m_buf.data(), m_buf.size()); }
  void clear() { m_buf.clear(); }
  bool is_memory() const { return m_fd < 0; }
  /// The underlying buffer, for renderers that format in place.
  fmt::memory_buffer& buffer() { return m_buf; }
  /// Call after writing to buffer() directly.
  void after_write() {
    if (m_fd >= 0 && (m_buf.size() >= kFlushAt ||
                      (m_line_buffered && m_buf.size() > 0 &&
                       m_buf[m_buf.size() - 1] == '\n'))) {
      flush();
    }
  }

 private:
  static constexpr size_t kFlushAt = 1 << 16;
  fmt::memory_buffer m_buf;
  int m_fd;
  bool m_line_buffered;
  int m_errno = 0;
  bool m_error_reported = false;
};

}  // namespace netstat
