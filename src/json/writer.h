// JsonWriter: a small streaming JSON writer that appends to a byte buffer
// (the Output's fmt::memory_buffer), so --json and --json-lines format rows
// in place without building a document (constant memory per row).
//
// Strings are always valid JSON whatever the input bytes: '"', '\\' and
// control bytes (C0, DEL and the C1 range U+0080-U+009F) are written as
// escapes, and every byte that is not part of well-formed UTF-8 is replaced
// by U+FFFD (as nlohmann::json's error_handler_t::replace does).
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace netstat::json {

/// Appends \a s as a JSON string literal (with quotes).
void append_string(fmt::memory_buffer& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(fmt::memory_buffer& out) : m_out(out) {}

  void begin_object() { value_prefix(); put('{'); push(); }
  void end_object() { pop(); put('}'); }
  void begin_array() { value_prefix(); put('['); push(); }
  void end_array() { pop(); put(']'); }
  /// The next member's key (inside an object); keys are written as they
  /// are (callers pass plain snake_case literals).
  void key(std::string_view k);

  void string(std::string_view s) { value_prefix(); append_string(m_out, s); }
  void number(uint64_t v) { value_prefix(); append_int(v); }
  void number(int64_t v) { value_prefix(); append_int(v); }
  void number(uint32_t v) { number(static_cast<uint64_t>(v)); }
  void number(int32_t v) { number(static_cast<int64_t>(v)); }
  void number(uint16_t v) { number(static_cast<uint64_t>(v)); }
  /// A double with up to \a decimals fraction digits (trailing zeros kept).
  void number(double v, int decimals);
  /// \a units / \a per with two decimals, rounded (like printf "%.2f").
  void fixed2(uint64_t units, uint64_t per);
  void boolean(bool b) { value_prefix(); write(b ? "true" : "false"); }
  void null() { value_prefix(); write("null"); }
  /// Raw text (already valid JSON).
  void raw(std::string_view s) { write(s); }
  /// Starts the next value on a new line (after its separating comma).
  void break_line() { m_break = true; }

  // key + value shorthands.
  template <typename T>
  void member(std::string_view k, T v) { key(k); number(v); }
  void member_str(std::string_view k, std::string_view v) { key(k); string(v); }
  void member_bool(std::string_view k, bool v) { key(k); boolean(v); }

  /// Nesting depth (0 at top level).
  int depth() const { return m_depth; }

 private:
  void put(char c) { m_out.push_back(c); }
  void write(std::string_view s) { m_out.append(s.data(), s.data() + s.size()); }
  template <typename I>
  void append_int(I v) {
    fmt::format_int f(v);
    write(std::string_view(f.data(), f.size()));
  }
  void value_prefix();
  void push();
  void pop() { if (m_depth > 0) --m_depth; }

  static constexpr int kMaxDepth = 32;
  fmt::memory_buffer& m_out;
  int m_depth = 0;
  bool m_first[kMaxDepth] = {};
  bool m_after_key = false;
  bool m_break = false;
};

}  // namespace netstat::json
