#include "src/pipelined_read.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace netstat {

Result<void> pipelined_read(const Root& root, std::string_view path,
                            const std::function<void(std::string_view)>& consume,
                            size_t batch) {
  std::mutex mutex;
  std::condition_variable ready;
  std::string pending;  // read, not yet taken (guarded by mutex)
  bool done = false;
  std::optional<Error> error;

  std::thread reader([&] {
    Result<void> r = root.read_file_pieces(path, [&](std::string_view piece) {
      bool wake = false;
      {
        std::lock_guard<std::mutex> lock(mutex);
        pending.append(piece);
        wake = pending.size() >= batch;
      }
      if (wake) ready.notify_one();
    });
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
      if (!r.ok()) error = r.error();
    }
    ready.notify_one();
  });
  // The reader only reads; it is joined whatever consume() does.
  struct Join {
    std::thread& t;
    ~Join() { t.join(); }
  } join{reader};

  std::string taken;  // swapped with pending: both buffers are reused
  std::string text;   // taken so far, not yet consumed (a partial line)
  bool any = false;
  while (true) {
    bool last = false;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return done || pending.size() >= batch; });
      taken.swap(pending);
      pending.clear();
      last = done;
    }
    if (last && !any && taken.empty() && error) return *error;
    text.append(taken);
    taken.clear();
    size_t cut = text.size();
    if (!last) {
      size_t nl = text.rfind('\n');
      cut = nl == std::string::npos ? 0 : nl + 1;
    }
    if (cut > 0) {
      any = true;
      consume(std::string_view(text).substr(0, cut));
      text.erase(0, cut);
    }
    if (last) break;
  }
  return Result<void>();
}

}  // namespace netstat
