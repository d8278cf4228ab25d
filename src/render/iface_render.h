// Text rendering of one `netstat -i` interface: the short table row and the
// ifconfig-style block of `-ie`, byte for byte as net-tools 2.10 prints
// them (ife_print_short / ife_print_long).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "formats/proc_net_if_inet6.h"
#include "replay/interfaces.h"
#include "src/output.h"
#include "src/model/iface_list.h"
#include "src/render/safe_strings.h"

namespace netstat {

/// "Iface             MTU    RX-OK ..." (the short table's column header).
void render_iface_short_header(Output& out);

/// One short-table row: name, MTU, RX/TX packet counters (or "- no
/// statistics available -") and the flag letters.
/// With SafeStrings::on the name is cut to 15 bytes, then escaped.
void render_iface_short(Output& out, const IfaceEntry& entry,
                        const IfaceInfo& info,
                        SafeStrings safe = SafeStrings::off);

/// The flag letters of the short table ("BMRU", "[NO FLAGS]", ...).
std::string iface_flag_letters(int16_t flags);

/// /proc/net/if_inet6 entries of one interface, in file order.
using IfInet6Span = std::span<const formats::IfInet6Entry* const>;

/// The `-ie` block of one interface, with its blank line. \a inet6 are the
/// /proc/net/if_inet6 entries (in file order) whose name is this one.
void render_iface_long(Output& out, const IfaceEntry& entry,
                       const IfaceInfo& info, IfInet6Span inet6,
                       SafeStrings safe = SafeStrings::off);

/// A tree with /proc/net/dev but no interface state (no ioctl answers,
/// iproute2 text or sys/class/net; docs/compat.md): the short row with MTU
/// and flags shown as "-", and the `-ie` block without the flags, address
/// and hardware lines ("NAME: flags unknown  mtu unknown", the if_inet6
/// addresses, the counters).
void render_iface_short_unknown(Output& out, const IfaceEntry& entry,
                                SafeStrings safe = SafeStrings::off);
void render_iface_long_unknown(Output& out, const IfaceEntry& entry,
                               IfInet6Span inet6, SafeStrings safe = SafeStrings::off);

/// 2.10's human-readable byte count: "1024.0 B", "1.0 KiB", "16.0 EiB".
std::string human_bytes(uint64_t bytes);

}  // namespace netstat
