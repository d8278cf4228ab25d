// Resolver: net-tools' name formatting (hosts, networks, services, users) on
// top of a root's NameService, with 2.10's caches. Modes ask it for the text
// 2.10 would print; it never calls libc itself.
#pragma once

#include "replay/name_service.h"
#include "src/options.h"

namespace netstat {

class Resolver {
 public:
  Resolver(const NameService& names, const Options& options)
      : m_names(names), m_options(options) {}
  const NameService& names() const { return m_names; }
  const Options& options() const { return m_options; }

 private:
  const NameService& m_names;
  const Options& m_options;
};

}  // namespace netstat
