// What the sosreport tests share: reading a fixture file, running netstat
// in-process, and a report folder as tar members (symlinks kept) to pack as
// .tar.xz/.tar.gz the way sos does.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/app.h"
#include "tests/replay/tree_fixture.h"

namespace netstat::sos_test {

/// The whole content of \a p ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Run {
  int rc;
  std::string out, err;
};

/// `netstat ARGS...`, run in this process.
inline Run run_netstat(std::vector<std::string> args) {
  Output out, err;
  args.insert(args.begin(), "netstat");
  int rc = run(args, out, err);
  return {rc, out.str(), err.str()};
}

/// The folder \a dir as tar members in path order, symlinks kept; members
/// whose relative path contains \a cut (when not empty) are left out.
inline std::vector<testing::TreeNode> tree_nodes(const std::filesystem::path& dir,
                                                 const std::string& cut = "") {
  namespace fs = std::filesystem;
  std::vector<testing::TreeNode> out;
  std::vector<fs::directory_entry> all(fs::recursive_directory_iterator(dir), {});
  std::sort(all.begin(), all.end());
  for (const fs::directory_entry& e : all) {
    std::string rel = e.path().lexically_relative(dir).string();
    if (!cut.empty() && rel.find(cut) != std::string::npos) continue;
    if (e.is_symlink()) {
      out.push_back({rel, FileType::symlink, fs::read_symlink(e.path()).string()});
    } else if (e.is_directory()) {
      out.push_back({rel, FileType::directory, ""});
    } else {
      out.push_back({rel, FileType::regular, slurp(e.path())});
    }
  }
  return out;
}

}  // namespace netstat::sos_test
