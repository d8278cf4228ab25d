// ContentArena: where an archive's member contents are held while a replay
// reads them. Decoding a .tar.xz copies each member once, from libarchive's
// buffer into the arena, and the tree hands out views of it (no second copy
// per read_file_pieces, no string per member).
//
// Storage is a few large anonymous mappings reserved up front (address space
// only, MAP_NORESERVE) and advised for transparent huge pages, so holding a
// 15 MB report costs a handful of page faults instead of ~4,000. Under
// AddressSanitizer every span is its own heap block instead, so an overread
// of a member is still reported where it happens.
#pragma once

#include <cstddef>
#include <vector>

namespace netstat {

class ContentArena {
 public:
  ContentArena() = default;
  ~ContentArena();
  ContentArena(const ContentArena&) = delete;
  ContentArena& operator=(const ContentArena&) = delete;

  /// Room for \a n contiguous bytes (zero-filled), or nullptr when the
  /// system refuses the memory. Valid until the arena is destroyed.
  char* allocate(size_t n);

 private:
  struct Block {
    char* base = nullptr;
    size_t size = 0;
    bool mapped = false;  ///< munmap (else delete[])
  };
  std::vector<Block> m_blocks;
  char* m_next = nullptr;  ///< free room of the last mapped block
  size_t m_left = 0;
};

}  // namespace netstat
