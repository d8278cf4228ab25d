// ContentArena: bump allocation in large THP-advised mappings (see the
// header); one heap block per span under AddressSanitizer.
#include "replay/content_arena.h"

#include <sys/mman.h>

#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define NETSTAT_ARENA_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NETSTAT_ARENA_HEAP 1
#endif
#endif

namespace netstat {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Address space reserved per mapping; untouched pages cost nothing.
constexpr size_t kMapping = size_t{64} << 20;
// Spans are handed out aligned to this (cheap, keeps memcpy targets aligned).
constexpr size_t kAlign = 16;

[[maybe_unused]] size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

}  // namespace

ContentArena::~ContentArena() {
  for (const Block& b : m_blocks) {
    if (b.mapped) {
      ::munmap(b.base, b.size);
    } else {
      delete[] b.base;
    }
  }
}

char* ContentArena::allocate(size_t n) {
  if (n == 0) n = 1;
#ifdef NETSTAT_ARENA_HEAP
  char* p = new (std::nothrow) char[n]();
  if (p != nullptr) m_blocks.push_back({p, n, false});
  return p;
#else
  if (n > (size_t{1} << 60)) return nullptr;
  size_t want = round_up(n, kAlign);
  if (want > m_left) {
    size_t size = want > kMapping ? round_up(want, kHugePage) : kMapping;
    void* m = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return nullptr;
#ifdef MADV_HUGEPAGE
    (void)::madvise(m, size, MADV_HUGEPAGE);  // a hint; refusal is fine
#endif
    m_blocks.push_back({static_cast<char*>(m), size, true});
    m_next = static_cast<char*>(m);
    m_left = size;
  }
  char* p = m_next;
  m_next += want;
  m_left -= want;
  return p;
#endif
}

}  // namespace netstat
