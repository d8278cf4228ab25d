// load_libarchive for the static executable (NETSTAT_STATIC): libarchive is
// linked in (libarchive.a and the compressors it calls), so every function
// is there from the start and loading cannot fail. See libarchive_api.h.
#include "replay/libarchive_api.h"

namespace netstat {
namespace {

LibArchive linked() {
  LibArchive api;
#define NETSTAT_LIBARCHIVE_TAKE(name) api.name = &::name;
  NETSTAT_LIBARCHIVE_FUNCTIONS(NETSTAT_LIBARCHIVE_TAKE)
#undef NETSTAT_LIBARCHIVE_TAKE
  return api;
}

const LibArchive& instance() {
  static const LibArchive api = linked();
  return api;
}

}  // namespace

Result<const LibArchive*> load_libarchive() { return &instance(); }

const LibArchive& libarchive() { return instance(); }

}  // namespace netstat
