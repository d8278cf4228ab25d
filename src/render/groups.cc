// Renders the -g table as net-tools 2.10's igmp_do_one prints it: a fixed
// three-line header, then "%-15s %-6d %s" per group (IPv4 and IPv6 groups
// through the same host rules as sockets; numeric only with -n or
// --numeric-hosts).
#include "src/i18n.h"
#include "src/render/socket_text.h"
#include "src/render/text_columns.h"
#include "src/resolve.h"

namespace netstat::render {

void groups_header(SocketText& t) {
  t.out.write("IPv6/");
  t.out.write(i18n::trv("IPv4 Group Memberships\n"));
  t.out.write(i18n::trv("Interface       RefCnt Group\n"));
  t.out.write("--------------- ------ ---------------------\n");
}

void group_row(SocketText& t, const formats::IgmpRow& r) {
  bool numeric = t.o.numeric_hosts();
  std::string_view host;
  if (r.v6) {
    host = t.resolver.host6(r.group, numeric);
  } else {
    uint32_t w = static_cast<uint32_t>(r.group[0]) |
                 static_cast<uint32_t>(r.group[1]) << 8 |
                 static_cast<uint32_t>(r.group[2]) << 16 |
                 static_cast<uint32_t>(r.group[3]) << 24;
    host = t.resolver.host4(w, numeric);
  }
  fmt::memory_buffer& b = t.out.buffer();
  cols::left(b, t.text(r.device()), 15);
  cols::put(b, ' ');
  cols::left_int(b, r.refcount, 6);
  cols::put(b, ' ');
  cols::put(b, t.text(host));
  cols::put(b, '\n');
  t.out.after_write();
}

}  // namespace netstat::render
