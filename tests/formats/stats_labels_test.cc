// Tests for the -s label tables: the binary search reproduces exactly the
// names 2.10 misses (reference Appendix A, "Lookup finds it?").
#include "formats/stats_labels.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

namespace netstat::formats {
namespace {

TEST(StatsLabels, TablesHaveTheReferenceSizes) {
  auto size = [](LabelSet s, std::string_view t) {
    const LabelTable* table = find_label_table(s, t);
    return table == nullptr ? 0u : table->labels.size();
  };
  EXPECT_EQ(19u, size(LabelSet::ipv4, "Ip"));
  EXPECT_EQ(26u, size(LabelSet::ipv4, "Icmp"));
  EXPECT_EQ(14u, size(LabelSet::ipv4, "Tcp"));
  EXPECT_EQ(6u, size(LabelSet::ipv4, "Udp"));
  EXPECT_EQ(67u, size(LabelSet::ipv4, "TcpExt"));
  EXPECT_EQ(17u, size(LabelSet::ipv4, "Sctp"));
  EXPECT_EQ(22u, size(LabelSet::ipv6, "Ip6"));
  EXPECT_EQ(31u, size(LabelSet::ipv6, "Icmp6"));
  EXPECT_EQ(4u, size(LabelSet::ipv6, "Udp6"));
  EXPECT_EQ(14u, size(LabelSet::ipv6, "Tcp6"));
  EXPECT_EQ(nullptr, find_label_table(LabelSet::ipv4, "IcmpMsg"));
  EXPECT_EQ(nullptr, find_label_table(LabelSet::ipv4, "Ip6"));
  EXPECT_EQ(nullptr, find_label_table(LabelSet::ipv6, "Ip"));
  EXPECT_EQ(nullptr, find_label_table(LabelSet::ipv6, "UdpLite6"));
}

TEST(StatsLabels, LookupMissesExactlyTheUnreachableNames) {
  const std::set<std::string> missed = {
      "Forwarding",          "TCPDirectCopyFromPrequeue", "TCPDSACKOfoRecv",
      "TCPDSACKOfoSent",     "TCPDSACKOldSent",           "TCPDSACKRecv",
      "TCPDSackUndo",        "TCPDSACKUndo",              "TCPLoss",
      "TCPPrequeueDropped",  "TCPRenoRecoveryFailed",     "TCPRenoRecoveryFail",
      "TCPSackFailures",     "TCPSackRecoveryFail",       "TCPSackRecovery",
      "TCPSACKReneging",     "TCPTimeouts",               "TWKilled",
  };
  for (LabelSet set : {LabelSet::ipv4, LabelSet::ipv6}) {
    for (const LabelTable& t : label_tables(set)) {
      for (const Label& l : t.labels) {
        bool found = find_label(t, l.key) == &l;
        EXPECT_EQ(missed.count(std::string(l.key)) == 0, found)
            << t.title << " " << l.key;
      }
    }
  }
}

// The statistics printer passes sentence.data() to gettext as the msgid and
// i18n::tr keeps answers by that address: each sentence must be a whole
// literal, NUL right after its last character.
TEST(StatsLabels, SentencesAreWholeLiterals) {
  size_t checked = 0;
  for (LabelSet set : {LabelSet::ipv4, LabelSet::ipv6}) {
    for (const LabelTable& t : label_tables(set)) {
      for (const Label& l : t.labels) {
        ASSERT_NE(nullptr, l.sentence.data()) << t.title << " " << l.key;
        EXPECT_EQ('\0', l.sentence.data()[l.sentence.size()]) << t.title << " " << l.key;
        EXPECT_EQ(l.sentence.size(), std::strlen(l.sentence.data())) << t.title << " " << l.key;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100u);
}

TEST(StatsLabels, TrailingSpaceKeyNeverMatchesKernelName) {
  const LabelTable* icmp6 = find_label_table(LabelSet::ipv6, "Icmp6");
  ASSERT_NE(nullptr, icmp6);
  EXPECT_EQ(nullptr, find_label(*icmp6, "Icmp6OutRouterAdvertisements"));
  EXPECT_NE(nullptr, find_label(*icmp6, "Icmp6OutRouterSolicits"));
}

TEST(StatsLabels, UnknownNames) {
  const LabelTable* ip = find_label_table(LabelSet::ipv4, "Ip");
  EXPECT_EQ(nullptr, find_label(*ip, "OutTransmits"));
  EXPECT_EQ(nullptr, find_label(*ip, ""));
  const Label* l = find_label(*ip, "InReceives");
  ASSERT_NE(nullptr, l);
  EXPECT_EQ("%llu total packets received", l->sentence);
  EXPECT_EQ(LabelClass::always, l->cls);
}

}  // namespace
}  // namespace netstat::formats
