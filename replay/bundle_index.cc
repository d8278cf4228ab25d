// Writes and reads the segment index frame of a bundle (layout in
// bundle_index.h and docs/bundle-format.md). Parsing is strict: the index
// only tells a reader where to read, and anything unusual makes it read the
// whole file instead.
#include "replay/bundle_index.h"

#include "replay/skippable_frames.h"

#include <algorithm>
#include <charconv>

namespace netstat {
namespace {

constexpr std::string_view kHeader = "netstat-index 1\n";
constexpr std::string_view kFooterMagic = "NSX1";
constexpr size_t kFooter = 8;
// More segments than this is not an index this program wrote (a view per
// namespace per frame: 100,000 views is far beyond any capture).
constexpr size_t kMaxSegments = 1'000'000;
constexpr size_t kMaxPayload = 64u << 20;

const char* kind_name(BundleSegment::Kind k) {
  switch (k) {
    case BundleSegment::Kind::manifest: return "manifest";
    case BundleSegment::Kind::end: return "end";
    default: return "view";
  }
}

Error bad(const std::string& why) {
  return Error{Errc::invalid, 0, "segment index: " + why};
}

template <class T>
bool parse_number(std::string_view s, T& out) {
  if (s.empty() || s.size() > 20) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Result<BundleIndex> parse_payload(std::string_view text, uint64_t frame_offset) {
  if (text.substr(0, kHeader.size()) != kHeader) return bad("unknown version");
  text.remove_prefix(kHeader.size());
  BundleIndex index;
  index.frame_offset = frame_offset;
  uint64_t expect = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return bad("last line unterminated");
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    std::string_view fields[5];
    size_t n = 0;
    while (n < 5) {
      size_t tab = line.find('\t');
      fields[n++] = line.substr(0, tab);
      if (tab == std::string_view::npos) {
        line = {};
        break;
      }
      line.remove_prefix(tab + 1);
    }
    std::string where = "segment " + std::to_string(index.segments.size());
    if (n != 5 || !line.empty()) return bad(where + ": not 5 fields");
    if (index.segments.size() >= kMaxSegments) return bad("too many segments");
    BundleSegment s;
    if (!parse_number(fields[0], s.offset) || !parse_number(fields[1], s.size)) {
      return bad(where + ": offset or size is not a number");
    }
    if (s.offset != expect || s.size == 0 || s.size > frame_offset - s.offset) {
      return bad(where + ": does not follow the one before it");
    }
    expect = s.offset + s.size;
    if (fields[2] == "manifest") {
      s.kind = BundleSegment::Kind::manifest;
    } else if (fields[2] == "view") {
      s.kind = BundleSegment::Kind::view;
    } else if (fields[2] == "end") {
      s.kind = BundleSegment::Kind::end;
    } else {
      return bad(where + ": unknown kind '" + std::string(fields[2]) + "'");
    }
    if ((s.kind == BundleSegment::Kind::manifest) != index.segments.empty()) {
      return bad(where + ": the manifest is not the first segment, alone");
    }
    std::optional<std::string_view> folder = member_folder(fields[3]);
    if (fields[3] == "views" || !folder || *folder != fields[3]) {
      return bad(where + ": '" + std::string(fields[3]) + "' is not a view folder");
    }
    s.folder = fields[3];
    std::string_view deps = fields[4];
    while (!deps.empty()) {
      size_t comma = deps.find(',');
      uint32_t d = 0;
      if (!parse_number(deps.substr(0, comma), d) || d >= index.segments.size()) {
        return bad(where + ": a dependency is not an earlier segment");
      }
      s.deps.push_back(d);
      deps = comma == std::string_view::npos ? std::string_view{} : deps.substr(comma + 1);
    }
    index.segments.push_back(std::move(s));
  }
  if (index.segments.empty()) return bad("no segments");
  if (expect != frame_offset) return bad("segments end before the index frame");
  return index;
}

}  // namespace

std::string bundle_index_frame(const BundleIndex& index) {
  std::string text(kHeader);
  for (const BundleSegment& s : index.segments) {
    text += std::to_string(s.offset);
    text += '\t';
    text += std::to_string(s.size);
    text += '\t';
    text += kind_name(s.kind);
    text += '\t';
    text += s.folder;
    text += '\t';
    for (size_t i = 0; i < s.deps.size(); ++i) {
      if (i != 0) text += ',';
      text += std::to_string(s.deps[i]);
    }
    text += '\n';
  }
  auto payload = static_cast<uint32_t>(text.size() + kFooter);
  std::string out;
  out.reserve(8 + payload);
  append_le32(out, kIndexFrameMagic);
  append_le32(out, payload);
  out += text;
  append_le32(out, payload);
  out += kFooterMagic;
  return out;
}

Result<std::optional<BundleIndex>> read_bundle_index(const ReadAt& read_at,
                                                     uint64_t file_size) {
  constexpr uint64_t kTail = kStreamTrailerFrameSize + kFooter;
  if (file_size < kTail + 8) return std::optional<BundleIndex>();
  std::string tail;
  if (!read_at(file_size - kTail, kTail, tail) || tail.size() != kTail) {
    return std::optional<BundleIndex>();
  }
  // The trailer must be there (its content is verify's business), and the
  // index footer right before it.
  if (le32_at(tail.substr(kFooter)) != kTrailerFrameMagic ||
      tail.substr(4, 4) != kFooterMagic) {
    return std::optional<BundleIndex>();
  }
  uint32_t payload = le32_at(tail);
  uint64_t end = file_size - kStreamTrailerFrameSize;
  if (payload < kFooter + kHeader.size() || payload > kMaxPayload || payload + 8 > end) {
    return bad("index frame size out of range");
  }
  uint64_t start = end - 8 - payload;
  std::string frame;
  if (!read_at(start, 8 + payload, frame) || frame.size() != 8 + payload) {
    return bad("cannot read the index frame");
  }
  if (le32_at(frame) != kIndexFrameMagic || le32_at(std::string_view(frame).substr(4)) != payload) {
    return bad("the index frame's header does not match its footer");
  }
  Result<BundleIndex> index =
      parse_payload(std::string_view(frame).substr(8, payload - kFooter), start);
  if (!index.ok()) return index.error();
  return std::optional<BundleIndex>(std::move(*index));
}

Result<std::optional<BundleIndex>> find_bundle_index(std::string_view file) {
  return read_bundle_index(
      [file](uint64_t offset, size_t n, std::string& out) {
        if (offset > file.size() || n > file.size() - offset) return false;
        out.assign(file.substr(offset, n));
        return true;
      },
      file.size());
}

std::optional<std::string_view> member_folder(std::string_view path) {
  if (path == "views") return std::nullopt;
  if (path.substr(0, 6) != "views/") return std::string_view{};
  size_t slash = path.find('/', 6);
  return path.substr(0, slash);
}

std::string link_target_path(std::string_view link, std::string_view target) {
  std::string out;
  if (!target.empty() && target[0] != '/') {
    size_t slash = link.rfind('/');
    if (slash != std::string_view::npos) out = link.substr(0, slash);
  }
  size_t i = 0;
  while (i <= target.size()) {
    size_t j = target.find('/', i);
    if (j == std::string_view::npos) j = target.size();
    std::string_view part = target.substr(i, j - i);
    if (part == "..") {
      size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (!part.empty() && part != ".") {
      if (!out.empty()) out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out;
}

std::vector<size_t> segments_for(const BundleIndex& index,
                                 const std::vector<std::string>& roots) {
  std::vector<char> want(index.segments.size(), 0);
  for (size_t i = index.segments.size(); i-- > 1;) {
    const BundleSegment& s = index.segments[i];
    if (s.kind == BundleSegment::Kind::view &&
        std::find(roots.begin(), roots.end(), s.folder) != roots.end()) {
      want[i] = 1;
    }
    // Dependencies are earlier segments, so one backward pass closes the set.
    if (want[i] != 0) {
      for (uint32_t d : s.deps) want[d] = 1;
    }
  }
  std::vector<size_t> out;
  for (size_t i = 1; i < want.size(); ++i) {
    if (want[i] != 0) out.push_back(i);
  }
  return out;
}

}  // namespace netstat
