#include "capture/redactor.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <nettle/hmac.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace netstat {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void hmac_raw(const RedactKey& key, std::string_view kind, std::string_view text,
              uint8_t (&d)[SHA256_DIGEST_SIZE]) {
  // The keyed state is computed once per key (two SHA-256 blocks saved
  // per pseudonym).
  static thread_local RedactKey cached_key{};
  static thread_local hmac_sha256_ctx keyed;
  static thread_local bool have = false;
  if (!have || cached_key != key) {
    hmac_sha256_set_key(&keyed, key.size(), key.data());
    cached_key = key;
    have = true;
  }
  hmac_sha256_ctx ctx = keyed;
  hmac_sha256_update(&ctx, kind.size(), reinterpret_cast<const uint8_t*>(kind.data()));
  uint8_t nul = 0;
  hmac_sha256_update(&ctx, 1, &nul);
  hmac_sha256_update(&ctx, text.size(), reinterpret_cast<const uint8_t*>(text.data()));
  hmac_sha256_digest(&ctx, sizeof d, d);
}

std::string hmac_hex(const RedactKey& key, std::string_view kind, std::string_view text,
                     size_t n) {
  uint8_t d[SHA256_DIGEST_SIZE];
  hmac_raw(key, kind, text, d);
  std::string out;
  for (size_t i = 0; i < n && i / 2 < sizeof d; ++i) {
    uint8_t b = d[i / 2];
    out.push_back(kHex[i % 2 == 0 ? b >> 4 : b & 15]);
  }
  return out;
}

// Names every system has; they identify nobody.
bool generic_host_label(std::string_view l) {
  return l == "localhost" || l == "localdomain" || l == "ip6-localhost" ||
         l == "ip6-loopback" || l == "ip6-allnodes" || l == "ip6-allrouters" ||
         l == "ip6-localnet" || l == "ip6-mcastprefix" || l == "broadcasthost";
}

// Kernels before 3.17 (RHEL 7's 3.10: the static build runs there) have no
// getrandom(2); /dev/urandom gives the same bytes there.
bool read_urandom(uint8_t* at, size_t size) {
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  size_t got = 0;
  while (got < size) {
    ssize_t n = ::read(fd, at + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  return got == size;
}

// \a c moved \a v places within its class (A-Z, a-z, 0-9); other bytes kept.
char rotated(char c, unsigned v) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>('A' + (c - 'A' + v) % 26);
  if (c >= 'a' && c <= 'z') return static_cast<char>('a' + (c - 'a' + v) % 26);
  if (c >= '0' && c <= '9') return static_cast<char>('0' + (c - '0' + v) % 10);
  return c;
}

std::string hex_text(uint32_t v, int digits) {
  std::string out;
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (4 * i)) & 15]);
  return out;
}

}  // namespace

RedactKey random_redact_key() {
  RedactKey k{};
  size_t got = 0;
  while (got < k.size()) {
    ssize_t n = ::getrandom(k.data() + got, k.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOSYS && read_urandom(k.data() + got, k.size() - got)) break;
      std::abort();  // no randomness: never redact with a guessable key
    }
    got += static_cast<size_t>(n);
  }
  return k;
}

Result<RedactKey> load_or_create_key(const std::string& path, bool& created) {
  created = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      int e = errno;
      return error_from_errno(e, path + ": " + std::strerror(e));
    }
    RedactKey k = random_redact_key();
    std::string text;
    for (uint8_t b : k) {
      text.push_back(kHex[b >> 4]);
      text.push_back(kHex[b & 15]);
    }
    text.push_back('\n');
    ::fchmod(fd, 0600);
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    int e = errno;
    if (::fsync(fd) != 0) ok = false;
    if (::close(fd) != 0) ok = false;
    if (!ok) {
      ::unlink(path.c_str());
      return error_from_errno(e, path + ": cannot write the key: " + std::strerror(e));
    }
    created = true;
    return k;
  }
  if (fd < 0) {
    int e = errno;
    return error_from_errno(e, path + ": " + std::strerror(e));
  }
  char buf[80];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  std::string_view text(buf, n > 0 ? static_cast<size_t>(n) : 0);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  RedactKey k{};
  if (text.size() != 64) {
    return Error{Errc::invalid, 0, path + ": not a redaction key (64 hex digits)"};
  }
  for (size_t i = 0; i < 32; ++i) {
    int hi = hex_value(text[2 * i]);
    int lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Error{Errc::invalid, 0, path + ": not a redaction key (64 hex digits)"};
    }
    k[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return k;
}

std::string key_fingerprint(const RedactKey& key) {
  return hmac_hex(key, "fingerprint", "netstat-redact", 16);
}

Redactor::Redactor(const RedactKey& key, RedactOptions options)
    : m_key(key), m_options(std::move(options)), m_pan(key) {
  m_pan.set_kept_ranges(m_options.v4_ranges, m_options.v6_ranges);
}

void Redactor::log(const char* kind, std::string_view from, std::string_view to) {
  if (m_options.log_pairs && from != to) m_pairs[kind].emplace(from, to);
}

uint32_t Redactor::ipv4(uint32_t host_order) {
  uint32_t r = m_pan.map4(host_order);
  if (m_options.log_pairs && r != host_order) {
    char a[INET_ADDRSTRLEN];
    char b[INET_ADDRSTRLEN];
    uint32_t na = htonl(host_order);
    uint32_t nb = htonl(r);
    ::inet_ntop(AF_INET, &na, a, sizeof a);
    ::inet_ntop(AF_INET, &nb, b, sizeof b);
    log("ipv4", a, b);
  }
  return r;
}

Ipv6Bytes Redactor::ipv6(const Ipv6Bytes& addr) {
  Ipv6Bytes r = m_pan.map6(addr);
  if (m_options.log_pairs && r != addr) {
    char a[INET6_ADDRSTRLEN];
    char b[INET6_ADDRSTRLEN];
    ::inet_ntop(AF_INET6, addr.data(), a, sizeof a);
    ::inet_ntop(AF_INET6, r.data(), b, sizeof b);
    log("ipv6", a, b);
  }
  return r;
}

std::optional<std::string> Redactor::ip_text(std::string_view text) {
  if (text.empty() || text.size() > 60) return std::nullopt;
  std::string_view scope;
  if (size_t pct = text.find('%'); pct != std::string_view::npos) {
    scope = text.substr(pct);
    text = text.substr(0, pct);
  }
  std::string s(text);
  uint8_t buf[16];
  if (scope.empty() && ::inet_pton(AF_INET, s.c_str(), buf) == 1) {
    uint32_t h = (uint32_t{buf[0]} << 24) | (uint32_t{buf[1]} << 16) |
                 (uint32_t{buf[2]} << 8) | buf[3];
    uint32_t n = htonl(ipv4(h));
    char out[INET_ADDRSTRLEN];
    ::inet_ntop(AF_INET, &n, out, sizeof out);
    return std::string(out);
  }
  if (s.find(':') == std::string::npos || ::inet_pton(AF_INET6, s.c_str(), buf) != 1) {
    return std::nullopt;
  }
  Ipv6Bytes a;
  std::memcpy(a.data(), buf, 16);
  Ipv6Bytes r = ipv6(a);
  std::string out;
  // The kernel's %pI6 (sctp) writes all eight groups of four digits.
  if (s.size() == 39 && s.find("::") == std::string::npos && s[4] == ':') {
    bool upper = false;
    for (char c : s) upper = upper || (c >= 'A' && c <= 'F');
    for (size_t i = 0; i < 16; ++i) {
      if (i > 0 && i % 2 == 0) out.push_back(':');
      char hi = kHex[r[i] >> 4];
      char lo = kHex[r[i] & 15];
      out.push_back(upper ? static_cast<char>(std::toupper(hi)) : hi);
      out.push_back(upper ? static_cast<char>(std::toupper(lo)) : lo);
    }
  } else {
    char t[INET6_ADDRSTRLEN];
    ::inet_ntop(AF_INET6, r.data(), t, sizeof t);
    out = t;
  }
  // "%eth0" names an interface ("%2" is an index).
  if (scope.size() > 1 && scope.find_first_not_of("0123456789", 1) != std::string_view::npos) {
    out += "%" + interface(scope.substr(1));
  } else {
    out.append(scope);
  }
  return out;
}

std::string Redactor::mac_hex(std::string_view kind, std::string_view text, size_t n) const {
  return hmac_hex(m_key, kind, text, n);
}

std::string Redactor::label(std::string_view kind, char letter, std::string_view text) {
  std::string k;
  k.reserve(kind.size() + 1 + text.size());
  k.append(kind);
  k.push_back('\0');
  k.append(text);
  if (auto it = m_label_cache.find(k); it != m_label_cache.end()) return it->second;
  std::string out(1, letter);
  out += mac_hex(kind, text, 8);
  m_label_cache.emplace(std::move(k), out);
  return out;
}

std::string Redactor::host(std::string_view name) {
  if (name.empty()) return {};
  std::string out;
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::string_view l = name.substr(start, dot - start);
    if (!out.empty() || start > 0) out.push_back('.');
    out += l.empty() || generic_host_label(l) ? std::string(l) : label("host", 'h', l);
    start = dot + 1;
  }
  log("host", name, out);
  return out;
}

std::string Redactor::user(std::string_view name) {
  if (name.empty() || name == "root") return std::string(name);
  std::string out = label("user", 'u', name);
  log("user", name, out);
  return out;
}

std::string Redactor::group(std::string_view name) {
  if (name.empty() || name == "root") return std::string(name);
  std::string out = label("group", 'g', name);
  log("group", name, out);
  return out;
}

std::string Redactor::path(std::string_view p) {
  std::string out;
  size_t i = 0;
  if (!p.empty() && p[0] == '@') {
    out.push_back('@');
    i = 1;
  }
  while (i <= p.size()) {
    size_t slash = p.find('/', i);
    if (slash == std::string_view::npos) slash = p.size();
    std::string_view c = p.substr(i, slash - i);
    out += c.empty() || c == "." || c == ".." ? std::string(c) : label("path", 'p', c);
    if (slash < p.size()) out.push_back('/');
    i = slash + 1;
  }
  log("path", p, out);
  return out;
}

std::string Redactor::interface(std::string_view name) {
  if (m_options.keep_interfaces || name.empty()) return std::string(name);
  size_t colon = name.find(':');
  std::string_view base = name.substr(0, colon);
  if (base.empty() || base == "lo") return std::string(name);
  std::string out = label("iface", 'i', base);
  m_iface_original.emplace(out, base);
  log("interface", base, out);
  if (colon != std::string_view::npos) out.append(name.substr(colon));
  return out;
}

std::string Redactor::interface_original(std::string_view pseudonym) const {
  size_t colon = pseudonym.find(':');
  auto it = m_iface_original.find(pseudonym.substr(0, colon));
  if (it == m_iface_original.end()) return std::string(pseudonym);
  std::string out = it->second;
  if (colon != std::string_view::npos) out.append(pseudonym.substr(colon));
  return out;
}

std::string Redactor::netns_name(std::string_view name) {
  if (name.empty()) return {};
  std::string out = label("netns", 'n', name);
  log("netns", name, out);
  return out;
}

std::string Redactor::opaque_id(std::string_view kind, std::string_view id) {
  std::string out(id);
  std::string digits;
  for (size_t block = 0, used = 0; used < out.size(); ++block) {
    // 64 keyed digits per block: ids longer than a SHA-256 take more.
    digits = mac_hex(kind, std::string(id) + '#' + std::to_string(block), 64);
    size_t take = 0;
    for (; used < out.size() && take < digits.size(); ++used) {
      char& c = out[used];
      bool upper = c >= 'A' && c <= 'F';
      if (!(std::isxdigit(static_cast<unsigned char>(c)))) continue;
      char d = digits[take++];
      c = upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(d))) : d;
    }
  }
  log(std::string(kind).c_str(), id, out);
  return out;
}

std::string Redactor::cmdline(std::string_view c) {
  std::string out;
  size_t i = 0;
  while (i < c.size()) {
    size_t nul = c.find('\0', i);
    bool terminated = nul != std::string_view::npos;
    if (!terminated) nul = c.size();
    out += path(c.substr(i, nul - i));
    if (terminated) out.push_back('\0');
    i = nul + 1;
  }
  return out;
}

void Redactor::hw(uint8_t* bytes, size_t n) {
  bool zero = true;
  bool ones = true;
  for (size_t i = 0; i < n; ++i) {
    zero = zero && bytes[i] == 0;
    ones = ones && bytes[i] == 0xff;
  }
  if (n == 0 || zero || ones) return;
  std::string orig(reinterpret_cast<const char*>(bytes), n);
  if (n == 6 && (bytes[0] & 1) != 0) return;  // multicast: derived from a group
  std::string h = mac_hex("hw", orig, 2 * n);
  size_t from = n == 6 && m_options.keep_oui ? 3 : 0;
  for (size_t i = from; i < n; ++i) {
    bytes[i] = static_cast<uint8_t>(hex_value(h[2 * i]) * 16 + hex_value(h[2 * i + 1]));
  }
  if (n == 6 && !m_options.keep_oui) {
    bytes[0] = static_cast<uint8_t>((bytes[0] & 0xfc) | 0x02);  // local, unicast
  }
  if (m_options.log_pairs) {
    std::string a;
    std::string b;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) {
        a.push_back(':');
        b.push_back(':');
      }
      a.push_back(kHex[static_cast<uint8_t>(orig[i]) >> 4]);
      a.push_back(kHex[static_cast<uint8_t>(orig[i]) & 15]);
      b.push_back(kHex[bytes[i] >> 4]);
      b.push_back(kHex[bytes[i] & 15]);
    }
    log("hw", a, b);
  }
}

std::optional<std::string> Redactor::hw_text(std::string_view text) {
  std::vector<uint8_t> bytes;
  bool upper = false;
  size_t i = 0;
  while (i < text.size()) {
    if (i + 2 > text.size()) return std::nullopt;
    int hi = hex_value(text[i]);
    int lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    upper = upper || std::isupper(static_cast<unsigned char>(text[i])) ||
            std::isupper(static_cast<unsigned char>(text[i + 1]));
    bytes.push_back(static_cast<uint8_t>(hi * 16 + lo));
    i += 2;
    if (i < text.size()) {
      if (text[i] != ':') return std::nullopt;
      ++i;
      if (i == text.size()) return std::nullopt;
    }
  }
  if (bytes.empty()) return std::nullopt;
  hw(bytes.data(), bytes.size());
  std::string out;
  for (size_t k = 0; k < bytes.size(); ++k) {
    if (k > 0) out.push_back(':');
    char hi = kHex[bytes[k] >> 4];
    char lo = kHex[bytes[k] & 15];
    out.push_back(upper ? static_cast<char>(std::toupper(hi)) : hi);
    out.push_back(upper ? static_cast<char>(std::toupper(lo)) : lo);
  }
  return out;
}

}  // namespace netstat

namespace netstat {

std::string Redactor::same_shape(std::string_view kind, std::string_view text) {
  std::string out(text);
  uint8_t d[SHA256_DIGEST_SIZE];
  hmac_raw(m_key, kind, text, d);
  // 16 keyed bits per character, 16 characters per block; a long text's
  // further blocks are keyed by its digest (linear in its length).
  std::string seed(reinterpret_cast<const char*>(d), sizeof d);
  for (size_t i = 0; i < out.size(); ++i) {
    if (i % 16 == 0 && i > 0) hmac_raw(m_key, kind, seed + '#' + std::to_string(i / 16), d);
    size_t j = 2 * (i % 16);
    out[i] = rotated(out[i], static_cast<unsigned>(d[j] << 8 | d[j + 1]));
  }
  return out;
}

std::string Redactor::callsign(std::string_view call) {
  if (call.empty() || call == "*" || call == "default" || call == "?????\?-?" ||
      call == "RSLOOP-0") {
    return std::string(call);
  }
  std::string_view mark;
  if (call.back() == '*') {
    mark = call.substr(call.size() - 1);
    call.remove_suffix(1);
  }
  std::string_view base = call;
  std::string_view ssid;
  size_t dash = call.rfind('-');
  if (dash != std::string_view::npos && dash > 0 && dash + 1 < call.size() &&
      call.size() - dash <= 3 &&
      call.find_first_not_of("0123456789", dash + 1) == std::string_view::npos) {
    base = call.substr(0, dash);
    ssid = call.substr(dash);
  }
  std::string out;
  if (base == "QST" || base == "NOCALL" || base == "N0CALL") {
    out = base;
  } else if (base.size() <= 32) {
    std::string k = "callsign";
    k.push_back('\0');
    k.append(base);
    auto it = m_label_cache.find(k);
    if (it == m_label_cache.end()) it = m_label_cache.emplace(k, same_shape("callsign", base)).first;
    out = it->second;
  } else {
    out = same_shape("callsign", base);
  }
  log("callsign", base, out);
  return out + std::string(ssid) + std::string(mark);
}

std::string Redactor::node_alias(std::string_view alias) {
  if (alias.empty() || alias == "*") return std::string(alias);
  std::string out = same_shape("node alias", alias);
  log("node alias", alias, out);
  return out;
}

std::string Redactor::x121(std::string_view address) {
  if (address.empty() || address == "*") return std::string(address);
  if (address.size() > 32) return same_shape("x121", address);
  std::string k = "x121";
  k.push_back('\0');
  k.append(address);
  if (auto it = m_label_cache.find(k); it != m_label_cache.end()) return it->second;
  std::string out(address);
  uint8_t d[SHA256_DIGEST_SIZE];
  for (size_t i = 0; i < out.size(); ++i) {
    // Each character is keyed by the characters before it: a shared
    // prefix maps to a shared prefix, the first difference stays one.
    hmac_raw(m_key, "x121", address.substr(0, i), d);
    out[i] = rotated(out[i], static_cast<unsigned>(d[0] << 8 | d[1]));
  }
  m_label_cache.emplace(std::move(k), out);
  log("x121", address, out);
  return out;
}

uint32_t Redactor::permute(std::string_view kind, uint32_t value, unsigned bits,
                           bool (*fixed)(uint32_t)) {
  if (fixed(value)) return value;
  const unsigned half = bits / 2;
  const uint32_t mask = (uint32_t{1} << half) - 1;
  uint32_t x = value;
  do {
    uint32_t l = (x >> half) & mask;
    uint32_t r = x & mask;
    for (uint8_t round = 0; round < 4; ++round) {
      char in[5] = {static_cast<char>(round), static_cast<char>(r >> 24),
                    static_cast<char>(r >> 16), static_cast<char>(r >> 8), static_cast<char>(r)};
      uint8_t d[SHA256_DIGEST_SIZE];
      hmac_raw(m_key, kind, std::string_view(in, sizeof in), d);
      uint32_t f = (uint32_t{d[0]} << 24 | uint32_t{d[1]} << 16 | uint32_t{d[2]} << 8 | d[3]) & mask;
      uint32_t next = l ^ f;
      l = r;
      r = next;
    }
    x = (l << half) | r;
  } while (fixed(x));  // walks the cycle to the next value that is not kept
  return x;
}

uint32_t Redactor::ipx_network(uint32_t network) {
  uint32_t out = permute("ipx network", network, 32,
                         [](uint32_t v) { return v == 0 || v == 0xffffffffu; });
  log("ipx network", hex_text(network, 8), hex_text(out, 8));
  return out;
}

void Redactor::ipx_node(uint8_t* node) {
  if ((node[0] & 1) == 0) return hw(node, 6);
  bool ones = true;
  for (size_t i = 0; i < 6; ++i) ones = ones && node[i] == 0xff;
  if (ones) return;
  std::string orig(reinterpret_cast<const char*>(node), 6);
  uint8_t d[SHA256_DIGEST_SIZE];
  hmac_raw(m_key, "ipx node", orig, d);
  std::memcpy(node, d, 6);
  node[0] |= 1;
  if (m_options.log_pairs) {
    std::string a;
    std::string b;
    for (size_t i = 0; i < 6; ++i) {
      a += hex_text(static_cast<uint8_t>(orig[i]), 2);
      b += hex_text(node[i], 2);
    }
    log("ipx node", a, b);
  }
}

uint16_t Redactor::atalk_network(uint16_t network) {
  auto out = static_cast<uint16_t>(
      permute("atalk network", network, 16, [](uint32_t v) { return v == 0 || v >= 0xff00; }));
  log("atalk network", hex_text(network, 4), hex_text(out, 4));
  return out;
}

uint8_t Redactor::atalk_node(uint8_t node) {
  auto out = static_cast<uint8_t>(
      permute("atalk node", node, 8, [](uint32_t v) { return v == 0 || v >= 254; }));
  log("atalk node", hex_text(node, 2), hex_text(out, 2));
  return out;
}

}  // namespace netstat
