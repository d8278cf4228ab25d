// Result<T>: a value or an Error, the way every fallible read in this project
// reports failure. Errors are values (no exceptions cross module boundaries)
// and keep apart the cases netstat's output depends on: a file that does not
// exist, one the capturing user could not read, and one the snapshot never
// recorded.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace netstat {

/// What went wrong, independent of where the data came from.
enum class Errc {
  not_found,          ///< ENOENT: the path does not exist (on the source system)
  permission_denied,  ///< EACCES/EPERM: it exists but could not be read
  not_captured,       ///< a snapshot that does not hold this path at all
  not_a_directory,    ///< ENOTDIR
  is_a_directory,     ///< EISDIR: a directory where a file was expected
  not_a_link,         ///< EINVAL from readlink
  too_large,          ///< over a configured size cap
  invalid,            ///< malformed input (bundle, manifest, archive)
  io_error,           ///< any other errno / library failure
};

/// A failure: its class, the errno it came from (0 if none) and a human text.
struct Error {
  Errc code = Errc::io_error;
  int sys_errno = 0;
  std::string message;
};

/// Makes an Error from an errno value (ENOENT -> not_found, ...).
Error error_from_errno(int err, std::string message = {});

/// An Error's errno, or the errno netstat would have seen (ENOENT for
/// not_found, EACCES for permission_denied, ...).
int error_errno(const Error& e);

/// The strerror text of an Error's errno, or of the errno netstat would have
/// seen (ENOENT for not_found, EACCES for permission_denied, ...).
std::string error_text(const Error& e);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_v); }
  const T& value() const& { assert(ok()); return std::get<0>(m_v); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(m_v); }
  Errc code() const { return error().code; }

 private:
  std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT
  bool ok() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  const Error& error() const { assert(!m_ok); return m_error; }
  Errc code() const { return error().code; }

 private:
  Error m_error;
  bool m_ok = true;
};

}  // namespace netstat

/// Propagates an error: `TRY(expr);` returns expr's Error from the caller.
#define NETSTAT_TRY(expr)                          \
  do {                                             \
    auto netstat_try_result_ = (expr);             \
    if (!netstat_try_result_.ok()) {               \
      return netstat_try_result_.error();          \
    }                                              \
  } while (false)
