/**
 * The limit for bench:public, run as its own process: node:http + pg sending the same two
 * statements as PublicService.results (page and count, in parallel) and writing the JSON.
 * No framework, no validation, no ORM. Env: DATABASE_URL, PORT.
 */
import * as http from 'node:http';
import { Pool } from 'pg';

const VISIBLE = `p.state IN ('published', 'withdrawn') AND p.published_at <= now() AND p.current`;
const COLUMNS = 'p.id, p.version, p.state, p.published_at, p.payload, p.correction_reason, p.withdrawn_reason, p.withdrawn_at';
const COUNT = (cond: string) => `SELECT count(*)::int AS n FROM publications p WHERE ${VISIBLE} AND ${cond}`;
const PAGE = (cond: string) => `SELECT ${COLUMNS} FROM publications p WHERE ${VISIBLE} AND ${cond} ORDER BY p.check_date DESC, p.entity_name ASC, p.id ASC LIMIT 20 OFFSET 0`;
const NAME = `p.entity_name ILIKE $1 ESCAPE '\\'`;
const USCC = 'p.uscc = $1';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
http
  .createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams.get('q');
    const [cond, param] = q ? [NAME, `%${q}%`] : [USCC, u.searchParams.get('uscc')];
    Promise.all([pool.query(PAGE(cond), [param]), pool.query(COUNT(cond), [param])]).then(
      ([page, count]) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ items: page.rows, meta: { totalCount: count.rows[0].n, pageNumber: 1, pageSize: 20 } }));
      },
      () => res.writeHead(500).end(),
    );
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
