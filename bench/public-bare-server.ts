/**
 * The limit for bench:public, run as its own process: node:http + pg sending the same two
 * statements as PublicService.results (page and count, in parallel, as named prepared statements
 * with the same parameters, on a pool with the same settings) and writing the JSON. No framework, no validation, no ORM.
 * Env: DATABASE_URL, PORT.
 */
import * as http from 'node:http';
import { Pool } from 'pg';
import { publicReadPoolOptions } from '../src/database/public-read-pool';

const VISIBLE = `p.state IN ('published', 'withdrawn') AND p.published_at <= now() AND p.current`;
const COLUMNS = 'p.id, p.version, p.state, p.published_at, p.payload, p.correction_reason, p.withdrawn_reason, p.withdrawn_at';
const COUNT = (cond: string) => `SELECT count(*)::int AS n FROM publications p WHERE ${VISIBLE} AND ${cond}`;
const PAGE = (cond: string) => `SELECT ${COLUMNS} FROM publications p WHERE ${VISIBLE} AND ${cond} ORDER BY p.check_date DESC, p.entity_name ASC, p.id ASC LIMIT $2 OFFSET $3`;
const NAME = `p.entity_name ILIKE $1 ESCAPE '\\'`;
const USCC = 'p.uscc = $1';
const STATEMENTS = {
  name: { page: { name: 'bare_name_page', text: PAGE(NAME) }, count: { name: 'bare_name_count', text: COUNT(NAME) } },
  uscc: { page: { name: 'bare_uscc_page', text: PAGE(USCC) }, count: { name: 'bare_uscc_count', text: COUNT(USCC) } },
};

// The app's public pool with its defaults (PUBLIC_DB_POOL_SIZE 10, PUBLIC_QUERY_TIMEOUT_MS 5000).
const pool = new Pool(publicReadPoolOptions(process.env.DATABASE_URL!, 10, 5_000));
http
  .createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams.get('q');
    const [s, param] = q ? [STATEMENTS.name, `%${q}%`] : [STATEMENTS.uscc, u.searchParams.get('uscc')];
    Promise.all([pool.query({ ...s.page, values: [param, 20, 0] }), pool.query({ ...s.count, values: [param] })]).then(
      ([page, count]) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ items: page.rows, meta: { totalCount: count.rows[0].n, pageNumber: 1, pageSize: 20 } }));
      },
      () => res.writeHead(500).end(),
    );
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
