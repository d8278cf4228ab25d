#!/usr/bin/env bash
# `cpack -G DEB` from the build directory, then the package used as an
# administrator would: dpkg -i next to the real net-tools (no file conflict,
# no diversion, /usr/bin/netstat untouched), the installed program run
# (version, -V equal to net-tools', a capture replayed), man finding the
# manuals, dpkg -r leaving net-tools as it was. dpkg runs in a private mount
# namespace over overlays of /usr, /etc and /var/lib/dpkg (upper layers on a
# tmpfs), so the machine itself never changes. Root only; skips (77) with a
# message without root, unshare, overlayfs, cpack or dpkg.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: deb_package: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (dpkg -i in a private mount namespace)"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps unshare; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
done
[ -x /usr/bin/netstat ] || skip "needs net-tools installed (the package must install beside it)"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
build=$(cd "$(dirname "$bin")" && pwd)
[ -f "$build/CPackConfig.cmake" ] || { echo "FAIL: no CPackConfig.cmake in $build"; exit 1; }
unshare -m sh -c 'd=$(mktemp -d) && mount -t tmpfs none "$d" && mkdir "$d/u" "$d/w" &&
  mount -t overlay overlay -o "lowerdir=/usr,upperdir=$d/u,workdir=$d/w" /usr' 2>/dev/null ||
  skip "overlayfs over /usr is not permitted here"
export LC_ALL=C

tmp=$(mktemp -d /tmp/deb-package.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

if ! (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out") >"$tmp/cpack.log" 2>&1; then
  tail -20 "$tmp/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1
fi
deb=$(ls "$tmp"/out/netstat-replay_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { ls -R "$tmp/out"; echo "FAIL: no netstat-replay_*.deb"; exit 1; }
ok "cpack built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# Control fields.
dpkg-deb -f "$deb" Package Version Architecture Depends >"$tmp/fields"
grep -qx 'Package: netstat-replay' "$tmp/fields" || fail "Package: $(cat "$tmp/fields")"
grep -q '^Depends: .*libc6' "$tmp/fields" && grep -q '^Depends: .*libarchive' "$tmp/fields" &&
  ok "$(grep ^Depends "$tmp/fields")" || fail "Depends lacks libc6 or libarchive: $(grep ^Depends "$tmp/fields")"
# Contents: no file net-tools has, the layout of docs/packaging.md.
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$tmp/files"
dpkg -L net-tools | sed 's|^/bin/|/usr/bin/|; s|^/sbin/|/usr/sbin/|' >"$tmp/nettools"
common=$(grep -vx '.*/' "$tmp/files" | grep -Fx -f "$tmp/nettools" | grep -v '^/usr\(/share\(/doc\|/man\(/man[0-9]\)\?\|/locale\)\?\)\?/\?$' || true)
[ -z "$common" ] && ok "no path in common with net-tools" || fail "paths shared with net-tools: $common"
for f in /usr/bin/netstat-replay /usr/lib/netstat-replay/bin/netstat \
         /usr/share/man/man1/netstat-replay.1.gz /usr/share/man/man1/netstat-capture.1.gz \
         /usr/share/bash-completion/completions/netstat-replay \
         /usr/share/zsh/vendor-completions/_netstat-replay \
         /usr/share/doc/netstat-replay/README.md; do
  grep -qx "$f" "$tmp/files" || fail "the package lacks $f"
done
grep -qx '/usr/bin/netstat\|/bin/netstat' "$tmp/files" && fail "the package ships netstat itself"

# Install, use, remove: inside a private namespace over overlays.
want_v=$(/usr/bin/netstat -V 2>&1)
cat >"$tmp/inner.sh" <<'EOF'
set -u
deb=$1 tmp=$2
mount -t tmpfs none "$tmp/ovl" || exit 99
for d in usr etc var/lib/dpkg; do
  n=${d//\//_}
  mkdir -p "$tmp/ovl/$n.u" "$tmp/ovl/$n.w"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$tmp/ovl/$n.u,workdir=$tmp/ovl/$n.w" "/$d" || exit 99
done
step() { echo "== $*"; }
step install; dpkg -i "$deb" >"$tmp/install.log" 2>&1; echo "rc=$?"
step status; dpkg-query -W -f='${Status} ${Version}\n' netstat-replay net-tools
step diversions; dpkg-divert --list | grep -c netstat
step version; netstat-replay version | head -1
step V; netstat-replay -V
step which; command -v netstat; readlink -f /usr/lib/netstat-replay/bin/netstat
step path; PATH=/usr/lib/netstat-replay/bin:$PATH sh -c 'netstat -V >/dev/null && command -v netstat'
step capture; netstat-replay capture -o "$tmp/snap.tar.zst" >/dev/null; echo "rc=$?"
step verify; netstat-replay verify "$tmp/snap.tar.zst"; echo "rc=$?"
step replay; netstat-replay --root="$tmp/snap.tar.zst" -rn | head -2
step man; man -w netstat-replay netstat-diff
step remove; dpkg -r netstat-replay >"$tmp/remove.log" 2>&1; echo "rc=$?"
step after; ls /usr/bin/netstat-replay /usr/lib/netstat-replay 2>&1 | sed 's/^ls: //'; /usr/bin/netstat -V | head -1
EOF
mkdir -p "$tmp/ovl"
unshare -m --propagation private bash "$tmp/inner.sh" "$deb" "$tmp" >"$tmp/inner.out" 2>&1
[ $? = 99 ] && { cat "$tmp/inner.out"; echo "FAIL: cannot set up the overlays"; exit 1; }
section() { sed -n "/^== $1\$/,/^== /{/^== /d;p}" "$tmp/inner.out"; }

[ "$(section install)" = rc=0 ] && ok "dpkg -i beside net-tools" ||
  { fail "dpkg -i: $(section install)"; cat "$tmp/install.log"; }
section status | grep -q '^install ok installed .* 2.10' || true
[ "$(section status | grep -c 'install ok installed')" = 2 ] &&
  ok "both installed: $(section status | tr '\n' ';')" || fail "dpkg status: $(section status)"
[ "$(section diversions)" = 0 ] && ok "no diversion of netstat" || fail "diversions: $(section diversions)"
section version | grep -q '^netstat-replay [0-9.]* (net-tools 2.10 compatible)$' &&
  ok "installed: $(section version)" || fail "netstat-replay version: $(section version)"
[ "$(section V)" = "$want_v" ] && ok "netstat-replay -V is net-tools' -V" || fail "-V: $(section V)"
[ "$(section which | head -1)" = /usr/bin/netstat ] &&
  [ "$(section which | tail -1)" = /usr/bin/netstat-replay ] &&
  ok "netstat is still net-tools'; the drop-in link resolves to /usr/bin/netstat-replay" ||
  fail "which: $(section which | tr '\n' ' ')"
[ "$(section path)" = /usr/lib/netstat-replay/bin/netstat ] && ok "PATH prefix gives netstat = netstat-replay" ||
  fail "PATH prefix: $(section path)"
[ "$(section capture)" = rc=0 ] && [ "$(section verify | tail -1)" = rc=0 ] &&
  ok "installed capture + verify: $(section verify | head -1 | sed "s|$tmp/||")" ||
  fail "capture/verify: $(section capture) $(section verify)"
section replay | head -1 | grep -q '^Kernel IP routing table$' && ok "installed replay -rn" ||
  fail "replay: $(section replay)"
[ "$(section man | wc -l)" = 2 ] && ok "man -w finds the manuals: $(section man | tr '\n' ' ')" ||
  fail "man -w: $(section man)"
[ "$(section remove)" = rc=0 ] && ok "dpkg -r" || { fail "dpkg -r: $(section remove)"; cat "$tmp/remove.log"; }
section after | grep -q 'No such file' && section after | grep -qx 'net-tools 2.10' &&
  [ "$(section after | grep -c 'No such file')" = 2 ] &&
  ok "after removal: our files gone, net-tools' netstat works" || fail "after removal: $(section after)"
# The machine itself never saw the package.
[ -e /usr/bin/netstat-replay ] && dpkg-query -W netstat-replay >/dev/null 2>&1 &&
  echo "note: netstat-replay is installed on this machine (not by this test)"

[ "$failures" = 0 ] || { echo "--- inner output"; cat "$tmp/inner.out"; echo "deb_package: $failures failure(s)"; exit 1; }
echo "deb_package: all checks passed"
