#!/usr/bin/env python3
"""`netstat export` of a test-made fleet, loaded into DuckDB, checked against
per-bundle replays (issue 16).

    export_duckdb.py NETSTAT_BIN NPM_CACHE   (NPM_CACHE holds @duckdb/node-api)

44 trees from tests/fleet/make_fleet.py (7 hosts, 200 generated TCP sockets
each, a 0.0.0.0:6379 listener on every third), 42 of them captured as
bundles and 2 given as trees, plus 2 bad inputs (garbage, a truncated
bundle). Exported in two runs (30 inputs, then all: the second must export
only the rest), then DuckDB answers are compared with the same questions
asked of `netstat --root=B -a -p -o --json-lines` and `-r -A inet,inet6`:
socket counts per host and state, hosts listening on 0.0.0.0:6379, every
socket row with its timer members (no row lost or duplicated), connections
retransmitting per host (the docs/fleet.md query), route counts per bundle, rows
without identity (0), and the bundles table (2 failed, the rest ok, ids
unique and equal to the inputs' SHA-256), the views table (each view's
namespace names and container, as make_views wrote them) and docs/fleet.md's
join of listeners with it.
"""
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN, CACHE = sys.argv[1], sys.argv[2]
# tests/tools/make_views: bundles of several namespaces and frames, no root.
MAKE_VIEWS = os.path.join(os.path.dirname(BIN), "tests", "tools", "make_views")
BASE_MS = 1714564800000  # 2024-05-01T12:00:00Z
TABLES = ["sockets", "groups", "routes", "interfaces", "counters", "bundles"]
failures = []


def fleet_query(comment):
    """The SQL statement of docs/fleet.md that follows the line "-- COMMENT...",
    as written there (up to its ';')."""
    with open(os.path.join(HERE, "..", "..", "docs", "fleet.md")) as f:
        text = f.read()
    start = text.index("-- " + comment)
    start = text.index("\n", start) + 1
    return text[start:text.index(";", start)]


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(args, ok_status=(0,)):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in ok_status:
        sys.exit("command failed (%d): %s\n%s" % (p.returncode, " ".join(args), p.stderr))
    return p


def lines(text):
    return [json.loads(l) for l in text.splitlines() if l]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def seconds(v):
    """timer_expires as text with two decimals (JSON 1.00 and DuckDB 1.0 alike)."""
    return "None" if v is None else "%.2f" % float(v)


def duckdb(queries, tmp):
    # ES modules resolve packages from the script's folder, not NODE_PATH.
    script = os.path.join(CACHE, "duckdb_query.mjs")
    shutil.copyfile(os.path.join(HERE, "duckdb_query.mjs"), script)
    qfile = os.path.join(tmp, "queries.json")
    with open(qfile, "w") as f:
        json.dump(queries, f)
    p = run(["node", script, qfile])
    return json.loads(p.stdout)


def main():
    tmp = tempfile.mkdtemp(prefix="netstat-fleet-")
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
                 os.path.join(tmp, "trees"), "44", "200", "7"]).stdout.split()
    if not os.access(MAKE_VIEWS, os.X_OK):
        sys.exit("%s missing: build every target (cmake --build build)" % MAKE_VIEWS)
    inputs = []
    views = {}  # input -> [(netns, --netns selector, frame, captured_at ms)]
    namespace = {}  # (input, netns, frame) -> (names joined, (runtime, id) or None)
    os.makedirs(os.path.join(tmp, "bundles"))
    for i, tree in enumerate(trees):
        if i in (5, 17):
            inputs.append(tree)  # two captured trees given as they are
            views[tree] = [("self", None, 0, None)]
            continue
        b = os.path.join(tmp, "bundles", "b%02d.tar.zst" % i)
        if i % 7 == 3:  # plain captures too
            run([BIN, "capture", "--root=" + tree, "-o", b])
            views[b] = [("self", None, 0, None)]
        else:
            # The host's own namespace and a named one (one of three per
            # fleet), at one or two frames 1.5 s apart; each view from
            # another tree, so views differ.
            # The third namespace has no /run/netns name but is a docker
            # container's (as containers are).
            base = BASE_MS + i * 60000
            inode = 4026532000 + i % 3
            named = i % 3 != 2
            spec, v = [], []
            for frame in range(1 + i % 2):
                for k, (ino, name) in enumerate(((0, "-"), (inode, "ns%d" % (i % 3) if named else "-"))):
                    container = None if ino == 0 or named else ("docker", "%064x" % inode)
                    spec.append("%s,%d,%s,%d" % (trees[(i + 2 * frame + k) % len(trees)],
                                                 ino, name, frame)
                                + ("" if container is None else ",%s:%s" % container))
                    v.append(("self" if ino == 0 else "netns:[%d]" % ino,
                              "self" if ino == 0 else str(ino), frame, base + 1500 * frame))
                    namespace[(b, v[-1][0], frame)] = ("" if name == "-" else name, container)
            run([MAKE_VIEWS, b, str(base)] + spec)
            views[b] = v
        inputs.append(b)
    good = list(inputs)
    garbage = os.path.join(tmp, "bundles", "garbage.tar.zst")
    with open(garbage, "w") as f:
        f.write("not a bundle\n")
    truncated = os.path.join(tmp, "bundles", "truncated.tar.zst")
    with open(inputs[0], "rb") as f:
        data = f.read()
    with open(truncated, "wb") as f:
        f.write(data[: len(data) // 2])
    inputs[10:10] = [garbage]
    inputs.append(truncated)
    bundles_made = sum(1 for x in good if x.endswith(".tar.zst"))
    check(bundles_made >= 40, "%d bundles made by the test (>= 40)" % bundles_made)

    out = os.path.join(tmp, "fleet")
    first = run([BIN, "export", "-j", "2", "-o", out] + inputs[:30], ok_status=(1,))
    check("1 failed" in first.stderr, "first run: the garbage input failed: " + first.stderr.strip().splitlines()[-1])
    second = run([BIN, "export", "-j", "2", "-o", out] + inputs, ok_status=(1,))
    summary = second.stderr.strip().splitlines()[-1]
    # The garbage input is listed (failed, with its id) by run 1, so run 2
    # counts it as exported before; the truncated one fails in run 2.
    check("46 inputs: 15 exported" in summary and "30 exported before" in summary
          and "1 failed" in summary, "second run exports only the new inputs: " + summary)

    # Expected answers, from per-bundle replays.
    ids = {}
    for x in good:
        ids[x] = sha256_file(os.path.join(x, "manifest.json") if os.path.isdir(x) else x)
    want_counts = collections.Counter()
    want_6379 = set()
    want_rows = []
    want_routes = {}
    want_views = set()
    want_retrans = collections.defaultdict(lambda: [0, 0])  # host -> [n, max retransmits]
    want_view_rows = set()  # the views table: (bundle, netns, frame, names, container, sockets)
    want_join = collections.Counter()  # 6379 listeners with their namespace's name/container
    for x in good:
        want_routes[ids[x]] = 0
        for netns, sel, frame, ms in views[x]:
            select = [] if sel is None else ["--netns=" + sel, "--frame=%d" % frame]
            if ms is not None:
                want_views.add((ids[x], netns, frame, ms))
            rows = lines(run([BIN, "--root=" + x, "-a", "-p", "-o", "--json-lines"] + select).stdout)
            names, container = namespace.get((x, netns, frame), ("", None))
            want_view_rows.add((ids[x], netns, frame, names,
                                container[1] if container else None, len(rows)))
            for r in rows:
                want_counts[(r["host"], r["state"])] += 1
                if (r["protocol"] == "tcp" and r["state"] == "LISTEN"
                        and r.get("local_address") == "0.0.0.0"
                        and r.get("local_port") == 6379):
                    want_6379.add((r["host"], netns, str(frame)))
                    want_join[(r["host"], netns, names, container[0] if container else None,
                               container[1] if container else None)] += 1
                if r.get("timer") == "on" and r["retransmits"] > 0:
                    want_retrans[r["host"]][0] += 1
                    want_retrans[r["host"]][1] = max(want_retrans[r["host"]][1], r["retransmits"])
                want_rows.append(tuple(str(v) for v in (
                    ids[x], netns, frame, r["protocol"], r["family"], r.get("local_address"),
                    r.get("local_port"), r.get("remote_address"), r.get("remote_port"),
                    r["state"], r["inode"], r.get("path"), r.get("program"), r.get("timer"),
                    seconds(r.get("timer_expires")), r.get("retransmits"), r.get("timeout"))))
            want_routes[ids[x]] += len(lines(run(
                [BIN, "--root=" + x, "-r", "-A", "inet,inet6", "--json-lines"] + select).stdout))
    want_rows.sort()

    # The documented way: docs/schema/duckdb.sql's macros (declared columns).
    with open(os.path.join(HERE, "..", "..", "docs", "schema", "duckdb.sql")) as f:
        macros = f.read()
    view_sql = ";".join("CREATE VIEW %s AS FROM netstat_%s('%s')" % (t, t, out) for t in TABLES)
    auto = ("read_json('%s/sockets/*/*.jsonl', format = 'newline_delimited', "
            "union_by_name = true)" % out)
    q = [
        macros + view_sql,
        "SELECT host, state, count(*) AS n FROM sockets GROUP BY ALL",
        "SELECT DISTINCT host, netns, frame FROM sockets WHERE protocol = 'tcp' "
        "AND state = 'LISTEN' AND local_address = '0.0.0.0' AND local_port = 6379",
        "SELECT bundle, netns, frame, protocol, family, local_address, local_port, remote_address, "
        "remote_port, state, inode, path, program, timer, timer_expires, retransmits, timeout "
        "FROM sockets",
        "SELECT bundle, count(*) AS n FROM routes GROUP BY bundle",
    ]
    for t in TABLES[:-1]:
        q.append("SELECT count(*) AS n FROM %s WHERE bundle IS NULL OR host IS NULL OR "
                 "netns IS NULL OR frame IS NULL OR captured_at IS NULL" % t)
    q.append("SELECT status, count(*) AS n, count(DISTINCT bundle) AS ids FROM bundles GROUP BY status")
    q.append("SELECT bundle, source FROM bundles WHERE status = 'ok'")
    q.append("SELECT typeof(captured_at) AS t, count(DISTINCT netns) AS netns, "
             "max(frame) AS frame FROM sockets GROUP BY ALL")
    # Without the macros: type detection, and "listening" from the folder
    # names (VARCHAR) when DuckDB sees the Hive partitions.
    q.append("SELECT DISTINCT host FROM %s WHERE listening AND protocol = 'tcp' "
             "AND state = 'LISTEN' AND local_address = '0.0.0.0' AND local_port = 6379" % auto)
    q.append("SELECT count(*) AS n FROM %s" % auto)
    # Each partition holds the rows of its value (the member in the file).
    q.append("SELECT contains(filename, '/listening=true/') AS folder, listening, count(*) AS n "
             "FROM read_json('%s/sockets/*/*.jsonl', format = 'newline_delimited', "
             "hive_partitioning = false, filename = true, union_by_name = true) GROUP BY ALL" % out)
    q.append("SELECT typeof(listening) AS l, typeof(local_port) AS p, typeof(owners) AS o "
             "FROM sockets LIMIT 1")
    q.append("EXPLAIN ANALYZE SELECT DISTINCT host FROM sockets WHERE listening AND "
             "local_port = 6379")
    q.append("SELECT DISTINCT bundle, netns, frame, epoch_ms(captured_at) AS ms FROM sockets")
    q.append("SELECT bundle, len(views) AS n FROM bundles WHERE status = 'ok'")
    # docs/fleet.md: connections retransmitting (the -o members), per host.
    q.append(fleet_query("Connections retransmitting"))
    q.append("SELECT DISTINCT typeof(timer) AS t, typeof(timer_expires) AS e, "
             "typeof(retransmits) AS r, typeof(timeout) AS o FROM sockets")
    # The views table (namespace names and containers) and docs/fleet.md's join.
    q.append("CREATE VIEW views AS FROM netstat_views('%s')" % out)
    q.append("SELECT bundle, netns, frame, array_to_string(names, ',') AS names, "
             "container.id AS container, sockets FROM views")
    q.append(fleet_query("Listeners on 0.0.0.0:6379 with their namespace"))
    q.append(fleet_query("Sockets per container over time"))
    q.append("SELECT (SELECT count(*) FROM sockets s ANTI JOIN views v USING (bundle, netns, frame)) "
             "AS orphans, (SELECT count(*) - count(DISTINCT (bundle, netns, frame)) FROM views) AS dup")
    res = duckdb(q, tmp)

    got_counts = collections.Counter({(r["host"], r["state"]): int(r["n"]) for r in res[1]["rows"]})
    check(got_counts == want_counts and len(want_counts) >= 7 * 4,
          "sockets per host and state: %d groups equal the replays" % len(want_counts))
    got_6379 = {(r["host"], r["netns"], r["frame"]) for r in res[2]["rows"]}
    check(got_6379 == want_6379 and 0 < len(want_6379) < len(want_views),
          "hosts, namespaces and frames listening on 0.0.0.0:6379: %d of %d views (%.1f ms)"
          % (len(got_6379), len(want_views), res[2]["ms"]))
    got_rows = sorted(tuple(str(r[k]) for k in (
        "bundle", "netns", "frame", "protocol", "family", "local_address", "local_port", "remote_address",
        "remote_port", "state", "inode", "path", "program", "timer")) +
        (seconds(r["timer_expires"]), str(r["retransmits"]), str(r["timeout"]))
        for r in res[3]["rows"])
    got_rows = [tuple("None" if v == "None" else v for v in r) for r in got_rows]
    check(got_rows == want_rows and len(want_rows) > 44 * 200,
          "every socket row once, with its timer members: %d rows, none lost or duplicated"
          % len(want_rows))
    timers = collections.Counter(r[13] for r in want_rows)
    check(all(timers[t] > 100 for t in ("off", "on", "keepalive", "timewait", "probe"))
          and timers["None"] > 100, "timer kinds in the fleet: %s" % dict(timers))
    got_routes = {r["bundle"]: int(r["n"]) for r in res[4]["rows"]}
    check(got_routes == {k: v for k, v in want_routes.items() if v},
          "routes per bundle equal the replays (%d bundles)" % len(got_routes))
    for i, t in enumerate(TABLES[:-1]):
        n = int(res[5 + i]["rows"][0]["n"])
        check(n == 0, "%s: rows without identity: %d" % (t, n))
    status = {r["status"]: (int(r["n"]), int(r["ids"])) for r in res[10]["rows"]}
    check(status.get("ok") == (44, 44) and status.get("error", (0,))[0] == 2,
          "bundles table: %s" % status)
    got_ids = {r["source"]: r["bundle"] for r in res[11]["rows"]}
    check(got_ids == ids, "bundle ids are the inputs' SHA-256 (manifest's for trees)")
    kinds = res[12]["rows"]
    check(len(kinds) == 1 and kinds[0]["t"] == "TIMESTAMP" and kinds[0]["netns"] == "4"
          and kinds[0]["frame"] == "1",
          "captured_at read as TIMESTAMP; 4 namespaces (self + 3), frames 0 and 1: %s" % kinds)
    multi = {v[0] for v in want_views}
    got_views = {(r["bundle"], r["netns"], int(r["frame"]), int(r["ms"]))
                 for r in res[18]["rows"] if r["bundle"] in multi}
    check(got_views == want_views and len(multi) >= 30,
          "each view's rows carry its netns, frame and the frame's time in ms "
          "(%d views of %d multi-view bundles)" % (len(want_views), len(multi)))
    bviews = {r["bundle"]: int(r["n"]) for r in res[19]["rows"]}
    check(all(bviews.get(ids[x]) == len(views[x]) for x in good),
          "the bundles table lists every view of each bundle")
    got_retrans = {r["host"]: [int(r["n"]), int(r["worst"])] for r in res[20]["rows"]}
    check(got_retrans == dict(want_retrans) and len(want_retrans) == 7,
          "docs/fleet.md's retransmitting connections per host equal the replays: %s"
          % got_retrans)
    check(res[21]["rows"] == [{"t": "VARCHAR", "e": "DOUBLE", "r": "UBIGINT", "o": "BIGINT"}],
          "the timer members' types: %s" % res[21]["rows"])
    got_view_rows = {(r["bundle"], r["netns"], int(r["frame"]), r["names"], r["container"],
                      int(r["sockets"])) for r in res[23]["rows"]}
    check(got_view_rows == want_view_rows and len(res[23]["rows"]) == len(want_view_rows)
          and sum(1 for v in want_view_rows if v[4]) >= 10,
          "views table: one row per view with its names, container and socket count "
          "(%d views)" % len(want_view_rows))
    got_join = collections.Counter((r["host"], r["netns"], r["names"], r["runtime"], r["container"])
                                   for r in res[24]["rows"])
    check(got_join == want_join and any(k[4] for k in want_join) and any(k[2] for k in want_join),
          "docs/fleet.md's listeners joined with their namespace's names and container: "
          "%d rows equal the replays" % sum(want_join.values()))
    want_per_container = collections.Counter()
    view_ms = {(ids[x], v[0], v[2]): v[3] for x in good for v in views[x]}
    for bundle, netns, frame, _, container, n in want_view_rows:
        if container:
            want_per_container[(container, view_ms[(bundle, netns, frame)])] += n
    got = res[25]["rows"]
    check(len(got) == len(want_per_container) and len(got) > 1
          and sum(int(r["sockets"]) for r in got) == sum(want_per_container.values()),
          "docs/fleet.md's sockets per container over time: %d rows, %d sockets"
          % (len(got), sum(want_per_container.values())))
    check(res[26]["rows"] == [{"orphans": "0", "dup": "0"}],
          "every socket row joins exactly one view on (bundle, netns, frame): %s" % res[26]["rows"])
    got_auto = {r["host"] for r in res[13]["rows"]}
    check(got_auto == {h for h, _, _ in want_6379}, "the same listeners without the macros (type detection): %s"
          % sorted(got_auto))
    check(int(res[14]["rows"][0]["n"]) == len(want_rows),
          "read_json over sockets/*/*.jsonl without the macros: %s rows" % res[14]["rows"][0]["n"])
    parts = {(r["folder"], r["listening"]): int(r["n"]) for r in res[15]["rows"]}
    check(set(parts) == {(True, True), (False, False)},
          "sockets/listening=true|false/ hold the rows of that value: %s" % parts)
    check(res[16]["rows"] == [{"l": "BOOLEAN", "p": "UBIGINT",
                               "o": 'STRUCT(pid UBIGINT, "program" VARCHAR)[]'}],
          "the macros' types: %s" % res[16]["rows"])
    plan = "".join(str(v) for r in res[17]["rows"] for v in r.values())
    files = {v: len([n for n in os.listdir(os.path.join(out, "sockets", "listening=" + v))
                     if n.startswith("part-")]) for v in ("true", "false")}
    check("Scanning Files: %d/%d" % (files["true"], files["true"] + files["false"]) in plan,
          "a query on listening sockets reads only sockets/listening=true/: %s" %
          [l.strip(" │") for l in plan.splitlines() if "Files" in l])


if __name__ == "__main__":
    main()
