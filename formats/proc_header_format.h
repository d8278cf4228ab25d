// The header-driven row scanner net-tools 2.10 uses for /proc/net/route and
// /proc/net/rt_cache: the first line names the columns, the required names
// must appear in a fixed relative order (others are skipped), and every row
// is then read with the equivalent of glibc sscanf over the generated format
// ("%*s" for skipped columns, "%15s", "%127s", "%X", "%d" for wanted ones).
//
// Reproduced details (confirmed against /usr/bin/netstat 2.10):
//  * the header is read with a 511-byte fgets: only its first 510 bytes are
//    looked at, the rest of that line is read as the next data line;
//  * data lines are read with a 1023-byte fgets: a line longer than 1022
//    bytes continues as a new line;
//  * header tokens are separated by space, tab, newline and '|';
//  * the generated format may not reach 509 bytes (Debian's bounds check:
//    "warning: format buffer overflow in FILE").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat::formats {

/// One conversion of the generated scanf format.
enum class ScanKind : uint8_t {
  skip,    ///< %*s: a column the header names but nobody asked for
  string,  ///< %Ns
  hex,     ///< %X into unsigned int
  dec,     ///< %d into int
};

/// A column netstat asks for: its header name and how it is converted.
struct WantedColumn {
  std::string_view name;
  ScanKind kind;
  uint8_t width = 0;  ///< string conversions only (15 or 127)
};

/// The outcome of matching the header against the wanted columns.
struct HeaderFormat {
  enum class Status : uint8_t {
    ok,
    missing_field,    ///< "warning: FILE does not contain required field NAME"
    format_overflow,  ///< "warning: format buffer overflow in FILE"
  };
  Status status = Status::ok;
  std::string_view missing;  ///< the first wanted name never matched
  /// One entry per conversion; `target` is the index into the wanted list
  /// (or -1 for skipped columns).
  struct Step {
    ScanKind kind;
    uint8_t width;
    int8_t target;
  };
  std::vector<Step> steps;
};

/// Builds the row format from \a header (the first 510 bytes of line 1).
HeaderFormat make_header_format(std::string_view header,
                                const std::vector<WantedColumn>& wanted);

/// The value a conversion stored (only the member matching its kind is used).
struct ScanValue {
  std::string_view text;  ///< string conversions: a view into the line
  uint32_t u = 0;         ///< hex
  int32_t i = 0;          ///< dec
};

/// Runs the steps over \a line like sscanf; fills values[target] for each
/// successful conversion, in order, and returns how many were assigned
/// (never negative: an empty line returns 0).
int scan_line(std::string_view line, const HeaderFormat& format,
              ScanValue* values);

/// Splits \a text the way the fgets loops of 2.10 see it: the header chunk
/// (at most 510 bytes of the first line) and then data chunks of at most
/// 1022 bytes each. The returned views exclude the newline.
class FgetsChunks {
 public:
  FgetsChunks(std::string_view text, size_t chunk) : m_text(text), m_chunk(chunk) {}
  /// Next chunk; false at end of text.
  bool next(std::string_view& line);
  void set_chunk(size_t chunk) { m_chunk = chunk; }

 private:
  std::string_view m_text;
  size_t m_chunk;
  size_t m_pos = 0;
};

inline constexpr size_t kHeaderChunk = 510;
inline constexpr size_t kRowChunk = 1022;

/// 2.10's hex address reader (INET_getsock): the first 8 characters as hex
/// digits give the in-memory s_addr value. Returns false (and leaves \a out
/// alone) when one of them is not a hex digit or the text is shorter.
bool parse_hex_addr(std::string_view text, uint32_t& out);

}  // namespace netstat::formats
