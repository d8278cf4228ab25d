/* LD_PRELOAD shim for tests/oracle/interfaces_live.sh: rewrites the answers
 * of the interface ioctls (SIOCGIFFLAGS, ...MTU, ...HWADDR, ...MAP, ...) for
 * the names listed in the file named by $IFSHIM_SPEC, so that /usr/bin/netstat
 * and our netstat can both be shown interface kinds this kernel cannot create
 * (fddi, ax25, slip, ...). Both binaries run under the same shim, and the
 * test compares their outputs byte for byte.
 *
 * Spec lines: NAME key=value ... (numbers in C notation), keys:
 *   flags mtu metric txqlen hwtype hwaddr=aa:bb:.. (up to 14 bytes)
 *   irq dma port base mem_start mem_end outfill keepalive
 *   addr brd dst mask (dotted quads; addr also makes SIOCGIFADDR succeed)
 *   fail=<req>:<errno> (req = flags|hwaddr|mtu|metric|map|txqlen|addr|brd|dst|mask)
 *   fake=1 (the name exists even if the kernel does not know it)
 * A line "+conf NAME" appends NAME to the SIOCGIFCONF answer. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#define MAXSPEC 4096
struct spec {
  char name[IFNAMSIZ];
  char line[1024];
};
static struct spec g_specs[MAXSPEC];
static int g_nspecs = -1;
static char g_conf[MAXSPEC][IFNAMSIZ];
static int g_nconf;

static void load(void) {
  if (g_nspecs >= 0) return;
  g_nspecs = 0;
  const char* path = getenv("IFSHIM_SPEC");
  if (!path) return;
  FILE* f = fopen(path, "r");
  if (!f) return;
  char buf[1024];
  while (fgets(buf, sizeof buf, f)) {
    buf[strcspn(buf, "\n")] = 0;
    char name[64];
    if (sscanf(buf, "+conf %63s", name) == 1) {
      if (g_nconf < MAXSPEC) snprintf(g_conf[g_nconf++], IFNAMSIZ, "%s", name);
      continue;
    }
    if (sscanf(buf, "%63s", name) != 1 || name[0] == '#') continue;
    if (g_nspecs >= MAXSPEC) break;
    snprintf(g_specs[g_nspecs].name, IFNAMSIZ, "%s", name);
    snprintf(g_specs[g_nspecs].line, sizeof g_specs[0].line, "%s", buf + strlen(name));
    g_nspecs++;
  }
  fclose(f);
}

static const char* find(const char* name) {
  for (int i = 0; i < g_nspecs; i++)
    if (strcmp(g_specs[i].name, name) == 0) return g_specs[i].line;
  return NULL;
}

/* Finds " key=" in line; returns the value text or NULL. */
static const char* get(const char* line, const char* key) {
  size_t k = strlen(key);
  for (const char* p = line; (p = strstr(p, key)) != NULL; p += k) {
    if ((p == line || p[-1] == ' ') && p[k] == '=') return p + k + 1;
  }
  return NULL;
}

static int getnum(const char* line, const char* key, unsigned long long* v) {
  const char* s = get(line, key);
  if (!s) return 0;
  *v = strtoull(s, NULL, 0);
  return 1;
}

static int getip(const char* line, const char* key, struct sockaddr* sa) {
  const char* s = get(line, key);
  if (!s) return 0;
  char buf[32];
  size_t n = strcspn(s, " ");
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, s, n);
  buf[n] = 0;
  struct sockaddr_in* sin = (struct sockaddr_in*)sa;
  memset(sa, 0, sizeof *sa);
  sin->sin_family = AF_INET;
  inet_pton(AF_INET, buf, &sin->sin_addr);
  return 1;
}

static int failing(const char* line, const char* req) {
  const char* s = get(line, "fail");
  while (s && *s && *s != ' ') {
    size_t n = strcspn(s, ":");
    if (strncmp(s, req, n) == 0 && strlen(req) == n) return atoi(s + n + 1);
    s = strchr(s, ',');
    if (s) s++;
  }
  return 0;
}

typedef int (*ioctl_fn)(int, unsigned long, ...);

int ioctl(int fd, unsigned long req, ...) {
  va_list ap;
  va_start(ap, req);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  static ioctl_fn real;
  if (!real) real = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
  load();
  if (req == SIOCGIFCONF) {
    struct ifconf* ifc = arg;
    int room = ifc->ifc_len;
    int rc = real(fd, req, arg);
    if (rc == 0 && ifc->ifc_buf) {
      /* Appends the fake labels where there is room; a full answer makes
         callers retry with a bigger buffer, as with a real overflow. */
      for (int i = 0; i < g_nconf; i++) {
        if (ifc->ifc_len + (int)sizeof(struct ifreq) > room) {
          ifc->ifc_len = room;
          break;
        }
        struct ifreq* r = (struct ifreq*)(ifc->ifc_buf + ifc->ifc_len);
        memset(r, 0, sizeof *r);
        snprintf(r->ifr_name, IFNAMSIZ, "%s", g_conf[i]);
        r->ifr_addr.sa_family = AF_INET;
        ifc->ifc_len += (int)sizeof(struct ifreq);
      }
    }
    return rc;
  }
  const char* what = NULL;
  switch (req) {
    case SIOCGIFFLAGS: what = "flags"; break;
    case SIOCGIFHWADDR: what = "hwaddr"; break;
    case SIOCGIFMTU: what = "mtu"; break;
    case SIOCGIFMETRIC: what = "metric"; break;
    case SIOCGIFMAP: what = "map"; break;
    case SIOCGIFTXQLEN: what = "txqlen"; break;
    case SIOCGIFADDR: what = "addr"; break;
    case SIOCGIFBRDADDR: what = "brd"; break;
    case SIOCGIFDSTADDR: what = "dst"; break;
    case SIOCGIFNETMASK: what = "mask"; break;
    case SIOCDEVPRIVATE + 1: what = "keepalive"; break;
    case SIOCDEVPRIVATE + 3: what = "outfill"; break;
    default: return real(fd, req, arg);
  }
  struct ifreq* ifr = arg;
  const char* line = find(ifr->ifr_name);
  if (!line) return real(fd, req, arg);
  int err = failing(line, what);
  if (err) {
    errno = err;
    return -1;
  }
  int rc = real(fd, req, arg);
  unsigned long long fake = 0;
  getnum(line, "fake", &fake);
  int have_addr = get(line, "addr") != NULL;
  if (rc < 0 && !fake && !(have_addr && (req == SIOCGIFADDR || req == SIOCGIFBRDADDR ||
                                         req == SIOCGIFDSTADDR || req == SIOCGIFNETMASK)))
    return rc;
  if (rc < 0 && fake && (req == SIOCGIFADDR || req == SIOCGIFBRDADDR ||
                         req == SIOCGIFDSTADDR || req == SIOCGIFNETMASK) && !have_addr)
    return rc;
  unsigned long long v;
  switch (req) {
    case SIOCGIFFLAGS:
      if (getnum(line, "flags", &v)) ifr->ifr_flags = (short)v;
      else if (rc < 0) ifr->ifr_flags = 0;
      break;
    case SIOCGIFHWADDR: {
      if (rc < 0) memset(&ifr->ifr_hwaddr, 0, sizeof ifr->ifr_hwaddr);
      if (getnum(line, "hwtype", &v)) ifr->ifr_hwaddr.sa_family = (unsigned short)v;
      const char* h = get(line, "hwaddr");
      if (h) {
        memset(ifr->ifr_hwaddr.sa_data, 0, sizeof ifr->ifr_hwaddr.sa_data);
        for (int i = 0; i < 14 && *h && *h != ' '; i++) {
          ifr->ifr_hwaddr.sa_data[i] = (char)strtoul(h, (char**)&h, 16);
          if (*h == ':') h++;
        }
      }
      break;
    }
    case SIOCGIFMTU:
      if (getnum(line, "mtu", &v)) ifr->ifr_mtu = (int)v;
      else if (rc < 0) ifr->ifr_mtu = 1500;
      break;
    case SIOCGIFMETRIC:
      if (getnum(line, "metric", &v)) ifr->ifr_metric = (int)v;
      else if (rc < 0) ifr->ifr_metric = 0;
      break;
    case SIOCGIFTXQLEN:
      if (getnum(line, "txqlen", &v)) ifr->ifr_qlen = (int)v;
      else if (rc < 0) ifr->ifr_qlen = 0;
      break;
    case SIOCGIFMAP:
      if (rc < 0) memset(&ifr->ifr_map, 0, sizeof ifr->ifr_map);
      if (getnum(line, "irq", &v)) ifr->ifr_map.irq = (unsigned char)v;
      if (getnum(line, "dma", &v)) ifr->ifr_map.dma = (unsigned char)v;
      if (getnum(line, "port", &v)) ifr->ifr_map.port = (unsigned char)v;
      if (getnum(line, "base", &v)) ifr->ifr_map.base_addr = (unsigned short)v;
      if (getnum(line, "mem_start", &v)) ifr->ifr_map.mem_start = (unsigned long)v;
      if (getnum(line, "mem_end", &v)) ifr->ifr_map.mem_end = (unsigned long)v;
      break;
    case SIOCGIFADDR: getip(line, "addr", &ifr->ifr_addr); break;
    case SIOCGIFBRDADDR: if (!getip(line, "brd", &ifr->ifr_broadaddr) && rc < 0) getip(line, "addr", &ifr->ifr_broadaddr); break;
    case SIOCGIFDSTADDR: if (!getip(line, "dst", &ifr->ifr_dstaddr) && rc < 0) getip(line, "addr", &ifr->ifr_dstaddr); break;
    case SIOCGIFNETMASK: if (!getip(line, "mask", &ifr->ifr_netmask) && rc < 0) getip(line, "addr", &ifr->ifr_netmask); break;
    default:
      if (getnum(line, what, &v)) ifr->ifr_data = (char*)(unsigned long)v;
      else if (rc < 0) ifr->ifr_data = 0;
      break;
  }
  return 0;
}
