// CLI11 for the subcommands, without <iostream>'s start-up cost.
//
// With GCC 12's libstdc++ every translation unit that includes <iostream>
// (CLI11's headers do) holds a static std::ios_base::Init, whose
// constructor builds the eight standard streams and the C++ global locale
// before main(): ~55k instructions with its exit-time flush, 15% of a whole
// `netstat -V`, paid by every listing though only the subcommands use
// CLI11 or the streams. This header declares the stream objects as
// <iostream> does, without the initialiser, and then includes CLI11; the
// subcommand dispatch (src/app.cc) constructs one std::ios_base::Init for
// the time a subcommand runs, so the streams exist whenever CLI11 or a
// subcommand can use them. Include this instead of <CLI/CLI.hpp> and
// <iostream> in every file linked into build/netstat.
#pragma once

#include <istream>
#include <ostream>

#if defined(__GLIBCXX__) && !defined(_GLIBCXX_IOSTREAM)
#define _GLIBCXX_IOSTREAM 1
namespace std _GLIBCXX_VISIBILITY(default) {
_GLIBCXX_BEGIN_NAMESPACE_VERSION
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
extern wistream wcin;
extern wostream wcout;
extern wostream wcerr;
extern wostream wclog;
_GLIBCXX_END_NAMESPACE_VERSION
}  // namespace std
#endif

// CLI11 2.x defines its eight validator objects (ExistingFile, Number,
// PositiveNumber, ...) in Validators.hpp as namespace-scope consts, so each
// translation unit that includes it constructs and destroys its own eight
// copies (std::function and std::string members) around main(): ~53k
// instructions for the nine files that include this header, paid by every
// run. Declared here first as `extern inline`, the definitions that follow
// are inline variables: one object for the program, built once under a
// guard. Same objects, same behaviour; only the copies go.
#include <CLI/Version.hpp>
#if CLI11_VERSION_MAJOR == 2
namespace CLI {
namespace detail {
class ExistingFileValidator;
class ExistingDirectoryValidator;
class ExistingPathValidator;
class NonexistentPathValidator;
class IPV4Validator;
}  // namespace detail
template <typename DesiredType>
class TypeValidator;
class Range;
extern inline const detail::ExistingFileValidator ExistingFile;
extern inline const detail::ExistingDirectoryValidator ExistingDirectory;
extern inline const detail::ExistingPathValidator ExistingPath;
extern inline const detail::NonexistentPathValidator NonexistentPath;
extern inline const detail::IPV4Validator ValidIPV4;
extern inline const TypeValidator<double> Number;
extern inline const Range NonNegativeNumber;
extern inline const Range PositiveNumber;
}  // namespace CLI
#endif

#include <CLI/CLI.hpp>
