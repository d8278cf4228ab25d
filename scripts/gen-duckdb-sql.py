#!/usr/bin/env python3
"""Writes docs/schema/duckdb.sql from docs/schema/netstat.schema.json.

    scripts/gen-duckdb-sql.py            rewrite docs/schema/duckdb.sql
    scripts/gen-duckdb-sql.py --check    exit 1 if the file is not current

duckdb.sql defines one DuckDB table macro per `netstat export` table
(netstat_sockets(dir), netstat_routes(dir)...), each a read_json() over that
table's part files with every member of the table's rows declared in
`columns` (types from the JSON schema). Declaring the columns spares DuckDB
its type detection, which samples up to 20,480 rows of every part file on
each query (with union_by_name) and dominates small queries: see
docs/fleet.md, "Loading and querying".
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SCHEMA = os.path.join(ROOT, "docs", "schema", "netstat.schema.json")
OUT = os.path.join(ROOT, "docs", "schema", "duckdb.sql")

# table folder -> (schema definition of its rows, glob under the folder,
# hive partition types)
TABLES = [
    ("sockets", "socket", "*/*.jsonl", {"listening": "BOOLEAN"}),
    ("groups", "group", "*.jsonl", None),
    ("routes", "route", "*.jsonl", None),
    ("interfaces", "interface", "*.jsonl", None),
    ("counters", "counter", "*.jsonl", None),
    ("masquerade", "masquerade", "*.jsonl", None),
    ("views", "view_record", "*.jsonl", None),
    ("bundles", "bundle_record", "*.jsonl", None),
]
TIMES = {"captured_at", "exported_at"}  # RFC 3339 UTC with milliseconds


def sql_type(name, prop, defs):
    if "$ref" in prop:
        return struct(defs[prop["$ref"].split("/")[-1]], defs)
    if name in TIMES:
        return "TIMESTAMP"
    if "enum" in prop or "const" in prop:
        return "VARCHAR"
    kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    kinds = [k for k in kinds if k != "null"]
    assert len(kinds) == 1, (name, prop)
    kind = kinds[0]
    if kind == "string":
        return "VARCHAR"
    if kind == "boolean":
        return "BOOLEAN"
    if kind == "number":
        return "DOUBLE"
    if kind == "integer":
        # Kernel counters are u64: non-negative members are UBIGINT.
        return "UBIGINT" if prop.get("minimum", -1) >= 0 else "BIGINT"
    if kind == "array":
        return sql_type(name, prop["items"], defs) + "[]"
    if kind == "object":
        return struct(prop, defs)
    raise ValueError("no DuckDB type for %s: %s" % (name, prop))


def struct(definition, defs):
    members = ", ".join('"%s" %s' % (k, sql_type(k, p, defs))
                        for k, p in definition["properties"].items())
    return "STRUCT(%s)" % members


def generate():
    with open(SCHEMA) as f:
        schema = json.load(f)
    defs = schema["$defs"]
    out = ["-- DuckDB table macros over a `netstat export` folder (docs/fleet.md).",
           "-- Generated from netstat.schema.json (%s) by scripts/gen-duckdb-sql.py:"
           % schema["$id"],
           "-- do not edit. Use:",
           "--   .read docs/schema/duckdb.sql",
           "--   CREATE VIEW sockets AS FROM netstat_sockets('fleet');",
           "--   SELECT DISTINCT host FROM sockets WHERE listening AND local_port = 6379;",
           "-- Every member of the table's rows is declared, so DuckDB reads the",
           "-- files without sampling them for types first.", ""]
    for folder, definition, glob, hive in TABLES:
        props = defs[definition]["properties"]
        cols = ",\n      ".join("'%s': '%s'" % (k, sql_type(k, p, defs))
                               for k, p in props.items())
        hive_opts = ("hive_partitioning = true, hive_types = {%s}" %
                     ", ".join("'%s': %s" % kv for kv in hive.items())
                     if hive else "hive_partitioning = false")
        out.append("CREATE OR REPLACE MACRO netstat_%s(dir) AS TABLE\n"
                   "  SELECT * FROM read_json(dir || '/%s/%s',\n"
                   "    format = 'newline_delimited', %s,\n"
                   "    columns = {\n      %s});\n"
                   % (folder, folder, glob, hive_opts, cols))
    return "\n".join(out)


def main():
    text = generate()
    if sys.argv[1:] == ["--check"]:
        with open(OUT) as f:
            current = f.read()
        if current != text:
            sys.exit("docs/schema/duckdb.sql is not current: run scripts/gen-duckdb-sql.py")
        print("docs/schema/duckdb.sql is current")
        return
    with open(OUT, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
