// IPv4 FIB and routing-cache rows exactly as net-tools 2.10's rprint_fib
// and rprint_cache (lib/inet_gr.c) print them: the three -e layouts, the
// 15-byte name cut in the FIB, dashes for REJECT routes, signed numbers.
#include "src/render/route_ipv4.h"

#include "src/i18n.h"
#include "src/render/text_columns.h"

namespace netstat {
namespace {

using cols::left;
using cols::left_int;
using cols::put;
using cols::right;
using cols::right_int;

struct FlagLetter {
  uint32_t bit;
  std::string_view text;
};

}  // namespace

RouteLayout route_layout(int extend) {
  if (extend <= 0) return RouteLayout::mss;
  if (extend == 1) return RouteLayout::metric;
  switch (extend % 4) {
    case 0: return RouteLayout::metric;
    case 1: return RouteLayout::mss;
    case 2: return RouteLayout::wide;
    default: return RouteLayout::none;
  }
}

// Writes the FIB flag letters to \a out (room for 32) and returns the length.
size_t fib_flags_to(char* out, uint32_t flags) {
  static constexpr FlagLetter kAfter[] = {
      {0x4, "H"},         {0x8, "R"},        {0x10, "D"},
      {0x20, "M"},        {0x10000, "d"},    {0x20000, "a"},
      {0x40000, "c"},     {0x200000, "o"},   {0x400000, "e"},
      {0x1000000, "c"},   {0x2000000, "f"},  {0x4000000, "p"},
      {0x80000000, "l"},  {0x40, "u"},       {0x80, "w"},
      {0x100, "i"},       {0x400, "n"},
  };
  size_t n = 0;
  if (flags & 0x1) out[n++] = 'U';
  if (flags & 0x2) out[n++] = 'G';
  if (flags & formats::kRtfReject) {
    n = 0;
    out[n++] = '!';
  }
  if ((flags & ~0x203u) == 0) return n;  // the common U, UG, ! routes
  for (const FlagLetter& f : kAfter) {
    if (flags & f.bit) out[n++] = f.text[0];
  }
  return n;
}

std::string fib_flags(uint32_t flags) {
  char buf[32];
  return std::string(buf, fib_flags_to(buf, flags));
}

std::string cache_flags(uint32_t flags, formats::RtCacheFormat format) {
  static constexpr FlagLetter kAfter[] = {
      {0x10000, "n"},     {0x20000, "d"},     {0x80000, "t"},
      {0x200000, "f"},    {0x400000, "q"},    {0x800000, "Ns"},
      {0x1000000, "r"},   {0x4000000, "i"},   {0x8000000, "Nd"},
      {0x10000000, "b"},  {0x20000000, "m"},  {0x40000000, "#"},
      {0x80000000, "l"},
  };
  const bool v20 = format == formats::RtCacheFormat::v2_0;
  std::string s;
  if (v20 && (flags & 0x1)) s += 'U';
  if (v20 && (flags & 0x4)) s += 'H';
  if (flags & 0x2) s += 'G';
  if (flags & formats::kRtfReject) {
    s.clear();
    s += '!';
  }
  if (flags & 0x8) s += 'R';
  if (flags & 0x10) s += 'D';
  if (flags & 0x20) s += 'M';
  if (!v20 && (flags & 0x1)) s += '-';
  if (!v20 && (flags & 0x4)) s += 'o';
  for (const FlagLetter& f : kAfter) {
    if (flags & f.bit) s += f.text;
  }
  return s;
}

void render_fib_title(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel IP routing table\n"));
}

void render_fib_header(fmt::memory_buffer& b, RouteLayout layout) {
  switch (layout) {
    case RouteLayout::mss:
      put(b, i18n::trv("Destination     Gateway         Genmask         "
                       "Flags   MSS Window  irtt Iface\n"));
      break;
    case RouteLayout::metric:
      put(b, i18n::trv("Destination     Gateway         Genmask         "
                       "Flags Metric Ref    Use Iface\n"));
      break;
    case RouteLayout::wide:
      put(b, i18n::trv("Destination     Gateway         Genmask         "
                       "Flags Metric Ref    Use Iface    MSS   Window irtt\n"));
      break;
    case RouteLayout::none:
      break;
  }
}

void render_fib_row(fmt::memory_buffer& b, const formats::Ipv4Route& r,
                    RouteLayout layout, RouteNames& names) {
  if (layout == RouteLayout::none) return;
  // Every field is bounded (names cut to 15, iface at most 15 bytes, at
  // most 19 flag letters, 32-bit numbers), so the row fits in 256 bytes.
  // With --safe-strings the three names may grow 4x when escaped.
  cols::RowWriter w(b, names.safe_strings() ? 512 : 256);
  std::string scratch;
  std::string_view dest =
      names.route_destination_view(r.destination, r.mask, r.flags);
  DottedQuad mask = dotted_quad(r.mask);
  char flag_buf[32];
  std::string_view flags(flag_buf, fib_flags_to(flag_buf, r.flags));
  w.left(names.text(dest.substr(0, 15), scratch), 15);
  w.put(' ');
  if (r.flags & formats::kRtfReject) {
    w.put("-               ");
    w.left(mask.view(), 15);
    w.put(' ');
    w.left(flags, 5);
    switch (layout) {
      case RouteLayout::mss:
        w.put("     - -          - -\n");
        break;
      case RouteLayout::metric:
      case RouteLayout::wide:
        w.put(' ');
        w.left_int(r.metric, 6);
        w.put(" -  ");
        w.right_int(r.use, 7);
        w.put(layout == RouteLayout::metric ? std::string_view(" -\n")
                                            : " -        -     -      -\n");
        break;
      case RouteLayout::none:
        break;
    }
    return;
  }
  w.left(names.text(names.route_gateway_view(r.gateway).substr(0, 15),
                    scratch),
         15);
  w.put(' ');
  w.left(mask.view(), 15);
  w.put(' ');
  w.left(flags, 5);
  w.put(' ');
  switch (layout) {
    case RouteLayout::mss:
      w.right_int(r.mtu, 5);
      w.put(' ');
      w.left_int(r.window, 5);
      w.put(' ');
      w.right_int(r.irtt, 6);
      w.put(' ');
      w.put(names.text(std::string_view(r.iface).substr(0, 15), scratch));
      break;
    case RouteLayout::metric:
      w.left_int(r.metric, 6);
      w.put(' ');
      w.left_int(r.refcnt, 2);
      w.put(' ');
      w.right_int(r.use, 7);
      w.put(' ');
      w.put(names.text(std::string_view(r.iface).substr(0, 15), scratch));
      break;
    case RouteLayout::wide:
      w.left_int(r.metric, 6);
      w.put(' ');
      w.left_int(r.refcnt, 3);
      w.put(' ');
      w.right_int(r.use, 6);
      w.put(' ');
      w.left(names.text(std::string_view(r.iface).substr(0, 6), scratch), 6);
      w.put("   ");
      w.left_int(r.mtu, 5);
      w.put(' ');
      w.left_int(r.window, 6);
      w.put(' ');
      w.left_int(r.irtt, 0);
      break;
    case RouteLayout::none:
      break;
  }
  w.put('\n');
}

void render_cache_title(fmt::memory_buffer& b) {
  put(b, i18n::trv("Kernel IP routing cache\n"));
}

void render_cache_header(fmt::memory_buffer& b, RouteLayout layout,
                         formats::RtCacheFormat format) {
  switch (layout) {
    case RouteLayout::mss:
      put(b, i18n::trv("Source          Destination     Gateway         "
                       "Flags   MSS Window  irtt Iface\n"));
      break;
    case RouteLayout::metric:
      put(b, i18n::trv("Source          Destination     Gateway         "
                       "Flags Metric Ref    Use Iface\n"));
      break;
    case RouteLayout::wide:
      // One msgid per format, as 2.10 prints them.
      put(b, format == formats::RtCacheFormat::v2_0
                 ? i18n::trv("Source          Destination     Gateway         "
                             "Flags Metric Ref    Use Iface    "
                             "MSS   Window irtt  HH  Arp\n")
                 : i18n::trv("Source          Destination     Gateway         "
                             "Flags Metric Ref    Use Iface    "
                             "MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"));
      break;
    case RouteLayout::none:
      break;
  }
}

void render_cache_row(fmt::memory_buffer& b, const formats::RtCacheRow& r,
                      RouteLayout layout, formats::RtCacheFormat format,
                      RouteNames& names) {
  if (layout == RouteLayout::none) return;
  std::string scratch;
  left(b, names.text(names.address_view(r.source), scratch), 15);
  put(b, ' ');
  left(b, names.text(names.address_view(r.destination), scratch), 15);
  put(b, ' ');
  left(b, names.text(names.address_view(r.gateway), scratch), 15);
  put(b, ' ');
  left(b, cache_flags(r.flags, format), 5);
  put(b, ' ');
  switch (layout) {
    case RouteLayout::mss:
      right_int(b, r.mtu, 5);
      put(b, ' ');
      left_int(b, r.window, 5);
      put(b, ' ');
      right_int(b, r.irtt, 6);
      put(b, ' ');
      put(b, names.text(r.iface, scratch));
      break;
    case RouteLayout::metric:
      left_int(b, r.metric, 6);
      put(b, ' ');
      left_int(b, r.refcnt, 2);
      put(b, ' ');
      right_int(b, r.use, 7);
      put(b, ' ');
      put(b, names.text(r.iface, scratch));
      break;
    case RouteLayout::wide:
      left_int(b, r.metric, 6);
      put(b, ' ');
      left_int(b, r.refcnt, 3);
      put(b, ' ');
      right_int(b, r.use, 6);
      put(b, ' ');
      left(b, names.text(std::string_view(r.iface).substr(0, 6), scratch), 6);
      put(b, "   ");
      left_int(b, r.mtu, 5);
      put(b, ' ');
      left_int(b, r.window, 6);
      put(b, ' ');
      left_int(b, r.irtt, 5);
      put(b, ' ');
      if (format == formats::RtCacheFormat::v2_0) {
        left_int(b, r.hh, 3);
        put(b, ' ');
        cols::put_int(b, r.arp);
      } else {
        left_int(b, r.tos, 3);
        put(b, ' ');
        left_int(b, r.hh_ref, 3);
        put(b, "   ");
        left_int(b, r.hh_uptod, 3);
        put(b, ' ');
        right(b, names.text(names.address_view(r.spec_dst), scratch), 15);
      }
      break;
    case RouteLayout::none:
      break;
  }
  put(b, '\n');
}

}  // namespace netstat
