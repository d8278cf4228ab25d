// `netstat info BUNDLE [--json]`: what a bundle holds without replaying it:
// host, kernel, capture times, euid, and its views grouped by network
// namespace (names, container, processes inside, frames with their times),
// plus the namespaces the capture saw but could not record. Everything
// printed comes from the bundle (untrusted) and goes through safe_text().
#include <algorithm>
#include <sstream>

#include "src/cli/cli11.h"
#include <nlohmann/json.hpp>

#include "replay/archive_reader.h"
#include "replay/bundle_manifest.h"
#include "replay/bundle_views.h"
#include "replay/sos_netns.h"
#include "replay/errc_names.h"
#include "replay/snapshot_root.h"
#include "src/model/metadata.h"
#include "src/cli/parse_command.h"
#include "src/cli/subcommands.h"
#include "src/safe_text.h"

namespace netstat {


namespace {

/// What a tree without manifest.json says about itself (sos metadata,
/// etc/hostname, proc/version).
struct TreeInfo {
  std::string kind;
  model::Metadata meta;
  /// A sosreport's named network namespaces with saved netstat output
  /// (replay/sos_netns.h): views besides self.
  std::vector<std::string> netns;
};

using Json = nlohmann::ordered_json;

// The views of one namespace, in frame order.
struct NetnsViews {
  const ManifestView* first = nullptr;
  std::vector<const ManifestView*> frames;
};

std::vector<NetnsViews> by_netns(const Manifest& m) {
  std::vector<NetnsViews> out;
  for (const ManifestView& v : m.views) {
    auto it = std::find_if(out.begin(), out.end(), [&](const NetnsViews& n) {
      return n.first->netns == v.netns;
    });
    if (it == out.end()) {
      out.push_back({&v, {}});
      it = out.end() - 1;
    }
    it->frames.push_back(&v);
  }
  for (NetnsViews& n : out) {
    std::stable_sort(n.frames.begin(), n.frames.end(),
                     [](const ManifestView* a, const ManifestView* b) {
                       return a->frame < b->frame;
                     });
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out.empty() ? std::string("-") : out;
}

std::string container_text(const std::optional<ViewContainer>& c) {
  if (!c) return "-";
  std::string out = c->runtime;
  if (!c->id.empty()) out += ":" + c->id.substr(0, 12);
  if (!c->pod_uid.empty()) out += " pod " + c->pod_uid;
  return out;
}

std::string processes_text(const std::vector<ViewProcess>& procs) {
  constexpr size_t kShown = 4;
  std::string out;
  for (size_t i = 0; i < procs.size() && i < kShown; ++i) {
    if (!out.empty()) out += ", ";
    out += std::to_string(procs[i].pid) + " " + procs[i].command;
  }
  if (procs.size() > kShown) out += " (+" + std::to_string(procs.size() - kShown) + " more)";
  return out.empty() ? std::string("-") : out;
}

std::string netns_text(const ManifestView& v) {
  if (v.netns == "self") {
    return v.inode != 0 ? "self (" + std::to_string(v.inode) + ")" : std::string("self");
  }
  return v.netns;
}

Json view_json(const ManifestView& v) {
  Json procs = Json::array();
  for (const ViewProcess& p : v.processes) procs.push_back({{"pid", p.pid}, {"command", p.command}});
  Json c = nullptr;
  if (v.container) {
    c = {{"runtime", v.container->runtime}, {"id", v.container->id},
         {"pod_uid", v.container->pod_uid}};
  }
  return {{"netns", v.netns}, {"inode", v.inode}, {"names", v.names},
          {"container", c}, {"processes", procs}};
}

int print_json(const std::string& spec, const std::optional<Manifest>& m, const TreeInfo* tree,
               Output& out) {
  Json j;
  j["format"] = "netstat-bundle-info";
  j["bundle"] = spec;
  if (!m) {
    j["format_version"] = nullptr;
    if (tree) {
      j["kind"] = tree->kind;
      j["host"] = tree->meta.host;
      j["kernel"] = tree->meta.kernel;
      j["capture_start"] = tree->meta.captured_at;
      j["tool"] = tree->meta.tool;
    }
    Json spaces = Json::array();
    if (tree && !tree->netns.empty()) {
      spaces.push_back({{"netns", "self"}, {"names", Json::array()}, {"source", "proc/net"}});
      for (const std::string& n : tree->netns) {
        spaces.push_back({{"netns", sos_netns_view(n).netns},
                          {"names", {n}},
                          {"source", sos_netns_neopa_path(n).substr(1)}});
      }
    }
    j["namespaces"] = std::move(spaces);
    out.write(j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
    return 0;
  }
  j["format_version"] = m->format_version;
  j["host"] = m->hostname;
  j["kernel"] = m->kernel_release;
  j["capture_start"] = m->capture_start;
  j["capture_end"] = m->capture_end;
  j["euid"] = m->euid;
  j["source"] = m->source;
  j["tool"] = m->tool + (m->tool_version.empty() ? "" : " " + m->tool_version);
  j["frames"] = frame_count(*m);
  Json spaces = Json::array();
  for (const NetnsViews& n : by_netns(*m)) {
    Json s = view_json(*n.first);
    Json frames = Json::array();
    for (const ManifestView* v : n.frames) {
      frames.push_back({{"frame", v->frame}, {"time", v->time}, {"view", v->id},
                        {"processes", view_json(*v)["processes"]}});
    }
    s["frames"] = std::move(frames);
    spaces.push_back(std::move(s));
  }
  j["namespaces"] = std::move(spaces);
  Json skipped = Json::array();
  for (const SkippedNetns& s : m->skipped_netns) {
    skipped.push_back({{"netns", s.netns}, {"inode", s.inode}, {"names", s.names},
                       {"pids", s.pids}, {"error", error_state_text(s.error)}});
  }
  j["skipped_netns"] = std::move(skipped);
  out.write(j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
  return 0;
}

int print_text(const std::string& spec, const std::optional<Manifest>& m, const TreeInfo* tree,
               Output& out) {
  out.print("bundle:   {}\n", safe_text(spec));
  if (!m) {
    out.write(tree && !tree->netns.empty()
                  ? "format:   none (a tree without manifest.json: frame 0; views self and "
                    "the named network namespaces below)\n"
                  : "format:   none (a tree without manifest.json: one view, self, frame 0)\n");
    if (tree) {
      auto or_dash = [](const std::string& v) { return v.empty() ? std::string("-") : safe_text(v); };
      if (!tree->kind.empty()) out.print("kind:     {}\n", safe_text(tree->kind));
      out.print("host:     {}\n", or_dash(tree->meta.host));
      out.print("kernel:   {}\n", or_dash(tree->meta.kernel));
      out.print("captured: {}\n", or_dash(tree->meta.captured_at));
      if (!tree->meta.tool.empty()) out.print("tool:     {}\n", safe_text(tree->meta.tool));
      if (!tree->netns.empty()) {
        // A sosreport of a container host: its named namespaces are views
        // too, rebuilt from the netstat text sos saved in each.
        out.print("netns:    {}\n\nNETNS  SOURCE\n", tree->netns.size() + 1);
        size_t w = 5;  // "NETNS"
        for (const std::string& n : tree->netns) w = std::max(w, safe_text(n).size());
        out.print("{:<{}}  proc/net\n", "self", w);
        for (const std::string& n : tree->netns) {
          out.print("{:<{}}  {}\n", safe_text(n), w, safe_text(sos_netns_neopa_path(n).substr(1)));
        }
      }
    }
    return 0;
  }
  out.print("format:   {}\n", m->format_version);
  out.print("host:     {}\n", safe_text(m->hostname));
  out.print("kernel:   {}\n", safe_text(m->kernel_release));
  out.print("captured: {} .. {}\n", safe_text(m->capture_start), safe_text(m->capture_end));
  out.print("euid:     {}\n", m->euid);
  out.print("source:   {}\n", safe_text(m->source));
  size_t frames = frame_count(*m);
  std::vector<NetnsViews> spaces = by_netns(*m);
  out.print("frames:   {}\n", frames);
  out.print("netns:    {}\n\n", spaces.size());
  std::vector<std::array<std::string, 5>> rows;
  rows.push_back({"NETNS", "NAMES", "CONTAINER", "FRAMES", "PROCESSES"});
  for (const NetnsViews& n : spaces) {
    rows.push_back({safe_text(netns_text(*n.first)), safe_text(joined(n.first->names)),
                    safe_text(container_text(n.first->container)),
                    std::to_string(n.frames.size()),
                    safe_text(processes_text(n.first->processes))});
  }
  std::array<size_t, 4> width{};
  for (const auto& r : rows) {
    for (size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < width.size(); ++c) {
      line += r[c] + std::string(width[c] - r[c].size() + 2, ' ');
    }
    line += r[4];
    out.print("{}\n", line);
  }
  if (frames > 1) {
    out.write("\nFRAME  TIME\n");
    std::vector<std::string> times(frames);
    for (const ManifestView& v : m->views) {
      if (times[v.frame].empty()) times[v.frame] = v.time;
    }
    for (size_t f = 0; f < frames; ++f) {
      out.print("{:<5}  {}\n", f, safe_text(times[f].empty() ? "-" : times[f]));
    }
  }
  if (!m->skipped_netns.empty()) {
    out.write("\nnot recorded:\n");
    for (const SkippedNetns& s : m->skipped_netns) {
      std::string pids;
      for (uint32_t p : s.pids) pids += (pids.empty() ? "" : ",") + std::to_string(p);
      out.print("  {}{}{}: {}\n", safe_text(s.netns),
                s.names.empty() ? "" : " " + safe_text(joined(s.names)),
                pids.empty() ? "" : " pids " + pids, error_text(s.error));
    }
  }
  return 0;
}

}  // namespace

int run_info_command(const std::vector<std::string>& args, Output& out,
                     Output& err, const ArchiveLimits& limits) {
  CLI::App app{"Show what a bundle holds: host, kernel, capture times, and its "
               "network namespaces and frames.",
               "netstat info"};
  std::string bundle;
  bool json = false;
  app.add_option("BUNDLE", bundle, "bundle file or directory tree")->required();
  app.add_flag("--json", json, "as one JSON object");
  if (std::optional<int> rc = parse_command(app, args, out, err)) return *rc;
  if (bundle.empty() || bundle == "/") {
    err.write("netstat info: give a bundle file or tree (the live system is not a bundle)\n");
    return 2;
  }
  // A bundle's manifest says it all: of a bundle file only the manifest is
  // kept (and, with a segment index, only its frame decompressed).
  ArchiveSelection manifest_only;
  manifest_only.choose = [](std::string_view text) -> std::optional<std::vector<std::string>> {
    if (!looks_like_bundle_manifest(text)) return std::nullopt;
    return std::vector<std::string>{};
  };
  Result<std::unique_ptr<Root>> base = open_root_base(bundle, limits, &manifest_only);
  if (!base.ok()) {
    err.print("netstat info: {}\n", safe_text(base.error().message));
    return 2;
  }
  Result<std::optional<Manifest>> m = SnapshotRoot::load_manifest(**base, bundle);
  if (!m.ok()) {
    err.print("netstat info: {}\n", safe_text(m.error().message));
    return 2;
  }
  // A foreign tree (a sosreport, a /proc copy): what its own files say.
  std::optional<TreeInfo> tree;
  if (!*m) {
    if (Result<std::unique_ptr<Root>> root = open_root(bundle, limits); root.ok()) {
      tree = TreeInfo{(*root)->source_info().kind, model::load_metadata(**root, bundle, false),
                      sos_netns_names(**base)};
    }
  }
  const TreeInfo* t = tree ? &*tree : nullptr;
  int rc = json ? print_json(bundle, *m, t, out) : print_text(bundle, *m, t, out);
  out.flush();
  return rc;
}

}  // namespace netstat
