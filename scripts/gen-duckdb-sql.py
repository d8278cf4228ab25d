#!/usr/bin/env python3
"""Writes docs/schema/duckdb.sql and docs/schema/netstat_spark.py from
docs/schema/netstat.schema.json.

    scripts/gen-duckdb-sql.py            rewrite both files
    scripts/gen-duckdb-sql.py --check    exit 1 if either is not current

duckdb.sql defines one DuckDB table macro per `netstat export` table
(netstat_sockets(dir), netstat_routes(dir)...), each a read_json() over that
table's part files with every member of the table's rows declared in
`columns` (types from the JSON schema). Declaring the columns spares DuckDB
its type detection, which samples up to 20,480 rows of every part file on
each query (with union_by_name) and dominates small queries: see
docs/fleet.md, "Loading and querying".

netstat_spark.py holds the same tables' schemas as Spark DDL strings for
spark.read.schema(...).json(...). It is NOT tested against Spark (no Spark
where this project is built and tested: docs/fleet.md, "Spark"); only its
being current is.
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SCHEMA = os.path.join(ROOT, "docs", "schema", "netstat.schema.json")
OUT = os.path.join(ROOT, "docs", "schema", "duckdb.sql")
SPARK_OUT = os.path.join(ROOT, "docs", "schema", "netstat_spark.py")

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


def spark_type(name, prop, defs):
    """Spark SQL DDL type of a member. Spark has no unsigned integers:
    non-negative ones (kernel counters are u64) are DECIMAL(20,0), which
    holds every u64 (a BIGINT would turn a value above 2^63 into a corrupt
    record), signed ones BIGINT."""
    if "$ref" in prop:
        return spark_struct(defs[prop["$ref"].split("/")[-1]], defs)
    if name in TIMES:
        return "TIMESTAMP"
    if "enum" in prop or "const" in prop:
        return "STRING"
    kinds = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    kinds = [k for k in kinds if k != "null"]
    assert len(kinds) == 1, (name, prop)
    kind = kinds[0]
    if kind == "string":
        return "STRING"
    if kind == "boolean":
        return "BOOLEAN"
    if kind == "number":
        return "DOUBLE"
    if kind == "integer":
        return "DECIMAL(20,0)" if prop.get("minimum", -1) >= 0 else "BIGINT"
    if kind == "array":
        return "ARRAY<%s>" % spark_type(name, prop["items"], defs)
    if kind == "object":
        return spark_struct(prop, defs)
    raise ValueError("no Spark type for %s: %s" % (name, prop))


def spark_struct(definition, defs):
    return "STRUCT<%s>" % ", ".join("`%s`: %s" % (k, spark_type(k, p, defs))
                                    for k, p in definition["properties"].items())


def generate_spark():
    with open(SCHEMA) as f:
        schema = json.load(f)
    defs = schema["$defs"]
    out = ['"""Spark schemas of the tables of a `netstat export` folder (docs/fleet.md).',
           "",
           "Generated from netstat.schema.json (%s) by scripts/gen-duckdb-sql.py:"
           % schema["$id"],
           "do not edit. UNTESTED: Spark was not run where these were made (no",
           "Spark package in Debian or npm, the registries those machines reach);",
           "see docs/fleet.md, \"Spark\". Use:",
           "",
           "    from netstat_spark import read_table",
           "    sockets = read_table(spark, \"fleet\", \"sockets\")",
           "",
           "Non-negative integers are DECIMAL(20,0) (u64 kernel counters), the",
           "timestamps TIMESTAMP (UTC, milliseconds).",
           '"""',
           "",
           "SCHEMAS = {"]
    for folder, definition, _, _ in TABLES:
        props = defs[definition]["properties"]
        cols = ", ".join("`%s` %s" % (k, spark_type(k, p, defs)) for k, p in props.items())
        out.append("    %r:\n        %r," % (folder, cols))
    out += ["}",
            "",
            "",
            "def read_table(spark, folder, table):",
            '    """The part files of one table under folder as a DataFrame, every',
            "    member declared (no sampling for types; the listening=true|false",
            "    folders of sockets are its partition column). captured_at parses",
            "    with Spark's default timestampFormat (ISO 8601, milliseconds, Z).",
            '    """',
            '    return spark.read.schema(SCHEMAS[table]).json(folder.rstrip("/") + "/" + table)',
            ""]
    return "\n".join(out)


def main():
    outputs = [(OUT, generate()), (SPARK_OUT, generate_spark())]
    compile(outputs[1][1], SPARK_OUT, "exec")  # valid Python, whatever Spark makes of it
    if sys.argv[1:] == ["--check"]:
        for path, text in outputs:
            with open(path) as f:
                current = f.read()
            name = os.path.relpath(path, ROOT)
            if current != text:
                sys.exit("%s is not current: run scripts/gen-duckdb-sql.py" % name)
            print("%s is current" % name)
        return
    for path, text in outputs:
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
