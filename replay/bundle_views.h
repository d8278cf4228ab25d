// Views of a bundle (docs/bundle-format.md, section 2): a bundle holds one
// or more network namespaces, each at one or more moments (frames). A
// selector picks which of them a run reads: --netns=SEL (a name from
// /run/netns, a namespace inode, pid:PID of a process inside it, "self",
// or "all") and --frame=N (0-based, negative from the end). Each selected
// view is a Root of its own; all of them share the one decoded archive.
//
// Tools that take a whole bundle apart (redact, export) walk every view:
//
//   Result<std::vector<OpenedView>> views =
//       open_views(spec, ViewSelector::every_view());
//   for (OpenedView& v : *views) {
//     // v.view: the manifest's record (id, root folder "" or "views/<id>",
//     //   netns "self" or "netns:[INODE]", inode, names, processes,
//     //   container, frame, time with ms); v.root: the SnapshotRoot that
//     //   replays it (every mode, metadata with that frame's time).
//   }
//
// A plain tree or a format 1 bundle gives one view (netns "self", frame 0,
// ManifestView defaults); a sosreport also one per named network namespace
// it saved `netstat -W -neopa` output for (replay/sos_netns.h, netns
// "sos:NAME"), selected by its name or "all". Members of a later view that equal an earlier
// view's are stored as relative symlinks to them (docs/bundle-format.md);
// the roots resolve them, so a tool reading through v.root never sees
// them, while a tool copying raw archive members must treat views/<id>/
// as holding everything the top level holds. `redact` records every view
// through its own RedactingRoot with one Redactor.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "replay/bundle_manifest.h"
#include "replay/result.h"
#include "replay/root.h"

namespace netstat {

struct ViewSelector {
  /// "" = the default: the capturer's own namespace (or, in a bundle of
  /// other namespaces only, the first one recorded).
  std::string netns;
  /// Frame number; negative counts from the end (-1 = the last frame).
  long frame = 0;
  /// Every frame of the chosen namespaces, in order (`-c` on a series).
  bool all_frames = false;
  bool is_default() const { return netns.empty() && frame == 0 && !all_frames; }
  /// Every view of the bundle: all namespaces, all frames (manifest order of
  /// namespaces, frames ascending within each).
  static ViewSelector every_view() {
    ViewSelector s;
    s.netns = "all";
    s.all_frames = true;
    return s;
  }
};

/// One selected view, ready to read.
struct OpenedView {
  ManifestView view;            ///< as recorded (default for a plain tree)
  std::unique_ptr<Root> root;
  size_t frames = 1;            ///< frames in the bundle (for messages)
};

/// ManifestView::netns of a sosreport's named namespace view
/// (replay/sos_netns.h): "sos:NAME"; its label is NAME.
inline constexpr std::string_view kSosNetnsPrefix = "sos:";
/// The record of a sosreport's view of namespace \a name (id
/// "sos-netns-NAME", names {NAME}, no inode).
ManifestView sos_netns_view(const std::string& name);

/// How a view is named in headers and messages: "self", "blue
/// (netns:[4026532281])", "netns:[4026532281]", plus ", frame N, TIME"
/// when \a with_frame.
std::string view_label(const ManifestView& v, bool with_frame);

/// Opens \a spec (a bundle file or directory tree; not the live system) and
/// the views \a sel picks, in order: namespaces in manifest order, frames
/// ascending. Errors are one line naming \a spec: no such namespace (with
/// the ones the bundle has), frame out of range. The archive (or tree) is
/// read within \a limits.
Result<std::vector<OpenedView>> open_views(const std::string& spec,
                                           const ViewSelector& sel,
                                           const ArchiveLimits& limits = ArchiveLimits{});

/// The selection part of open_views, on a manifest: indexes into
/// \a m.views. Errors name \a spec.
Result<std::vector<size_t>> select_views(const Manifest& m, const ViewSelector& sel,
                                         const std::string& spec);

/// The number of frames in \a m (largest frame number + 1).
size_t frame_count(const Manifest& m);

}  // namespace netstat
