// Recording another network namespace of the live system: a child process
// enters it (setns(2) on the fd of capture/netns_scan.h's open_netns()),
// gives itself a private mount namespace with that namespace's sysfs on
// /sys (as `ip netns exec` does: /sys/class/net lists the interfaces of
// the namespace that mounted it), records the live system there
// (capture/recorder.h: /proc/net is /proc/self/net, which follows the
// reader's namespace; interface ioctls and rtnetlink answer for it) and
// sends the recording back over a pipe. The parent's namespaces and mounts
// are never changed. Needs CAP_SYS_ADMIN (root); the error says so.
#pragma once

#include <functional>
#include <string>
#include <vector>
#include <string_view>

#include "capture/recorder.h"

namespace netstat {

/// One namespace to record: the fd to enter it by and the options (the
/// process walk filtered by options.processes to the processes inside).
struct NetnsJob {
  int fd = -1;
  RecordOptions options;
};

/// Records every job's namespace in up to \a workers child processes, each
/// entering its share of the namespaces in turn (one fork and one private
/// mount namespace per worker, not per namespace), while \a meanwhile runs
/// in the calling thread (the capturer's own namespace is recorded there).
/// Results in job order. Errors: "setns: Operation not permitted", "mount
/// sysfs: ...", a failed record(), a worker that died.
std::vector<Result<Recording>> record_in_netns(const std::vector<NetnsJob>& jobs,
                                               unsigned workers,
                                               const std::function<void()>& meanwhile = {});

/// One namespace, one worker.
Result<Recording> record_in_netns(int ns_fd, const RecordOptions& options);

/// The pipe's format between the child and the parent: members (type, path,
/// data) and the manifest as JSON, each length-prefixed. Exposed for tests.
std::string serialize_recording(const Recording& rec);
Result<Recording> parse_recording(std::string_view wire);

}  // namespace netstat
