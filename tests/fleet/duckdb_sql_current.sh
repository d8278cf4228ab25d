#!/usr/bin/env bash
# docs/schema/duckdb.sql (DuckDB macros with every member declared) is the
# one scripts/gen-duckdb-sql.py makes from docs/schema/netstat.schema.json:
# a member added to the schema must reach the macros too.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
exec python3 "$here/../../scripts/gen-duckdb-sql.py" --check
