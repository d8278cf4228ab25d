#!/usr/bin/env python3
"""Makes a fleet of snapshot trees for `netstat export` tests and benchmarks.

    make_fleet.py OUT COUNT SOCKETS [HOSTS]

OUT/tree-NNNN/ is a copy of testdata/diff/changes/a (a captured tree: etc/,
proc/net/*, netstat/interfaces.json, manifest.json) with its own host name
(host-K, K = N mod HOSTS) and SOCKETS generated TCP rows in proc/net/tcp
after the base rows: listeners, established connections and TIME_WAIT
sockets to port 443 in proportions that vary per tree, and on hosts 0 and 3
a listener on 0.0.0.0:6379 (on host 1 on 127.0.0.1:6379, loopback only).
The timer columns are a kernel's: TIME_WAIT sockets count down, connections
keepalive or (a few) retransmit or probe a zero window. Deterministic: the same arguments give the same trees. Bundles are
then made with `netstat capture --root=TREE -o B.tar.zst`.
"""
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "..", "testdata", "diff", "changes", "a")
STATES = {"ESTABLISHED": 1, "TIME_WAIT": 6, "LISTEN": 10, "CLOSE_WAIT": 8}


def hex_addr(a, b, c, d):
    return "%02X%02X%02X%02X" % (d, c, b, a)


def tcp_row(slot, local, lport, remote, rport, state, uid, inode, timer=(0, 0, 0, 0)):
    # timer: (tr, tm->when in USER_HZ ticks, retrnsmt, timeout) as the kernel
    # prints them.
    tr, when, retr, timeout = timer
    return ("%4d: %s:%04X %s:%04X %02X 00000000:00000000 %02X:%08X %08X %5d "
            "%8d %d 1 0000000000000000 100 0 0 10 0\n"
            % (slot, local, lport, remote, rport, state, tr, when, retr, uid, timeout, inode))


def timer_for(state, rnd):
    """The timer columns a kernel shows for a socket in that state:
    TIME_WAIT counts down its 60 s; connections run keepalive (2 h) or, a
    few, retransmit (tr 1, with retrnsmt) or probe a zero window (tr 4, the
    probes sent in the timeout column); listeners and CLOSE_WAIT: off."""
    if state == STATES["TIME_WAIT"]:
        return (3, rnd.randrange(6000), 0, 0)
    if state == STATES["ESTABLISHED"]:
        r = rnd.random()
        if r < 0.05:
            return (1, rnd.randrange(20, 12000), rnd.randrange(1, 9), 0)
        if r < 0.07:
            return (4, rnd.randrange(20, 12000), 0, rnd.randrange(1, 6))
        if r < 0.6:
            return (2, rnd.randrange(720000), 0, 0)
    return (0, 0, 0, 0)


def make_tree(out, n, sockets, hosts):
    tree = os.path.join(out, "tree-%04d" % n)
    if os.path.exists(tree):
        shutil.rmtree(tree)
    shutil.copytree(BASE, tree, symlinks=True)
    rnd = random.Random(n)
    rnd_timer = random.Random(-1 - n)  # timers apart: the sockets stay those of rnd

    def row(*a):
        return tcp_row(*a, timer=timer_for(a[5], rnd_timer))
    man_path = os.path.join(tree, "manifest.json")
    with open(man_path) as f:
        man = json.load(f)
    man["hostname"] = "host-%d" % (n % hosts)
    minute = n % 60
    man["capture_start"] = man["capture_end"] = "2024-05-01T%02d:%02d:00Z" % (12 + n // 60 % 12, minute)
    with open(man_path, "w") as f:
        json.dump(man, f, indent=1)
        f.write("\n")
    tcp_path = os.path.join(tree, "proc", "net", "tcp")
    with open(tcp_path) as f:
        lines = f.readlines()
    slot = len(lines) - 1
    me = hex_addr(10, 0, n // 250 % 250, n % 250 + 1)
    rows = []
    if n % hosts in (0, 3):
        rows.append(row(slot, hex_addr(0, 0, 0, 0), 6379, hex_addr(0, 0, 0, 0), 0,
                            STATES["LISTEN"], 999, 900000 + n))
    elif n % hosts == 1:
        rows.append(row(slot, hex_addr(127, 0, 0, 1), 6379, hex_addr(0, 0, 0, 0), 0,
                            STATES["LISTEN"], 999, 900000 + n))
    time_wait_share = (n % 5) / 10.0
    inode = 1_000_000
    while len(rows) < sockets:
        slot += 1
        r = rnd.random()
        peer = hex_addr(192, 168, rnd.randrange(256), rnd.randrange(1, 255))
        if r < 0.05:
            rows.append(row(slot, me, 20000 + len(rows), hex_addr(0, 0, 0, 0), 0,
                                STATES["LISTEN"], 0, inode))
        elif r < 0.05 + time_wait_share:
            rows.append(row(slot, me, 30000 + len(rows) % 30000, peer, 443,
                                STATES["TIME_WAIT"], 0, 0))
        elif r < 0.97:
            rows.append(row(slot, me, 22 if r < 0.5 else 80, peer,
                                1024 + rnd.randrange(60000), STATES["ESTABLISHED"], 33, inode))
        else:
            rows.append(row(slot, me, 80, peer, 1024 + rnd.randrange(60000),
                                STATES["CLOSE_WAIT"], 33, inode))
        inode += 1
    with open(tcp_path, "w") as f:
        f.writelines(lines)
        f.writelines(rows)
    return tree


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, count, sockets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    hosts = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        print(make_tree(out, n, sockets, hosts))


if __name__ == "__main__":
    main()
