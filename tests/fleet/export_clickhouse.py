#!/usr/bin/env python3
"""The ClickHouse queries of docs/fleet.md, run as written (the folder name
`fleet/` replaced by the test's export) in ClickHouse embedded (npm chdb),
over an export of 12 test-made bundles, against per-bundle replays.

    export_clickhouse.py NETSTAT_BIN NPM_CACHE   (NPM_CACHE holds chdb)

The `s3()` statement is not run (no bucket here); every other statement of
the section's sql blocks is, and each must succeed. Then the loaded table
must hold every socket row (count per host) and the documented listener
query must name the hosts that listen on 0.0.0.0:6379, from the files and
from the table.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN, CACHE = sys.argv[1], sys.argv[2]
DOC = os.path.join(HERE, "..", "..", "docs", "fleet.md")
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("command failed (%d): %s\n%s" % (p.returncode, " ".join(args), p.stderr))
    return p


def documented_statements():
    text = open(DOC).read()
    section = text[text.index("### ClickHouse"):text.index("### Spark")]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    statements = []
    for b in blocks:
        for s in b.split(";"):
            s = s.strip()
            if s:
                statements.append(s)
    return statements


def main():
    tmp = tempfile.mkdtemp(prefix="netstat-clickhouse-")
    try:
        test(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("all checks passed")


def test(tmp):
    trees = run([sys.executable, os.path.join(HERE, "make_fleet.py"),
                 os.path.join(tmp, "trees"), "12", "100", "7"]).stdout.split()
    bundles = []
    for i, tree in enumerate(trees):
        b = os.path.join(tmp, "b%02d.tar.zst" % i)
        run([BIN, "capture", "--root=" + tree, "-o", b])
        bundles.append(b)
    out = os.path.join(tmp, "fleet")
    run([BIN, "export", "-q", "-o", out] + bundles)

    want_hosts = collections.Counter()
    want_6379 = set()
    for b in bundles:
        for line in run([BIN, "--root=" + b, "-a", "-p", "--json-lines"]).stdout.splitlines():
            r = json.loads(line)
            want_hosts[r["host"]] += 1
            if (r["protocol"] == "tcp" and r["state"] == "LISTEN"
                    and r.get("local_address") == "0.0.0.0" and r.get("local_port") == 6379):
                want_6379.add(r["host"])

    statements = documented_statements()
    run_now = [s.replace("'fleet/", "'" + out + "/") for s in statements if "s3(" not in s]
    print("running %d of the %d documented statements (not s3(): no bucket here)"
          % (len(run_now), len(statements)))
    queries = run_now + [
        "SELECT host, count() AS n FROM sockets GROUP BY host",
        "SELECT DISTINCT host FROM sockets WHERE listening AND protocol = 'tcp' "
        "AND state = 'LISTEN' AND local_address = '0.0.0.0' AND local_port = 6379",
        "SELECT toTypeName(captured_at) AS t, min(captured_at) AS first FROM sockets",
    ]
    script = os.path.join(CACHE, "clickhouse_query.mjs")
    shutil.copyfile(os.path.join(HERE, "clickhouse_query.mjs"), script)
    qfile = os.path.join(tmp, "queries.json")
    with open(qfile, "w") as f:
        json.dump(queries, f)
    res = json.loads(run(["node", script, qfile]).stdout)
    for q, r in zip(run_now, res):
        check("error" not in r, "documented statement runs: %s%s" % (
            " ".join(q.split())[:90], "" if "error" not in r else "\n     " + r["error"][:400]))
    got = {r["host"] for r in res[0].get("rows", [])}
    check(got == want_6379 and got,
          "file(): hosts listening on 0.0.0.0:6379: %s" % sorted(got))
    n = len(run_now)
    hosts = {r["host"]: int(r["n"]) for r in res[n].get("rows", [])}
    check(hosts == dict(want_hosts) and sum(hosts.values()) > 12 * 100,
          "the loaded table holds every socket row: %d" % sum(hosts.values()))
    table_6379 = {r["host"] for r in res[n + 1].get("rows", [])}
    check(table_6379 == want_6379, "the table: the same listeners: %s" % sorted(table_6379))
    check(res[n + 2].get("rows", [{}])[0].get("t") == "DateTime64(3, 'UTC')",
          "captured_at is DateTime64(3, 'UTC'): %s" % res[n + 2])


if __name__ == "__main__":
    main()
