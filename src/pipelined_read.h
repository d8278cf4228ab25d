// Reading a big /proc table while printing it: the kernel formats
// /proc/net/tcp one page per read(2), which for 200k sockets is most of
// `netstat -tan`'s time. pipelined_read() lets a second thread do those reads
// while the calling thread parses and prints the lines already read, so the
// listing costs about the read alone instead of read + print.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "replay/root.h"

namespace netstat {

/// Reads \a path through \a root (Root::read_file_pieces) on a second thread
/// and hands the text to \a consume on the calling thread in runs of whole
/// lines, in order: every run but the last ends with '\n', and together they
/// are exactly what read_file(path) returns. The reader fills 64 KiB chunks
/// from a pool of four that the consumer returns (so memory is bounded
/// whatever the file's size) and hands a chunk over when it is full, or
/// after a piece read once it holds \a batch bytes (clamped to 1..64 KiB).
/// Returns the read error when nothing could be read (consume is then not
/// called); a failure after some text was handed over ends the text there.
/// Use it only where Root::concurrent_reads() is true.
Result<void> pipelined_read(const Root& root, std::string_view path,
                            const std::function<void(std::string_view)>& consume,
                            size_t batch = size_t{64} << 10);

/// A line table through \a consume: pipelined_read() where the root's reads
/// may overlap (live, directories), else read_file() handed over whole. An
/// empty file is not handed over. The error when nothing could be read.
Result<void> read_line_table(const Root& root, std::string_view path,
                             const std::function<void(std::string_view)>& consume);

}  // namespace netstat
