// run_export(): the worker pool, one bundle at a time per worker, and the
// bundles table. Each table's rows are formatted into the worker's buffer
// by the same row writers and mode selection as --json-lines
// (emit_json), and handed to the worker's chunk in blocks of whole rows.
#include "src/export/exporter.h"

#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "replay/archive_reader.h"
#include "replay/bundle_manifest.h"
#include "replay/bundle_views.h"
#include "replay/read_plan.h"
#include "replay/root.h"
#include "src/context.h"
#include "src/export/bundle_id.h"
#include "src/export/store.h"
#include "src/json/listing.h"
#include "src/json/rows.h"
#include "src/json/writer.h"
#include "src/model/metadata.h"
#include "src/model/selection.h"
#include "src/model/tables.h"
#include "src/options.h"
#include "src/resolve.h"
#include "src/safe_text.h"
#include "src/version.h"

namespace netstat::exporter {
namespace {

constexpr size_t kBlock = size_t{1} << 16;         // hand rows on at 64 KiB
constexpr uint64_t kCommitBytes = uint64_t{256} << 20;  // a chunk's size

// The mode flags whose --json-lines rows each table holds (docs/fleet.md).
struct TableModes {
  Options sockets, groups, routes, route_cache, interfaces, masquerade;
  model::StatsSelection stats4, stats6;
};

Options parse_flags(std::vector<std::string> args, bool numeric) {
  args.insert(args.begin(), "netstat");
  if (numeric) args.push_back("-n");
  args.push_back("--json-lines");
  Output out, err;
  ParseResult p = parse_options(args, out, err);
  return p.options;
}

TableModes table_modes(bool numeric) {
  TableModes m;
  // -o: the Timer column's members (timer, timer_expires, retransmits,
  // timeout) on inet rows.
  m.sockets = parse_flags({"-a", "-p", "-o"}, numeric);
  m.groups = parse_flags({"-g"}, numeric);
  m.routes = parse_flags({"-r", "-A", "inet,inet6"}, numeric);
  // The IPv6 cache entries (the IPv4 cache left the kernel with 3.6, and
  // --json has no IPv4 cache rows).
  m.route_cache = parse_flags({"-r", "-C", "-A", "inet6"}, numeric);
  m.interfaces = parse_flags({"-i", "-a"}, numeric);
  m.masquerade = parse_flags({"-M"}, numeric);
  m.stats4 = model::StatsSelection::from_options(parse_flags({"-s"}, numeric));
  m.stats6 = model::StatsSelection::from_options(parse_flags({"-s", "-6"}, numeric));
  return m;
}

// "2024-05-01T12:00:00.000Z", or "" when unknown.
std::string time_ms(std::optional<double> epoch) {
  if (!epoch) return {};
  double whole = std::floor(*epoch);
  // Rounded to nearest without std::llround: the only libm function the
  // binary used, and loading libm.so costs every start-up ~20k instructions.
  auto ms = static_cast<long>((*epoch - whole) * 1000 + 0.5);
  auto secs = static_cast<time_t>(whole);
  if (ms >= 1000) {
    ++secs;
    ms -= 1000;
  }
  std::tm tm{};
  if (::gmtime_r(&secs, &tm) == nullptr) return {};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string now_ms() {
  struct timeval tv;
  ::gettimeofday(&tv, nullptr);
  return time_ms(static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6);
}

// What the whole run shares.
struct Shared {
  Shared(const ExportOptions& o, Output& e)
      : opts(o), modes(table_modes(o.numeric)), err(e) {}
  const ExportOptions& opts;
  TableModes modes;
  Output& err;
  std::mutex err_mutex;
  ExportDir* dir = nullptr;
  StreamOut* stream = nullptr;
  uint64_t max_manifest = 0;

  std::atomic<size_t> next{0};
  std::atomic<bool> abort{false};
  std::mutex ids_mutex;
  std::unordered_set<std::string> exported_before;
  std::unordered_map<std::string, std::string> claimed;  // id -> input

  std::atomic<uint64_t> exported{0}, skipped_before{0}, duplicates{0}, failed{0},
      rows{0};
  std::mutex fatal_mutex;
  std::string fatal;

  void note(const std::string& text) {
    std::lock_guard<std::mutex> lock(err_mutex);
    err.print("netstat export: {}\n", safe_text(text));
    err.flush();
  }
  void fail_output(const Error& e) {
    std::lock_guard<std::mutex> lock(fatal_mutex);
    if (fatal.empty()) fatal = e.message;
    abort = true;
  }
};

// The row counts of the bundles table, one per data table (the socket
// partitions count together).
constexpr size_t kDataTables = 6;
constexpr std::array<std::string_view, kDataTables> kCountNames = {
    "sockets", "groups", "routes", "interfaces", "counters", "masquerade"};
constexpr size_t count_slot(Table t) {
  return t == Table::listening_sockets || t == Table::other_sockets
             ? 0
             : static_cast<size_t>(t) - 1;
}

class Worker {
 public:
  explicit Worker(Shared& s)
      : m_s(s),
        m_chunk(s.dir != nullptr ? s.dir->new_chunk() : s.stream->new_chunk()) {}

  void run() {
    const std::vector<std::string>& inputs = m_s.opts.inputs;
    for (;;) {
      if (m_s.abort) return;
      size_t i = m_s.next.fetch_add(1);
      if (i >= inputs.size()) break;
      try {
        one(inputs[i]);
      } catch (const std::exception& e) {
        // Out of memory or similar inside one bundle: the run goes on.
        for (Output& b : m_bufs) b.clear();
        m_s.note(inputs[i] + ": internal error: " + e.what());
        ++m_s.failed;
      }
      if (m_chunk->pending_bytes() >= kCommitBytes) commit();
    }
    commit();
  }

 private:
  void commit() {
    if (m_s.abort) return;
    if (Result<void> r = m_chunk->commit(); !r.ok()) m_s.fail_output(r.error());
  }

  void hand_on(Table t, Output& buf) {
    if (buf.buffer().size() == 0) return;
    Result<void> r = m_chunk->write(t, std::string_view(buf.buffer().data(),
                                                        buf.buffer().size()));
    buf.clear();
    if (!r.ok()) m_s.fail_output(r.error());
  }

  void one(const std::string& input) {
    Result<BundleId> id = bundle_id(input, m_s.max_manifest);
    if (!id.ok()) {
      failed_row(input, "", id.error().message);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(m_s.ids_mutex);
      if (m_s.exported_before.count(id->id) != 0) {
        ++m_s.skipped_before;
        return;
      }
      auto [it, fresh] = m_s.claimed.emplace(id->id, input);
      if (!fresh) {
        ++m_s.duplicates;
        m_s.note(input + ": the same bundle as " + it->second + " (not exported twice)");
        return;
      }
    }
    // Every view of the input: each network namespace at each frame.
    Result<std::vector<OpenedView>> views =
        open_views(input, ViewSelector::every_view(), m_s.opts.limits);
    if (!views.ok()) {
      failed_row(input, id->id, views.error().message);
      return;
    }
    try {
      export_views(input, *id, *views);
    } catch (const std::exception& e) {
      // Out of memory or similar half-way: the bundle is listed as failed
      // (rows already handed on stay, tied to that row), the run goes on.
      // Half-written rows are dropped.
      for (Output& b : m_bufs) b.clear();
      failed_row(input, id->id, std::string("internal error: ") + e.what());
    }
  }

  // The rows of every view, each with its netns, frame and time, then the
  // bundle's row (metadata of the first view, the top of the bundle).
  void export_views(const std::string& input, const BundleId& id,
                    const std::vector<OpenedView>& views) {
    std::array<uint64_t, kDataTables> counts{};
    std::vector<std::string> warnings;
    std::vector<std::string> times;  // each view's, with milliseconds
    times.reserve(views.size());      // identities point into it
    model::Metadata top;
    Output err_sink;  // nothing reaches it with warnings collected
    for (const OpenedView& v : views) {
      const std::array<uint64_t, kDataTables> before = counts;
      const Root& root = *v.root;
      model::Metadata meta = model::load_metadata(root, input, false);
      std::string at = time_ms(model::parse_rfc3339(v.view.time));
      if (at.empty()) at = time_ms(meta.captured_epoch);
      times.push_back(at);
      json::RowIdentity identity{id.id, v.view.netns, v.view.frame, times.back()};
      auto emit = [&](Table t, const Options& o) {
        Output& buf = m_bufs[static_cast<size_t>(t)];
        Resolver resolver(root.names(), o);
        Context ctx{root, buf, err_sink, resolver, false};
        JsonEmit how;
        how.lines = true;
        how.identity = &identity;
        how.warnings = &warnings;
        how.after_row = [&] {
          if (buf.buffer().size() >= kBlock) hand_on(t, buf);
        };
        if (t == Table::other_sockets) {
          // Socket rows go to sockets/listening=true|false/ by "listening".
          Output& listening = m_bufs[static_cast<size_t>(Table::listening_sockets)];
          how.socket_out = [&](const model::Socket& s) -> Output& {
            return s.listening ? listening : buf;
          };
          how.after_row = [&] {
            if (buf.buffer().size() >= kBlock) hand_on(t, buf);
            if (listening.buffer().size() >= kBlock) {
              hand_on(Table::listening_sockets, listening);
            }
          };
          emit_json(o, ctx, meta, how);
          hand_on(Table::listening_sockets, listening);
        } else {
          emit_json(o, ctx, meta, how);
        }
        hand_on(t, buf);
        counts[count_slot(t)] += how.rows;
      };
      emit(Table::other_sockets, m_s.modes.sockets);
      emit(Table::groups, m_s.modes.groups);
      emit(Table::routes, m_s.modes.routes);
      emit(Table::routes, m_s.modes.route_cache);
      emit(Table::interfaces, m_s.modes.interfaces);
      counts[count_slot(Table::counters)] += write_counters(root, meta, identity, warnings);
      // -M only where the kernel had the file (2.4): elsewhere its "no
      // support" note would be every bundle's warning.
      if (root.read_file(read_plan::path(read_plan::NetFile::ip_masquerade)).ok()) {
        emit(Table::masquerade, m_s.modes.masquerade);
      }
      write_view(v.view, meta.host, identity, counts, before);
      if (&v == &views.front()) top = std::move(meta);
    }
    std::sort(warnings.begin(), warnings.end());
    warnings.erase(std::unique(warnings.begin(), warnings.end()), warnings.end());

    Output& buf = m_bufs[static_cast<size_t>(Table::bundles)];
    json::JsonWriter w(buf.buffer());
    w.begin_object();
    w.member_str("kind", "bundle");
    w.member_str("bundle", id.id);
    w.member_str("host", top.host);
    w.member_str("source", input);
    w.member_str("status", "ok");
    w.key("error");
    w.null();
    w.member_str("kernel", top.kernel);
    std::string at = time_ms(top.captured_epoch);
    w.key("captured_at");
    if (at.empty()) w.null(); else w.string(at);
    w.member("euid", top.euid);
    w.member_str("tool", top.tool);
    w.member_str("input_type", id.tree ? "tree" : "file");
    w.member("input_bytes", id.size);
    w.key("views");
    w.begin_array();
    for (size_t i = 0; i < views.size(); ++i) {
      const ManifestView& v = views[i].view;
      w.begin_object();
      w.member_str("id", v.id);
      w.member_str("netns", v.netns);
      w.member("inode", v.inode);
      w.key("names");
      w.begin_array();
      for (const std::string& n : v.names) w.string(n);
      w.end_array();
      w.member("frame", v.frame);
      w.key("captured_at");
      if (times[i].empty()) w.null(); else w.string(times[i]);
      w.end_object();
    }
    w.end_array();
    uint64_t total = 0;
    for (size_t t = 0; t < kDataTables; ++t) {
      w.member(kCountNames[t], counts[t]);
      total += counts[t];
    }
    w.key("warnings");
    w.begin_array();
    for (const std::string& s : warnings) w.string(s);
    w.end_array();
    w.member_str("exported_at", now_ms());
    w.member_str("exporter", std::string("netstat ") + kVersion);
    w.member("schema_revision", json::kSchemaRevision);
    w.end_object();
    buf.put('\n');
    hand_on(Table::bundles, buf);
    ++m_s.exported;
    m_s.rows += total;
  }

  // The views table's row of one view: the identity its data rows carry
  // (bundle, netns, frame, captured_at), so that a join on (bundle, netns,
  // frame) names each row's namespace, plus the row counts of this view.
  void write_view(const ManifestView& v, const std::string& host,
                  const json::RowIdentity& identity,
                  const std::array<uint64_t, kDataTables>& counts,
                  const std::array<uint64_t, kDataTables>& before) {
    Output& buf = m_bufs[static_cast<size_t>(Table::views)];
    json::JsonWriter w(buf.buffer());
    w.begin_object();
    w.member_str("kind", "view");
    w.member_str("bundle", identity.bundle);
    w.member_str("host", host);
    w.member_str("netns", identity.netns);
    w.member("frame", identity.frame);
    w.key("captured_at");
    if (identity.captured_at.empty()) w.null(); else w.string(identity.captured_at);
    w.member_str("view", v.id);
    w.member("inode", v.inode);
    w.key("names");
    w.begin_array();
    for (const std::string& n : v.names) w.string(n);
    w.end_array();
    w.key("container");
    if (v.container) {
      w.begin_object();
      w.member_str("runtime", v.container->runtime);
      w.member_str("id", v.container->id);
      w.member_str("pod_uid", v.container->pod_uid);
      w.end_object();
    } else {
      w.null();
    }
    for (size_t t = 0; t < kDataTables; ++t) w.member(kCountNames[t], counts[t] - before[t]);
    w.end_object();
    buf.put('\n');
    hand_on(Table::views, buf);
  }

  uint64_t write_counters(const Root& root, const model::Metadata& meta,
                          const json::RowIdentity& identity,
                          std::vector<std::string>& warnings) {
    Output& buf = m_bufs[static_cast<size_t>(Table::counters)];
    json::JsonWriter w(buf.buffer());
    uint64_t n = 0;
    json::LinePrefix prefix{"counter", &meta, &identity};
    // -s (IPv4, TCP, UDP, SCTP files) and the snmp6 rows of -s -6 (its Tcp
    // rows are -s's own).
    for (const model::Counter& k : model::load_counters(root, m_s.modes.stats4, &warnings)) {
      json::write_counter(w, k, &prefix);
      buf.put('\n');
      ++n;
      if (buf.buffer().size() >= kBlock) hand_on(Table::counters, buf);
    }
    for (const model::Counter& k : model::load_counters(root, m_s.modes.stats6, &warnings)) {
      if (k.file != "snmp6") continue;
      json::write_counter(w, k, &prefix);
      buf.put('\n');
      ++n;
      if (buf.buffer().size() >= kBlock) hand_on(Table::counters, buf);
    }
    hand_on(Table::counters, buf);
    return n;
  }

  void failed_row(const std::string& input, const std::string& id,
                  const std::string& message) {
    m_s.note(message.find(input) == 0 ? message : input + ": " + message);
    ++m_s.failed;
    Output& buf = m_bufs[static_cast<size_t>(Table::bundles)];
    json::JsonWriter w(buf.buffer());
    w.begin_object();
    w.member_str("kind", "bundle");
    w.key("bundle");
    if (id.empty()) w.null(); else w.string(id);
    w.member_str("host", "");
    w.member_str("source", input);
    w.member_str("status", "error");
    w.member_str("error", message);
    w.key("captured_at");
    w.null();
    w.member_str("exported_at", now_ms());
    w.member_str("exporter", std::string("netstat ") + kVersion);
    w.member("schema_revision", json::kSchemaRevision);
    w.end_object();
    buf.put('\n');
    hand_on(Table::bundles, buf);
  }

  Shared& m_s;
  std::unique_ptr<Chunk> m_chunk;
  std::array<Output, kTables> m_bufs;
};

}  // namespace

int run_export(const ExportOptions& opts, Output& out, Output& err) {
  auto started = std::chrono::steady_clock::now();
  Shared s(opts, err);
  s.max_manifest = opts.limits.max_entry_size;
  std::unique_ptr<ExportDir> dir;
  std::unique_ptr<StreamOut> stream;
  err.flush();
  if (opts.output == "-") {
    stream = std::make_unique<StreamOut>(out);
    s.stream = stream.get();
  } else {
    Result<std::unique_ptr<ExportDir>> d = ExportDir::open(opts.output);
    if (!d.ok()) {
      s.note(d.error().message);
      return 2;
    }
    dir = std::move(*d);
    Result<std::unordered_set<std::string>> ids = dir->exported_ids();
    if (!ids.ok()) {
      s.note(ids.error().message);
      return 2;
    }
    s.exported_before = std::move(*ids);
    s.dir = dir.get();
  }

  unsigned jobs = opts.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(
      std::min<size_t>(jobs, std::max<size_t>(1, opts.inputs.size())));
  {
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<Worker>(s));
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < jobs; ++i) {
      threads.emplace_back([w = workers[i].get()] { w->run(); });
    }
    workers[0]->run();
    for (std::thread& t : threads) t.join();
  }

  if (!s.fatal.empty()) {
    s.note(s.fatal + " (export stopped; the bundles committed so far are kept)");
    return 2;
  }
  if (!opts.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                started).count();
    std::string text = fmt::format(
        "{} input{}: {} exported ({} rows), {} exported before, {} duplicate{}, "
        "{} failed; {:.2f} s, {} worker{}",
        opts.inputs.size(), opts.inputs.size() == 1 ? "" : "s", s.exported.load(),
        s.rows.load(), s.skipped_before.load(), s.duplicates.load(),
        s.duplicates == 1 ? "" : "s", s.failed.load(), secs, jobs, jobs == 1 ? "" : "s");
    s.note(text);
  }
  return s.failed > 0 ? 1 : 0;
}

}  // namespace netstat::exporter
