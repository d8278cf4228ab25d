/* The floor for `netstat -i`: what its output cannot do without. Reads
 * /proc/net/dev, asks SIOCGIFCONF once, then for every interface named in
 * /proc/net/dev the ten SIOCGIF* ioctls net-tools 2.10 asks (flags, hwaddr,
 * metric, mtu, map, txqlen, addr, dstaddr, brdaddr, netmask) on one socket,
 * and prints nothing. bench/modes_bench.sh builds it with cc. */
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  static const unsigned long reqs[] = {
      SIOCGIFFLAGS, SIOCGIFHWADDR, SIOCGIFMETRIC, SIOCGIFMTU, SIOCGIFMAP,
      SIOCGIFTXQLEN, SIOCGIFADDR, SIOCGIFDSTADDR, SIOCGIFBRDADDR, SIOCGIFNETMASK};
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  FILE* f = fopen("/proc/net/dev", "r");
  if (fd < 0 || f == NULL) return 1;
  static struct ifreq conf[4096];
  struct ifconf ifc = {.ifc_len = sizeof conf, .ifc_req = conf};
  ioctl(fd, SIOCGIFCONF, &ifc);
  char line[1024];
  unsigned long asked = 0;
  while (fgets(line, sizeof line, f) != NULL) {
    char* colon = strchr(line, ':');
    if (colon == NULL) continue;
    *colon = '\0';
    char* name = line;
    while (*name == ' ') ++name;
    for (size_t i = 0; i < sizeof reqs / sizeof reqs[0]; ++i) {
      struct ifreq r;
      memset(&r, 0, sizeof r);
      memcpy(r.ifr_name, name, strnlen(name, IFNAMSIZ - 1));
      r.ifr_addr.sa_family = AF_INET;
      if (ioctl(fd, reqs[i], &r) == 0) ++asked;
    }
  }
  fclose(f);
  close(fd);
  return asked == 0;
}
