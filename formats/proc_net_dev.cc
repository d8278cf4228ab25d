// Parses /proc/net/dev as net-tools 2.10 (Debian 2.10-0.1+deb12u2) does in
// if_readlist_proc: fgets pieces of 511 bytes, two header lines (the second
// one picks the counter layout), then per line the bounded name reader (15
// bytes at most; "name:digits:" keeps its alias part) and an sscanf of the
// counters that stops at the first one that is not a number.
#include "formats/proc_net_dev.h"

#include <algorithm>

#include "formats/c_scan.h"
#include "formats/fgets_lines.h"

namespace netstat::formats {
namespace {

constexpr size_t kFgetsSize = 512;  // 2.10's line buffer
constexpr size_t kNameMax = 15;     // IFNAMSIZ - 1

// Which DevCounters member each position of a layout fills.
using Member = uint64_t DevCounters::*;
constexpr Member kV3[] = {
    &DevCounters::rx_bytes,       &DevCounters::rx_packets,
    &DevCounters::rx_errors,      &DevCounters::rx_dropped,
    &DevCounters::rx_fifo_errors, &DevCounters::rx_frame_errors,
    &DevCounters::rx_compressed,  &DevCounters::rx_multicast,
    &DevCounters::tx_bytes,       &DevCounters::tx_packets,
    &DevCounters::tx_errors,      &DevCounters::tx_dropped,
    &DevCounters::tx_fifo_errors, &DevCounters::collisions,
    &DevCounters::tx_carrier_errors, &DevCounters::tx_compressed};
constexpr Member kV2[] = {
    &DevCounters::rx_bytes,       &DevCounters::rx_packets,
    &DevCounters::rx_errors,      &DevCounters::rx_dropped,
    &DevCounters::rx_fifo_errors, &DevCounters::rx_frame_errors,
    &DevCounters::tx_bytes,       &DevCounters::tx_packets,
    &DevCounters::tx_errors,      &DevCounters::tx_dropped,
    &DevCounters::tx_fifo_errors, &DevCounters::collisions,
    &DevCounters::tx_carrier_errors};
constexpr Member kV1[] = {
    &DevCounters::rx_packets,     &DevCounters::rx_errors,
    &DevCounters::rx_dropped,     &DevCounters::rx_fifo_errors,
    &DevCounters::rx_frame_errors, &DevCounters::tx_packets,
    &DevCounters::tx_errors,      &DevCounters::tx_dropped,
    &DevCounters::tx_fifo_errors, &DevCounters::collisions,
    &DevCounters::tx_carrier_errors};

const Member* layout(ProcNetDevVersion v) {
  switch (v) {
    case ProcNetDevVersion::v1: return kV1;
    case ProcNetDevVersion::v2: return kV2;
    case ProcNetDevVersion::v3: break;
  }
  return kV3;
}

bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 2.10's get_name with Debian's bound: copies the name, stopping (wherever
// it is) once 15 bytes are copied. A ':' ends the name unless digits and
// another ':' follow ("eth0:1: ..."), an alias that stays part of the name.
// Observed with /usr/bin/netstat: "abc:12345678901234 5" is "abc" with
// counters from "12345678901234", "abcdefghijklm:12: 5" is
// "abcdefghijklm:1" with counters from "2: 5".
size_t read_name(std::string_view line, std::string& name) {
  size_t p = 0;
  while (p < line.size() && is_c_space(line[p])) ++p;
  while (p < line.size()) {
    if (name.size() == kNameMax) return p;
    char c = line[p];
    if (is_c_space(c)) break;
    if (c == ':') {
      size_t end = p + 1;
      while (end < line.size() && is_digit(line[end])) ++end;
      if (end < line.size() && line[end] == ':') {
        name.push_back(':');
        for (++p; p < end; ++p) {
          if (name.size() == kNameMax) return p;
          name.push_back(line[p]);
        }
      }
      return p + 1;
    }
    name.push_back(c);
    ++p;
  }
  return p;
}

}  // namespace

int counter_count(ProcNetDevVersion v) {
  switch (v) {
    case ProcNetDevVersion::v1: return 11;
    case ProcNetDevVersion::v2: return 13;
    case ProcNetDevVersion::v3: break;
  }
  return 16;
}

ProcNetDev parse_proc_net_dev(std::string_view text) {
  ProcNetDev dev;
  FgetsLines lines(text, kFgetsSize);
  std::string_view line;
  std::string_view header;
  // fgets leaves the buffer alone at EOF, so a one-line file is "its own"
  // second header line.
  if (lines.next(line)) header = line;
  if (lines.next(line)) header = line;
  if (header.find("compressed") != std::string_view::npos) {
    dev.version = ProcNetDevVersion::v3;
  } else if (header.find("bytes") != std::string_view::npos) {
    dev.version = ProcNetDevVersion::v2;
  } else {
    dev.version = ProcNetDevVersion::v1;
  }
  const int want = counter_count(dev.version);
  dev.rows.reserve(static_cast<size_t>(
      std::count(text.begin(), text.end(), '\n')));
  while (lines.next(line)) {
    ProcNetDevRow row;
    size_t start = read_name(line, row.name);
    CScan scan(line.substr(start));
    while (row.fields < want &&
           scan.unsigned_long(10, row.values[row.fields])) {
      ++row.fields;
    }
    if (row.name.empty()) {
      dev.issues.push_back({lines.count(), "no interface name"});
    } else if (row.fields < want) {
      dev.issues.push_back(
          {lines.count(), "interface " + row.name + ": " +
                              std::to_string(row.fields) + " of " +
                              std::to_string(want) + " counters"});
    }
    dev.rows.push_back(std::move(row));
  }
  return dev;
}

void merge_counters(DevCounters& into, const ProcNetDevRow& row,
                    ProcNetDevVersion v) {
  const Member* members = layout(v);
  int n = row.fields < counter_count(v) ? row.fields : counter_count(v);
  for (int i = 0; i < n; ++i) into.*members[i] = row.values[i];
}

DevCounters row_counters(const ProcNetDevRow& row, ProcNetDevVersion v) {
  DevCounters c;
  merge_counters(c, row, v);
  return c;
}

}  // namespace netstat::formats
