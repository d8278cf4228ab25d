// Reading a big /proc table while printing it: the kernel formats
// /proc/net/tcp one page per read(2), which for 200k sockets is most of
// `netstat -tan`'s time. pipelined_read() lets one thread do those reads
// while a second parses and prints the lines already read, so the listing
// costs about the read alone instead of read + print.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "replay/root.h"

namespace netstat {

/// Reads \a path through \a root (Root::read_file_pieces) and hands the
/// text to \a consume in runs of whole lines, in order: every run but the
/// last ends with '\n', and together they are exactly what read_file(path)
/// returns. The first 64 KiB are handed over on the calling thread as they
/// are read (a small table starts no thread); past them \a consume runs on
/// a second thread while the calling thread goes on reading, so \a consume
/// must not need the calling thread (it is called by one thread at a time,
/// in order; what it throws is rethrown here). The text goes over in 64 KiB
/// chunks from a pool of four that the consumer returns (so memory is
/// bounded whatever the file's size), a chunk when it is full, or after a
/// piece read once it holds \a batch bytes (clamped to 1..64 KiB). Returns
/// the read error when nothing could be read (consume is then not called);
/// a failure after some text was handed over ends the text there. Use it
/// only where Root::concurrent_reads() is true.
Result<void> pipelined_read(const Root& root, std::string_view path,
                            const std::function<void(std::string_view)>& consume,
                            size_t batch = size_t{64} << 10);

/// The same text in the same runs of whole lines, read on the calling
/// thread: each piece read (Root::read_file_pieces; one read(2) on the live
/// system, the whole member elsewhere) is handed over in place, only a line
/// split between two reads is copied. Memory stays at one read buffer and
/// nothing waits on another thread; for tables whose printing costs less
/// than their reading, such as /proc/net/unix.
Result<void> streamed_read(const Root& root, std::string_view path,
                           const std::function<void(std::string_view)>& consume);

/// Splits text handed over in arbitrary pieces into runs of whole lines
/// (what pipelined_read and streamed_read hand to their consumer).
class LineRuns {
 public:
  explicit LineRuns(const std::function<void(std::string_view)>& consume)
      : m_consume(consume) {}
  /// Hands over the whole lines \a text completes; keeps the rest.
  void feed(std::string_view text);
  /// Hands over what is kept (a last line without '\n').
  void finish();
  /// Whether anything was handed over.
  bool any() const { return m_any; }

 private:
  void hand(std::string_view text) {
    m_any = true;
    m_consume(text);
  }
  const std::function<void(std::string_view)>& m_consume;
  std::string m_carry;  ///< the start of a line whose end is in a later piece
  bool m_any = false;
};

/// A line table through \a consume: pipelined_read() where the root's reads
/// may overlap (live, directories), else read_file() handed over whole. An
/// empty file is not handed over. The error when nothing could be read.
Result<void> read_line_table(const Root& root, std::string_view path,
                             const std::function<void(std::string_view)>& consume);

}  // namespace netstat
