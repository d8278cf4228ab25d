#!/usr/bin/env python3
"""What per-process content addressing would save in a time series (issue 13).

Takes a series bundle (netstat capture --count N), unpacks it, and writes
two trees: as stored, and with every frame's netstat/processes.tsv rewritten
so that a process whose records (P line and its F lines) equal those of an
earlier frame becomes one line `S<TAB>PID<TAB>VIEW` (VIEW: the first view
that holds them in full). Both trees are packed with the same tar and
`zstd -1`, next to the series' first frame alone, and the sizes printed.
Not a format this program reads: a measurement for docs/performance.md.

    bench/tools/series_procs_sim.py SERIES.tar.zst
"""
import glob
import os
import subprocess
import sys
import tempfile


def records(text):
    out, cur = [], None
    for line in text.split(b"\n")[1:]:
        if line.startswith(b"P\t"):
            cur = [line]
            out.append(cur)
        elif cur is not None and line:
            cur.append(line)
    return [b"\n".join(r) + b"\n" for r in out]


def packed_size(tree, members):
    tar = subprocess.run(["tar", "-C", tree, "-cf", "-"] + members,
                         check=True, capture_output=True).stdout
    return len(subprocess.run(["zstd", "-1", "-q", "-c"], input=tar,
                              check=True, capture_output=True).stdout)


def top_members(tree):
    names = sorted(os.listdir(tree))
    names.remove("manifest.json")
    return ["manifest.json"] + names


def frame_key(path):
    digits = "".join(c for c in path.rsplit("/", 1)[-1] if c.isdigit())
    return int(digits or 0)


def main():
    series = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        full = os.path.join(tmp, "full")
        os.mkdir(full)
        subprocess.run("zstd -dcq '%s' | tar -C '%s' -xf -" % (series, full),
                       shell=True, check=True)
        first = os.path.join(tmp, "first")
        os.mkdir(first)
        members = [m for m in top_members(full) if m != "views"]
        subprocess.run(["cp", "-a"] + [os.path.join(full, m) for m in members] + [first],
                       check=True)
        sizes = {"first frame": packed_size(first, top_members(first)),
                 "series as stored": packed_size(full, top_members(full))}
        seen = {}
        for r in records(open(os.path.join(full, "netstat/processes.tsv"), "rb").read()):
            seen.setdefault(r, "default")
        tables = distinct = 0
        for view in sorted(glob.glob(os.path.join(full, "views/*")), key=frame_key):
            path = os.path.join(view, "netstat/processes.tsv")
            if os.path.islink(path) or not os.path.exists(path):
                continue
            text = open(path, "rb").read()
            out = [text.split(b"\n")[0] + b"\n"]
            for r in records(text):
                if r in seen:
                    out.append(b"S\t" + r.split(b"\t")[1] + b"\t" +
                               seen[r].encode() + b"\n")
                else:
                    seen[r] = os.path.basename(view)
                    out.append(r)
                    distinct += 1
            tables += 1
            open(path, "wb").write(b"".join(out))
        sizes["series, per-process addressing"] = packed_size(full, top_members(full))
        one = sizes["first frame"]
        print("process tables stored again: %d; process records new after frame 0: %d"
              % (tables, distinct))
        for name, size in sizes.items():
            print("%-34s %10d %8.2f" % (name, size, size / one))


if __name__ == "__main__":
    main()
