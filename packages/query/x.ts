import { parseHogQLSelect } from './src/hogql/parse-hogql.js';
import { compileHogQL } from './src/hogql/compile-hogql.js';
for (const q of ['select properties.`a``b` from events', 'select properties.`a\\`b` from events', 'SELECT event AS `x\\` FROM system.tables --` FROM events',
  'SELECT event FROM events FINAL', 'SELECT event FROM events SAMPLE 0.1', 'SELECT event FROM events PREWHERE 1', 'SELECT x FROM events ARRAY JOIN [1, 2] AS x', 'SELECT event FROM events LIMIT 1 BY event', 'SELECT count() OVER (PARTITION BY event) FROM events', 'SELECT <Sparkline data={[1]} />', 'SELECT 1 AS events__override', 'SELECT 1 FROM events AS events__person']) {
  try { const a = await parseHogQLSelect(q); const c = await compileHogQL({query: q, teamId: 1, timezone: 'UTC'}); console.log('OK', q, JSON.stringify(a.select), c.sql.slice(0, 200)); } catch (e) { console.log('ERR', q, (e as Error).message); }
}
