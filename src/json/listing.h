// --json / --json-lines for every netstat mode: the same mode dispatch and
// selection flags as the text modes (-M, -s, -r, -i, else sockets with
// -t/-u/-U/-w/-S/-x/-g/-4/-6/-A and -a/-l), rows from the model, written
// as one document (--json) or one object per line (--json-lines).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "src/context.h"
#include "src/json/rows.h"
#include "src/model/snapshot.h"
#include "src/options.h"

namespace netstat {

/// One pass of the selected mode as JSON. Returns the exit status.
int run_json(const Options& o, Context& ctx);

/// How emit_json writes: the document or one record per line, and for
/// `netstat export` the rows' identity, where warnings go and a call after
/// each row (to hand full buffers on).
struct JsonEmit {
  bool lines = false;
  const json::RowIdentity* identity = nullptr;  ///< lines only
  /// When set (lines only), warnings are appended here instead of printed.
  std::vector<std::string>* warnings = nullptr;
  std::function<void()> after_row;  ///< lines only; after each row's '\n'
  /// Lines only: where each socket row goes (export writes listening and
  /// other sockets to two partitions); unset = ctx.out.
  std::function<Output&(const model::Socket&)> socket_out;
  uint64_t rows = 0;                ///< out: rows written
};

/// The rows of the mode \a o selects, from ctx.root, described by \a meta,
/// written to ctx.out as \a how says. Returns the exit status.
int emit_json(const Options& o, Context& ctx, const model::Metadata& meta,
              JsonEmit& how);

}  // namespace netstat
