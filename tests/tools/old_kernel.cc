// old_kernel: runs a command as if on Linux 3.10 (RHEL 7's kernel): every
// x86-64 system call added after 3.13 (number 314 on: sched_setattr,
// renameat2, getrandom, memfd_create, statx, rseq, clone3, openat2,
// faccessat2, ...) fails with ENOSYS, as a kernel without it answers. A
// seccomp filter set with no_new_privs, inherited by the command.
//
//   old_kernel [--max-nr N] COMMAND [ARG...]
//
// tests/oracle/static_binary.sh runs build/netstat-static under it.
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  // First system call number Linux 3.10-3.13 did not have.
  unsigned first_missing = 314;
  int arg = 1;
  if (argc > 2 && std::strcmp(argv[1], "--max-nr") == 0) {
    first_missing = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) + 1;
    arg = 3;
  }
  if (arg >= argc) {
    std::fprintf(stderr, "usage: old_kernel [--max-nr N] COMMAND [ARG...]\n");
    return 2;
  }
  struct sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      // x32 system calls (bit 30) are not x86-64's: refuse them too.
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, first_missing, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {static_cast<unsigned short>(sizeof filter / sizeof filter[0]),
                            filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
    std::perror("old_kernel: seccomp");
    return 77;  // the tests skip where seccomp filters are not allowed
  }
  execvp(argv[arg], argv + arg);
  std::perror(argv[arg]);
  return 127;
}
