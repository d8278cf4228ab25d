// ExportDir and StreamOut: part files with a rename commit, the folder lock,
// clean-up of interrupted runs, and the ids exported before.
#include "src/export/store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace netstat::exporter {
namespace {

Error errno_error(int e, const std::string& what) {
  return error_from_errno(e, what + ": " + std::strerror(e));
}

Result<void> write_all(int fd, std::string_view bytes, const std::string& what) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error(errno, what);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Result<void> make_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0777) == 0 || errno == EEXIST) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return {};
    return Error{Errc::not_a_directory, ENOTDIR, path + ": not a directory"};
  }
  return errno_error(errno, path);
}

// Creates every missing folder of \a path (mkdir -p).
Result<void> make_dirs(const std::string& path) {
  for (size_t at = 1; at < path.size(); ++at) {
    if (path[at] != '/') continue;
    std::string prefix = path.substr(0, at);
    struct stat st;
    if (::stat(prefix.c_str(), &st) == 0) continue;
    if (Result<void> r = make_dir(prefix); !r.ok()) return r;
  }
  return make_dir(path);
}

std::vector<std::string> list_names(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  ::closedir(d);
  return names;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string run_stamp() {
  struct timeval tv;
  ::gettimeofday(&tv, nullptr);
  std::tm tm{};
  time_t secs = tv.tv_sec;
  ::gmtime_r(&secs, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z-{}", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     tv.tv_usec / 1000, ::getpid());
}

// The part files of one worker chunk: DIR/<table>/.part-STEM.jsonl.tmp,
// created on first write, renamed on commit (bundles last). Mode 0600, as
// bundles: the rows carry the same addresses, users and command names.
class PartChunk : public Chunk {
 public:
  PartChunk(std::string dir, std::string stem)
      : m_dir(std::move(dir)), m_stem(std::move(stem)) {
    m_fds.fill(-1);
  }
  ~PartChunk() override {
    // Uncommitted parts (an aborted run) are left as .tmp for the next run
    // to remove; here only the descriptors are closed.
    for (int fd : m_fds) {
      if (fd >= 0) ::close(fd);
    }
  }

  Result<void> write(Table t, std::string_view rows) override {
    size_t i = static_cast<size_t>(t);
    if (m_fds[i] < 0) {
      std::string p = tmp_path(i);
      m_fds[i] = ::open(p.c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (m_fds[i] < 0) return errno_error(errno, p);
    }
    m_pending += rows.size();
    return write_all(m_fds[i], rows, tmp_path(i));
  }

  Result<void> commit() override {
    // Data first, the bundle rows (the commit record) last.
    std::array<size_t, kTables> order{};
    size_t n = 0;
    for (size_t i = 0; i < kTables; ++i) {
      if (i != static_cast<size_t>(Table::bundles)) order[n++] = i;
    }
    order[n++] = static_cast<size_t>(Table::bundles);
    for (size_t i : order) {
      if (m_fds[i] < 0) continue;
      int fd = m_fds[i];
      m_fds[i] = -1;
      if (::close(fd) != 0) return errno_error(errno, tmp_path(i));
      std::string final_path = m_dir + "/" + std::string(kTableDirs[i]) + "/part-" +
                               stem() + ".jsonl";
      if (::rename(tmp_path(i).c_str(), final_path.c_str()) != 0) {
        return errno_error(errno, final_path);
      }
    }
    m_pending = 0;
    ++m_seq;
    return {};
  }

  uint64_t pending_bytes() const override { return m_pending; }

 private:
  std::string stem() const { return fmt::format("{}-{:04}", m_stem, m_seq); }
  std::string tmp_path(size_t i) const {
    return m_dir + "/" + std::string(kTableDirs[i]) + "/.part-" + stem() + ".jsonl.tmp";
  }

  std::string m_dir;
  std::string m_stem;
  uint64_t m_seq = 0;
  std::array<int, kTables> m_fds{};
  uint64_t m_pending = 0;
};

class StreamChunk : public Chunk {
 public:
  explicit StreamChunk(StreamOut& out) : m_out(out) {}
  Result<void> write(Table, std::string_view rows) override { return m_out.write(rows); }
  Result<void> commit() override { return {}; }
  uint64_t pending_bytes() const override { return 0; }

 private:
  StreamOut& m_out;
};

}  // namespace

Result<std::unique_ptr<ExportDir>> ExportDir::open(const std::string& dir) {
  if (Result<void> r = make_dirs(dir); !r.ok()) return r.error();
  // A folder written before sockets/ was partitioned holds its socket rows
  // in sockets/part-*.jsonl, which the documented globs no longer read.
  for (const std::string& n : list_names(dir + "/sockets")) {
    if (starts_with(n, "part-") && ends_with(n, ".jsonl")) {
      return Error{Errc::invalid, 0,
                   dir + ": written by an earlier netstat export (sockets/part-*.jsonl, "
                         "before sockets/listening=true|false/): export into a new folder"};
    }
  }
  for (std::string_view t : kTableDirs) {
    if (Result<void> r = make_dirs(dir + "/" + std::string(t)); !r.ok()) return r.error();
  }
  std::string lock_path = dir + "/.netstat-export.lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) return errno_error(errno, lock_path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd);
    if (e == EWOULDBLOCK) {
      return Error{Errc::io_error, e, dir + ": another netstat export is writing here"};
    }
    return errno_error(e, lock_path);
  }
  // What an interrupted run left: hidden .tmp parts, and committed data
  // parts whose bundles part (the commit record) never got renamed.
  std::unordered_set<std::string> committed;
  for (const std::string& n : list_names(dir + "/bundles")) {
    if (starts_with(n, "part-") && ends_with(n, ".jsonl")) committed.insert(n);
  }
  for (std::string_view t : kTableDirs) {
    std::string sub = dir + "/" + std::string(t);
    for (const std::string& n : list_names(sub)) {
      bool stale = (starts_with(n, ".part-") && ends_with(n, ".jsonl.tmp")) ||
                   (t != "bundles" && starts_with(n, "part-") &&
                    ends_with(n, ".jsonl") && committed.count(n) == 0);
      if (stale) ::unlink((sub + "/" + n).c_str());
    }
  }
  return std::unique_ptr<ExportDir>(new ExportDir(dir, fd, run_stamp()));
}

ExportDir::ExportDir(std::string dir, int lock_fd, std::string run)
    : m_dir(std::move(dir)), m_lock_fd(lock_fd), m_run(std::move(run)) {}

ExportDir::~ExportDir() {
  if (m_lock_fd >= 0) ::close(m_lock_fd);
}

Result<std::unordered_set<std::string>> ExportDir::exported_ids() const {
  std::unordered_set<std::string> ids;
  std::string sub = m_dir + "/bundles";
  for (const std::string& n : list_names(sub)) {
    if (!starts_with(n, "part-") || !ends_with(n, ".jsonl")) continue;
    std::ifstream in(sub + "/" + n);
    if (!in) return errno_error(errno, sub + "/" + n);
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
      if (!row.is_object()) continue;
      auto it = row.find("bundle");
      if (it != row.end() && it->is_string()) ids.insert(it->get<std::string>());
    }
  }
  return ids;
}

std::unique_ptr<Chunk> ExportDir::new_chunk() {
  std::lock_guard<std::mutex> lock(m_mutex);
  return std::make_unique<PartChunk>(m_dir, fmt::format("{}-{}", m_run, m_next_chunk++));
}

Result<void> StreamOut::write(std::string_view bytes) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_out.write(bytes);
  m_out.flush();
  if (int e = m_out.write_errno(); e != 0) {
    m_out.mark_error_reported();  // said once, by the export's own message
    return Error{Errc::io_error, e, std::string("standard output: ") + std::strerror(e)};
  }
  return {};
}

std::unique_ptr<Chunk> StreamOut::new_chunk() {
  return std::make_unique<StreamChunk>(*this);
}

}  // namespace netstat::exporter
