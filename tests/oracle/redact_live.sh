#!/usr/bin/env bash
# The redaction leak test on a REAL capture (issue 14 "Done when"): in fresh
# network, mount and UTS namespaces, with distinctive identities everywhere
# the kernel shows them:
#   - a veth pair with chosen MACs, IPv4 addresses, an alias label
#     (vq0:7), IPv6 global addresses (and the kernel's EUI-64 link-local
#     ones), routes via a gateway, v4 and v6;
#   - a host name, and /etc/hosts, /etc/networks, /etc/passwd, /etc/group
#     bind-mounted with our names (the mount namespace keeps them private);
#   - sockets of every kind the kernel offers: tcp/udp/udplite/raw, v4, v6
#     and v4-mapped, established pairs, UNIX stream/dgram with paths,
#     abstract names and unnamed ones, SCTP when the kernel has it (noted
#     when not), IPv4 and IPv6 multicast joins (igmp, igmp6), a socket
#     owned by a user of ours, a process named by a secret path;
# `netstat capture` records it, `netstat redact` rewrites it with a fixed
# key, and then every byte of every member of the redacted bundle (and
# every member name) is searched for every original, in every encoding a
# member could hold it in: dotted; hex in both byte orders; IPv6 as 32
# digits in order, as four little-endian kernel words, in full and
# compressed text; MACs with colons, bare and as EUI-64 interface ids;
# names, path components, the host name. Then every mode is replayed from
# both bundles and must show the same shape (same rows; ports, states,
# queues, counters, interfaces kept). Root only; exits 77 with a message
# otherwise.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: redact_live: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (unshare -n -m -u)"
for tool in unshare nsenter ip python3 setpriv zstd tar mount; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
done
unshare -n -m -u true 2>/dev/null || skip "unshare -n -m -u is not permitted here"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
export LC_ALL=C
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

tmp=$(mktemp -d /tmp/redact-live.XXXXXX)
chmod 755 "$tmp"
holder_pid=""
cleanup() {
  [ -n "$holder_pid" ] && kill -TERM "$holder_pid" 2>/dev/null && wait "$holder_pid" 2>/dev/null
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Our /etc files (bind-mounted over the real ones inside the namespace).
mkdir -p "$tmp/etc" "$tmp/zqsecretdir"
cat >"$tmp/etc/hosts" <<'EOF'
# zq-office hosts file
127.0.0.1	localhost
10.93.147.58	zq-web1.zq-corp.example zq-web1
10.93.150.77	zq-alias.zq-corp.example
172.29.201.66	zq-peer
198.51.37.9	zq-dns.zq-corp.example
2001:db8:5ec7:a11::58	zq-web6
EOF
cat >"$tmp/etc/networks" <<'EOF'
zqcorpnet	10.93
zqlab	172.29.201
EOF
{ cat /etc/passwd; echo "zqsecretuser:x:4242:4242:Zq Secret,,,:/home/zqsecrethome:/bin/sh"; } >"$tmp/etc/passwd"
{ cat /etc/group; echo "zqstaff:x:4242:zqsecretuser"; } >"$tmp/etc/group"

# The namespace: addresses, routes, then the socket helper (its argv[0] is a
# secret path).
cat >"$tmp/setup.sh" <<'EOF'
set -e
tmp=$1 py=$2
mount --make-rprivate /
for f in hosts networks passwd group; do mount --bind "$tmp/etc/$f" "/etc/$f"; done
hostname zq-host.zq-corp.example
ip link set lo up
ip link add vq0 address 52:54:00:9a:7e:31 type veth peer name vq1 address 02:5e:c7:9d:3a:11
ip addr add 10.93.147.58/24 brd + dev vq0
ip addr add 10.93.150.77/24 brd + dev vq0 label vq0:7
ip addr add 172.29.201.65/30 brd + dev vq1
ip -6 addr add 2001:db8:5ec7:a11::58/64 dev vq0 nodad
ip -6 addr add 2001:db8:5ec7:b22::66/64 dev vq1 nodad
ip link set vq0 up
ip link set vq1 up
ip route add 198.51.37.0/24 via 10.93.147.1 dev vq0
ip route add 203.0.113.128/25 dev vq1
ip -6 route add 2001:db8:f00d:beef::/64 via 2001:db8:5ec7:a11::1 dev vq0
# A named namespace (a private /run keeps the name inside) with its own
# veth end, addresses, route and a process (captured by --all-netns).
mount -t tmpfs tmpfs /run
ip netns add zq-tenant-ns
ip link add vt0 address 52:54:00:7e:4a:6b type veth peer name vt1 address 02:5e:c7:6b:e4:22 netns zq-tenant-ns
ip addr add 10.93.160.1/24 dev vt0
ip link set vt0 up
ip -n zq-tenant-ns link set lo up
ip -n zq-tenant-ns addr add 10.93.160.9/24 dev vt1
ip -n zq-tenant-ns -6 addr add 2001:db8:5ec7:c33::9/64 dev vt1 nodad
ip -n zq-tenant-ns link set vt1 up
ip -n zq-tenant-ns route add 198.51.99.0/24 via 10.93.160.1
ip netns exec zq-tenant-ns bash -c 'exec -a /opt/zq-tenantapp/zq-tenantd "$0" "$1" "$2"' \
  "$py" "$tmp/tenant.py" "$tmp" &
exec -a /opt/zq-secretapp/bin/zq-daemon "$py" "$tmp/sockets.py" "$tmp"
EOF
cat >"$tmp/tenant.py" <<'EOF'
import socket, sys, time
tmp = sys.argv[1]
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.93.160.9", 8443)); l.listen(4)
c = socket.create_connection(("10.93.160.9", 8443)); a, _ = l.accept()
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("2001:db8:5ec7:c33::9", 5303))
x = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); x.bind(tmp + "/zqsecretdir/zq-tenant.sock"); x.listen(1)
open(tmp + "/tenant.ready", "w").write("ready\n")
time.sleep(3600)
EOF

cat >"$tmp/sockets.py" <<'EOF'
import os, socket, sys, time
tmp = sys.argv[1]
keep = []
def s(fam, typ, proto=0):
    x = socket.socket(fam, typ, proto); keep.append(x); return x
def pair(fam, laddr, raddr, port):
    l = s(fam, socket.SOCK_STREAM); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((laddr, port)); l.listen(8)
    c = s(fam, socket.SOCK_STREAM); c.bind((raddr, 0)); c.connect((laddr, port))
    a, _ = l.accept(); keep.append(a)
pair(socket.AF_INET, "10.93.147.58", "10.93.150.77", 2201)
pair(socket.AF_INET, "172.29.201.65", "10.93.147.58", 2203)
pair(socket.AF_INET6, "2001:db8:5ec7:a11::58", "2001:db8:5ec7:b22::66", 2202)
# v4-mapped: an IPv6 listener reached over IPv4
l = s(socket.AF_INET6, socket.SOCK_STREAM); l.bind(("::", 2204)); l.listen(8)
c = s(socket.AF_INET6, socket.SOCK_STREAM); c.connect(("::ffff:10.93.150.77", 2204))
a, _ = l.accept(); keep.append(a)
u = s(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("10.93.147.58", 5301)); u.connect(("198.51.37.9", 53))
u6 = s(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("2001:db8:5ec7:a11::58", 5302))
u6.connect(("2001:db8:f00d:beef::9", 53))
ul = s(socket.AF_INET, socket.SOCK_DGRAM, 136); ul.bind(("10.93.150.77", 5401))
ul6 = s(socket.AF_INET6, socket.SOCK_DGRAM, 136); ul6.bind(("2001:db8:5ec7:b22::66", 5402))
r = s(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); r.bind(("172.29.201.65", 0))
r.connect(("203.0.113.200", 0))
r6 = s(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6); r6.bind(("2001:db8:5ec7:a11::58", 0))
# multicast joins (groups are kept verbatim by design; the interfaces show)
m = s(socket.AF_INET, socket.SOCK_DGRAM)
m.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             socket.inet_aton("239.93.147.58") + socket.inet_aton("10.93.147.58"))
m6 = s(socket.AF_INET6, socket.SOCK_DGRAM)
m6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
              socket.inet_pton(socket.AF_INET6, "ff15::5ec7:58") + socket.if_nametoindex("vq0").to_bytes(4, sys.byteorder))
# a unicast-prefix-based group (RFC 3306): it carries vq0's /64
m6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
              socket.inet_pton(socket.AF_INET6, "ff3e:40:2001:db8:5ec7:a11:0:1234") + socket.if_nametoindex("vq0").to_bytes(4, sys.byteorder))
# UNIX: a path, an abstract name, a datagram path, an unnamed pair
x = s(socket.AF_UNIX, socket.SOCK_STREAM); x.bind(tmp + "/zqsecretdir/zq-agent.sock"); x.listen(1)
c = s(socket.AF_UNIX, socket.SOCK_STREAM); c.connect(tmp + "/zqsecretdir/zq-agent.sock")
a, _ = x.accept(); keep.append(a)
ab = s(socket.AF_UNIX, socket.SOCK_STREAM); ab.bind("\0zq-abstract-secret"); ab.listen(1)
d = s(socket.AF_UNIX, socket.SOCK_DGRAM); d.bind(tmp + "/zqsecretdir/zq-dgram.sock")
keep += socket.socketpair()
sctp = "none"
try:
    sc = s(socket.AF_INET, socket.SOCK_STREAM, 132); sc.bind(("10.93.147.58", 3868)); sc.listen(4)
    sc6 = s(socket.AF_INET6, socket.SOCK_STREAM, 132); sc6.bind(("2001:db8:5ec7:a11::58", 3869)); sc6.listen(4)
    sctp = "yes"
except OSError as e:
    sctp = "no (%s)" % e.strerror
print("sctp", sctp, flush=True)
print("ready", flush=True)
while True:
    time.sleep(3600)
EOF

unshare -n -m -u -- bash "$tmp/setup.sh" "$tmp" "$py" >"$tmp/holder.out" 2>"$tmp/holder.err" &
holder_pid=$!
for _ in $(seq 1 100); do
  grep -qx ready "$tmp/holder.out" 2>/dev/null && break
  kill -0 "$holder_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -qx ready "$tmp/holder.out"; then
  if grep -q "Unknown device type\|veth" "$tmp/holder.err"; then
    skip "the kernel has no veth interfaces: $(head -1 "$tmp/holder.err")"
  fi
  echo "FAIL: the namespace set-up failed:"; cat "$tmp/holder.err"; exit 1
fi
# The helper is a child of the set-up's bash (exec): the namespace's pid.
ns_pid=$holder_pid
in_ns() { nsenter -t "$ns_pid" -n -m -u -- "$@"; }
sctp_line=$(grep '^sctp ' "$tmp/holder.out")
case $sctp_line in
  "sctp yes") echo "SCTP sockets: yes" ;;
  *) echo "NOTE: no SCTP in this kernel (${sctp_line#sctp }): sctp/eps and sctp/assocs not covered live" ;;
esac
# A socket owned by our user.
nsenter -t "$ns_pid" -n -m -u -- setpriv --reuid=4242 --regid=4242 --clear-groups -- "$py" -c '
import socket, time
s = socket.socket(); s.bind(("10.93.147.58", 7070)); s.listen(1)
print("ready", flush=True)
time.sleep(3600)' >"$tmp/user.out" 2>&1 &
user_pid=$!
for _ in $(seq 1 100); do grep -qx ready "$tmp/user.out" 2>/dev/null && break; sleep 0.1; done
grep -qx ready "$tmp/user.out" || { echo "FAIL: the user socket:"; cat "$tmp/user.out"; exit 1; }

# Every identity the namespace shows, read back from the kernel (so the
# kernel's link-local addresses and MACs are included).
for _ in $(seq 1 100); do [ -f "$tmp/tenant.ready" ] && break; sleep 0.1; done
[ -f "$tmp/tenant.ready" ] || { echo "FAIL: the tenant namespace's process is not ready"; exit 1; }
{ in_ns ip -o addr show; in_ns ip -n zq-tenant-ns -o addr show; } >"$tmp/addrs.txt"
{ in_ns ip -o link show; in_ns ip -n zq-tenant-ns -o link show; } >"$tmp/links.txt"
in_ns cat /proc/net/dev >/dev/null

orig=$tmp/orig.tar.zst
red=$tmp/red.tar.zst
# Two frames (bundle format 2: views/f1/, unchanged members stored as
# symlinks to frame 0's): every view must be redacted, with one mapping.
in_ns "$bin" capture --count 2 --interval 0.3 -o "$orig" >/dev/null 2>"$tmp/capture.err" ||
  { echo "FAIL: capture"; cat "$tmp/capture.err"; exit 1; }
kill -TERM "$user_pid" 2>/dev/null; wait "$user_pid" 2>/dev/null
printf '%s\n' 5ec7a11b22f00dbeef0123456789abcdef0123456789abcdef0123456789abcd >"$tmp/key"
"$bin" redact "$orig" -o "$red" --key-file "$tmp/key" --map "$tmp/map.tsv" >/dev/null 2>"$tmp/redact.err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL: redact exited $rc"; cat "$tmp/redact.err"; exit 1; }
[ -s "$tmp/redact.err" ] && { echo "redact said:"; cat "$tmp/redact.err"; }
"$bin" verify "$red" >/dev/null || { echo "FAIL: verify of the redacted bundle"; exit 1; }

# Every namespace (ours, zq-tenant-ns, and whatever else the machine has):
# the manifest's view records name them, their processes and containers.
all=$tmp/all.tar.zst
allred=$tmp/allred.tar.zst
in_ns "$bin" capture --all-netns -o "$all" >/dev/null 2>"$tmp/capture-all.err" ||
  { echo "FAIL: capture --all-netns"; cat "$tmp/capture-all.err"; exit 1; }
"$bin" redact "$all" -o "$allred" --key-file "$tmp/key" >/dev/null 2>"$tmp/redact-all.err" ||
  { echo "FAIL: redact of the --all-netns bundle"; cat "$tmp/redact-all.err"; exit 1; }
"$bin" verify "$allred" >/dev/null || { echo "FAIL: verify of the redacted --all-netns bundle"; exit 1; }

failures=0
mkdir "$tmp/orig" "$tmp/red" "$tmp/allorig" "$tmp/allred"
for b in orig red allorig allred; do
  f=$tmp/$b.tar.zst
  [ "$b" = allorig ] && f=$all
  tar -I zstd -xf "$f" -C "$tmp/$b" || { echo "FAIL: cannot unpack $f"; exit 1; }
done

# The search.
"$py" - "$tmp" <<'EOF' || failures=$((failures + 1))
import ipaddress, os, re, sys
tmp = sys.argv[1]
secrets = {}   # needle (lowercase) -> what it is
fields = set()  # needles that are a whole field wherever a file holds them
def add(needle, what, field=False):
    if len(needle) >= 4:
        secrets[needle.lower()] = what
        if field:
            fields.add(needle.lower())
def v4(text, what):
    a = ipaddress.IPv4Address(text)
    if a.is_loopback or a.is_multicast or a.is_unspecified:
        return
    b = a.packed
    add(str(a), what + " dotted")
    # An IPv4 address in hex is a whole field in every /proc file (or the
    # last word of a v4-mapped tcp6 address, after ffff0000); inside another
    # run of hex digits (a kernel socket pointer among another namespace's
    # 100k sockets) the same eight digits are chance, not the address.
    add(b.hex(), what + " big-endian hex", True)
    add(b[::-1].hex(), what + " little-endian hex", True)
    add("%x:%x" % (b[0] << 8 | b[1], b[2] << 8 | b[3]), what + " in ::ffff: hex text")
def v6(text, what):
    a = ipaddress.IPv6Address(text)
    if a.is_loopback or a.is_multicast or a.is_unspecified:
        return
    b = a.packed
    # its solicited-node group ff02::1:ffXX:XXXX carries the low 24 bits
    if b[13:].count(0) < 2:
        add("ff" + b[13:].hex(), what + " solicited-node group bits")
    if a.is_link_local:
        # fe80::/64 keeps its prefix by design: the interface id is the secret
        add(b[8:].hex(), what + " interface id (hex)")
        add(a.exploded[20:], what + " interface id (full text)")
        words = [b[i:i + 4][::-1].hex() for i in range(8, 16, 4)]
        add("".join(words), what + " interface id (kernel words)")
        return
    add(b.hex(), what + " 32 digits")
    add("".join(b[i:i + 4][::-1].hex() for i in range(0, 16, 4)), what + " kernel words")
    add(a.exploded, what + " full text")
    add(a.compressed, what + " compressed text")
    add(b[:8].hex(), what + " /64 prefix digits")
    add(a.exploded[:19], what + " /64 prefix text")
    add(str(ipaddress.IPv6Network(text + "/64", strict=False).network_address).rstrip(":"),
        what + " /64 prefix compressed")
def mac(text, what):
    b = bytes.fromhex(text.replace(":", ""))
    if b == bytes(6) or b == b"\xff" * 6:
        return
    add(text, what + " with colons")
    add(b.hex(), what + " bare hex")
    add(b[3:].hex(":"), what + " low half")
    if 0 not in b[3:]:  # (a zero byte makes six digits too common to search)
        add(b[3:].hex(), what + " low half, bare")
    eui = bytes([b[0] ^ 2]) + b[1:3] + b"\xff\xfe" + b[3:]
    add(eui.hex(), what + " as EUI-64")

for line in open(os.path.join(tmp, "addrs.txt")):
    f = line.split()
    if f[2] == "inet":
        net = ipaddress.IPv4Interface(f[3])
        v4(str(net.ip), "address " + f[3])
        v4(str(net.network.network_address), "network of " + f[3])
        v4(str(net.network.broadcast_address), "broadcast of " + f[3])
    elif f[2] == "inet6":
        v6(f[3].split("/")[0], "address " + f[3])
for line in open(os.path.join(tmp, "links.txt")):
    m = re.search(r"link/ether ([0-9a-f:]{17})", line)
    if m:
        mac(m.group(1), "MAC of " + line.split(":")[1].strip())
for a in ("10.93.147.1", "198.51.37.9", "198.51.37.0", "203.0.113.128", "203.0.113.200",
          "198.51.99.0"):
    v4(a, "gateway/route/peer " + a)
for a in ("2001:db8:5ec7:a11::1", "2001:db8:f00d:beef::", "2001:db8:f00d:beef::9"):
    v6(a, "gateway/route/peer " + a)
add("10.93.", "networks entry zqcorpnet (partial dotted)")
add("172.29.201", "networks entry zqlab (partial dotted)")
for n in ("zq-", "zqsecret", "zqcorp", "zqlab", "zqstaff", "zq-host", "zq-corp", "zq-web",
          "zq-daemon", "zq-secretapp", "zq-agent", "zq-abstract", "zq-dgram", "zqsecrethome",
          "zqsecretdir", "Zq Secret", "zq-office", "zq-tenant", "zq-tenantapp", "zq-tenantd",
          os.path.basename(tmp)):
    add(n, "name/path " + n)

leaks = 0
def search(red):
    global leaks
    members = 0
    for root, dirs, files in os.walk(red):
        for name in dirs + files:
            p = os.path.join(root, name)
            rel = os.path.relpath(p, red)
            for needle, what in secrets.items():
                if needle in rel.lower():
                    print("LEAK: %s (%s) in the member name %s" % (needle, what, rel)); leaks += 1
            if os.path.islink(p):
                target = os.readlink(p)
                for needle, what in secrets.items():
                    if needle in target.lower():
                        print("LEAK: %s (%s) in the link target of %s" % (needle, what, rel)); leaks += 1
            elif name in files:
                members += 1
                data = open(p, "rb").read().lower()
                for needle, what in secrets.items():
                    i = data.find(needle.encode())
                    if i >= 0 and needle in fields:
                        m = re.search(b"(?:(?<![0-9a-f])|(?<=ffff0000))" + needle.encode() +
                                      b"(?![0-9a-f])", data)
                        i = m.start() if m else -1
                    if i >= 0:
                        ctx = data[max(0, i - 60):i + 60].decode("latin-1").replace("\n", "\\n")
                        print("LEAK: %s (%s) in %s: ...%s..." % (needle, what, rel, ctx)); leaks += 1
    return members
def found_in(orig):
    blob = b"".join(open(os.path.join(r, f), "rb").read().lower()
                    for r, _, fs in os.walk(orig) for f in fs if not os.path.islink(os.path.join(r, f)))
    return sum(1 for n in secrets if n.encode() in blob)
# One mapping for all views: what two views share stays shared (links).
def links(top):
    return sorted(os.path.relpath(os.path.join(r, f), top) for r, ds, fs in os.walk(top)
                  for f in fs + ds if os.path.islink(os.path.join(r, f)))
for red, orig, what in (("red", "orig", "2-frame"), ("allred", "allorig", "--all-netns")):
    red, orig = os.path.join(tmp, red), os.path.join(tmp, orig)
    members = search(red)
    found = found_in(orig)
    print("%s bundle: searched %d members of the redacted bundle for %d needles; "
          "%d of them occur in the original" % (what, members, len(secrets), found))
    if found < 40:
        print("FAIL: the original holds only %d of the needles: the set-up did not take" % found)
        leaks += 1
    lo, lr = links(orig), links(red)
    if lo != lr:
        print("FAIL: content addressing differs: %d links in the original, %d in the redacted"
              % (len(lo), len(lr)))
        print("  only in the original: %s" % sorted(set(lo) - set(lr))[:10])
        print("  only in the redacted: %s" % sorted(set(lr) - set(lo))[:10])
        leaks += 1
    else:
        print("  %d members are links to an earlier view's, in both bundles" % len(lo))
if not os.path.isdir(os.path.join(tmp, "red", "views", "f1", "proc", "net")):
    print("FAIL: the redacted bundle has no second frame (views/f1)"); leaks += 1
sys.exit(1 if leaks else 0)
EOF

# Files redact dropped (no rule for them) are named.
"$py" -c '
import json, sys
m = json.load(open(sys.argv[1]))
r = m.get("redaction") or {}
if isinstance(r, str):
    r = json.loads(r)
for d in r.get("dropped", []):
    print("NOTE: dropped %s: %s" % (d["path"], d["reason"]))' "$tmp/red/manifest.json"

# Every mode, from both bundles: the same shape.
shape() {  # addresses -> A (ports kept), paths -> PATH, names -> N
  "$py" -c '
import re, sys
ports = sys.argv[1] == "1"
for line in sys.stdin:
    if line.startswith("== netns "):  # a view header names the namespace
        line = re.sub(r"^== netns [^ ]+ \(", "== netns NAME (", line)
    out = []
    for w in line.split():
        if w[0] in "/@":
            w = "PATH"
        elif re.fullmatch(r"[0-9a-fA-F:.*%/\[\]-]+", w) and (":" in w or w.count(".") == 3):
            c = w.rfind(":")
            w = ("A:" + w[c + 1:]) if ports and c > 0 else "A"
        elif re.fullmatch(r"([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}", w):
            w = "MAC"
        elif re.fullmatch(r"[0-9]+/.+", w):
            w = "PID/PROGRAM"
        out.append(w)
    print(" ".join(out))' "$1"
}
modes=("--frame=1 -tan" "--frame=1 -xap" "--frame=1 -rn" "--frame=-1 -6rn" "--frame=1 -i" "-tan" "-tanW" "-tanl" "-tane" "-tanp" "-uan" "-uanW" "-wan" "-xa" "-xap" "-an" "-an --udplite"
       "-an --sctp" "-rn" "-rne" "-6rn" "-4rn" "-gn" "-i" "-ia" "-s" "-Aunix" "-tanpW" "-uanp" "-xapW")
checked=0
# compare_shape LABEL ORIGINAL_ARGS REDACTED_ARGS MODE (args word-split)
compare_shape() {
  local label=$1 oargs=$2 rargs=$3 mode=$4 orc rrc ports=1
  "$bin" $oargs $mode >"$tmp/o.out" 2>"$tmp/o.err"; orc=$?
  "$bin" $rargs $mode >"$tmp/r.out" 2>"$tmp/r.err"; rrc=$?
  checked=$((checked + 1))
  case ${mode#--frame=* } in -r*|-6r*|-4r*|-g*|-i*|-s) ports=0 ;; esac
  if [ "$orc" != "$rrc" ] || [ "$(wc -l <"$tmp/o.out")" != "$(wc -l <"$tmp/r.out")" ] ||
     [ "$(wc -l <"$tmp/o.err")" != "$(wc -l <"$tmp/r.err")" ] ||
     ! cmp -s <(shape $ports <"$tmp/o.out" | sed 's/  */ /g') <(shape $ports <"$tmp/r.out" | sed 's/  */ /g'); then
    echo "FAIL: netstat $label $mode: replay of the redacted bundle has another shape (exit $orc/$rrc)"
    diff <(shape $ports <"$tmp/o.out") <(shape $ports <"$tmp/r.out") | head -20
    diff "$tmp/o.err" "$tmp/r.err" | head -5
    failures=$((failures + 1))
  else
    echo "ok   netstat $label $mode: $(wc -l <"$tmp/o.out") lines, same shape"
  fi
}
for mode in "${modes[@]}"; do
  compare_shape "" "--root=$orig" "--root=$red" "$mode"
done
# The named namespace, selected by its pseudonymous name in the redacted
# bundle (the only name under our private /run/netns).
pseudo=$("$py" -c 'import json, sys
m = json.load(open(sys.argv[1]))
print(" ".join(n for v in m["views"] for n in v["names"]))' "$tmp/allred/manifest.json")
case $pseudo in
  n????????) echo "ok   zq-tenant-ns is $pseudo in the redacted bundle" ;;
  *) echo "FAIL: the redacted --all-netns bundle names its namespaces '$pseudo'"; failures=$((failures + 1)) ;;
esac
for mode in -tanp -uan -xap -rn -6rn -i -gn -s; do
  compare_shape "--netns" "--root=$all --netns=zq-tenant-ns" "--root=$allred --netns=$pseudo" "$mode"
done
compare_shape "--netns=all" "--root=$all --netns=all" "--root=$allred --netns=all" -tln
# -ie and names (not -n): same number of lines (widths move with names).
for mode in "-ie" "-ta" "-tua" "-r" "-g" "-tap" "-e -ta"; do
  "$bin" --root="$orig" $mode >"$tmp/o.out" 2>"$tmp/o.err"; orc=$?
  "$bin" --root="$red" $mode >"$tmp/r.out" 2>"$tmp/r.err"; rrc=$?
  checked=$((checked + 1))
  if [ "$orc" != "$rrc" ] || [ "$(wc -l <"$tmp/o.out")" != "$(wc -l <"$tmp/r.out")" ]; then
    echo "FAIL: netstat $mode: $(wc -l <"$tmp/o.out") lines, exit $orc from the original;" \
      "$(wc -l <"$tmp/r.out") lines, exit $rrc from the redacted"
    diff "$tmp/o.out" "$tmp/r.out" | head -20
    failures=$((failures + 1))
  else
    echo "ok   netstat $mode: $(wc -l <"$tmp/o.out") lines"
  fi
done
# --rename-interfaces: no interface name of ours left in any member (names,
# contents, link targets), lo kept, the same rows in -i, -ie, -r, -6r, -g.
ren=$tmp/renamed.tar.zst
if "$bin" redact "$orig" -o "$ren" --key-file "$tmp/key" --rename-interfaces >/dev/null 2>"$tmp/ren.err"; then
  mkdir "$tmp/ren" && tar -I zstd -xf "$ren" -C "$tmp/ren"
  "$py" - "$tmp/ren" <<'EOF' || failures=$((failures + 1))
import os, sys
top = sys.argv[1]
bad = 0
for r, ds, fs in os.walk(top):
    for n in ds + fs:
        p = os.path.join(r, n)
        text = os.readlink(p) if os.path.islink(p) else (
            "" if os.path.isdir(p) else open(p, "rb").read().decode("latin-1"))
        for name in ("vq0", "vq1", "vt0"):
            if name in os.path.relpath(p, top) or name in text:
                print("LEAK: interface name %s in %s" % (name, os.path.relpath(p, top))); bad += 1
print("--rename-interfaces: no interface name left" if not bad else "FAIL: interface names left")
sys.exit(1 if bad else 0)
EOF
  for mode in -i -ie -rn -6rn -gn "--frame=1 -i"; do
    "$bin" --root="$orig" $mode >"$tmp/o.out" 2>&1; orc=$?
    "$bin" --root="$ren" $mode >"$tmp/r.out" 2>&1; rrc=$?
    checked=$((checked + 1))
    lo_ok=1
    [ "$mode" != -rn ] && ! grep -Eq '^lo|[ ]lo$' "$tmp/r.out" && lo_ok=0
    if [ "$orc" = "$rrc" ] && [ "$(wc -l <"$tmp/o.out")" = "$(wc -l <"$tmp/r.out")" ] &&
       [ "$lo_ok" = 1 ]; then
      echo "ok   netstat --rename-interfaces $mode: $(wc -l <"$tmp/r.out") lines"
    else
      echo "FAIL: netstat $mode of the --rename-interfaces bundle (exit $orc/$rrc)"
      diff "$tmp/o.out" "$tmp/r.out" | head -20; failures=$((failures + 1))
    fi
  done
else
  echo "FAIL: redact --rename-interfaces"; cat "$tmp/ren.err"; failures=$((failures + 1))
fi
echo "redact_live: $checked modes compared, $failures failures"
[ "$failures" = 0 ]
