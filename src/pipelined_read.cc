#include "src/pipelined_read.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
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

}  // namespace

Result<void> pipelined_read(const Root& root, std::string_view path,
                            const std::function<void(std::string_view)>& consume,
                            size_t batch) {
  batch = std::clamp<size_t>(batch, 1, kChunkBytes);
  std::mutex mutex;
  std::condition_variable filled_cv, free_cv;
  std::vector<Chunk> pool(kChunks);
  std::vector<size_t> free_list;        // guarded by mutex
  std::deque<size_t> filled;            // guarded by mutex
  bool done = false;                    // guarded by mutex
  bool stop = false;                    // the consumer left early
  std::optional<Error> error;           // guarded by mutex
  for (size_t i = kChunks; i-- > 0;) free_list.push_back(i);

  std::thread reader([&] {
    std::optional<size_t> cur;  // the chunk being filled (reader-owned)
    auto acquire = [&]() -> bool {
      std::unique_lock<std::mutex> lock(mutex);
      free_cv.wait(lock, [&] { return stop || !free_list.empty(); });
      if (stop) return false;
      cur = free_list.back();
      free_list.pop_back();
      lock.unlock();
      Chunk& c = pool[*cur];
      if (!c.data) c.data = std::make_unique_for_overwrite<char[]>(kChunkBytes);
      c.size = 0;
      return true;
    };
    auto publish = [&] {
      {
        std::lock_guard<std::mutex> lock(mutex);
        filled.push_back(*cur);
      }
      cur.reset();
      filled_cv.notify_one();
    };
    bool stopped = false;
    Result<void> r = root.read_file_pieces(path, [&](std::string_view piece) {
      while (!piece.empty() && !stopped) {
        if (!cur && !acquire()) {
          stopped = true;
          return;
        }
        Chunk& c = pool[*cur];
        size_t n = std::min(piece.size(), kChunkBytes - c.size);
        std::memcpy(c.data.get() + c.size, piece.data(), n);
        c.size += n;
        piece.remove_prefix(n);
        if (c.size == kChunkBytes) publish();
      }
      if (cur && pool[*cur].size >= batch) publish();
    });
    if (cur && pool[*cur].size > 0) publish();
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
      if (!r.ok()) error = r.error();
    }
    filled_cv.notify_one();
  });
  // The reader only reads; it is stopped and joined whatever consume() does.
  struct Join {
    std::thread& t;
    std::mutex& m;
    bool& stop;
    std::condition_variable& cv;
    ~Join() {
      {
        std::lock_guard<std::mutex> lock(m);
        stop = true;
      }
      cv.notify_all();
      t.join();
    }
  } join{reader, mutex, stop, free_cv};

  LineRuns runs(consume);
  while (true) {
    size_t index = 0;
    {
      std::unique_lock<std::mutex> lock(mutex);
      filled_cv.wait(lock, [&] { return done || !filled.empty(); });
      if (filled.empty()) break;  // done, everything taken
      index = filled.front();
      filled.pop_front();
    }
    runs.feed(std::string_view(pool[index].data.get(), pool[index].size));
    {
      std::lock_guard<std::mutex> lock(mutex);
      free_list.push_back(index);
    }
    free_cv.notify_one();
  }
  runs.finish();
  if (!runs.any() && error) return *error;
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
