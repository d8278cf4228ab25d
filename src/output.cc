// Output::flush: write(2) the buffer, retrying short writes and EINTR; the
// first error is kept (main() reports it: stdio would lose it silently).
#include "src/output.h"

#include <cerrno>

#include <unistd.h>

namespace netstat {

void Output::flush() {
  if (m_fd < 0 || m_errno != 0) {
    if (m_errno != 0) m_buf.clear();
    return;
  }
  const char* p = m_buf.data();
  size_t left = m_buf.size();
  while (left > 0) {
    ssize_t n = ::write(m_fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      m_errno = errno;  // ENOSPC, EIO, EPIPE: reported by the caller
      break;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  m_buf.clear();
}

}  // namespace netstat
