/**
 * The limit for bench:public, run as its own process: node:http + pg sending the very same two
 * statements as PublicService.results (built by the same function, results-query.ts: page and
 * count, in parallel, as named prepared statements with the same parameters, on a pool with the
 * same settings) and writing the JSON. No framework, no validation, no ORM.
 * Env: DATABASE_URL, PORT.
 */
import * as http from 'node:http';
import { Pool } from 'pg';
import { cappedTotal } from '../src/common/name-search';
import { publicReadPoolOptions } from '../src/database/public-read-pool';
import { resultsStatements, Statement } from '../src/publication/results-query';

const names = new Map<string, string>();
const prepared = (s: Statement) => {
  let name = names.get(s.sql);
  if (!name) names.set(s.sql, (name = `bare_${names.size}`));
  return { name, text: s.sql, values: s.params };
};

// The app's public pool with its defaults (PUBLIC_DB_POOL_SIZE 10, PUBLIC_QUERY_TIMEOUT_MS 5000).
const pool = new Pool(publicReadPoolOptions(process.env.DATABASE_URL!, 10, 5_000));
http
  .createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const { page, count, capped } = resultsStatements({ q: u.searchParams.get('q') ?? undefined, uscc: u.searchParams.get('uscc') ?? undefined, sort: 'date_desc', pageNumber: 1, pageSize: 20 });
    Promise.all([pool.query(prepared(page)), pool.query<{ n: number }>(prepared(count))]).then(
      ([rows, counted]) => {
        const total = capped ? cappedTotal(counted.rows[0].n) : { totalCount: counted.rows[0].n, totalCountCapped: false };
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ items: rows.rows, meta: { ...total, pageNumber: 1, pageSize: 20 } }));
      },
      () => res.writeHead(500).end(),
    );
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
