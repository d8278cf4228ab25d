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

bool unix_row_shown(const model::SocketSelection& sel, const formats::UnixRow& r) {
  if (sel.listen == model::Listening::all) return true;
  return sel.shows_listening(r.state == 1 && (r.flags & formats::kUnixAcceptCon) != 0);
}

void unix_row(SocketText& t, const formats::UnixRow& r, bool has_inode) {
  // One row written in place (RowWriter): 20,000 rows of -xa made ~15
  // separate appends each before.
  std::string_view type = type_text(r.type);
  std::string_view state = state_text(r.state, r.flags);
  std::string_view program;
  if (t.programs != nullptr) program = t.text(has_inode ? t.programs->get(r.inode) : "-");
  // t.text answers escaped text in one scratch string: keep the program's
  // before the path is escaped (only when it had to be escaped).
  std::string program_copy;
  if (!program.empty() && program.data() == t.scratch.data()) {
    program_copy.assign(program);
    program = program_copy;
  }
  std::string_view path = has_inode ? t.text(r.path) : std::string_view();
  fmt::format_int inode(r.inode);
  // Every column at its widest: proto, refcount (20 digits), flags, type
  // and state (padding + text), inode (20), program (padding + text), the
  // path or the trailing inode of a table without Inode column, newline.
  constexpr size_t kFixed = 5 + 1 + 20 + 1 + 11 + 1 + 10 + 1 + 13 + 1 + 20 + 21 + 1 + 20 + 1;
  {
  cols::RowWriter w(t.out.buffer(), kFixed + type.size() + state.size() +
                                        program.size() + path.size());
  w.left(r.protocol == 0 ? "unix" : "??", 5);
  w.put(' ');
  w.left_int(static_cast<long>(r.refcount), 6);
  w.put(' ');
  char flags[16] = "[ ";
  size_t n = 2;
  auto add = [&](std::string_view s) {
    for (char c : s) flags[n++] = c;
  };
  if ((r.flags & formats::kUnixAcceptCon) != 0) add("ACC ");
  if ((r.flags & formats::kUnixWaitData) != 0) add("W ");
  if ((r.flags & formats::kUnixNoSpace) != 0) add("N ");
  add("]");
  w.left(std::string_view(flags, n), 11);
  w.put(' ');
  w.left(type, 10);
  w.put(' ');
  w.left(state, 13);
  w.put(' ');
  if (has_inode) {
    w.left(std::string_view(inode.data(), inode.size()), 8);
  } else {
    w.put("-       ");
  }
  if (t.programs != nullptr) {
    w.put(' ');
    w.left(program, 20);
  }
  w.put(' ');
  if (has_inode) {
    w.put(path);
  } else {
    w.put(std::string_view(inode.data(), inode.size()));
  }
  w.put('\n');
  }
  t.out.after_write();
}

}  // namespace netstat::render
