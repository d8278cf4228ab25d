// open_views(): decodes a bundle once, reads its manifest, picks the views a
// selector names and wraps each in a SnapshotRoot over its folder of the
// shared tree (SubtreeRoot). A tree without a manifest, or a format 1
// bundle, has one view: the top.
#include "replay/bundle_views.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "replay/archive_reader.h"
#include "replay/snapshot_root.h"
#include "replay/sos_netns.h"
#include "replay/subtree_root.h"

namespace netstat {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

template <typename T>
bool parse_number(std::string_view s, T& out) {
  if (!all_digits(s)) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// A tree that is not a bundle must hold proc/net (a sosreport, a /proc
// tree, a /host mount): a folder without it (the folder above a sosreport,
// a typo) is refused with one message, for every mode, rather than read as
// a machine without sockets. Names a subfolder that has it, if one does.
Result<void> check_system_tree(const Root& tree, const std::string& spec) {
  if (tree.list_dir("/proc/net").ok()) return {};
  std::string message = spec + ": not a netstat bundle, and no proc/net in it (looked for " +
                        "manifest.json, then proc/net as in a sosreport or a system tree)";
  if (Result<std::vector<DirEntry>> top = tree.list_dir("/"); top.ok()) {
    size_t looked = 0;
    for (const DirEntry& e : *top) {
      if (e.type != FileType::directory || ++looked > 64) continue;
      if (tree.list_dir("/" + e.name + "/proc/net").ok()) {
        message += "; " + spec + "/" + e.name + " has one";
        break;
      }
    }
  }
  return Error{Errc::not_found, 0, std::move(message)};
}

// Namespaces in order of first appearance, each with its views (indexes).
struct Netns {
  std::string key;             ///< ManifestView::netns
  std::vector<size_t> views;   ///< ascending frame
};

std::vector<Netns> group_by_netns(const Manifest& m) {
  std::vector<Netns> out;
  for (size_t i = 0; i < m.views.size(); ++i) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Netns& n) { return n.key == m.views[i].netns; });
    if (it == out.end()) {
      out.push_back({m.views[i].netns, {}});
      it = out.end() - 1;
    }
    it->views.push_back(i);
  }
  for (Netns& n : out) {
    std::stable_sort(n.views.begin(), n.views.end(), [&](size_t a, size_t b) {
      return m.views[a].frame < m.views[b].frame;
    });
  }
  return out;
}

bool matches(const Manifest& m, const Netns& n, std::string_view sel) {
  if (sel == n.key) return true;
  for (size_t i : n.views) {
    const ManifestView& v = m.views[i];
    if (std::find(v.names.begin(), v.names.end(), sel) != v.names.end()) return true;
    uint64_t inode = 0;
    if (v.inode != 0 && parse_number(sel, inode) && inode == v.inode) return true;
    uint32_t pid = 0;
    if (sel.substr(0, 4) == "pid:" && parse_number(sel.substr(4), pid)) {
      for (const ViewProcess& p : v.processes) {
        if (p.pid == pid) return true;
      }
    }
  }
  return false;
}

std::string netns_list(const Manifest& m, const std::vector<Netns>& groups) {
  std::string out;
  for (const Netns& n : groups) {
    if (!out.empty()) out += ", ";
    out += view_label(m.views[n.views.front()], false);
  }
  return out;
}

// A plain tree: one view, the whole of it; a sosreport adds one view per
// named network namespace it saved netstat output for (replay/sos_netns.h),
// listed only when --netns asks for one of them.
Result<std::vector<OpenedView>> open_tree_views(const std::shared_ptr<const Root>& shared,
                                                const std::string& spec,
                                                const ViewSelector& sel) {
  bool self = sel.netns.empty() || sel.netns == "self";
  std::vector<std::string> spaces;
  if (!self) spaces = sos_netns_names(*shared);
  if (!self && sel.netns != "all" &&
      std::find(spaces.begin(), spaces.end(), sel.netns) == spaces.end()) {
    if (spaces.empty()) {
      return Error{Errc::not_found, 0,
                   spec + ": no network namespace '" + sel.netns +
                       "' (not a bundle: the tree is one view, self)"};
    }
    std::string list = "self";
    for (const std::string& n : spaces) list += ", " + n;
    return Error{Errc::not_found, 0,
                 spec + ": no network namespace '" + sel.netns +
                     "' in the sosreport (it has: " + list + ")"};
  }
  if (sel.frame != 0 && sel.frame != -1) {
    return Error{Errc::not_found, 0,
                 spec + ": no frame " + std::to_string(sel.frame) +
                     " (not a bundle: the tree is one frame, 0)"};
  }
  if (Result<void> sys = check_system_tree(*shared, spec); !sys.ok()) {
    return sys.error();
  }
  std::vector<OpenedView> out;
  if (self || sel.netns == "all") {
    Result<std::unique_ptr<SnapshotRoot>> root =
        SnapshotRoot::open(std::make_unique<SubtreeRoot>(shared, ""), spec);
    if (!root.ok()) return root.error();
    if (sel.netns == "all" && !spaces.empty()) (*root)->set_tree_view(ManifestView{});
    out.push_back({ManifestView{}, std::move(*root), 1});
  }
  for (const std::string& name : spaces) {
    if (sel.netns != "all" && sel.netns != name) continue;
    Result<std::unique_ptr<Root>> ns = open_sos_netns(shared, name);
    if (!ns.ok()) return Error{ns.error().code, ns.error().sys_errno, spec + ": " + ns.error().message};
    Result<std::unique_ptr<SnapshotRoot>> root = SnapshotRoot::open(std::move(*ns), spec);
    if (!root.ok()) return root.error();
    (*root)->set_tree_view(sos_netns_view(name));
    out.push_back({sos_netns_view(name), std::move(*root), 1});
  }
  return out;
}

}  // namespace

ManifestView sos_netns_view(const std::string& name) {
  ManifestView v;
  v.id = "sos-netns-" + name;
  v.netns = std::string(kSosNetnsPrefix) + name;
  v.names = {name};
  return v;
}

size_t frame_count(const Manifest& m) {
  size_t n = 0;
  for (const ManifestView& v : m.views) n = std::max<size_t>(n, size_t{v.frame} + 1);
  return n;
}

std::string view_label(const ManifestView& v, bool with_frame) {
  std::string out;
  if (v.netns == "self") {
    out = "self";
  } else if (v.netns.rfind(kSosNetnsPrefix, 0) == 0) {
    out = v.netns.substr(kSosNetnsPrefix.size());  // a sosreport's: its name
  } else if (!v.names.empty()) {
    for (const std::string& name : v.names) {
      if (!out.empty()) out += ",";
      out += name;
    }
    out += " (" + v.netns + ")";
  } else {
    out = v.netns;
  }
  if (with_frame) {
    out += ", frame " + std::to_string(v.frame);
    if (!v.time.empty()) out += ", " + v.time;
  }
  return out;
}

Result<std::vector<size_t>> select_views(const Manifest& m, const ViewSelector& sel,
                                         const std::string& spec) {
  std::vector<Netns> groups = group_by_netns(m);
  std::vector<const Netns*> chosen;
  if (sel.netns == "all") {
    for (const Netns& n : groups) chosen.push_back(&n);
  } else if (sel.netns.empty()) {
    auto self = std::find_if(groups.begin(), groups.end(),
                             [](const Netns& n) { return n.key == "self"; });
    chosen.push_back(self != groups.end() ? &*self : &groups.front());
  } else {
    for (const Netns& n : groups) {
      if (matches(m, n, sel.netns)) {
        chosen.push_back(&n);
        break;
      }
    }
    if (chosen.empty()) {
      return Error{Errc::not_found, 0,
                   spec + ": no network namespace '" + sel.netns +
                       "' in the bundle (it has: " + netns_list(m, groups) + ")"};
    }
  }
  std::vector<size_t> out;
  size_t frames = frame_count(m);
  if (sel.all_frames) {
    for (const Netns* n : chosen) out.insert(out.end(), n->views.begin(), n->views.end());
    return out;
  }
  long f = sel.frame < 0 ? static_cast<long>(frames) + sel.frame : sel.frame;
  if (f < 0 || static_cast<size_t>(f) >= frames) {
    return Error{Errc::not_found, 0,
                 spec + ": no frame " + std::to_string(sel.frame) + " (the bundle has " +
                     std::to_string(frames) + (frames == 1 ? " frame" : " frames") +
                     ": 0.." + std::to_string(frames - 1) + ")"};
  }
  for (const Netns* n : chosen) {
    auto it = std::find_if(n->views.begin(), n->views.end(), [&](size_t i) {
      return m.views[i].frame == static_cast<uint32_t>(f);
    });
    if (it != n->views.end()) {
      out.push_back(*it);
    } else if (chosen.size() == 1) {
      return Error{Errc::not_found, 0,
                   spec + ": network namespace " + view_label(m.views[n->views.front()], false) +
                       " was not captured in frame " + std::to_string(f)};
    }
  }
  return out;
}

Result<std::vector<OpenedView>> open_views(const std::string& spec,
                                           const ViewSelector& sel,
                                           const ArchiveLimits& limits) {
  // An archive of several views is decoded for the selected ones only:
  // the manifest (its first member) is parsed as it arrives, the views
  // picked, and members of other views are not kept (those a kept member
  // links to excepted). Anything unusual (no manifest first, a selection
  // error) keeps every member, and the checks below report it as before.
  std::optional<Manifest> early;
  ArchiveSelection select;
  if (!sel.all_frames || sel.netns != "all") {
    select.choose = [&](std::string_view text) -> std::optional<std::vector<std::string>> {
      if (!looks_like_bundle_manifest(text)) return std::nullopt;
      Result<Manifest> m = parse_manifest(text, ManifestParts::without_entries);
      if (!m.ok()) return std::nullopt;
      early = std::move(*m);
      if (early->views.size() < 2) return std::nullopt;
      Result<std::vector<size_t>> picked = select_views(*early, sel, spec);
      if (!picked.ok()) return std::nullopt;
      std::vector<std::string> roots;
      for (size_t i : *picked) roots.push_back(early->views[i].root);
      return roots;
    };
  }
  Result<std::unique_ptr<Root>> base = open_root_base(spec, limits, &select);
  if (!base.ok()) return base.error();
  std::shared_ptr<const Root> shared(std::move(*base));
  Result<std::optional<Manifest>> manifest =
      select.applied && early ? Result<std::optional<Manifest>>(std::move(early))
                              : SnapshotRoot::load_manifest(*shared, spec);
  if (!manifest.ok()) return manifest.error();
  std::vector<OpenedView> out;
  if (!*manifest) return open_tree_views(shared, spec, sel);
  const Manifest& m = **manifest;
  Result<std::vector<size_t>> picked = select_views(m, sel, spec);
  if (!picked.ok()) return picked.error();
  size_t frames = frame_count(m);
  for (size_t i : *picked) {
    const ManifestView& v = m.views[i];
    Result<std::unique_ptr<SnapshotRoot>> root = SnapshotRoot::open_view(
        std::make_unique<SubtreeRoot>(shared, v.root), spec, view_manifest(m, v),
        m.views.size() > 1);
    if (!root.ok()) return root.error();
    out.push_back({v, std::move(*root), frames});
  }
  return out;
}

}  // namespace netstat
