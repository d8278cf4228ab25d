// The socket listing mode (net-tools 2.10's main loop body for sockets):
// sections in 2.10's fixed order (Internet title, tcp, sctp, udp, udplite,
// raw, -g groups, UNIX, IPX, AX.25, X.25, NET/ROM, ROSE, Bluetooth), each
// file read through the Root, the "-p" cache built once per pass, missing
// files reported as 2.10's INFO_GUTS macros do, and the pass stopped at the
// first section that returns a status (1 = explicitly selected file missing,
// 255 = any other open error, reported like perror).
// On a root whose reads cost kernel time and may overlap (the live system),
// the -p scan of /proc/*/fd runs on a second thread while this one reads
// the tcp files: the two biggest reads of -tanp then take the time of the
// longer, not the sum. Without -p, each tcp/udp/raw table is read on a
// second thread while the lines already read are printed (pipelined_read);
// igmp and unix are printed read by read on this thread (streamed_read).
// Output and messages are the same either way.
// On the live system the tcp/udp/udplite/raw tables come from sock_diag
// netlink dumps where those reproduce the file's rows exactly
// (Root::inet_rows, replay/live_sock_diag.cc), and from the files otherwise;
// --proc / --netlink / NETSTAT_SOCKET_SOURCE choose (replay/socket_rows.h).
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "formats/proc_net_igmp.h"
#include "formats/proc_net_inet.h"
#include "formats/proc_net_legacy.h"
#include "formats/proc_net_sctp.h"
#include "formats/proc_net_unix.h"
#include "replay/read_plan.h"
#include "replay/root.h"
#include "src/chunked_rows.h"
#include "src/context.h"
#include "src/i18n.h"
#include "src/model/selection.h"
#include "src/pipelined_read.h"
#include "src/programs.h"
#include "src/render/socket_text.h"

namespace netstat {
namespace {

using read_plan::NetFile;
using read_plan::SocketTables;
using render::InetLabel;

constexpr std::string_view kTcp4 = read_plan::path(NetFile::tcp);
constexpr std::string_view kTcp6 = read_plan::path(NetFile::tcp6);

struct Pass {
  const Options& o;
  /// What to list: sections, files, rows, and how absent files are noted.
  const model::SocketSelection& sel;
  Context& ctx;
  render::SocketText text;
  ProgramCache programs;
  formats::IgmpState igmp;  ///< shared by igmp and igmp6, as in 2.10

  /// tcp and tcp6 read while the -p scan ran (taken once by read()).
  std::optional<Result<std::string>> tcp4, tcp6;
  /// What the root answered for tcp or tcp6 while the -p scan ran: the
  /// outcome and the rows it handed over (held until rows() takes them).
  struct HeldRows {
    InetRowsOutcome outcome;
    ChunkedRows<formats::InetRow> rows;
  };
  std::optional<HeldRows> tcp4_rows, tcp6_rows;

  /// The root's rows for \a file into \a sink (InetRowsOutcome).
  InetRowsOutcome ask_rows(NetFile file, const InetRowSink& sink) const {
    return ctx.root.inet_rows(InetRowsRequest{file, o.socket_source, o.timers > 0}, sink);
  }

  /// ask_rows, answered from what was asked while the -p scan ran.
  InetRowsOutcome rows(NetFile file, const InetRowSink& sink) {
    std::optional<HeldRows>* h =
        file == NetFile::tcp ? &tcp4_rows : file == NetFile::tcp6 ? &tcp6_rows : nullptr;
    if (h != nullptr && h->has_value()) {
      HeldRows held = std::move(**h);
      h->reset();
      held.rows.for_each(sink);
      return held.outcome;
    }
    return ask_rows(file, sink);
  }

  /// What the -p scan's thread reads meanwhile: \a file's rows (held: they
  /// are rendered once the programs are known), and its text when the file
  /// is to be read whole.
  void prefetch_one(NetFile file, std::optional<HeldRows>& rows_out,
                    std::optional<Result<std::string>>& text_out) {
    HeldRows& held = rows_out.emplace();
    held.outcome = ask_rows(file, [&held](const formats::InetRow& row) {
      held.rows.push_back(row);
    });
    if (held.outcome.kind == InetRowsOutcome::Kind::file && held.outcome.rows == 0) {
      text_out.emplace(ctx.root.read_file(read_plan::path(file)));
    }
  }

  /// Builds the -p cache; with \a prefetch_tcp on a concurrent root, reads
  /// the tcp files the pass will show meanwhile. The scan's notes go to
  /// stderr when it is done, before anything of the section is printed, as
  /// without the thread. (/proc/net/unix read that way, or streamed, cost
  /// more than it saved: see docs/performance.md, 2026-12-03.)
  void load_programs(bool prefetch_tcp) {
    if (o.programs == 0 || programs.loaded()) return;
    text.programs = &programs;
    if (!prefetch_tcp || !ctx.root.concurrent_reads()) {
      programs.load(ctx.root, ctx.err);
      return;
    }
    Output notes;
    std::future<void> scan = std::async(
        std::launch::async, [this, &notes] { programs.load(ctx.root, notes); });
    if (sel.inet) prefetch_one(NetFile::tcp, tcp4_rows, tcp4);
    if (sel.inet6) prefetch_one(NetFile::tcp6, tcp6_rows, tcp6);
    scan.get();
    ctx.err.write(notes.str());
  }

  /// Where \a path is held when it was read while the -p scan ran.
  std::optional<Result<std::string>>* held(std::string_view path) {
    return path == kTcp4 ? &tcp4 : path == kTcp6 ? &tcp6 : nullptr;
  }

  /// Whether \a path was read while the -p scan ran (and not yet taken).
  bool prefetched(std::string_view path) {
    std::optional<Result<std::string>>* h = held(path);
    return h != nullptr && h->has_value();
  }

  /// read_file, answered from the prefetched files when they are there.
  Result<std::string> read(std::string_view path) {
    std::optional<Result<std::string>>* held = this->held(path);
    if (held != nullptr && held->has_value()) {
      Result<std::string> r = std::move(**held);
      held->reset();
      return r;
    }
    return ctx.root.read_file(path);
  }
};

bool is_absent(const Error& e) {
  return e.code == Errc::not_found || e.code == Errc::not_captured;
}

void perror_path(Pass& p, std::string_view path, const Error& e) {
  p.ctx.err.print("{}: {}\n", path, i18n::error_text(e));
}

/// 2.10's ESYSNOT("netstat", name).
void no_support(Output& err, std::string_view name) {
  std::string n(name);
  i18n::printf_to(err.buffer(), "%s: no support for `%s' on this system.\n",
                  "netstat", n.c_str());
  err.after_write();
}

/// INFO_GUTS1's failure branch for a protocol's first (IPv4) file.
int first_file_failed(Pass& p, std::string_view path, const Error& e,
                      std::string_view name) {
  if (!is_absent(e) && e.code != Errc::permission_denied) {
    perror_path(p, path, e);
    return 255;
  }
  if (p.sel.notes_absent_table()) no_support(p.ctx.err, name);
  return p.sel.absent_table_status();
}

/// How a section's file is read: whole; pipelined (a second thread reads
/// while this one prints, for tables whose printing costs about as much as
/// the kernel's formatting: tcp, udp, raw); streamed (this thread prints
/// each read(2) as it comes, for tables whose printing is cheap next to
/// the kernel's walk: igmp, unix). The last two only for line tables on a
/// root whose reads may overlap (live, directories); elsewhere whole.
enum class Reading : uint8_t { whole, pipelined, streamed };

/// One file of a section into \a render(text, pieces_before) -> pieces:
/// prefetched or read whole, or in runs of whole lines (Reading). The error
/// when nothing could be read.
template <typename Render>
Result<void> feed(Pass& p, std::string_view path, Reading how, Render&& render) {
  if (how == Reading::whole || p.prefetched(path) || !p.ctx.root.concurrent_reads()) {
    Result<std::string> text = p.read(path);
    if (!text.ok()) return text.error();
    render(std::string_view(*text), size_t{0});
    return Result<void>();
  }
  size_t pieces = 0;
  auto consume = [&](std::string_view text) { pieces += render(text, pieces); };
  return how == Reading::pipelined ? pipelined_read(p.ctx.root, path, consume)
                                   : streamed_read(p.ctx.root, path, consume);
}

/// No table source other than the files (groups, sctp).
struct NoRows {
  std::optional<int> operator()(NetFile, bool) const { return std::nullopt; }
};

/// INFO_GUTS6: the IPv4 file (when inet is selected), then the IPv6 one
/// (when inet6 is selected; any failure there is silent).
/// \a render(text, v6, pieces_before) -> pieces of text. \a rows(file, v6)
/// renders the table from another source and returns a status, or returns
/// nullopt: read the file.
template <typename Render, typename Rows = NoRows>
int v4_v6_feed(Pass& p, const SocketTables& t, Reading how, Render&& render,
               Rows&& rows = NoRows{}) {
  const std::string_view path4 = read_plan::path(t.v4);
  const std::string_view path6 = read_plan::path(t.v6);
  int rc = 0;
  if (p.sel.inet) {
    if (std::optional<int> done = rows(t.v4, false)) {
      if (*done != 0) return *done;
    } else {
      Result<void> r = feed(p, path4, how, [&](std::string_view text, size_t before) {
        return render(text, false, before);
      });
      if (!r.ok()) {
        rc = first_file_failed(p, path4, r.error(), t.family);
        if (rc == 255) return rc;
      }
    }
  }
  if (p.sel.inet6) {
    if (std::optional<int> done = rows(t.v6, true)) {
      if (*done != 0) return *done;
    } else {
      (void)feed(p, path6, how, [&](std::string_view text, size_t before) {
        return render(text, true, before);
      });
    }
  }
  return rc;
}

/// v4_v6_feed for tables parsed whole: \a render(text, v6).
template <typename Render>
int v4_v6_files(Pass& p, const SocketTables& t, Render&& render) {
  return v4_v6_feed(p, t, Reading::whole,
                    [&](std::string_view text, bool v6, size_t) -> size_t {
                      render(text, v6);
                      return 0;
                    });
}

int inet_section(Pass& p, const SocketTables& t, InetLabel l4, InetLabel l6) {
  // Rows of the file that the root already handed over (a dump that
  // stopped part way): the file's rendering skips that many rows.
  size_t skip = 0;
  return v4_v6_feed(p, t, Reading::pipelined,
                    [&](std::string_view text, bool v6, size_t before) -> size_t {
    InetLabel label = v6 ? l6 : l4;
    formats::InetKind kind = render::label_kind(label);
    return formats::scan_proc_net_inet(
        text, kind,
        [&](const formats::InetRow& row) {
          if (skip > 0) {
            --skip;
          } else if (render::inet_row_shown(p.sel, row, kind)) {
            render::inet_row(p.text, row, label);
          }
        },
        [&](const formats::InetIssue&) { p.ctx.err.write(i18n::trv(t.bogus)); },
        before);
  }, [&](NetFile file, bool v6) -> std::optional<int> {
    InetLabel label = v6 ? l6 : l4;
    formats::InetKind kind = render::label_kind(label);
    InetRowsOutcome out = p.rows(file, [&](const formats::InetRow& row) {
      if (render::inet_row_shown(p.sel, row, kind)) render::inet_row(p.text, row, label);
    });
    switch (out.kind) {
      case InetRowsOutcome::Kind::done:
        return 0;
      case InetRowsOutcome::Kind::failed:
        // Only with --netlink: sock_diag was demanded and could not answer.
        p.ctx.err.print("netstat: {}: {}\n", out.error.message, i18n::error_text(out.error));
        return 1;
      case InetRowsOutcome::Kind::file:
        break;
    }
    skip = out.rows;
    return std::nullopt;
  });
}

int sctp_section(Pass& p) {
  if (p.sel.shows_listening(true)) {
    int rc = v4_v6_files(
        p, read_plan::kSctpEps, [&](std::string_view text, bool) {
          formats::SctpEndpointTable t = formats::parse_proc_net_sctp_eps(text);
          for (const formats::SctpEndpointRow& row : t.rows) {
            render::sctp_endpoint_row(p.text, row, "sctp");
          }
          for (size_t i = 0; i < t.issues.size(); ++i) {
            p.ctx.err.write(i18n::trv(read_plan::kSctpEps.bogus));
          }
        });
    if (rc != 0) return rc;
  }
  if (p.sel.shows_listening(false)) {
    return v4_v6_files(
        p, read_plan::kSctpAssocs, [&](std::string_view text, bool) {
          formats::SctpAssocTable t = formats::parse_proc_net_sctp_assocs(text);
          for (const formats::SctpAssocRow& row : t.rows) {
            render::sctp_assoc_row(p.text, row, "sctp");
          }
          for (size_t i = 0; i < t.issues.size(); ++i) {
            p.ctx.err.write(i18n::trv(read_plan::kSctpAssocs.bogus));
          }
        });
  }
  return 0;
}

int groups_section(Pass& p) {
  render::groups_header(p.text);
  // Streamed: the state machine's state (p.igmp) carries over between runs
  // of lines, and piece numbers continue from \a before.
  return v4_v6_feed(
      p, read_plan::kIgmp, Reading::streamed,
      [&](std::string_view text, bool, size_t before) -> size_t {
        formats::FgetsLines lines(text);
        std::string_view piece;
        formats::IgmpRow row;
        while (lines.next(piece)) {
          uint32_t n = static_cast<uint32_t>(before + lines.count() - 1);
          bool bogus = false, bogus_v6 = false;
          if (formats::parse_igmp_line(piece, n, p.igmp, row, bogus, bogus_v6)) {
            render::group_row(p.text, row);
          } else if (bogus) {
            fmt::memory_buffer& eb = p.ctx.err.buffer();
            if (bogus_v6) {
              i18n::printf_to(eb, "warning, got bogus igmp6 line %d.\n",
                              static_cast<int>(n));
            } else {
              i18n::printf_to(eb, "warning, got bogus igmp line %d.\n",
                              static_cast<int>(n));
            }
            p.ctx.err.after_write();
          }
        }
        return lines.count();
      });
}

int unix_section(Pass& p) {
  p.load_programs(false);
  render::unix_header(p.text);
  const SocketTables& t = read_plan::kUnix;
  // Streamed on this thread (streamed_read): rows are printed from each
  // read(2)'s buffer, so the table is never held whole (at 20k sockets that
  // was ~1,100 page faults of a growing string, more than the parsing).
  bool has_inode = false;
  size_t pieces = 0;
  Result<void> r = streamed_read(p.ctx.root, read_plan::path(t.v4), [&](std::string_view text) {
    pieces += formats::scan_proc_net_unix(
        text, [&](bool h) { has_inode = h; },
        [&](const formats::UnixRow& row) {
          if (render::unix_row_shown(p.sel, row)) {
            render::unix_row(p.text, row, has_inode);
          }
        },
        [&](const formats::UnixIssue&) { p.ctx.err.write(i18n::trv(t.bogus)); }, pieces);
  });
  if (!r.ok()) return first_file_failed(p, read_plan::path(t.v4), r.error(), t.family);
  return 0;
}

/// A legacy family: its title and rows only when the file opens; a missing
/// file is reported when selected explicitly or with -v (2.10 ignores the
/// implicit-protocol rule here), any other failure like perror.
template <typename Render>
int legacy_section(Pass& p, const SocketTables& t, Render&& render) {
  const std::string_view path = read_plan::path(t.v4);
  Result<std::string> text = p.ctx.root.read_file(path);
  if (text.ok()) {
    render(*text);
    return 0;
  }
  if (!is_absent(text.error())) {
    perror_path(p, path, text.error());
    return 255;
  }
  if (p.sel.notes_absent_legacy()) no_support(p.ctx.err, t.family);
  return p.sel.absent_legacy_status();
}

}  // namespace

int run_sockets(const Options& o, Context& ctx, int /*iteration*/) {
  const model::SocketSelection sel = model::SocketSelection::from_options(o);
  Pass p{o, sel, ctx, render::SocketText{o, ctx.resolver, ctx.out, nullptr, 100, {}},
         ProgramCache{}, formats::IgmpState{}, {}, {}, {}, {}};
  p.text.clk_tck = ctx.root.identity().clk_tck;
  int rc = 0;

  if (sel.any_inet()) {
    p.load_programs(sel.tcp);
    render::inet_header(p.text);
  }
  if (sel.tcp) {
    rc = inet_section(p, read_plan::kTcp, InetLabel::tcp, InetLabel::tcp6);
    if (rc != 0) return rc;
  }
  if (sel.sctp) {
    rc = sctp_section(p);
    if (rc != 0) return rc;
  }
  if (sel.udp) {
    rc = inet_section(p, read_plan::kUdp, InetLabel::udp, InetLabel::udp6);
    if (rc != 0) return rc;
  }
  if (sel.udplite) {
    rc = inet_section(p, read_plan::kUdplite, InetLabel::udpl, InetLabel::udpl6);
    if (rc != 0) return rc;
  }
  if (sel.raw) {
    rc = inet_section(p, read_plan::kRaw, InetLabel::raw, InetLabel::raw6);
    if (rc != 0) return rc;
  }
  if (sel.groups) {
    rc = groups_section(p);
    if (rc != 0) return rc;
  }
  if (sel.unix_domain) {
    rc = unix_section(p);
    if (rc != 0) return rc;
  }
  if (sel.ipx) {
    rc = legacy_section(p, read_plan::kIpx, [&](std::string_view t) {
      render::ipx_section(p.text, formats::parse_proc_net_ipx(t));
    });
    if (rc != 0) return rc;
  }
  if (sel.ax25) {
    rc = legacy_section(p, read_plan::kAx25, [&](std::string_view t) {
      render::ax25_section(p.text, formats::parse_proc_net_ax25(t));
    });
    if (rc != 0) return rc;
  }
  if (sel.x25) {
    rc = legacy_section(p, read_plan::kX25, [&](std::string_view t) {
      render::x25_section(p.text, formats::parse_proc_net_x25(t));
    });
    if (rc != 0) return rc;
  }
  if (sel.netrom) {
    rc = legacy_section(p, read_plan::kNetrom, [&](std::string_view t) {
      render::netrom_section(p.text, formats::parse_proc_net_nr(t));
    });
    if (rc != 0) return rc;
  }
  if (sel.rose) {
    rc = legacy_section(p, read_plan::kRose, [&](std::string_view t) {
      render::rose_section(p.text, formats::parse_proc_net_rose(t));
    });
    if (rc != 0) return rc;
  }
  if (sel.bluetooth) {
    ctx.err.write(
        "netstat: feature `AF BLUETOOTH' not supported.\n"
        "Please recompile `net-tools' with newer kernel source or full "
        "configuration.\n");
    return 1;
  }
  return 0;
}

}  // namespace netstat
