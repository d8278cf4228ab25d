// A Recording written as bundle bytes in memory (write_bundle to a string),
// for tests that look at or damage the bytes.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "capture/bundle_writer.h"

namespace netstat::testing {

inline std::string bundle_bytes(const Recording& rec) {
  std::string bytes;
  Result<void> w = write_bundle(rec, [&bytes](std::string_view d) -> Result<void> {
    bytes.append(d);
    return {};
  });
  EXPECT_TRUE(w.ok()) << w.error().message;
  return bytes;
}

}  // namespace netstat::testing
