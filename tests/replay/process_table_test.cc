// netstat/processes.tsv: writing, parsing, escapes and malformed tables.
#include "replay/process_table.h"

#include <gtest/gtest.h>

namespace netstat {
namespace {

using std::string_literals::operator""s;

TEST(ProcessTable, SerializesInGivenOrder) {
  std::vector<ProcessRecord> procs(3);
  procs[0].pid = "1";
  procs[0].fd_error = Error{Errc::permission_denied, 13, {}};
  procs[1].pid = "214";
  procs[1].cmdline = Result<std::string>("/usr/sbin/sshd\0"s);
  procs[1].fds = {{"3", "socket:[1234]"}, {"7", "[0000]:99"}};
  procs[2].pid = "300";
  procs[2].cmdline = Result<std::string>(Error{Errc::not_found, 2, {}});
  procs[2].fds = {{"0", "socket:[5]"}};
  EXPECT_EQ(serialize_process_table(procs),
            "netstat-processes\t1\n"
            "P\t1\tpermission_denied:13\t-\t\n"
            "P\t214\tok\tok\t/usr/sbin/sshd\\x00\n"
            "F\t3\tsocket:[1234]\n"
            "F\t7\t[0000]:99\n"
            "P\t300\tok\tnot_found:2\t\n"
            "F\t0\tsocket:[5]\n");
}

TEST(ProcessTable, EscapesControlBytesAndBackslash) {
  EXPECT_EQ(escape_field("a\tb\nc\\d\x7f\x01 \xc3\xa9"s),
            "a\\x09b\\x0ac\\x5cd\\x7f\\x01 \xc3\xa9");
}

TEST(ProcessTable, ParsesWhatItWrites) {
  std::vector<ProcessRecord> procs(2);
  procs[0].pid = "1";
  procs[0].fd_error = Error{Errc::permission_denied, 13, {}};
  procs[1].pid = "42";
  procs[1].cmdline = Result<std::string>("nginx: worker\tprocess\0-g\0"s);
  procs[1].fds = {{"3", "socket:[1]"}, {"4", "socket:[2]"}};
  Result<ProcessTable> t = ProcessTable::parse(serialize_process_table(procs));
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->processes().size(), 2u);
  const ProcessTable::Process* p1 = t->find("1");
  ASSERT_NE(p1, nullptr);
  ASSERT_TRUE(p1->fd_error.has_value());
  EXPECT_EQ(p1->fd_error->code, Errc::permission_denied);
  EXPECT_EQ(p1->fd_error->sys_errno, 13);
  EXPECT_FALSE(p1->cmdline_read);
  const ProcessTable::Process* p42 = t->find("42");
  ASSERT_NE(p42, nullptr);
  EXPECT_TRUE(p42->cmdline_read);
  EXPECT_EQ(p42->cmdline, "nginx: worker\tprocess\0-g\0"s);
  ASSERT_EQ(t->fds_end(*p42) - t->fds_begin(*p42), 2);
  EXPECT_EQ(t->fds_begin(*p42)[1].name, "4");
  EXPECT_EQ(t->fds_begin(*p42)[1].target, "socket:[2]");
  EXPECT_EQ(t->find("7"), nullptr);
}

TEST(ProcessTable, SurvivesBeingMoved) {
  Result<ProcessTable> t = ProcessTable::parse(
      "netstat-processes\t1\nP\t5\tok\tok\ta\\x00b\nF\t1\tsocket:[9]\n");
  ASSERT_TRUE(t.ok());
  ProcessTable moved = std::move(*t);
  const ProcessTable::Process* p = moved.find("5");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->cmdline, "a\0b"s);
  EXPECT_EQ(moved.fds_begin(*p)->target, "socket:[9]");
}

// The table built in memory for a sosreport's owners is the one
// serialize_process_table + parse give for the same processes (the text
// round trip it replaced): pids, cmdlines with odd bytes, fd names and
// targets, lookups; and it survives being moved.
TEST(ProcessTable, FromSocketOwnersEqualsTheParsedText) {
  std::string odd = "we\\ird\tname\x01\xc3\xa9";
  std::vector<ProcessTable::OwnerProcess> owners = {
      {7, "sshd", 0, 2}, {42, odd, 2, 2}, {18446744073709551615u, "x", 2, 3}};
  std::vector<uint64_t> inodes = {1234, 18446744073709551615u, 5};
  std::vector<ProcessRecord> records(3);
  records[0].pid = "7";
  records[0].cmdline = Result<std::string>("sshd\0"s);
  records[0].fds = {{"0", "socket:[1234]"}, {"1", "socket:[18446744073709551615]"}};
  records[1].pid = "42";
  records[1].cmdline = Result<std::string>(odd + "\0"s);
  records[2].pid = "18446744073709551615";
  records[2].cmdline = Result<std::string>("x\0"s);
  records[2].fds = {{"0", "socket:[5]"}};
  Result<ProcessTable> parsed = ProcessTable::parse(serialize_process_table(records));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ProcessTable built = ProcessTable::from_socket_owners(owners, inodes);
  ProcessTable moved = std::move(built);
  ASSERT_EQ(moved.processes().size(), parsed->processes().size());
  ASSERT_EQ(moved.fd_count(), parsed->fd_count());
  for (size_t i = 0; i < parsed->processes().size(); ++i) {
    const ProcessTable::Process& a = moved.processes()[i];
    const ProcessTable::Process& b = parsed->processes()[i];
    EXPECT_EQ(a.pid, b.pid);
    EXPECT_EQ(a.cmdline_read, b.cmdline_read);
    EXPECT_EQ(a.cmdline, b.cmdline);
    EXPECT_FALSE(a.fd_error.has_value());
    EXPECT_FALSE(a.cmdline_error.has_value());
    ASSERT_EQ(a.fd_end - a.fd_begin, b.fd_end - b.fd_begin);
    for (uint32_t k = 0; k < a.fd_end - a.fd_begin; ++k) {
      EXPECT_EQ(moved.fds_begin(a)[k].name, parsed->fds_begin(b)[k].name);
      EXPECT_EQ(moved.fds_begin(a)[k].target, parsed->fds_begin(b)[k].target);
    }
    ASSERT_NE(moved.find(b.pid), nullptr);
    EXPECT_EQ(moved.find(b.pid)->pid, b.pid);
  }
  EXPECT_EQ(moved.find("8"), nullptr);
}

TEST(ProcessTable, EmptyTableHasNoProcesses) {
  Result<ProcessTable> t = ProcessTable::parse("netstat-processes\t1\n");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->processes().empty());
}

TEST(ProcessTable, SkipsUnknownRecordTypes) {
  Result<ProcessTable> t =
      ProcessTable::parse("netstat-processes\t1\nP\t5\tok\t-\t\nZ\tfuture\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->processes().size(), 1u);
}

struct BadTable {
  const char* text;
  const char* message;
};

class ProcessTableErrors : public ::testing::TestWithParam<BadTable> {};

TEST_P(ProcessTableErrors, NamesTheLine) {
  Result<ProcessTable> t = ProcessTable::parse(GetParam().text);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ProcessTableErrors,
    ::testing::Values(
        BadTable{"", "line 1: empty process table"},
        BadTable{"netstat-processes\t2\n",
                 "line 1: not a netstat process table (expected "
                 "'netstat-processes<TAB>1')"},
        BadTable{"netstat-processes\t1\nF\t1\tsocket:[1]\n",
                 "line 2: F record before any P record"},
        BadTable{"netstat-processes\t1\nP\tabc\tok\t-\t\n", "line 2: bad pid 'abc'"},
        BadTable{"netstat-processes\t1\nP\t1\tok\t-\n", "line 2: malformed P record"},
        BadTable{"netstat-processes\t1\nP\t1\tweird\t-\t\n",
                 "line 2: bad fd state 'weird'"},
        BadTable{"netstat-processes\t1\nP\t1\tok\tnot_found:x\t\n",
                 "line 2: bad cmdline state 'not_found:x'"},
        BadTable{"netstat-processes\t1\nP\t1\tok\tok\tbad\\x4\n",
                 "line 2: bad escape in cmdline"},
        BadTable{"netstat-processes\t1\nP\t1\tok\t-\t\nP\t1\tok\t-\t\n",
                 "line 3: pid 1 listed twice"},
        BadTable{"netstat-processes\t1\nP\t1\tok\t-\t\nF\t../x\tsocket:[1]\n",
                 "line 3: bad fd name"},
        BadTable{"netstat-processes\t1\nP\t1\tok\t-\t\nF\t1\n",
                 "line 3: malformed F record"}));

}  // namespace
}  // namespace netstat
