// Renders /proc/net/unix rows as net-tools 2.10's unix_do_one prints them:
// "%-5s %-6ld %-11s %-10s %-13s " + inode "%-8lu" (or "-" without an Inode
// header column) + " %-20s" program with -p + " " + path. -e, -o, -W and -n
// change nothing here.
#include "src/i18n.h"
#include "src/programs.h"
#include "src/render/socket_text.h"
#include "src/render/text_columns.h"

namespace netstat::render {
namespace {

std::string_view type_text(uint32_t type) {
  switch (type) {
    case 1: return i18n::trv("STREAM");
    case 2: return i18n::trv("DGRAM");
    case 3: return i18n::trv("RAW");
    case 4: return i18n::trv("RDM");
    case 5: return i18n::trv("SEQPACKET");
    default: return i18n::trv("UNKNOWN");
  }
}

std::string_view state_text(uint32_t state, uint64_t flags) {
  switch (state) {
    case 0: return i18n::trv("FREE");
    case 1: return (flags & formats::kUnixAcceptCon) != 0 ? i18n::trv("LISTENING") : "";
    case 2: return i18n::trv("CONNECTING");
    case 3: return i18n::trv("CONNECTED");
    case 4: return i18n::trv("DISCONNECTING");
    default: return i18n::trv("UNKNOWN");
  }
}

}  // namespace

void unix_header(SocketText& t) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::put(b, i18n::trv("Active UNIX domain sockets "));
  cols::put(b, listing_scope(t.o));
  cols::put(b, i18n::trv("\nProto RefCnt Flags       Type       State         I-Node  "));
  if (t.o.programs > 0) cols::put(b, " PID/Program name    ");
  cols::put(b, i18n::trv(" Path\n"));
  t.out.after_write();
}

bool unix_row_shown(const Options& o, const formats::UnixRow& r) {
  if (o.all) return true;
  bool listening = r.state == 1 && (r.flags & formats::kUnixAcceptCon) != 0;
  return listening == (o.listening > 0);
}

void unix_row(SocketText& t, const formats::UnixRow& r, bool has_inode) {
  fmt::memory_buffer& b = t.out.buffer();
  cols::left(b, r.protocol == 0 ? "unix" : "??", 5);
  cols::put(b, ' ');
  cols::left_int(b, static_cast<long>(r.refcount), 6);
  cols::put(b, ' ');
  char flags[16] = "[ ";
  size_t n = 2;
  auto add = [&](std::string_view s) {
    for (char c : s) flags[n++] = c;
  };
  if ((r.flags & formats::kUnixAcceptCon) != 0) add("ACC ");
  if ((r.flags & formats::kUnixWaitData) != 0) add("W ");
  if ((r.flags & formats::kUnixNoSpace) != 0) add("N ");
  add("]");
  cols::left(b, std::string_view(flags, n), 11);
  cols::put(b, ' ');
  cols::left(b, type_text(r.type), 10);
  cols::put(b, ' ');
  cols::left(b, state_text(r.state, r.flags), 13);
  cols::put(b, ' ');
  if (has_inode) {
    cols::left_int(b, r.inode, 8);
  } else {
    cols::put(b, "-       ");
  }
  if (t.programs != nullptr) {
    cols::put(b, ' ');
    cols::left(b, t.text(has_inode ? t.programs->get(r.inode) : "-"), 20);
  }
  cols::put(b, ' ');
  if (has_inode) {
    cols::put(b, t.text(r.path));
  } else {
    cols::put(b, fmt::format_int(r.inode).c_str());
  }
  cols::put(b, '\n');
  t.out.after_write();
}

}  // namespace netstat::render
