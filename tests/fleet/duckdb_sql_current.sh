#!/usr/bin/env bash
# docs/schema/duckdb.sql (DuckDB macros with every member declared) and
# docs/schema/netstat_spark.py (the same as Spark DDL; untested in Spark) are
# the ones scripts/gen-duckdb-sql.py makes from docs/schema/netstat.schema.json:
# a member added to the schema must reach both.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
exec python3 "$here/../../scripts/gen-duckdb-sql.py" --check
