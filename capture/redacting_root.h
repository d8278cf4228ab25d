// RedactingRoot: a Root over another root that answers every read with its
// identities replaced (capture/redactor.h). `netstat redact` records a bundle
// from it with the ordinary recorder, so the output has exactly the layout
// of a capture, and every byte the recorder takes passes through one
// dispatch (redact_file): a file is rewritten by the rule for its path, or
// dropped with a reason (read as not captured). Nothing passes unexamined:
// a path without a rule is dropped. The rules work on each file's own
// fields and encodings (little-endian hex in tcp/udp/raw/route/igmp,
// word-swapped hex in tcp6/udp6/raw6, plain hex in if_inet6/ipv6_route/
// igmp6, big-endian hex in ip_masquerade, text in sctp, nf_conntrack and
// etc/), never by searching the text for patterns.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capture/redactor.h"
#include "replay/root.h"

namespace netstat {

/// What happened to one file.
struct RedactedFile {
  std::string path;    ///< absolute, as read ("/proc/net/tcp")
  std::string rule;    ///< "addresses", "names", "counters", ... or "dropped"
  std::string reason;  ///< why it was dropped (empty otherwise)
};

/// The rewritten content of \a path, or Errc::not_captured with the reason
/// as message when the file is dropped.
Result<std::string> redact_file(Redactor& r, std::string_view path, std::string_view data,
                                std::string& rule);

class RedactingRoot : public Root {
 public:
  RedactingRoot(const Root& inner, Redactor& redactor);
  ~RedactingRoot() override;

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<DirEntry>> list_dir(std::string_view path) const override;
  Result<std::string> read_link(std::string_view path) const override;
  Result<std::vector<LinkEntry>> read_links(std::string_view dir) const override;
  Result<std::vector<std::string>> interface_labels() const override;
  Result<IfaceInfo> interface_info(std::string_view name) const override;
  const NameService& names() const override;
  SystemIdentity identity() const override;
  /// The source's (messages name what the user gave).
  std::string description() const override { return m_inner.description(); }
  /// The source's capture time and tool (a sosreport's), not its kind
  /// (which names the host).
  SourceInfo source_info() const override;

  /// Every file read so far, in order (the manifest lists them).
  const std::vector<RedactedFile>& files() const { return m_files; }

 private:
  /// \a path as the source names it (sysfs folders of renamed interfaces).
  std::string inner_path(std::string_view path) const;
  const Root& m_inner;
  Redactor* m_r;
  std::unique_ptr<NameService> m_names;
  mutable std::vector<RedactedFile> m_files;
};

}  // namespace netstat
