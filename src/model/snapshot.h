// The typed snapshot model behind --json and `netstat diff`: what one root
// (live system, directory tree or bundle) says about sockets, routes,
// interfaces, multicast groups and counters, as plain rows with numbers and
// raw addresses (no display text). Loaded only through a Root (see
// model/load.h); rendering (JSON, diff text) lives elsewhere.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat::model {

/// An address in network byte order; IPv4 uses bytes [0, 4).
using AddrBytes = std::array<uint8_t, 16>;

enum class Family : uint8_t { inet, inet6, unix_domain };

enum class Proto : uint8_t { tcp, udp, udplite, raw, sctp, unix_domain };

/// Network-namespace id of a row: 0 is the namespace the snapshot was taken
/// in. Later bundles may hold several namespaces (views); every identity key
/// includes this id so rows of different namespaces never match.
using NetnsId = uint32_t;

struct Owner {
  uint32_t pid = 0;
  std::string program;  ///< 2.10's name: cmdline's first word, basename if absolute
};

struct SctpAddress {
  bool remote = false;
  bool v6 = false;
  AddrBytes addr{};
};

/// One socket of any family. Fields that a family does not have stay 0.
struct Socket {
  NetnsId netns = 0;
  Proto proto = Proto::tcp;
  Family family = Family::inet;
  AddrBytes local{};
  AddrBytes remote{};
  uint16_t local_port = 0;   ///< raw: the IP protocol number
  uint16_t remote_port = 0;
  uint32_t state = 0;        ///< kernel state number (TCP_*, SS_* for unix)
  uint64_t tx_queue = 0;
  uint64_t rx_queue = 0;
  uint32_t uid = 0;
  uint64_t inode = 0;
  // Timers (inet).
  uint32_t timer = 0;        ///< "tr"
  uint64_t timer_when = 0;   ///< clock ticks
  uint64_t retransmits = 0;
  int32_t timeout = 0;
  // UNIX.
  uint64_t refcount = 0;
  uint64_t unix_flags = 0;
  uint32_t unix_type = 0;
  uint64_t unix_protocol = 0;
  std::string path;          ///< UNIX path (raw bytes; may be anything)
  // SCTP: every address of the endpoint/association, local ones first
  // (the first local/remote one repeats local/remote); sctp_assoc tells
  // which file the row came from (assocs vs eps).
  bool sctp_assoc = false;
  std::vector<SctpAddress> sctp_addresses;
  /// -p: the processes holding the inode, in /proc order (the first one is
  /// the one netstat shows); null when none or when owners were not asked.
  /// Points into the OwnerTable the loader was given.
  const std::vector<Owner>* owners = nullptr;
  /// netstat's "listening" test for this row's protocol.
  bool listening = false;
};

enum class RouteFamily : uint8_t { inet, inet6 };

struct Route {
  NetnsId netns = 0;
  RouteFamily family = RouteFamily::inet;
  AddrBytes destination{};
  uint32_t prefix_len = 0;
  uint32_t mask = 0;           ///< IPv4 netmask (network order bytes as uint32)
  AddrBytes gateway{};
  AddrBytes source{};          ///< IPv6 source prefix
  uint32_t source_prefix_len = 0;
  std::string iface;
  uint32_t flags = 0;
  int32_t metric = 0;
  int32_t refcnt = 0;
  int32_t use = 0;
  int32_t mtu = 0;
  int32_t window = 0;
  int32_t irtt = 0;
  bool cache = false;          ///< IPv6 RTF_CACHE entry
};

struct IfaceAddress {
  bool v6 = false;
  AddrBytes addr{};
  uint32_t prefix_len = 0;
  uint32_t scope = 0;          ///< IPv6 scope value of if_inet6
  std::optional<uint32_t> broadcast;    ///< IPv4
  std::optional<uint32_t> destination;  ///< IPv4 point-to-point peer
  uint32_t netmask = 0;        ///< IPv4
};

/// Counters of /proc/net/dev, by name.
struct IfaceCounters {
  uint64_t rx_bytes = 0, rx_packets = 0, rx_errors = 0, rx_dropped = 0,
           rx_fifo = 0, rx_frame = 0, rx_compressed = 0, rx_multicast = 0;
  uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0, tx_dropped = 0,
           tx_fifo = 0, tx_collisions = 0, tx_carrier = 0, tx_compressed = 0;
};

struct Interface {
  NetnsId netns = 0;
  std::string name;
  bool has_info = false;       ///< the ioctls answered
  uint32_t flags = 0;          ///< 16-bit IFF_* flags
  int mtu = 0;
  int metric = 0;
  int tx_queue_len = -1;
  bool has_hw = false;
  uint16_t hw_type = 0;
  std::array<uint8_t, 14> hw_addr{};
  std::vector<IfaceAddress> addresses;
  bool has_counters = false;
  IfaceCounters counters;
};

struct Group {
  NetnsId netns = 0;
  bool v6 = false;
  std::string iface;
  int refcount = 0;
  AddrBytes group{};
};

/// One statistics counter (-s): section as netstat titles it ("Tcp",
/// "TcpExt", "Ip6", "Sctp"...), kernel name, value.
struct Counter {
  NetnsId netns = 0;
  std::string file;     ///< "snmp", "netstat", "snmp6", "sctp/snmp"
  std::string section;
  std::string name;
  uint64_t value = 0;
};

struct Masquerade {
  std::string proto;
  uint32_t source = 0;       ///< host order
  uint16_t source_port = 0;
  uint32_t destination = 0;  ///< host order
  uint16_t destination_port = 0;
  uint16_t masq_port = 0;
  uint64_t initseq = 0;
  int16_t delta = 0;
  int16_t pdelta = 0;
  uint64_t expires = 0;      ///< hundredths of a second
};

/// Where the snapshot came from and when.
struct Metadata {
  std::string host;
  std::string kernel;
  std::string source;        ///< the root spec ("/", DIR, bundle file)
  /// Capture time, RFC 3339 UTC ("2024-05-01T12:00:00Z"); for the live
  /// system the time the rows were read. Empty when unknown (plain tree).
  std::string captured_at;
  /// The same as seconds since the epoch, when known.
  std::optional<double> captured_epoch;
  uint32_t euid = 0;
  bool live = false;
  std::string tool;          ///< capturing tool and version, when recorded
  /// Which view of a bundle of several (namespaces, frames); unset for the
  /// live system, trees and single-view bundles.
  struct View {
    std::string id;      ///< the manifest's view id
    std::string netns;   ///< "self" or "netns:[INODE]"
    std::vector<std::string> names;  ///< /run/netns names
    uint32_t frame = 0;
  };
  std::optional<View> view;
};

/// Everything the model knows about one root. Sections not loaded stay empty.
struct Snapshot {
  Metadata meta;
  std::vector<Socket> sockets;
  std::vector<Route> routes;
  std::vector<Interface> interfaces;
  std::vector<Group> groups;
  std::vector<Counter> counters;
  std::vector<Masquerade> masquerade;
};

}  // namespace netstat::model
