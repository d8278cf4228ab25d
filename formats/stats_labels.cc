// net-tools 2.10's -s label tables (statistics.c Iptab, Icmptab, Tcptab,
// Udptab, Tcpexttab, Sctptab, Ip6tab, Icmp6tab, Udp6tab) in their internal
// order, taken from the reference notes (Appendix A) and checked against
// /usr/bin/netstat output, plus the bsearch lookup 2.10 uses on them.
#include "formats/stats_labels.h"

#include <cstring>

namespace netstat::formats {
namespace {

// Iptab
constexpr Label kIpLabels[] = {
    {"DefaultTTL", "Default TTL is %llu", LabelClass::fixed},
    {"Forwarding", "Forwarding is %s", LabelClass::fixed},
    {"ForwDatagrams", "%llu forwarded", LabelClass::always},
    {"FragCreates", "%llu fragments created", LabelClass::nonzero},
    {"FragFails", "%llu outgoing packets failed fragmentation", LabelClass::nonzero},
    {"FragOKs", "%llu outgoing packets fragmented ok", LabelClass::nonzero},
    {"InAddrErrors", "%llu with invalid addresses", LabelClass::nonzero},
    {"InDelivers", "%llu incoming packets delivered", LabelClass::always},
    {"InDiscards", "%llu incoming packets discarded", LabelClass::always},
    {"InHdrErrors", "%llu with invalid headers", LabelClass::nonzero},
    {"InReceives", "%llu total packets received", LabelClass::always},
    {"InUnknownProtos", "%llu with unknown protocol", LabelClass::nonzero},
    {"OutDiscards", "%llu outgoing packets dropped", LabelClass::nonzero},
    {"OutNoRoutes", "%llu dropped because of missing route", LabelClass::nonzero},
    {"OutRequests", "%llu requests sent out", LabelClass::always},
    {"ReasmFails", "%llu packet reassemblies failed", LabelClass::nonzero},
    {"ReasmOKs", "%llu packets reassembled ok", LabelClass::nonzero},
    {"ReasmReqds", "%llu reassemblies required", LabelClass::nonzero},
    {"ReasmTimeout", "%llu fragments dropped after timeout", LabelClass::nonzero},
};

// Icmptab
constexpr Label kIcmpLabels[] = {
    {"InAddrMaskReps", "address mask replies: %llu", LabelClass::in_hist},
    {"InAddrMasks", "address mask request: %llu", LabelClass::in_hist},
    {"InDestUnreachs", "destination unreachable: %llu", LabelClass::in_hist},
    {"InEchoReps", "echo replies: %llu", LabelClass::in_hist},
    {"InEchos", "echo requests: %llu", LabelClass::in_hist},
    {"InErrors", "%llu input ICMP message failed", LabelClass::always},
    {"InMsgs", "%llu ICMP messages received", LabelClass::always},
    {"InParmProbs", "wrong parameters: %llu", LabelClass::in_hist},
    {"InRedirects", "redirects: %llu", LabelClass::in_hist},
    {"InSrcQuenchs", "source quenches: %llu", LabelClass::in_hist},
    {"InTimeExcds", "timeout in transit: %llu", LabelClass::in_hist},
    {"InTimestampReps", "timestamp reply: %llu", LabelClass::in_hist},
    {"InTimestamps", "timestamp request: %llu", LabelClass::in_hist},
    {"OutAddrMaskReps", "address mask replies: %llu", LabelClass::out_hist},
    {"OutAddrMasks", "address mask requests: %llu", LabelClass::out_hist},
    {"OutDestUnreachs", "destination unreachable: %llu", LabelClass::out_hist},
    {"OutEchoReps", "echo replies: %llu", LabelClass::out_hist},
    {"OutEchos", "echo requests: %llu", LabelClass::out_hist},
    {"OutErrors", "%llu ICMP messages failed", LabelClass::always},
    {"OutMsgs", "%llu ICMP messages sent", LabelClass::always},
    {"OutParmProbs", "wrong parameters: %llu", LabelClass::out_hist},
    {"OutRedirects", "redirect: %llu", LabelClass::out_hist},
    {"OutSrcQuenchs", "source quench: %llu", LabelClass::out_hist},
    {"OutTimeExcds", "time exceeded: %llu", LabelClass::out_hist},
    {"OutTimestampReps", "timestamp replies: %llu", LabelClass::out_hist},
    {"OutTimestamps", "timestamp requests: %llu", LabelClass::out_hist},
};

// Tcptab
constexpr Label kTcpLabels[] = {
    {"ActiveOpens", "%llu active connection openings", LabelClass::always},
    {"AttemptFails", "%llu failed connection attempts", LabelClass::always},
    {"CurrEstab", "%llu connections established", LabelClass::always},
    {"EstabResets", "%llu connection resets received", LabelClass::always},
    {"InErrs", "%llu bad segments received", LabelClass::always},
    {"InSegs", "%llu segments received", LabelClass::always},
    {"MaxConn", "(empty)", LabelClass::empty},
    {"OutRsts", "%llu resets sent", LabelClass::always},
    {"OutSegs", "%llu segments sent out", LabelClass::always},
    {"PassiveOpens", "%llu passive connection openings", LabelClass::always},
    {"RetransSegs", "%llu segments retransmitted", LabelClass::always},
    {"RtoAlgorithm", "RTO algorithm is %s", LabelClass::fixed},
    {"RtoMax", "(empty)", LabelClass::empty},
    {"RtoMin", "(empty)", LabelClass::empty},
};

// Udptab
constexpr Label kUdpLabels[] = {
    {"InDatagrams", "%llu packets received", LabelClass::always},
    {"InErrors", "%llu packet receive errors", LabelClass::always},
    {"NoPorts", "%llu packets to unknown port received", LabelClass::always},
    {"OutDatagrams", "%llu packets sent", LabelClass::always},
    {"RcvbufErrors", "%llu receive buffer errors", LabelClass::always},
    {"SndbufErrors", "%llu send buffer errors", LabelClass::always},
};

// Tcpexttab
constexpr Label kTcpExtLabels[] = {
    {"DelayedACKLocked", "%llu delayed acks further delayed because of locked socket", LabelClass::nonzero},
    {"DelayedACKLost", "Quick ack mode was activated %llu times", LabelClass::nonzero},
    {"DelayedACKs", "%llu delayed acks sent", LabelClass::nonzero},
    {"EmbryonicRsts", "%llu resets received for embryonic SYN_RECV sockets", LabelClass::nonzero},
    {"ListenDrops", "%llu SYNs to LISTEN sockets dropped", LabelClass::nonzero},
    {"ListenOverflows", "%llu times the listen queue of a socket overflowed", LabelClass::nonzero},
    {"LockDroppedIcmps", "%llu ICMP packets dropped because socket was locked", LabelClass::nonzero},
    {"OfoPruned", "%llu packets dropped from out-of-order queue because of socket buffer overrun", LabelClass::nonzero},
    {"OutOfWindowIcmps", "%llu ICMP packets dropped because they were out-of-window", LabelClass::nonzero},
    {"PAWSActive", "%llu active connections rejected because of time stamp", LabelClass::nonzero},
    {"PAWSEstab", "%llu packets rejected in established connections because of timestamp", LabelClass::nonzero},
    {"PAWSPassive", "%llu passive connections rejected because of time stamp", LabelClass::nonzero},
    {"PruneCalled", "%llu packets pruned from receive queue because of socket buffer overrun", LabelClass::nonzero},
    {"RcvPruned", "%llu packets pruned from receive queue", LabelClass::nonzero},
    {"SockMallocOOM", "Ran %llu times out of system memory during packet sending", LabelClass::nonzero},
    {"SyncookiesFailed", "%llu invalid SYN cookies received", LabelClass::nonzero},
    {"SyncookiesRecv", "%llu SYN cookies received", LabelClass::nonzero},
    {"SyncookiesSent", "%llu SYN cookies sent", LabelClass::nonzero},
    {"TCPAbortFailed", "%llu times unable to send RST due to no memory", LabelClass::nonzero},
    {"TCPAbortOnClose", "%llu connections reset due to early user close", LabelClass::nonzero},
    {"TCPAbortOnData", "%llu connections reset due to unexpected data", LabelClass::nonzero},
    {"TCPAbortOnLinger", "%llu connections aborted after user close in linger timeout", LabelClass::nonzero},
    {"TCPAbortOnMemory", "%llu connections aborted due to memory pressure", LabelClass::nonzero},
    {"TCPAbortOnSyn", "%llu connections reset due to unexpected SYN", LabelClass::nonzero},
    {"TCPAbortOnTimeout", "%llu connections aborted due to timeout", LabelClass::nonzero},
    {"TCPDirectCopyFromBacklog", "%llu bytes directly in process context from backlog", LabelClass::nonzero},
    {"TCPDirectCopyFromPrequeue", "%llu bytes directly received in process context from prequeue", LabelClass::nonzero},
    {"TCPDSACKOfoRecv", "%llu DSACKs for out of order packets received", LabelClass::nonzero},
    {"TCPDSACKOfoSent", "%llu DSACKs sent for out of order packets", LabelClass::nonzero},
    {"TCPDSACKOldSent", "%llu DSACKs sent for old packets", LabelClass::nonzero},
    {"TCPDSACKRecv", "%llu DSACKs received", LabelClass::nonzero},
    {"TCPDSackUndo", "%llu congestion window recovered without slow start using DSACK", LabelClass::nonzero},
    {"TCPDSACKUndo", "%llu congestion windows recovered without slow start by DSACK", LabelClass::nonzero},
    {"TCPFACKReorder", "Detected reordering %llu times using FACK", LabelClass::nonzero},
    {"TCPFastRetrans", "%llu fast retransmits", LabelClass::nonzero},
    {"TCPForwardRetrans", "%llu forward retransmits", LabelClass::nonzero},
    {"TCPFullUndo", "%llu congestion windows fully recovered without slow start", LabelClass::nonzero},
    {"TCPHPAcks", "%llu predicted acknowledgments", LabelClass::nonzero},
    {"TCPHPHits", "%llu packet headers predicted", LabelClass::always},
    {"TCPHPHitsToUser", "%llu packet headers predicted and directly queued to user", LabelClass::nonzero},
    {"TCPLossFailures", "%llu timeouts in loss state", LabelClass::nonzero},
    {"TCPLoss", "%llu TCP data loss events", LabelClass::nonzero},
    {"TCPLossUndo", "%llu congestion windows recovered without slow start after partial ack", LabelClass::nonzero},
    {"TCPLostRetransmits", "%llu retransmits lost", LabelClass::nonzero},
    {"TCPMemoryPressures", "TCP ran low on memory %llu times", LabelClass::nonzero},
    {"TCPPartialUndo", "%llu congestion windows partially recovered using Hoe heuristic", LabelClass::nonzero},
    {"TCPPrequeued", "%llu packets directly queued to recvmsg prequeue", LabelClass::nonzero},
    {"TCPPrequeueDropped", "%llu packets dropped from prequeue", LabelClass::nonzero},
    {"TCPPureAcks", "%llu acknowledgments not containing data payload received", LabelClass::nonzero},
    {"TCPRcvCollapsed", "%llu packets collapsed in receive queue due to low socket buffer", LabelClass::nonzero},
    {"TCPRenoFailures", "%llu timeouts after reno fast retransmit", LabelClass::nonzero},
    {"TCPRenoRecoveryFailed", "%llu reno fast retransmits failed", LabelClass::nonzero},
    {"TCPRenoRecoveryFail", "%llu classic Reno fast retransmits failed", LabelClass::nonzero},
    {"TCPRenoRecovery", "%llu times recovered from packet loss due to fast retransmit", LabelClass::nonzero},
    {"TCPRenoReorder", "Detected reordering %llu times using reno fast retransmit", LabelClass::nonzero},
    {"TCPSackFailures", "%llu timeouts after SACK recovery", LabelClass::nonzero},
    {"TCPSackRecoveryFail", "%llu SACK retransmits failed", LabelClass::nonzero},
    {"TCPSackRecovery", "%llu times recovered from packet loss by selective acknowledgements", LabelClass::nonzero},
    {"TCPSACKReneging", "%llu bad SACK blocks received", LabelClass::nonzero},
    {"TCPSACKReorder", "Detected reordering %llu times using SACK", LabelClass::nonzero},
    {"TCPSchedulerFailed", "%llu times receiver scheduled too late for direct processing", LabelClass::nonzero},
    {"TCPSlowStartRetrans", "%llu retransmits in slow start", LabelClass::nonzero},
    {"TCPTimeouts", "%llu other TCP timeouts", LabelClass::nonzero},
    {"TCPTSReorder", "Detected reordering %llu times using time stamp", LabelClass::nonzero},
    {"TWKilled", "%llu TCP sockets finished time wait in slow timer", LabelClass::nonzero},
    {"TW", "%llu TCP sockets finished time wait in fast timer", LabelClass::nonzero},
    {"TWRecycled", "%llu time wait sockets recycled by time stamp", LabelClass::nonzero},
};

// Sctptab
constexpr Label kSctpLabels[] = {
    {"SctpAborteds", "%llu Number of Aborteds ", LabelClass::always},
    {"SctpActiveEstabs", "%llu Active Associations", LabelClass::always},
    {"SctpChecksumErrors", "%llu Number of Packets with invalid Checksum", LabelClass::always},
    {"SctpCurrEstab", "%llu Current Associations", LabelClass::always},
    {"SctpFragUsrMsgs", "%llu Number of messages fragmented", LabelClass::always},
    {"SctpInCtrlChunks", "%llu Number of control chunks received", LabelClass::always},
    {"SctpInOrderChunks", "%llu Number of ordered chunks received", LabelClass::always},
    {"SctpInSCTPPacks", "%llu Number of SCTP packets received", LabelClass::always},
    {"SctpInUnorderChunks", "%llu Number of Unordered chunks received", LabelClass::always},
    {"SctpOutCtrlChunks", "%llu Number of control chunks sent", LabelClass::always},
    {"SctpOutOfBlues", "%llu Number of Out of Blue packets", LabelClass::always},
    {"SctpOutOrderChunks", "%llu Number of ordered chunks sent", LabelClass::always},
    {"SctpOutSCTPPacks", "%llu Number of SCTP packets sent", LabelClass::always},
    {"SctpOutUnorderChunks", "%llu Number of Unordered chunks sent", LabelClass::always},
    {"SctpPassiveEstabs", "%llu Passive Associations", LabelClass::always},
    {"SctpReasmUsrMsgs", "%llu Number of messages reassembled ", LabelClass::always},
    {"SctpShutdowns", "%llu Number of Graceful Terminations", LabelClass::always},
};

// Ip6tab
constexpr Label kIp6Labels[] = {
    {"Ip6FragCreates", "%llu fragments created", LabelClass::nonzero},
    {"Ip6FragFails", "%llu outgoing packets failed fragmentation", LabelClass::nonzero},
    {"Ip6FragOKs", "%llu outgoing packets fragmented ok", LabelClass::nonzero},
    {"Ip6InAddrErrors", "%llu with invalid addresses", LabelClass::nonzero},
    {"Ip6InDelivers", "%llu incoming packets delivered", LabelClass::always},
    {"Ip6InDiscards", "%llu incoming packets discarded", LabelClass::always},
    {"Ip6InHdrErrors", "%llu with invalid headers", LabelClass::nonzero},
    {"Ip6InMcastPkts", "%llu incoming multicast packets", LabelClass::nonzero},
    {"Ip6InNoRoutes", "%llu incoming packets with no route", LabelClass::nonzero},
    {"Ip6InReceives", "%llu total packets received", LabelClass::always},
    {"Ip6InTooBigErrors", "%llu with packets too big", LabelClass::nonzero},
    {"Ip6InTruncatedPkts", "%llu with truncated packets", LabelClass::nonzero},
    {"Ip6InUnknownProtos", "%llu with unknown protocol", LabelClass::nonzero},
    {"Ip6OutDiscards", "%llu outgoing packets dropped", LabelClass::nonzero},
    {"Ip6OutForwDatagrams", "%llu forwarded", LabelClass::always},
    {"Ip6OutMcastPkts", "%llu outgoing multicast packets", LabelClass::nonzero},
    {"Ip6OutNoRoutes", "%llu dropped because of missing route", LabelClass::nonzero},
    {"Ip6OutRequests", "%llu requests sent out", LabelClass::always},
    {"Ip6ReasmFails", "%llu packet reassemblies failed", LabelClass::nonzero},
    {"Ip6ReasmOKs", "%llu packets reassembled ok", LabelClass::nonzero},
    {"Ip6ReasmReqds", "%llu reassemblies required", LabelClass::nonzero},
    {"Ip6ReasmTimeout", "%llu fragments dropped after timeout", LabelClass::nonzero},
};

// Icmp6tab
constexpr Label kIcmp6Labels[] = {
    {"Icmp6InDestUnreachs", "destination unreachable: %llu", LabelClass::in_hist},
    {"Icmp6InEchoReplies", "echo replies: %llu", LabelClass::in_hist},
    {"Icmp6InEchos", "echo requests: %llu", LabelClass::in_hist},
    {"Icmp6InErrors", "%llu input ICMP message failed", LabelClass::always},
    {"Icmp6InGroupMembQueries", "group member queries: %llu", LabelClass::in_hist},
    {"Icmp6InGroupMembReductions", "group member reductions: %llu", LabelClass::in_hist},
    {"Icmp6InGroupMembResponses", "group member responses: %llu", LabelClass::in_hist},
    {"Icmp6InMsgs", "%llu ICMP messages received", LabelClass::always},
    {"Icmp6InNeighborAdvertisements", "neighbour advertisement: %llu", LabelClass::in_hist},
    {"Icmp6InNeighborSolicits", "neighbour solicits: %llu", LabelClass::in_hist},
    {"Icmp6InParmProblems", "parameter problem: %llu", LabelClass::in_hist},
    {"Icmp6InPktTooBigs", "packets too big: %llu", LabelClass::in_hist},
    {"Icmp6InRedirects", "redirects: %llu", LabelClass::in_hist},
    {"Icmp6InRouterAdvertisements", "router advertisement: %llu", LabelClass::in_hist},
    {"Icmp6InRouterSolicits", "router solicits: %llu", LabelClass::in_hist},
    {"Icmp6InTimeExcds", "received ICMPv6 time exceeded: %llu", LabelClass::in_hist},
    {"Icmp6OutDestUnreachs", "destination unreachable: %llu", LabelClass::out_hist},
    {"Icmp6OutEchoReplies", "echo replies: %llu", LabelClass::out_hist},
    {"Icmp6OutEchos", "echo requests: %llu", LabelClass::out_hist},
    {"Icmp6OutGroupMembQueries", "group member queries: %llu", LabelClass::out_hist},
    {"Icmp6OutGroupMembReductions", "group member reductions: %llu", LabelClass::out_hist},
    {"Icmp6OutGroupMembResponses", "group member responses: %llu", LabelClass::out_hist},
    {"Icmp6OutMsgs", "%llu ICMP messages sent", LabelClass::always},
    {"Icmp6OutNeighborAdvertisements", "neighbor advertisements: %llu", LabelClass::out_hist},
    {"Icmp6OutNeighborSolicits", "neighbor solicits: %llu", LabelClass::out_hist},
    {"Icmp6OutParmProblems", "parameter problem: %llu", LabelClass::out_hist},
    {"Icmp6OutPktTooBigs", "packets too big: %llu", LabelClass::out_hist},
    {"Icmp6OutRedirects", "redirects: %llu", LabelClass::out_hist},
    {"Icmp6OutRouterAdvertisements ", "router advertisement: %llu", LabelClass::out_hist},
    {"Icmp6OutRouterSolicits", "router solicits: %llu", LabelClass::out_hist},
    {"Icmp6OutTimeExcds", "sent ICMPv6 time exceeded: %llu", LabelClass::out_hist},
};

// Udp6tab
constexpr Label kUdp6Labels[] = {
    {"Udp6InDatagrams", "%llu packets received", LabelClass::always},
    {"Udp6InErrors", "%llu packet receive errors", LabelClass::always},
    {"Udp6NoPorts", "%llu packets to unknown port received", LabelClass::always},
    {"Udp6OutDatagrams", "%llu packets sent", LabelClass::always},
};

constexpr LabelTable kIpv4Tables[] = {
    {"Ip", StatsFilter::raw, kIpLabels},
    {"Icmp", StatsFilter::raw, kIcmpLabels},
    {"Tcp", StatsFilter::tcp, kTcpLabels},
    {"Udp", StatsFilter::udp, kUdpLabels},
    {"TcpExt", StatsFilter::tcp, kTcpExtLabels},
    {"Sctp", StatsFilter::sctp, kSctpLabels},
};

constexpr LabelTable kIpv6Tables[] = {
    {"Ip6", StatsFilter::raw, kIp6Labels},
    {"Icmp6", StatsFilter::raw, kIcmp6Labels},
    {"Udp6", StatsFilter::udp, kUdp6Labels},
    {"Tcp6", StatsFilter::tcp, kTcpLabels},
};

// strcmp() on views: byte-wise unsigned comparison, shorter string first.
int c_strcmp(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  int r = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (r != 0) return r;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace

std::span<const LabelTable> label_tables(LabelSet set) {
  if (set == LabelSet::ipv4) return kIpv4Tables;
  return kIpv6Tables;
}

const LabelTable* find_label_table(LabelSet set, std::string_view title) {
  for (const LabelTable& t : label_tables(set)) {
    if (t.title == title) return &t;
  }
  return nullptr;
}

const Label* find_label(const LabelTable& table, std::string_view name) {
  // glibc's bsearch: halve [l, u) by the middle element's comparison.
  size_t l = 0;
  size_t u = table.labels.size();
  while (l < u) {
    size_t idx = (l + u) / 2;
    int cmp = c_strcmp(name, table.labels[idx].key);
    if (cmp < 0) {
      u = idx;
    } else if (cmp > 0) {
      l = idx + 1;
    } else {
      return &table.labels[idx];
    }
  }
  return nullptr;
}

}  // namespace netstat::formats
