// Opening a path inside a directory tree that may be hostile (--root=DIR):
// absolute symlinks and ".." resolve inside the tree, never above it.
//
// Kernels since 5.6 do this in one openat2(RESOLVE_IN_ROOT |
// RESOLVE_NO_MAGICLINKS). Older kernels (RHEL 7's 3.10, RHEL 8's 4.18) answer
// ENOSYS; there the same resolution is done in user space, one component at
// a time with O_NOFOLLOW: a symlink is read with readlinkat and its text
// walked again from the tree's top (absolute) or the current folder
// (relative), ".." pops the folders walked (never above the top), and at
// most 40 symlinks are followed (ELOOP beyond, as the kernel). Every folder
// on the way is opened O_PATH | O_NOFOLLOW relative to the previous one, so
// a symlink swapped in meanwhile fails to open instead of being followed.
#pragma once

#include <string_view>

namespace netstat {

/// Opens \a path (absolute or relative; either way relative to \a root_fd)
/// with \a flags | O_CLOEXEC inside the tree at \a root_fd. Returns the fd,
/// or -1 with errno set. Uses openat2 unless \a walk_only or the kernel
/// answered ENOSYS once (then never again in this process); EPERM (a seccomp
/// filter that predates openat2) also gets the walk.
int open_in_root(int root_fd, std::string_view path, int flags,
                 bool walk_only = false);

/// NETSTAT_NO_OPENAT2=1 in the environment: the walk on any kernel (the test
/// hook for the old-kernel path; LiveRoot reads it when it opens a tree).
bool openat2_disabled_by_environment();

}  // namespace netstat
