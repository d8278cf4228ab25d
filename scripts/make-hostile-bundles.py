#!/usr/bin/env python3
"""Writes the hostile-bundle corpus into a directory, at test time.

    scripts/make-hostile-bundles.py OUTDIR --netstat BUILD/netstat [--only CASE...]

Every case is a file (or, for a few, a directory or a FIFO) named after the
first column of testdata/hostile/expected.tsv, which says what `netstat
--root=CASE -tan` and `netstat verify CASE` must do with it;
tests/oracle/hostile_bundles.sh runs them. Nothing is committed as binary:
the corpus is rebuilt from this script each time (a few seconds).

The cases start from a real bundle: a small fixture tree is written to
OUTDIR/.base-tree and captured with `netstat capture --root=...`, then its
tar members are rewritten one way or another. Big cases (the decompression
bomb, a million members) are written as streams straight into zstd, so the
files stay small and nothing large touches the disk.
"""
import argparse
import io
import os
import random
import subprocess
import sys
import tarfile

MiB = 1 << 20

# A fixture tree: one listening and one connected TCP socket owned by uid 0
# and held by pid 100, a UNIX socket, and a passwd that names uid 0 as
# "bundleroot" (so output shows which passwd was read).
TCP = (
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0000000000000000 100 0 0 10 0\n"
    "   1: 0100007F:829C 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 5002 2 0000000000000000 20 4 30 10 -1\n"
)
TCP6 = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
UDP = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
RAW = UDP
UNIX = (
    "Num       RefCount Protocol Flags    Type St Inode Path\n"
    "0000000000000000: 00000002 00000000 00010000 0001 01 5003 /run/base.sock\n"
)
PASSWD = "bundleroot:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n"
SERVICES = "http-alt\t8080/tcp\n"
NSSWITCH = "passwd: files\ngroup: files\nhosts: files\nnetworks: files\nservices: files\nprotocols: files\n"


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def make_base_tree(tree):
    for name, data in [("tcp", TCP), ("tcp6", TCP6), ("udp", UDP), ("udp6", TCP6),
                       ("raw", RAW), ("raw6", TCP6), ("unix", UNIX)]:
        write(f"{tree}/proc/net/{name}", data)
    write(f"{tree}/proc/100/cmdline", "sshd\0-D\0")
    os.makedirs(f"{tree}/proc/100/fd", exist_ok=True)
    for fd, target in [("3", "socket:[5001]"), ("4", "socket:[5002]"),
                       ("5", "socket:[5003]")]:
        os.symlink(target, f"{tree}/proc/100/fd/{fd}")
    for name, data in [("passwd", PASSWD), ("group", "root:x:0:\n"),
                       ("services", SERVICES), ("protocols", "tcp\t6\tTCP\n"),
                       ("hosts", "127.0.0.1\tlocalhost\n"), ("networks", ""),
                       ("nsswitch.conf", NSSWITCH), ("host.conf", "multi on\n")]:
        write(f"{tree}/etc/{name}", data)


# --- tar helpers ---

def read_members(tar_bytes):
    """[(TarInfo, data)] of an uncompressed tar, in order."""
    out = []
    with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:",
                      encoding="utf-8", errors="surrogateescape") as t:
        for m in t.getmembers():
            data = t.extractfile(m).read() if m.isfile() else b""
            out.append((m, data))
    return out


def tar_bytes(members, fmt=tarfile.PAX_FORMAT, end=True):
    """\a members as a tar; without the end-of-archive blocks when \a end is
    False (so that more members can be streamed after them)."""
    buf = io.BytesIO()
    t = tarfile.open(fileobj=buf, mode="w", format=fmt, encoding="utf-8",
                     errors="surrogateescape")
    for info, data in members:
        if info.isfile() or info.type == tarfile.REGTYPE:
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        else:
            t.addfile(info)
    body = buf.getvalue()[: t.offset]
    t.close()
    return buf.getvalue() if end else body


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data,
                          stdout=subprocess.PIPE, check=True).stdout


def unzstd(data):
    return subprocess.run(["zstd", "-q", "-d", "-c"], input=data,
                          stdout=subprocess.PIPE, check=True).stdout


def file_info(name, mtime=0):
    i = tarfile.TarInfo(name)
    i.mode = 0o644
    i.mtime = mtime
    return i


def special(name, kind, target=""):
    i = tarfile.TarInfo(name)
    i.type = kind
    i.linkname = target
    i.mode = 0o777 if kind == tarfile.SYMTYPE else 0o644
    if kind == tarfile.CHRTYPE:
        i.devmajor, i.devminor = 1, 5  # /dev/zero
    return i


def replace(members, name, info, data=b""):
    """members with the one called \a name replaced (type and content)."""
    return [(info, data) if m.name == name else (m, d) for m, d in members]


def edit(members, name, fn):
    return [(m, fn(d)) if m.name == name else (m, d) for m, d in members]


def drop(members, prefix):
    return [(m, d) for m, d in members if not (m.name == prefix or m.name.startswith(prefix + "/"))]


def stream_to_zstd(path, writer):
    """Runs writer(pipe) with zstd compressing the pipe into \a path."""
    with open(path, "wb") as out:
        z = subprocess.Popen(["zstd", "-q", "-c", "-1"], stdin=subprocess.PIPE, stdout=out)
        writer(z.stdin)
        z.stdin.close()
        if z.wait() != 0:
            sys.exit("zstd failed")


def ustar_header(name, size, kind=b"0", linkname=b""):
    i = tarfile.TarInfo(name)
    i.size = size
    i.type = kind
    i.linkname = linkname.decode() if linkname else ""
    i.mode = 0o644
    return i.tobuf(format=tarfile.USTAR_FORMAT)


def write_zeros(pipe, n):
    chunk = b"\0" * MiB
    while n > 0:
        k = min(n, len(chunk))
        pipe.write(chunk[:k])
        n -= k


# --- the cases ---

def build(out, netstat, only):
    os.makedirs(out, exist_ok=True)
    tree = os.path.join(out, ".base-tree")
    if not os.path.isdir(tree):
        make_base_tree(tree)
    base_path = os.path.join(out, "ok.tar.zst")
    if not os.path.exists(base_path):
        r = subprocess.run([netstat, "capture", f"--root={tree}", "-o", base_path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit(f"netstat capture of the base tree failed ({r.returncode}): {r.stderr}")
    base_zst = open(base_path, "rb").read()
    base = read_members(unzstd(base_zst))
    names = [m.name for m, _ in base]
    for needed in ("manifest.json", "proc/net/tcp", "proc/net/udp", "etc/passwd"):
        if needed not in names:
            sys.exit(f"base bundle has no {needed}: {names}")

    cases = {}

    def case(name):
        def register(fn):
            cases[name] = fn
            return fn
        return register

    def put(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    # Unsafe member names: the whole bundle is refused.
    @case("dotdot-name.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(base + [(file_info("../evil"), b"x")])))

    @case("dotdot-inner.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(base + [(file_info("proc/../../evil"), b"x")])))

    @case("absolute-name.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(base + [(file_info("/etc/cron.d/evil"), b"x")])))

    @case("hardlink-outside.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(base + [(special("proc/net/x", tarfile.LNKTYPE, "../../etc/shadow"), b"")])))

    @case("deep-name.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(base + [(file_info("a/" * 300000 + "f"), b"x")])))

    # Symlinks that point out of the bundle resolve inside it.
    @case("symlink-passwd-abs.tar.zst")
    def _(p):
        # Without names.json, user names come from the bundle's etc/passwd.
        m = [(i, d) for i, d in base if i.name != "netstat/names.json"]
        put(p, zstd(tar_bytes(replace(m, "etc/passwd",
                                      special("etc/passwd", tarfile.SYMTYPE, "/etc/passwd")))))

    @case("symlink-passwd-dotdot.tar.zst")
    def _(p):
        m = [(i, d) for i, d in base if i.name != "netstat/names.json"]
        put(p, zstd(tar_bytes(replace(m, "etc/passwd",
                                      special("etc/passwd", tarfile.SYMTYPE,
                                              "../../../../../../../../etc/passwd")))))

    @case("symlink-proc-escape.tar.zst")
    def _(p):
        m = drop(base, "proc/net") + [(special("proc/net", tarfile.SYMTYPE, "../../../../proc/self/net"), b"")]
        put(p, zstd(tar_bytes(m)))

    @case("symlink-loop.tar.zst")
    def _(p):
        m = replace(base, "proc/net/tcp", special("proc/net/tcp", tarfile.SYMTYPE, "tcp.loop"))
        m.append((special("proc/net/tcp.loop", tarfile.SYMTYPE, "tcp"), b""))
        m.append((special("etc/self", tarfile.SYMTYPE, "."), b""))
        put(p, zstd(tar_bytes(m)))

    # Hard links, devices, FIFOs, duplicates: read as a best effort.
    @case("hardlink.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(replace(base, "proc/net/tcp6",
                                      special("proc/net/tcp6", tarfile.LNKTYPE, "proc/net/tcp")))))

    @case("device-fifo.tar.zst")
    def _(p):
        m = replace(base, "proc/net/udp", special("proc/net/udp", tarfile.CHRTYPE))
        m = replace(m, "proc/net/raw", special("proc/net/raw", tarfile.FIFOTYPE))
        put(p, zstd(tar_bytes(m)))

    @case("duplicate.tar.zst")
    def _(p):
        tcp = dict((m.name, d) for m, d in base)["proc/net/tcp"]
        extra = tcp.replace(b"0100007F:1F90 00000000:0000 0A", b"0100007F:0016 00000000:0000 0A")
        put(p, zstd(tar_bytes(base + [(file_info("proc/net/tcp"), extra)])))

    # Size caps.
    @case("entry-over-cap.tar.zst")
    def _(p):
        # A header that announces 300 MB, and only a few KB behind it.
        put(p, zstd(tar_bytes(base, end=False) + ustar_header("proc/net/big", 300 * MiB) + b"\0" * 8192))

    @case("bomb.tar.zst")
    def _(p):
        def writer(pipe):
            pipe.write(tar_bytes(base, end=False))
            for i in range(6):  # 6 x 200 MB of zeros: past the 1 GiB total
                pipe.write(ustar_header(f"bomb/{i}", 200 * MiB))
                write_zeros(pipe, 200 * MiB)
            pipe.write(b"\0" * 1024)
        stream_to_zstd(os.path.join(out, p), writer)

    @case("hardlink-bomb.tar.zst")
    def _(p):
        def writer(pipe):
            pipe.write(tar_bytes(base, end=False))
            pipe.write(ustar_header("bomb/0", 200 * MiB))
            write_zeros(pipe, 200 * MiB)
            for i in range(1, 50):  # 50 copies of 200 MB: 10 GB if uncounted
                pipe.write(ustar_header(f"bomb/{i}", 0, tarfile.LNKTYPE, b"bomb/0"))
            pipe.write(b"\0" * 1024)
        stream_to_zstd(os.path.join(out, p), writer)

    @case("million.tar.zst")
    def _(p):
        # 1,000,001 empty members: one past NETSTAT_ARCHIVE_MAX_ENTRIES.
        # Names "m/<7 digits><their 9-complements>" all have the same byte
        # sum, so every header has the same checksum: one template, fast.
        tmpl = ustar_header("m/" + "0" * 7 + "9" * 7, 0)
        head, tail = tmpl[:2], tmpl[16:]
        complement = bytes.maketrans(b"0123456789", b"9876543210")

        def writer(pipe):
            step = 65536
            for lo in range(0, 1_000_001, step):
                hi = min(lo + step, 1_000_001)
                pipe.write(b"".join(head + d + d.translate(complement) + tail
                                    for d in (b"%07d" % i for i in range(lo, hi))))
            pipe.write(b"\0" * 1024)
        stream_to_zstd(os.path.join(out, p), writer)

    # Not archives, or broken ones.
    @case("truncated.tar.zst")
    def _(p):
        put(p, base_zst[: len(base_zst) * 6 // 10])

    @case("random.bin")
    def _(p):
        rnd = random.Random(6)
        put(p, bytes(rnd.getrandbits(8) for _ in range(65536)))

    @case("empty.tar.zst")
    def _(p):
        put(p, b"")

    @case("not-archive.txt")
    def _(p):
        put(p, b"This is not a bundle.\n" * 100)

    @case("zeros.bin")
    def _(p):
        put(p, b"\0" * 10240)  # a valid, empty tar: no members at all

    @case("empty-tar.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes([])))  # a compressed tar with no members

    @case("only-special.tar.zst")
    def _(p):
        # Members, but none a root can hold (a device and a FIFO).
        put(p, zstd(tar_bytes([(special("dev0", tarfile.CHRTYPE), b""),
                               (special("fifo", tarfile.FIFOTYPE), b"")])))

    # Manifests.
    @case("manifest-v99.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(edit(base, "manifest.json", lambda d: d.replace(
            b'"format_version": 2,', b'"format_version": 99,')))))

    @case("manifest-wrong-hash.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(edit(base, "proc/net/tcp", lambda d: d.replace(b":1F90 ", b":1F91 ", 1)))))

    @case("manifest-garbage.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(edit(base, "manifest.json", lambda d: b"{\"format\": \x1b[31m"))))

    @case("manifest-missing.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes([(m, d) for m, d in base if m.name != "manifest.json"])))

    @case("process-table-garbage.tar.zst")
    def _(p):
        put(p, zstd(tar_bytes(edit(base, "netstat/processes.tsv",
                                   lambda d: b"netstat-processes\t1\nP\tnot-a-pid\tok\t-\t\n"))))

    # Hostile text inside members.
    @case("non-utf8-names.tar.zst")
    def _(p):
        m = base + [(file_info("proc/net/\udcff\udcfe\x1b[2J"), b"x")]
        m = edit(m, "proc/net/unix", lambda d: d + b"0000000000000000: 00000002 00000000 00010000 0001 01 5004 /run/\xff\xfe\x1b]0;pwned\x07.sock\n")
        put(p, zstd(tar_bytes(m, fmt=tarfile.GNU_FORMAT)))

    @case("megabyte-lines.tar.zst")
    def _(p):
        long_line = b"   2: " + b"A" * MiB + b"\n"
        m = edit(base, "proc/net/tcp", lambda d: d.replace(b"\n   1:", b"\n" + long_line + b"   1:", 1))
        m = edit(m, "proc/net/unix", lambda d: d + b"0000000000000000: 00000002 00000000 00010000 0001 01 5005 /" + b"p" * MiB + b"\n")
        put(p, zstd(tar_bytes(m)))

    @case("nul-bytes.tar.zst")
    def _(p):
        m = edit(base, "proc/net/tcp", lambda d: d.replace(b"0100007F:829C", b"0100\0007F:829C").replace(b" 0A ", b" 0\0A "))
        m = edit(m, "proc/net/unix", lambda d: d + b"\0\0\0\0: 00000002\0\n" + b"\0" * 4096)
        m = edit(m, "etc/passwd", lambda d: b"\0" + d)
        put(p, zstd(tar_bytes(m)))

    # Paths that are no regular file.
    @case("fifo")
    def _(p):
        os.mkfifo(os.path.join(out, p))

    # Directory roots (--root=DIR): an unpacked customer tree.
    def tree_copy(p):
        d = os.path.join(out, p)
        subprocess.run(["cp", "-a", tree, d], check=True)
        return d

    @case("dir-escape")
    def _(p):
        # Every way out of the tree: absolute and ".." links to the
        # analyst's /proc and /etc. Inside the root they lead nowhere.
        d = tree_copy(p)
        subprocess.run(["rm", "-rf", f"{d}/proc", f"{d}/etc"], check=True)
        os.symlink("../../../../../../../../proc", f"{d}/proc")
        os.makedirs(f"{d}/etc")
        for name in ("passwd", "group", "hosts", "services", "nsswitch.conf"):
            os.symlink(f"/etc/{name}", f"{d}/etc/{name}")

    @case("dir-escape-net")
    def _(p):
        d = tree_copy(p)
        subprocess.run(["rm", "-rf", f"{d}/proc/net"], check=True)
        os.symlink("/proc/self/net", f"{d}/proc/net")
        os.remove(f"{d}/etc/passwd")
        os.symlink("../../../../../../../../../etc/passwd", f"{d}/etc/passwd")

    @case("dir-special")
    def _(p):
        # A FIFO (would block), a device node (root only; /dev/zero never
        # ends) and a sparse 8 GiB file where socket tables should be.
        d = tree_copy(p)
        os.remove(f"{d}/proc/net/tcp")
        os.mkfifo(f"{d}/proc/net/tcp")
        os.remove(f"{d}/proc/net/udp")
        try:
            os.mknod(f"{d}/proc/net/udp", 0o644 | 0o020000, os.makedev(1, 5))
        except PermissionError:
            os.symlink("/dev/zero", f"{d}/proc/net/udp")
        with open(f"{d}/proc/net/raw", "wb") as f:
            f.truncate(8 << 30)

    for name, fn in cases.items():
        if only and name not in only:
            continue
        path = os.path.join(out, name)
        if os.path.isdir(path) and not os.path.islink(path):
            subprocess.run(["rm", "-rf", path], check=True)
        elif os.path.lexists(path):
            os.remove(path)
        fn(name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--netstat", required=True, help="the netstat binary (for capture)")
    ap.add_argument("--only", nargs="*", default=[], help="build only these cases")
    a = ap.parse_args()
    build(a.outdir, a.netstat, set(a.only))


if __name__ == "__main__":
    main()
