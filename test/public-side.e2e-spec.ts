import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { freshUscc } from './support/files';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';
import { bearer, makeDepartmentWithStaff, TestAccount } from './support/fixtures';

type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; entity: { uscc: string; name: string } };
type Operation = { security?: unknown[]; parameters?: { in: string; name: string }[] };

const BASE = 'https://gs.example.gov.cn';
const EVIL = 'evil.example.com';
const ORIGIN = 'https://apps.example.org';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const ENTITY = '公开侧测试生物科技';

/** Section 7 of issue 12: feed links on the configured base URL, CORS on public reads only, the open-data page. */
describe('public side: feed links, CORS, the open-data page', () => {
  let app: NestExpressApplication;
  let tasks: Task[];
  let drawId: string;
  const usccs = Array.from({ length: 2 }, () => freshUscc());

  beforeAll(async () => {
    app = await bootApp({ PUBLIC_BASE_URL: BASE, PUBLIC_RATE_LIMIT_PER_MINUTE: '0' });
    const a = await makeDepartmentWithStaff(app);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'PS-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...usccs.map((u, i) => [u, `${ENTITY}${i}有限公司`, 'B', '2023-01-01', `天津市滨海新区公开侧路${i}号`])]);
    const inspectors: { account: TestAccount; id: string }[] = await makeLinkedInspectors(app, S, a.department.id, 2, '公开侧检查员', 'PS-');
    ({ drawId, tasks } = await drawClassB<Task>(app, S, item.id, 2, '公开侧计划', '双色球 2024090: 03 08 12 19 22 31 + 05'));
    const t = tasks[0];
    const I = bearer(inspectors.find((x) => x.id === t.team[0].inspectorId)!.account);
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send({
      checkDate: '2024-06-04',
      place: '企业生产场所',
      inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '赵现场', role: '质量负责人' },
      findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })),
      resultCodes: ['NO_PROBLEM'],
    }).expect(201)).body;
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
    const pending = (await http(app).get('/publications?pageSize=100').set(S).expect(200)).body.items.find((p: { recordId: string }) => p.recordId === record.id);
    await http(app).post(`/publications/${pending.id}/publish`).set(S).send({}).expect(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('absolute links', () => {
    it('the Atom feed links each entry to the entity\'s portal page on PUBLIC_BASE_URL, whatever the Host header says', async () => {
      const feed = (await http(app).get('/public/feed.atom').set('Host', EVIL).set('X-Forwarded-Host', EVIL).expect(200)).text;
      expect(feed).not.toContain(EVIL);
      expect(feed).toContain(`<id>${BASE}/public/feed.atom</id>`);
      expect(feed).toContain(`<link rel="self" href="${BASE}/public/feed.atom"/>`);
      const uscc = tasks[0].entity.uscc;
      expect(feed).toContain(`<link href="${BASE}/portal/entities/${uscc}"/>`);
      // Every link of the feed is on the base URL and opens without an account.
      const hrefs = [...feed.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect(hrefs.length).toBeGreaterThanOrEqual(2);
      for (const href of hrefs) {
        expect(href.startsWith(`${BASE}/`)).toBe(true);
        const res = await http(app).get(href.slice(BASE.length)).expect(200);
        expect(res.headers['content-type']).toMatch(/^(text\/html|application\/atom\+xml)/);
      }
      expect((await http(app).get(`/portal/entities/${uscc}`).expect(200)).text).toContain(tasks[0].entity.name);
    });

    it('the draw page\'s verify-draw command names the transcript on PUBLIC_BASE_URL, not on the Host header', async () => {
      const page = (await http(app).get(`/portal/draws/${drawId}`).set('Host', EVIL).expect(200)).text;
      expect(page).not.toContain(EVIL);
      expect(page).toContain(`npm run verify-draw -- ${BASE}/public/draws/${drawId}/transcript`);
    });
  });

  describe('CORS', () => {
    /** Every documented operation, requested from another origin without an account. */
    it('public read routes answer any origin (no credentials); staff routes and public writes send no CORS header', async () => {
      const doc = (await http(app).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
      const seen = { publicReads: 0, others: 0 };
      for (const [template, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const url = template
            .replace('{uscc}', tasks[0].entity.uscc)
            .replace('{file}', 'inspections.csv')
            .replace('{kind}', 'entities')
            .replace(/\{[^}]+\}/g, (p) => (p === '{id}' ? (template.startsWith('/public/draws') ? drawId : NO_SUCH_ID) : '1'));
          const req = http(app)[method as 'get'](url).set('Origin', ORIGIN);
          const res = method === 'get' ? await req : await req.send({});
          expect({ url, status: res.status < 500 }).toEqual({ url, status: true });
          // The OpenAPI security marks staff routes (@Auth); public ones have none.
          const publicRead = method === 'get' && !op.security?.length;
          if (publicRead) seen.publicReads++;
          else seen.others++;
          expect({ method, url, allowOrigin: res.headers['access-control-allow-origin'], credentials: res.headers['access-control-allow-credentials'] }).toEqual({
            method,
            url,
            allowOrigin: publicRead ? '*' : undefined,
            credentials: undefined,
          });
        }
      }
      expect(seen.publicReads).toBeGreaterThanOrEqual(15);
      expect(seen.others).toBeGreaterThanOrEqual(60);
    });

    it('the open-data files, the feed, transcripts and portal pages, errors included, are readable from any origin', async () => {
      for (const url of ['/public/open-data/inspections.csv', '/public/open-data/feed_info.json', '/public/feed.atom', `/public/draws/${drawId}/transcript`, '/portal/open-data', '/public/results?colour=red', `/public/entities/${freshUscc()}`]) {
        const res = await http(app).get(url).set('Origin', ORIGIN);
        expect({ url, allowOrigin: res.headers['access-control-allow-origin'] }).toEqual({ url, allowOrigin: '*' });
        expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-Id/i);
      }
      const head = await http(app).head('/public/results').set('Origin', ORIGIN).expect(200);
      expect(head.headers['access-control-allow-origin']).toBe('*');
    });

    it('answers a preflight for GET on a public route, and no preflight on staff routes or for other methods', async () => {
      const preflight = (url: string, method = 'GET', headers = 'if-none-match, x-request-id') =>
        http(app).options(url).set('Origin', ORIGIN).set('Access-Control-Request-Method', method).set('Access-Control-Request-Headers', headers);
      for (const url of ['/public/results?q=x', '/public/open-data/entities.json', '/public/feed.atom', `/public/draws/${drawId}/transcript`]) {
        const ok = await preflight(url);
        expect({ url, status: ok.status }).toEqual({ url, status: 204 });
        expect(ok.headers['access-control-allow-origin']).toBe('*');
        expect(ok.headers['access-control-allow-methods']).toBe('GET, HEAD');
        expect(ok.headers['access-control-allow-headers']?.toLowerCase()).toEqual(expect.stringContaining('if-none-match'));
        expect(ok.headers['access-control-allow-headers']?.toLowerCase()).not.toContain('authorization'); // no tokens from other sites
        expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
        expect(Number(ok.headers['access-control-max-age'])).toBeGreaterThan(0);
        expect(ok.text).toBe('');
      }
      const refused: [string, string][] = [
        ['/plans', 'GET'],
        [`/draws/${drawId}`, 'GET'],
        ['/entities', 'GET'],
        ['/admin/outbox', 'GET'],
        ['/auth/login', 'POST'],
        ['/public/results', 'POST'],
        ['/public/results', 'DELETE'],
        ['/public/nowhere', 'GET'],
      ];
      for (const [url, method] of refused) {
        const res = await preflight(url, method);
        const allow = Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
        expect({ url, method, allow }).toEqual({ url, method, allow: [] });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      // A preflight asking to send an Authorization header to a public route is not granted it.
      const withToken = await preflight('/public/results', 'GET', 'authorization');
      expect(withToken.headers['access-control-allow-headers']?.toLowerCase() ?? '').not.toContain('authorization');
    });
  });

  describe('the open-data page', () => {
    it('is linked from the home page and from every page\'s footer, and the feed is discoverable', async () => {
      const home = (await http(app).get('/').expect(200)).text;
      const main = home.slice(home.indexOf('<main'), home.indexOf('</main>'));
      expect(main).toContain('href="/portal/open-data"');
      expect(main).toContain('href="/public/feed.atom"');
      for (const url of ['/', '/portal/results', `/portal/entities/${tasks[0].entity.uscc}`, `/portal/draws/${drawId}`, '/portal/nowhere']) {
        const text = (await http(app).get(url)).text;
        const footer = text.slice(text.indexOf('<footer'), text.indexOf('</footer>'));
        expect({ url, openData: footer.includes('href="/portal/open-data"'), feed: footer.includes('href="/public/feed.atom"') }).toEqual({ url, openData: true, feed: true });
        expect(text).toContain('<link rel="alternate" type="application/atom+xml" title="检查结果订阅（Atom）" href="/public/feed.atom">');
      }
    });

    it('explains every file and every field in Chinese, with encoding, update frequency, licence and how to verify it', async () => {
      const res = await http(app).get('/portal/open-data').expect(200).expect('content-type', 'text/html; charset=utf-8');
      const page = res.text;
      expect(page).toContain('<html lang="zh-CN">');
      expect(page.match(/<h1[ >]/g)).toHaveLength(1);
      expect(page).toMatch(/<h1>开放数据<\/h1>/);
      // Headings in order: h1, then h2s with h3s under them, never a skipped level.
      const levels = [...page.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
      expect(levels[0]).toBe(1);
      expect(levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1)).toEqual([]);
      expect(page).not.toMatch(/<script/i); // works without JavaScript
      // Every dataset of the index, both formats linked, every CSV column documented.
      const index = (await http(app).get('/public/open-data').expect(200)).body as { name: string; description: string; csv: string; json: string }[];
      expect(index.length).toBeGreaterThanOrEqual(5);
      for (const d of index) {
        expect(page).toContain(`id="dataset-${d.name}"`);
        expect(page).toContain(`href="${d.csv}"`);
        expect(page).toContain(`href="${d.json}"`);
        const section = page.slice(page.indexOf(`id="dataset-${d.name}"`)).split(/<h2[ >]/)[0];
        const header = (await http(app).get(d.csv).expect(200)).text.replace(/^\uFEFF/, '').split('\r\n')[0].split(',');
        for (const column of header) expect({ dataset: d.name, column, documented: new RegExp(`<th scope="row"><code>${column}</code></th>\\s*<td>[^<]*\\p{Script=Han}`, 'u').test(section) }).toEqual({ dataset: d.name, column, documented: true });
      }
      for (const words of ['UTF-8', 'BOM', 'RFC 4180', '更新', '许可', '/public/audit/head', 'npm run verify-audit', 'href="/public/feed.atom"', 'href="/public/results"']) expect({ words, found: page.includes(words) }).toEqual({ words, found: true });
      const [feedInfo] = (await http(app).get('/public/open-data/feed_info.json').expect(200)).body;
      expect(page).toContain(feedInfo.licence); // the licence the files themselves state
      // Tables accessible: captions or labelled regions, header cells scoped.
      expect(page.match(/<th[\s>]/g)?.length).toBeGreaterThan(20);
      expect(page).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
      expect(page.match(/<table>/g)?.length).toBe(page.match(/<div class="table-wrap" role="region" aria-label="[^"]+" tabindex="0"><table>/g)?.length);
    });
  });
});
