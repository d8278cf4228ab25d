/* The floor for `netstat capture --all-netns`: reading what it records,
 * and nothing else. For each group of pids (one network namespace) it reads
 * every /proc/<first pid>/net/<file> named with -f (the /proc/net files
 * capture records that exist there) and readlinks every fd link (/proc/<pid>/fd/N) of
 * every pid of the group; the group "self" reads /proc/self/net/<file> and
 * the fd links of every process of the machine (what a capture of its own
 * namespace scans). Prints nothing. bench/netns_bench.sh builds it with cc.
 *
 *   netns_floor -f tcp,tcp6,... self PID,PID,... PID,... ...
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[1 << 16];

static void read_file(const char* path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  while (read(fd, buf, sizeof buf) > 0) {
  }
  close(fd);
}

static void read_dir_files(const char* dir) { /* sctp/, x25/, ...: one level */
  DIR* d = opendir(dir);
  if (d == NULL) return;
  struct dirent* e;
  char path[1024];
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    read_file(path);
  }
  closedir(d);
}

static void net_files(const char* base, char* files) {
  char path[1024];
  char* save = NULL;
  char* list = strdup(files);
  for (char* f = strtok_r(list, ",", &save); f != NULL; f = strtok_r(NULL, ",", &save)) {
    snprintf(path, sizeof path, "%s/%s", base, f);
    DIR* d = opendir(path);
    if (d != NULL) {
      closedir(d);
      read_dir_files(path);
    } else {
      read_file(path);
    }
  }
  free(list);
}

static void fd_links(const char* pid) {
  char dir[64], path[512], target[256];
  snprintf(dir, sizeof dir, "/proc/%s/fd", pid);
  DIR* d = opendir(dir);
  if (d == NULL) return;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    (void)readlink(path, target, sizeof target);
  }
  closedir(d);
}

int main(int argc, char** argv) {
  if (argc < 3 || strcmp(argv[1], "-f") != 0) {
    fprintf(stderr, "usage: netns_floor -f FILE,... self|PID,PID... ...\n");
    return 2;
  }
  char* files = argv[2];
  for (int i = 3; i < argc; ++i) {
    if (strcmp(argv[i], "self") == 0) {
      net_files("/proc/self/net", files);
      DIR* d = opendir("/proc");
      struct dirent* e;
      while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9') fd_links(e->d_name);
      }
      if (d != NULL) closedir(d);
      continue;
    }
    char* save = NULL;
    char* list = strdup(argv[i]);
    int first = 1;
    for (char* p = strtok_r(list, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
      if (first) {
        char base[64];
        snprintf(base, sizeof base, "/proc/%s/net", p);
        net_files(base, files);
        first = 0;
      }
      fd_links(p);
    }
    free(list);
  }
  return 0;
}
