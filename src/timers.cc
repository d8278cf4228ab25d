// Timer column texts, formatted with snprintf so rounding and the 63-byte
// cut are exactly glibc's, as in net-tools 2.10; the formats are 2.10's
// msgids, translated (and their %f given the locale's decimal point) as
// 2.10 does.
#include "src/timers.h"

#include <cstdio>

#include "src/i18n.h"

namespace netstat {
namespace {

size_t clamp(int n) {
  if (n < 0) return 0;
  return static_cast<size_t>(n) >= kTimerBuf ? kTimerBuf - 1 : static_cast<size_t>(n);
}

}  // namespace

size_t format_tcp_timer(char (&buf)[kTimerBuf], uint32_t tr, uint64_t when,
                        uint64_t retr, int32_t timeout, long clk_tck) {
  double secs = static_cast<double>(when) / static_cast<double>(clk_tck);
  long r = static_cast<long>(retr);
  int n;
  switch (tr) {
    case 0:
      n = i18n::snprintf_to(buf, kTimerBuf, "off (0.00/%ld/%d)", r, timeout);
      break;
    case 1:
      n = i18n::snprintf_to(buf, kTimerBuf, "on (%2.2f/%ld/%d)", secs, r, timeout);
      break;
    case 2:
      n = i18n::snprintf_to(buf, kTimerBuf, "keepalive (%2.2f/%ld/%d)", secs, r, timeout);
      break;
    case 3:
      n = i18n::snprintf_to(buf, kTimerBuf, "timewait (%2.2f/%ld/%d)", secs, r, timeout);
      break;
    case 4:
      n = i18n::snprintf_to(buf, kTimerBuf, "probe (%2.2f/%ld/%d)", secs, r, timeout);
      break;
    default:
      n = i18n::snprintf_to(buf, kTimerBuf, "unkn-%d (%2.2f/%ld/%d)",
                        static_cast<int>(tr), secs, r, timeout);
      break;
  }
  return clamp(n);
}

size_t format_dgram_timer(char (&buf)[kTimerBuf], uint32_t tr, uint64_t when,
                          uint64_t retr, int32_t timeout) {
  double secs = static_cast<double>(when) / 100;
  long r = static_cast<long>(retr);
  int n;
  switch (tr) {
    case 0:
      n = i18n::snprintf_to(buf, kTimerBuf, "off (0.00/%ld/%d)", r, timeout);
      break;
    case 1:
    case 2:
      n = i18n::snprintf_to(buf, kTimerBuf, "on%d (%2.2f/%ld/%d)",
                        static_cast<int>(tr), secs, r, timeout);
      break;
    default:
      n = i18n::snprintf_to(buf, kTimerBuf, "unkn-%d (%2.2f/%ld/%d)",
                        static_cast<int>(tr), secs, r, timeout);
      break;
  }
  return clamp(n);
}

}  // namespace netstat
