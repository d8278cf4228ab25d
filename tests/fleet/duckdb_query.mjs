// Runs SQL statements in one in-memory DuckDB (npm @duckdb/node-api) and
// prints, as one JSON array, the rows of each statement (objects, values as
// DuckDB's JSON forms: BIGINTs as strings).
//   node duckdb_query.mjs QUERIES.json     (a JSON array of SQL strings)
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const queries = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const results = [];
for (const q of queries) {
  const started = process.hrtime.bigint();
  const reader = await con.runAndReadAll(q);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  results.push({ rows: reader.getRowObjectsJson(), ms });
}
process.stdout.write(JSON.stringify(results) + '\n');
