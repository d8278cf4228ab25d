// FgetsLines: splits a /proc file the way net-tools 2.10's socket readers
// see it. They loop `fgets(buffer, 8192, file)` and hand every piece to a
// per-line parser, so a line longer than 8191 bytes arrives as several pieces
// (each counted as a line), and a final line without '\n' still arrives.
// The parsers work on C strings: anything after an embedded NUL is invisible
// to them, so pieces are cut there too (the piece count is not affected).
#pragma once

#include <cstddef>
#include <string_view>

namespace netstat::formats {

class FgetsLines {
 public:
  /// \a buffer_size is fgets' size argument (pieces hold at most size-1 bytes).
  explicit FgetsLines(std::string_view text, size_t buffer_size = 8192)
      : m_text(text), m_max(buffer_size - 1) {}

  /// The next piece (with its '\n' if it has one, cut at a NUL); false at
  /// the end of the text.
  bool next(std::string_view& line) {
    if (m_pos >= m_text.size()) return false;
    size_t limit = m_text.size() - m_pos;
    if (limit > m_max) limit = m_max;
    std::string_view window = m_text.substr(m_pos, limit);
    size_t nl = window.find('\n');
    size_t len = nl == std::string_view::npos ? window.size() : nl + 1;
    line = window.substr(0, len);
    m_pos += len;
    size_t nul = line.find('\0');
    if (nul != std::string_view::npos) line = line.substr(0, nul);
    ++m_count;
    return true;
  }
  /// Pieces returned so far (the 2.10 "line number" of the next one).
  size_t count() const { return m_count; }

 private:
  std::string_view m_text;
  size_t m_max;
  size_t m_pos = 0;
  size_t m_count = 0;
};

}  // namespace netstat::formats
