import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { binary, csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff } from './support/fixtures';

describe('the OpenAPI document and the routes it renamed', () => {
  let app: NestExpressApplication;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  beforeAll(async () => {
    app = await bootApp();
    staff = await makeDepartmentWithStaff(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves exactly the committed docs/openapi.json (built without a database by npm run openapi)', async () => {
    const served = (await http(app).get('/api/openapi.json').expect(200)).body as unknown;
    expect(served).toEqual(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'docs', 'openapi.json'), 'utf8')));
  });

  it('answers an import job at /imports/jobs/{id} and, the same, at the older /imports/{id}', async () => {
    const sup = bearer(staff.supervisor);
    const file = utf8Bom(csv([['统一社会信用代码', '名称'], [freshUscc(), ''], [freshUscc(), '新旧路径公司']]));
    const job = await http(app).post('/imports/entities?wait=true').set(sup).attach('file', file, 'x.csv').expect(200);
    expect(job.body.rowsFailed).toBe(1);
    for (const [now, old] of [
      [`/imports/jobs/${job.body.id}`, `/imports/${job.body.id}`],
      [`/imports/jobs/${job.body.id}/errors`, `/imports/${job.body.id}/errors`],
    ]) {
      const a = await http(app).get(now).set(sup).expect(200);
      const b = await http(app).get(old).set(sup).expect(200);
      expect(a.body).toEqual(b.body);
    }
    const csvNow = await http(app).get(`/imports/jobs/${job.body.id}/errors.csv`).set(sup).buffer(true).parse(binary).expect(200);
    const csvOld = await http(app).get(`/imports/${job.body.id}/errors.csv`).set(sup).buffer(true).parse(binary).expect(200);
    expect(csvNow.headers['content-type']).toBe(csvOld.headers['content-type']);
    expect((csvNow.body as Buffer).equals(csvOld.body as Buffer)).toBe(true);
    expect((csvNow.body as Buffer).length).toBeGreaterThan(0);
    // Access is decided by the same decorators on both paths.
    for (const url of [`/imports/jobs/${job.body.id}`, `/imports/${job.body.id}`]) {
      await http(app).get(url).expect(401);
      await http(app).get(url).set(bearer(staff.inspector)).expect(403);
    }
  });
});
