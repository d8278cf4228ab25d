#include "src/pipelined_read.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace netstat {
namespace {

// The reader fills chunks from a small pool that the consumer hands back:
// memory stays at kChunks * kChunkBytes whatever the file's size, and is
// touched once. (Buffers that grew with the file cost a page fault per 4 KiB
// of fresh memory: ~400 faults, a third of `-rn`'s time at 10k routes.)
constexpr size_t kChunkBytes = size_t{64} << 10;
constexpr size_t kChunks = 4;

struct Chunk {
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

/// Read and handed over on the calling thread before a second thread starts.
constexpr size_t kInlineBytes = size_t{64} << 10;

/// The second thread of pipelined_read: hands the text pushed to it to
/// \a runs, in order, from chunks of a pool it returns as it goes.
class Handover {
 public:
  explicit Handover(LineRuns& runs) : m_runs(runs), m_pool(kChunks) {
    for (size_t i = kChunks; i-- > 0;) m_free.push_back(i);
    m_thread = std::thread([this] { hand_over(); });
  }
  ~Handover() { finish_and_join(); }
  Handover(const Handover&) = delete;
  Handover& operator=(const Handover&) = delete;

  /// Copies \a piece into chunks; a chunk goes over when full, or after
  /// this piece once it holds \a batch bytes. Dropped once the consumer
  /// has failed (its exception is rethrown by finish()).
  void push(std::string_view piece, size_t batch) {
    while (!piece.empty()) {
      if (!m_cur && !acquire()) return;
      Chunk& c = m_pool[*m_cur];
      size_t n = std::min(piece.size(), kChunkBytes - c.size);
      std::memcpy(c.data.get() + c.size, piece.data(), n);
      c.size += n;
      piece.remove_prefix(n);
      if (c.size == kChunkBytes) publish();
    }
    if (m_cur && m_pool[*m_cur].size >= batch) publish();
  }

  /// Hands over the rest, waits until all of it was consumed; rethrows what
  /// the consumer threw.
  void finish() {
    if (m_cur && m_pool[*m_cur].size > 0) publish();
    finish_and_join();
    if (m_exception) std::rethrow_exception(m_exception);
  }

 private:
  bool acquire() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_free_cv.wait(lock, [&] { return m_failed || !m_free.empty(); });
    if (m_failed) return false;
    m_cur = m_free.back();
    m_free.pop_back();
    lock.unlock();
    Chunk& c = m_pool[*m_cur];
    if (!c.data) c.data = std::make_unique_for_overwrite<char[]>(kChunkBytes);
    c.size = 0;
    return true;
  }
  void publish() {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_filled.push_back(*m_cur);
    }
    m_cur.reset();
    m_filled_cv.notify_one();
  }
  void finish_and_join() {
    if (!m_thread.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_done = true;
    }
    m_filled_cv.notify_one();
    m_thread.join();
  }
  void hand_over() {
    try {
      while (true) {
        size_t index = 0;
        {
          std::unique_lock<std::mutex> lock(m_mutex);
          m_filled_cv.wait(lock, [&] { return m_done || !m_filled.empty(); });
          if (m_filled.empty()) return;  // done, everything taken
          index = m_filled.front();
          m_filled.pop_front();
        }
        m_runs.feed(std::string_view(m_pool[index].data.get(), m_pool[index].size));
        {
          std::lock_guard<std::mutex> lock(m_mutex);
          m_free.push_back(index);
        }
        m_free_cv.notify_one();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_exception = std::current_exception();
      m_failed = true;
      m_free_cv.notify_all();
    }
  }

  LineRuns& m_runs;
  std::vector<Chunk> m_pool;
  std::optional<size_t> m_cur;  ///< the chunk being filled (reading thread)
  std::mutex m_mutex;
  std::condition_variable m_filled_cv, m_free_cv;
  std::vector<size_t> m_free;    ///< guarded by m_mutex
  std::deque<size_t> m_filled;   ///< guarded by m_mutex
  bool m_done = false;           ///< guarded by m_mutex
  bool m_failed = false;         ///< guarded by m_mutex
  std::exception_ptr m_exception;
  std::thread m_thread;
};

}  // namespace

Result<void> pipelined_read(const Root& root, std::string_view path,
                            const std::function<void(std::string_view)>& consume,
                            size_t batch) {
  batch = std::clamp<size_t>(batch, 1, kChunkBytes);
  LineRuns runs(consume);
  // The first kInlineBytes are handed over on this thread as they are read:
  // a small table (most routing tables, an idle host's sockets) costs no
  // thread, whose start and hand-overs took longer than the table (a
  // 10-route -rn). Past them a second thread hands the text over while
  // this one goes on reading.
  std::optional<Handover> handover;
  size_t inline_bytes = 0;
  Result<void> r = root.read_file_pieces(path, [&](std::string_view piece) {
    if (!handover) {
      if (inline_bytes < kInlineBytes) {
        inline_bytes += piece.size();
        runs.feed(piece);
        return;
      }
      handover.emplace(runs);
    }
    handover->push(piece, batch);
  });
  if (handover) handover->finish();
  runs.finish();
  if (!runs.any() && !r.ok()) return r.error();
  return Result<void>();
}

void LineRuns::feed(std::string_view text) {
  if (!m_carry.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      m_carry.append(text);
      return;
    }
    m_carry.append(text.substr(0, nl + 1));
    hand(m_carry);
    m_carry.clear();
    text.remove_prefix(nl + 1);
  }
  size_t last = text.rfind('\n');
  if (last != std::string_view::npos) {
    hand(text.substr(0, last + 1));
    text.remove_prefix(last + 1);
  }
  m_carry.append(text);
}

void LineRuns::finish() {
  if (!m_carry.empty()) hand(m_carry);  // the last line, without its '\n'
  m_carry.clear();
}

Result<void> streamed_read(const Root& root, std::string_view path,
                           const std::function<void(std::string_view)>& consume) {
  LineRuns runs(consume);
  Result<void> r = root.read_file_pieces(path, [&](std::string_view piece) { runs.feed(piece); });
  runs.finish();
  if (!runs.any() && !r.ok()) return r.error();
  return Result<void>();
}

Result<void> read_line_table(const Root& root, std::string_view path,
                             const std::function<void(std::string_view)>& consume) {
  if (root.concurrent_reads()) return pipelined_read(root, path, consume);
  Result<std::string> text = root.read_file(path);
  if (!text.ok()) return text.error();
  if (!text->empty()) consume(*text);
  return Result<void>();
}

}  // namespace netstat
