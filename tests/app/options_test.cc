// Option parsing against texts recorded from /usr/bin/netstat 2.10.
#include "src/options.h"

#include <gtest/gtest.h>

namespace netstat {
namespace {

ParseResult parse(std::vector<std::string> args, std::string* out_text,
                  std::string* err_text) {
  Output out, err;
  args.insert(args.begin(), "netstat");
  ParseResult r = parse_options(args, out, err);
  *out_text = out.str();
  *err_text = err.str();
  return r;
}

TEST(OptionsTest, BundledShortFlags) {
  std::string out, err;
  ParseResult r = parse({"-tanpeo"}, &out, &err);
  ASSERT_TRUE(r.run);
  EXPECT_EQ("", err);
  EXPECT_EQ(1, r.options.tcp);
  EXPECT_EQ(1, r.options.all);
  EXPECT_EQ(kNumAll, r.options.numeric);
  EXPECT_EQ(1, r.options.programs);
  EXPECT_EQ(1, r.options.extend);
  EXPECT_EQ(1, r.options.timers);
  // -t alone turns on both families (rule 3).
  EXPECT_TRUE(r.options.inet);
  EXPECT_TRUE(r.options.inet6);
  EXPECT_FALSE(r.options.implicit_protocols);
}

TEST(OptionsTest, InvalidOptionMessageAndUsage) {
  std::string out, err;
  ParseResult r = parse({"-T"}, &out, &err);
  EXPECT_FALSE(r.run);
  EXPECT_EQ(3, r.exit_status);
  EXPECT_EQ("", out);
  EXPECT_EQ(0u, err.find("netstat: invalid option -- 'T'\nusage: netstat"));
}

TEST(OptionsTest, AmbiguousLongOption) {
  std::string out, err;
  ParseResult r = parse({"--num"}, &out, &err);
  EXPECT_EQ(3, r.exit_status);
  EXPECT_EQ(0u, err.find("netstat: option '--num' is ambiguous; "
                         "possibilities: '--numeric' '--numeric-hosts' "
                         "'--numeric-ports' '--numeric-users'\n"));
}

TEST(OptionsTest, UnknownAddressFamily) {
  std::string out, err;
  ParseResult r = parse({"-A", "inet,foo", "-t"}, &out, &err);
  EXPECT_FALSE(r.run);
  EXPECT_EQ(1, r.exit_status);
  EXPECT_EQ("Unknown address family `foo'.\n", err);
}

TEST(OptionsTest, TcpipLongOptionIsBroken) {
  std::string out, err;
  ParseResult r = parse({"--tcpip", "-t"}, &out, &err);
  ASSERT_TRUE(r.run);
  EXPECT_EQ("netstat.c: Internal Error `longopts 1 range'.\n", err);
  EXPECT_EQ("", r.options.af_list);
}

TEST(OptionsTest, ImplicitProtocolsFromFamily) {
  std::string out, err;
  ParseResult r = parse({"-4"}, &out, &err);
  ASSERT_TRUE(r.run);
  EXPECT_TRUE(r.options.implicit_protocols);
  EXPECT_EQ("inet", r.options.af_list);
  EXPECT_EQ(1, r.options.raw);
}

TEST(OptionsTest, TwoModesConflict) {
  std::string out, err;
  ParseResult r = parse({"-r", "-i"}, &out, &err);
  EXPECT_EQ(3, r.exit_status);
  EXPECT_EQ(0u, err.find("usage: netstat"));
}

TEST(OptionsTest, OwnOptionsAreExtracted) {
  std::string out, err;
  ParseResult r = parse({"--root=/tmp/x", "-tn", "--json"}, &out, &err);
  ASSERT_TRUE(r.run);
  EXPECT_EQ("/tmp/x", r.options.root);
  EXPECT_TRUE(r.options.json);
  EXPECT_EQ("", err);
}

TEST(OptionsTest, HelpGoesToStdoutFamiliesToStderr) {
  std::string out, err;
  ParseResult r = parse({"-h"}, &out, &err);
  EXPECT_EQ(0, r.exit_status);
  EXPECT_EQ(0u, out.find("usage: netstat"));
  EXPECT_EQ("    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"
            "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n"
            "    ddp (Appletalk DDP) x25 (CCITT X.25) \n",
            err);
}

}  // namespace
}  // namespace netstat
