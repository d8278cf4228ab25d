#include "replay/libarchive_api.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef NETSTAT_LIBARCHIVE_SONAME
#error "NETSTAT_LIBARCHIVE_SONAME (the library's SONAME) is set by CMake"
#endif

namespace netstat {
namespace {

struct Loaded {
  LibArchive api;
  std::string error;  ///< empty when every function was found
};

Loaded load() {
  Loaded out;
  // Never closed: the functions are used until the process ends.
  void* handle = ::dlopen(NETSTAT_LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    out.error = why != nullptr ? why : NETSTAT_LIBARCHIVE_SONAME ": cannot load";
    return out;
  }
#define NETSTAT_LIBARCHIVE_RESOLVE(name)                                  \
  if (out.error.empty()) {                                                \
    out.api.name = reinterpret_cast<decltype(&::name)>(                   \
        ::dlsym(handle, #name));                                          \
    if (out.api.name == nullptr) {                                        \
      out.error = NETSTAT_LIBARCHIVE_SONAME ": no function " #name;       \
    }                                                                     \
  }
  NETSTAT_LIBARCHIVE_FUNCTIONS(NETSTAT_LIBARCHIVE_RESOLVE)
#undef NETSTAT_LIBARCHIVE_RESOLVE
  return out;
}

const Loaded& loaded() {
  static const Loaded instance = load();
  return instance;
}

}  // namespace

Result<const LibArchive*> load_libarchive() {
  const Loaded& l = loaded();
  if (!l.error.empty()) {
    return Error{Errc::io_error, 0,
                 "cannot load libarchive (" + l.error + ")"};
  }
  return &l.api;
}

const LibArchive& libarchive() {
  const Loaded& l = loaded();
  if (!l.error.empty()) {
    std::fprintf(stderr, "netstat: internal error: libarchive used unloaded (%s)\n",
                 l.error.c_str());
    std::abort();
  }
  return l.api;
}

}  // namespace netstat
