// model::SocketSelection / StatsSelection / RouteSelection: the one home of
// 2.10's selection rules, as the text listing, --json and diff take them
// (checked against /usr/bin/netstat end to end by the oracle tests; here
// rule by rule).
#include "src/model/selection.h"

#include <gtest/gtest.h>

namespace netstat::model {
namespace {

Options options_of(std::vector<std::string> args) {
  Output out, err;
  args.insert(args.begin(), "netstat");
  ParseResult r = parse_options(args, out, err);
  EXPECT_TRUE(r.run) << err.str();
  return r.options;
}

SocketSelection sockets(std::vector<std::string> args) {
  return SocketSelection::from_options(options_of(std::move(args)));
}

TEST(SocketSelection, NoProtocolNamedListsEverySection) {
  SocketSelection s = sockets({});
  EXPECT_TRUE(s.tcp && s.udp && s.udplite && s.raw && s.sctp && s.unix_domain);
  EXPECT_TRUE(s.ipx && s.ax25 && s.x25 && s.netrom && s.rose);
  EXPECT_FALSE(s.groups);
  EXPECT_FALSE(s.bluetooth);
  EXPECT_TRUE(s.inet && s.inet6);
  EXPECT_FALSE(s.explicit_protocols);
  // An absent file is quiet and does not stop the listing, unless -v.
  EXPECT_FALSE(s.notes_absent_table());
  EXPECT_EQ(s.absent_table_status(), 0);
  EXPECT_FALSE(s.notes_absent_legacy());
  EXPECT_TRUE(sockets({"-v"}).notes_absent_table());
  EXPECT_TRUE(sockets({"-v"}).notes_absent_legacy());
  EXPECT_EQ(sockets({"-v"}).absent_table_status(), 0);
}

TEST(SocketSelection, ANamedProtocolListsOnlyItsSections) {
  SocketSelection s = sockets({"-t"});
  EXPECT_TRUE(s.tcp);
  EXPECT_FALSE(s.udp || s.udplite || s.raw || s.sctp || s.unix_domain || s.ipx || s.rose);
  EXPECT_TRUE(s.any_inet());
  EXPECT_TRUE(s.inet && s.inet6);  // a protocol without a family: both
  EXPECT_TRUE(s.explicit_protocols);
  EXPECT_TRUE(s.notes_absent_table());
  EXPECT_EQ(s.absent_table_status(), 1);
  SocketSelection x = sockets({"-x"});
  EXPECT_FALSE(x.any_inet());
  EXPECT_TRUE(x.unix_domain);
  SocketSelection ipx = sockets({"--ipx"});
  EXPECT_TRUE(ipx.ipx);
  EXPECT_FALSE(ipx.ax25 || ipx.tcp);
  EXPECT_TRUE(ipx.notes_absent_legacy());
  EXPECT_EQ(ipx.absent_legacy_status(), 1);
}

TEST(SocketSelection, FamiliesAloneTurnProtocolsOnImplicitly) {
  // -4 names no protocol: every inet one, IPv4 files only, and a missing
  // file is no news even with -v (2.10's flag_noprot), while --json still
  // warns with -v (report_absent).
  SocketSelection s = sockets({"-4"});
  EXPECT_TRUE(s.tcp && s.udp && s.raw);
  EXPECT_TRUE(s.inet);
  EXPECT_FALSE(s.inet6);
  EXPECT_TRUE(s.implicit_protocols);
  EXPECT_FALSE(s.notes_absent_table());
  EXPECT_EQ(s.absent_table_status(), 0);
  SocketSelection v = sockets({"-4", "-v"});
  EXPECT_FALSE(v.notes_absent_table());
  EXPECT_TRUE(v.report_absent);
  // The legacy families ignore the implicit rule: named, they are noted.
  EXPECT_TRUE(sockets({"-6", "--ax25"}).notes_absent_legacy());
}

TEST(SocketSelection, ListeningFilterAndBluetooth) {
  EXPECT_TRUE(sockets({"-t"}).shows_listening(false));
  EXPECT_FALSE(sockets({"-t"}).shows_listening(true));
  EXPECT_TRUE(sockets({"-tl"}).shows_listening(true));
  EXPECT_FALSE(sockets({"-tl"}).shows_listening(false));
  EXPECT_TRUE(sockets({"-ta"}).shows_listening(true));
  EXPECT_TRUE(sockets({"-ta"}).shows_listening(false));
  EXPECT_TRUE(sockets({"-t", "--rfcomm"}).bluetooth);
  EXPECT_TRUE(sockets({"--bluetooth"}).bluetooth);
  EXPECT_FALSE(sockets({}).bluetooth);
  EXPECT_TRUE(sockets({"-g"}).groups);
  EXPECT_TRUE(sockets({"-g"}).no_sockets());
}

TEST(StatsSelection, ProtocolsFilterSectionsAndFamiliesPickFiles) {
  StatsSelection all = StatsSelection::from_options(options_of({"-s"}));
  EXPECT_TRUE(all.tcp && all.udp && all.raw && all.sctp);
  EXPECT_FALSE(all.v6);
  StatsSelection t = StatsSelection::from_options(options_of({"-s", "-t"}));
  EXPECT_TRUE(t.tcp);
  EXPECT_FALSE(t.udp || t.raw || t.sctp);
  // -U is no statistics filter: only the unknown sections stay.
  StatsSelection u = StatsSelection::from_options(options_of({"-s", "-U"}));
  EXPECT_FALSE(u.tcp || u.udp || u.raw || u.sctp);
  EXPECT_TRUE(u.shows_section("IpExt"));
  EXPECT_FALSE(u.shows_section("Tcp"));
  EXPECT_TRUE(StatsSelection::from_options(options_of({"-s", "-6"})).v6);
  EXPECT_EQ(StatsSelection::from_options(options_of({"-s", "-A", "ipx"})).unsupported_af, "ipx");
}

TEST(RouteSelection, CacheAndFib) {
  RouteSelection plain = RouteSelection::from_options(options_of({"-r"}));
  EXPECT_TRUE(plain.fib);
  EXPECT_FALSE(plain.cache);
  RouteSelection cache = RouteSelection::from_options(options_of({"-rC"}));
  EXPECT_FALSE(cache.fib);
  EXPECT_TRUE(cache.cache);
  RouteSelection both = RouteSelection::from_options(options_of({"-rCF"}));
  EXPECT_TRUE(both.fib && both.cache);
}

}  // namespace
}  // namespace netstat::model
