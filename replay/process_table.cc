// Writes and parses netstat/processes.tsv (format in process_table.h and
// docs/bundle-format.md). Parsing keeps string_views into the owned text and
// only copies fields that carry escapes.
#include "replay/process_table.h"

#include <charconv>

#include "replay/errc_names.h"

namespace netstat {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool needs_escape(unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (s.size() - i < 4 || s[i + 1] != 'x') return std::nullopt;
    int hi = hex_value(s[i + 2]);
    int lo = hex_value(s[i + 3]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 3;
  }
  return out;
}

void append_state(std::string& out, const std::optional<Error>& e) {
  if (e) {
    out += error_state_text(*e);
  } else {
    out += "ok";
  }
}

// Splits \a line at tabs into at most \a n fields; false if the count differs.
bool split_fields(std::string_view line, std::string_view* fields, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n; ++k) {
    size_t tab = line.find('\t', i);
    if (k + 1 == n) {
      if (tab != std::string_view::npos) return false;
      fields[k] = line.substr(i);
      return true;
    }
    if (tab == std::string_view::npos) return false;
    fields[k] = line.substr(i, tab - i);
    i = tab + 1;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (needs_escape(c)) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
}

std::string escape_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s);
  return out;
}

std::string serialize_process_table(const std::vector<ProcessRecord>& procs) {
  size_t fds = 0;
  for (const ProcessRecord& p : procs) fds += p.fds.size();
  std::string out;
  out.reserve(32 + procs.size() * 24 + fds * 28);
  out += kProcessTableMagic;
  out.push_back('\n');
  for (const ProcessRecord& p : procs) {
    out += "P\t";
    out += p.pid;
    out.push_back('\t');
    append_state(out, p.fd_error);
    out.push_back('\t');
    if (!p.cmdline) {
      out += "-\t";
    } else if (p.cmdline->ok()) {
      out += "ok\t";
      append_escaped(out, p.cmdline->value());
    } else {
      out += error_state_text(p.cmdline->error());
      out.push_back('\t');
    }
    out.push_back('\n');
    for (const ProcessRecord::Fd& f : p.fds) {
      out += "F\t";
      append_escaped(out, f.name);
      out.push_back('\t');
      append_escaped(out, f.target);
      out.push_back('\n');
    }
  }
  return out;
}

Result<ProcessTable> ProcessTable::parse(std::string text) {
  ProcessTable t;
  t.m_text = std::make_unique<std::string>(std::move(text));
  std::string_view all = *t.m_text;
  size_t pos = 0;
  size_t line_no = 0;
  auto field = [&t](std::string_view raw) -> std::optional<std::string_view> {
    if (raw.find('\\') == std::string_view::npos) return raw;
    std::optional<std::string> u = unescape(raw);
    if (!u) return std::nullopt;
    return std::string_view(t.m_unescaped.emplace_back(std::move(*u)));
  };
  auto fail = [&line_no](const std::string& what) {
    return Error{Errc::invalid, 0, "line " + std::to_string(line_no) + ": " + what};
  };
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view line = all.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line_no == 1) {
      if (line != kProcessTableMagic) {
        return fail("not a netstat process table (expected 'netstat-processes<TAB>1')");
      }
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == 'P') {
      std::string_view f[5];
      if (!split_fields(line, f, 5) || f[0] != "P") return fail("malformed P record");
      if (!all_digits(f[1])) return fail("bad pid '" + std::string(f[1]) + "'");
      Process p;
      p.pid = f[1];
      if (f[2] != "ok") {
        p.fd_error = parse_error_state(f[2]);
        if (!p.fd_error) return fail("bad fd state '" + std::string(f[2]) + "'");
      }
      if (f[3] == "ok") {
        std::optional<std::string_view> cmd = field(f[4]);
        if (!cmd) return fail("bad escape in cmdline");
        p.cmdline_read = true;
        p.cmdline = *cmd;
      } else if (f[3] != "-") {
        p.cmdline_error = parse_error_state(f[3]);
        if (!p.cmdline_error) {
          return fail("bad cmdline state '" + std::string(f[3]) + "'");
        }
        p.cmdline_read = true;
      }
      p.fd_begin = p.fd_end = static_cast<uint32_t>(t.m_fds.size());
      if (!t.m_by_pid.emplace(p.pid, t.m_procs.size()).second) {
        return fail("pid " + std::string(p.pid) + " listed twice");
      }
      t.m_procs.push_back(std::move(p));
    } else if (line[0] == 'F') {
      std::string_view f[3];
      if (!split_fields(line, f, 3) || f[0] != "F") return fail("malformed F record");
      if (t.m_procs.empty()) return fail("F record before any P record");
      std::optional<std::string_view> name = field(f[1]);
      std::optional<std::string_view> target = field(f[2]);
      if (!name || !target) return fail("bad escape in F record");
      if (name->empty() || name->find('/') != std::string_view::npos) {
        return fail("bad fd name");
      }
      t.m_fds.push_back({*name, *target});
      t.m_procs.back().fd_end = static_cast<uint32_t>(t.m_fds.size());
    }
    // Other record letters are reserved for later versions and skipped.
  }
  if (line_no == 0) {
    return Error{Errc::invalid, 0, "line 1: empty process table"};
  }
  return t;
}

ProcessTable ProcessTable::from_socket_owners(const std::vector<OwnerProcess>& procs,
                                              const std::vector<uint64_t>& inodes) {
  // Every field is written into one text the table owns, sized up front so
  // the views taken while writing stay valid.
  constexpr size_t kU64 = 20;                      // digits of a uint64_t
  constexpr size_t kTarget = sizeof("socket:[]") - 1 + kU64;
  size_t need = 0;
  for (const OwnerProcess& p : procs) {
    need += kU64 + p.program.size() + 1 + (p.end - p.begin) * (kU64 + kTarget);
  }
  ProcessTable t;
  t.m_text = std::make_unique<std::string>();
  std::string& text = *t.m_text;
  text.reserve(need);
  auto put_number = [&text](uint64_t v, std::string_view before, std::string_view after) {
    size_t at = text.size();
    char digits[kU64];
    auto [end, ec] = std::to_chars(digits, digits + kU64, v);
    (void)ec;  // kU64 digits always fit
    text.append(before);
    text.append(digits, end);
    text.append(after);
    return std::string_view(text.data() + at, text.size() - at);
  };
  t.m_procs.reserve(procs.size());
  t.m_fds.reserve(inodes.size());
  t.m_by_pid.reserve(procs.size());
  for (const OwnerProcess& op : procs) {
    Process p;
    p.pid = put_number(op.pid, {}, {});
    size_t at = text.size();
    text.append(op.program);
    text.push_back('\0');
    p.cmdline = std::string_view(text.data() + at, text.size() - at);
    p.cmdline_read = true;
    p.fd_begin = static_cast<uint32_t>(t.m_fds.size());
    for (uint32_t i = op.begin; i < op.end; ++i) {
      std::string_view name = put_number(i - op.begin, {}, {});
      std::string_view target = put_number(inodes[i], "socket:[", "]");
      t.m_fds.push_back({name, target});
    }
    p.fd_end = static_cast<uint32_t>(t.m_fds.size());
    t.m_by_pid.emplace(p.pid, t.m_procs.size());
    t.m_procs.push_back(std::move(p));
  }
  return t;
}

const ProcessTable::Process* ProcessTable::find(std::string_view pid) const {
  auto it = m_by_pid.find(pid);
  return it == m_by_pid.end() ? nullptr : &m_procs[it->second];
}

}  // namespace netstat
