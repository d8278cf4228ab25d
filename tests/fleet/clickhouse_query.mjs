// Runs SQL statements in one chDB session (npm chdb: ClickHouse embedded)
// and prints, as one JSON array, each statement's rows (JSONEachRow text
// parsed) or its error.
//   node clickhouse_query.mjs QUERIES.json     (a JSON array of SQL strings)
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';

const queries = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'netstat-chdb-'));
const session = new Session(dir);
const results = [];
try {
  for (const q of queries) {
    try {
      const text = session.query(q, 'JSONEachRow');
      const rows = text.split('\n').filter((l) => l).map((l) => JSON.parse(l));
      results.push({ rows });
    } catch (e) {
      results.push({ error: String(e && e.message ? e.message : e) });
    }
  }
} finally {
  session.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results) + '\n');
