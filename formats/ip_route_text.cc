// parse_ip_route_main: one route per line, keywords as iproute2 prints them.
#include "formats/ip_route_text.h"

#include <arpa/inet.h>

#include <cstdio>
#include <cstring>

#include "formats/c_scan.h"
#include "formats/text_words.h"

namespace netstat::formats {
namespace {

constexpr uint32_t kUp = kRtfUp, kGateway = kRtfGateway, kHost = kRtfHost, kReject = kRtfReject;

/// The kernel's __be32 as /proc/net/route prints it (little-endian host).
/// \a text is empty for a keyword at the end of the line ("via" alone; its
/// data() may then be null, which memcpy must not get), and inet_pton would
/// stop at a NUL and take "10.0.0.1\0junk": both are refused.
bool ipv4(std::string_view text, uint32_t& out) {
  if (text.empty() || text.size() > 15 || text.find('\0') != std::string_view::npos) {
    return false;
  }
  char buf[16];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  in_addr a{};
  if (inet_pton(AF_INET, buf, &a) != 1) return false;
  std::memcpy(&out, &a, 4);
  return true;
}

uint32_t mask_of(unsigned len) {
  uint32_t host_order = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
  uint32_t be = htonl(host_order);
  return be;
}

/// A name /proc/net/route gives back as it is: 2.10 reads the Iface column
/// with "%15s" from a C string, so a NUL or white space (\v, \f, \r,
/// which words() leaves in a word) would cut it. No kernel names a device
/// so (dev_valid_name refuses white space).
bool device_name(std::string_view v) {
  if (v.empty() || v.size() > 15) return false;
  for (char c : v) {
    if (c == '\0' || CScan::is_space(c)) return false;
  }
  return true;
}

bool small_number(std::string_view s, int32_t& out) {
  if (!all_digits(s) || s.size() > 10) return false;
  uint64_t v = to_u64(s);
  if (v > 0xffffffffu) return false;
  out = static_cast<int32_t>(static_cast<uint32_t>(v));
  return true;
}

bool is_type(std::string_view w) {
  for (std::string_view t : {"unicast", "local", "broadcast", "multicast", "unreachable",
                             "blackhole", "prohibit", "throw", "nat", "anycast"}) {
    if (w == t) return true;
  }
  return false;
}

/// Keywords followed by a value that changes nothing in /proc/net/route.
bool skipped_with_value(std::string_view w) {
  for (std::string_view k :
       {"proto", "scope", "src", "tos", "dsfield", "realms", "realm", "expires", "error", "pref",
        "mtu", "hoplimit", "initcwnd", "initrwnd", "quickack", "congctl", "features",
        "ssthresh", "cwnd", "reordering", "rto_min", "fastopen_no_cookie", "nhid", "ttl-propagate",
        "encap", "from"}) {
    if (w == k) return true;
  }
  return false;
}

std::optional<std::vector<Ipv4Route>> fail(std::string* why, std::string_view line,
                                           const char* what) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (why) *why = std::string(what) + ": " + std::string(line.substr(0, 200));
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<Ipv4Route>> parse_ip_route_main(std::string_view text,
                                                          std::string* why) {
  std::vector<Ipv4Route> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> w = words(line);
    if (w.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      // "\tnexthop via ..." of a multipath route: which one the kernel's
      // file shows is not in the text.
      return fail(why, line, "several next hops");
    }
    size_t i = 0;
    std::string_view type = "unicast";
    if (is_type(w[0])) type = w[i++];
    if (i >= w.size()) return fail(why, line, "no destination");
    std::string_view dst = w[i++];
    bool main_table = true;
    for (size_t k = i; k + 1 < w.size(); ++k) {
      if (w[k] == "table") main_table = w[k + 1] == "main" || w[k + 1] == "254";
    }
    if (dst.find(':') != std::string_view::npos || !main_table) continue;  // IPv6, other tables
    if (type == "broadcast" || type == "multicast") continue;
    Ipv4Route r;
    r.iface = "*";
    if (dst == "default" || dst == "0/0") {
      r.destination = 0;
      r.mask = 0;
    } else {
      size_t slash = dst.find('/');
      unsigned len = 32;
      if (slash != std::string_view::npos) {
        std::string_view l = dst.substr(slash + 1);
        if (!all_digits(l) || l.size() > 2 || to_u64(l) > 32) return fail(why, line, "prefix");
        len = static_cast<unsigned>(to_u64(l));
        dst = dst.substr(0, slash);
      }
      if (!ipv4(dst, r.destination)) return fail(why, line, "destination");
      r.mask = mask_of(len);
    }
    r.flags = kUp;
    if (type == "unreachable" || type == "prohibit") r.flags |= kReject;
    if (r.mask == 0xffffffffu) r.flags |= kHost;
    for (; i < w.size(); ++i) {
      std::string_view k = w[i];
      bool has_value = i + 1 < w.size();
      std::string_view v = has_value ? w[i + 1] : std::string_view();
      if (k == "lock") continue;  // "mtu lock 1400"
      if (k == "via") {
        if (v == "inet6" || v.find(':') != std::string_view::npos) {
          return fail(why, line, "an IPv6 gateway");
        }
        if (v == "inet" && i + 2 < w.size()) v = w[++i + 1];
        if (!ipv4(v, r.gateway)) return fail(why, line, "gateway");
        r.flags |= kGateway;
        ++i;
      } else if (k == "dev") {
        if (!has_value || !device_name(v)) return fail(why, line, "device");
        r.iface = std::string(v);
        ++i;
      } else if (k == "metric") {
        if (!small_number(v, r.metric)) return fail(why, line, "metric");
        ++i;
      } else if (k == "advmss") {
        int32_t mss = 0;
        if (!small_number(v, mss) || mss < 0 || mss > 65535) return fail(why, line, "advmss");
        r.mtu = mss + 40;
        ++i;
      } else if (k == "window") {
        if (!small_number(v, r.window) || r.window < 0) return fail(why, line, "window");
        ++i;
      } else if (k == "rtt" || k == "rttvar" || k == "nexthop") {
        return fail(why, line, "an rtt metric or next hops");
      } else if (k == "table") {
        ++i;
      } else if (skipped_with_value(k)) {
        ++i;
      }
      // Anything else is a flag word (onlink, linkdown, dead, offload...).
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string proc_net_route_text(const std::vector<Ipv4Route>& routes) {
  // The kernel pads every line, the header too, to 127 bytes.
  auto padded = [](std::string line) {
    if (line.size() < 127) line.append(127 - line.size(), ' ');
    line += '\n';
    return line;
  };
  std::string out =
      padded("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
  char buf[256];
  for (const Ipv4Route& r : routes) {
    int n = std::snprintf(buf, sizeof buf, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
                          r.iface.c_str(), r.destination, r.gateway, r.flags, 0, 0u,
                          r.metric, r.mask, r.mtu, static_cast<uint32_t>(r.window), 0u);
    if (n < 0) continue;
    out += padded(std::string(
        buf, static_cast<size_t>(n) < sizeof buf ? static_cast<size_t>(n) : sizeof buf - 1));
  }
  return out;
}

}  // namespace netstat::formats
