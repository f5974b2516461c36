import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { http } from '../support/app';
import { freshUscc } from '../support/files';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique, type TestAccount } from '../support/fixtures';
import { drawClassB, importEntities, makeLinkedInspectors } from '../support/scenario';

// Browser steps on a shared 2-core machine: a whole scenario per test.
jest.setTimeout(240_000);

type Task = { id: string; entity: { name: string }; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };
type Evidence = { id: string; sha256: string; originalName: string; mediaType: string };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real, decodable PNG (a gradient) the device will downscale: `w`×`h` pixels. */
function png(w: number, h: number, seed: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = (x + seed) & 0xff;
      raw[o + 1] = (y * 2 + seed) & 0xff;
      raw[o + 2] = ((x ^ y) + seed) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small JPEG-signed file no browser can decode: the device sends it as taken (its hash is the original's). */
const jpeg = (n: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF\0 offline photo ${n} `, 'latin1'), Buffer.alloc(512, 0x20)]);

/** A JPEG's width and height (its SOF marker). */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  for (let i = 2; i < b.length - 9; ) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

/**
 * The inspector on site with no signal (issue 14, offline part), at phone size against the real app:
 * a whole check filled offline with two photos, kept on the device through a closed page, reloads and a
 * connection cut mid-upload, and sent exactly once when the network returns. Clock: 2024-06-26 10:00 Beijing.
 */
describe('console: the inspector offline', () => {
  let h: ConsoleHarness;
  let inspector: TestAccount;
  let tasks: Task[];
  const MAX_EDGE = 800;

  beforeAll(async () => {
    h = await startConsole({ EVIDENCE_PHOTO_MAX_EDGE_PX: String(MAX_EDGE) }, { clockFixedAt: '2024-06-26T02:00:00Z' });
    const staff = await makeDepartmentWithStaff(h.app);
    const S = bearer(staff.supervisor);
    const items: string[] = [];
    for (const [i, name] of ['实验动物许可情况的检查', '实验动物使用记录的检查', '实验设施环境的检查', '废弃物处理的检查', '从业人员培训的检查'].entries()) {
      const item = (
        await http(h.app)
          .post('/items')
          .set(S)
          .send({ code: unique(`OF${i}-`), name, legalBasis: `《实验动物管理条例》第${i + 10}条`, subItems: [`要点${i}甲`, `要点${i}乙`], category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
          .expect(201)
      ).body as { id: string };
      items.push(item.id);
    }
    await importEntities(h.app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 3 }, (_, i) => [freshUscc(), `离线测试${i}号实验动物中心`, 'B', '2023-01-01', `天津市南开区卫津路${i + 1}号`])]);
    const inspectors = await makeLinkedInspectors(h.app, S, staff.department.id, 2, '离线检查员', 'OF-');
    inspector = inspectors[0].account;
    ({ tasks } = await drawClassB<Task>(h.app, S, items, 3, '六月离线计划', '双色球 2024061: 01 02 03 04 05 06 + 09', { year: 2024, windowStart: '2024-06-03', windowEnd: '2024-06-30' }));
    expect(tasks).toHaveLength(3);
    expect(tasks[0].items).toHaveLength(5);
  }, 240_000);
  afterAll(() => h?.close());

  const serverRecord = async (taskId: string) => {
    const task = (await http(h.app).get(`/tasks/${taskId}`).set(bearer(inspector)).expect(200)).body as { record: { id: string } | null };
    if (!task.record) return null;
    const record = (await http(h.app).get(`/records/${task.record.id}`).set(bearer(inspector)).expect(200)).body;
    const evidence = (await http(h.app).get(`/records/${task.record.id}/evidence`).set(bearer(inspector)).expect(200)).body as Evidence[];
    return { record, evidence };
  };

  /** Signs in online and waits until the app shell is installed and the tasks are kept on the device. */
  const signInAndKeep = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const { context, page } = await newConsolePage(h, 'phone');
    await signIn(page, inspector.username, PASSWORD);
    await page.getByTestId('offline-ready').waitFor();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    return { context, page };
  };

  const photos = () => [
    { name: '现场全景.png', mimeType: 'image/png', buffer: png(1600, 1200, 7) },
    { name: '许可证.jpg', mimeType: 'image/jpeg', buffer: jpeg(unique('p')) },
  ];

  /**
   * Fills a whole check of `task` (5 items, the result, both inspectors present, the representative, two
   * photos) and submits it, counting taps and keystrokes beyond free text. Answers the count.
   */
  const fillWholeCheck = async (page: Page, task: Task, files: ReturnType<typeof photos>): Promise<number> => {
    let taps = 0;
    const tap = async (l: Locator) => {
      taps += 1;
      await l.click();
    };
    await tap(page.getByRole('link', { name: `开始检查：${task.entity.name}` }));
    await page.getByRole('form', { name: '现场检查记录' }).waitFor();
    expect(await page.getByLabel('检查日期').inputValue()).toBe('2024-06-26'); // today inside the window: no typing
    const radios = page.getByRole('radiogroup', { name: /检查情况$/ });
    expect(await radios.count()).toBe(5);
    for (let i = 0; i < 5; i++) await tap(radios.nth(i).getByText('符合', { exact: true }));
    await page.getByLabel('检查情况说明').first().fill('现场查验，许可证在有效期内'); // free text
    await tap(page.getByRole('group', { name: '检查结果' }).getByRole('checkbox', { name: '未发现问题', exact: true }));
    for (const box of await page.getByRole('group', { name: '在场执法人员' }).getByRole('checkbox').all()) await tap(box);
    await page.getByLabel('被检查单位在场人员姓名').fill('王五'); // free text
    await page.getByLabel('职务').fill('负责人'); // free text
    // Each photo: the camera button and the shutter.
    taps += files.length * 2;
    await page.getByLabel('拍照上传').setInputFiles(files);
    await page.getByRole('list', { name: '待上传的照片' }).or(page.getByRole('list', { name: '已上传的照片' })).first().waitFor();
    await tap(page.getByRole('button', { name: /^提\s*交$/ }));
    await tap(page.getByRole('dialog').getByRole('button', { name: '确认提交' }));
    return taps;
  };

  /** The full SHA-256 of each photo as the device computed it (shown on 待同步), before anything is sent. */
  const deviceHashes = async (page: Page): Promise<string[]> => {
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: /待同步/ }).click();
    await page.getByRole('heading', { name: /等待发送（4）/ }).waitFor();
    return (await page.getByTestId('photo-sha256').allInnerTexts()).map((s) => s.trim());
  };

  const expectArrivedOnce = async (task: Task, hashes: string[], originalJpeg: Buffer) => {
    const got = await serverRecord(task.id);
    expect(got).not.toBeNull();
    expect(got!.record).toMatchObject({ state: 'submitted', checkDate: '2024-06-26', representative: { name: '王五', role: '负责人' }, results: [{ code: 'NO_PROBLEM' }] });
    expect(got!.record.findings).toHaveLength(5);
    expect(got!.evidence).toHaveLength(2); // every photo once
    expect(got!.evidence.map((e) => e.sha256).sort()).toEqual([...hashes].sort());
    expect(hashes).toContain(sha256(originalJpeg)); // the undecodable one went as taken
    // The big PNG went downscaled on the device, as a JPEG of the configured longest edge.
    const scaled = got!.evidence.find((e) => e.originalName === '现场全景.jpg')!;
    expect(scaled.mediaType).toBe('image/jpeg');
    const bytes = (await http(h.app).get(`/evidence/${scaled.id}/content`).set(bearer(inspector)).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    }).expect(200)).body as Buffer;
    expect(sha256(bytes)).toBe(scaled.sha256);
    expect(jpegSize(bytes)).toEqual({ width: MAX_EDGE, height: 600 });
  };

  it('is installable: a manifest scoped to the console, icons, and a service worker that is always revalidated', async () => {
    const manifest = await http(h.app).get('/console/manifest.webmanifest').expect(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const body = JSON.parse(manifest.text) as { scope: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
    expect(body).toMatchObject({ scope: '/console/', display: 'standalone' });
    for (const icon of body.icons) {
      const res = await http(h.app).get(icon.src).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\//);
    }
    const sw = await http(h.app).get('/console/sw.js').expect(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.text).toContain('/console/index.html'); // the shell and the build's assets, listed at build time
    expect(sw.text).toMatch(/\/console\/assets\/[^"]+\.js/);
    const index = await http(h.app).get('/console/').expect(200);
    expect(index.text).toContain('<link rel="manifest" href="/console/manifest.webmanifest"');
  });

  it("opens from the device's copy while the server has not answered yet, then shows the server's answer; a refusal signs out", async () => {
    const { context, page } = await signInAndKeep();
    try {
      // The refresh call held (a slow network): the list is on screen from the device's copy meanwhile.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await context.route('**/auth/refresh', async (route) => {
        await held;
        await route.continue();
      });
      await page.reload();
      await page.getByTestId('device-copy').waitFor();
      await page.getByRole('article', { name: tasks[0].entity.name }).waitFor();
      await page.getByText(/共 3 项任务/).waitFor();
      release();
      await page.getByTestId('device-copy').waitFor({ state: 'detached' });
      await page.getByRole('article', { name: tasks[0].entity.name }).waitFor();
      expect(page.url()).toMatch(/\/console\/tasks$/);

      // The session ended elsewhere: the server refuses, the app signs out to the login page.
      await context.unroute('**/auth/refresh');
      await context.route('**/auth/refresh', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, code: 'AUTH_REFRESH_INVALID', message: '登录已失效，请重新登录' }) }));
      await page.reload();
      await page.waitForURL(/\/console\/login/);
      await page.getByLabel('用户名').waitFor();
    } finally {
      await context.close();
    }
  });

  it('fills a whole check offline with two photos, keeps it through a closed page, and sends it once when the network returns', async () => {
    const { context, page } = await signInAndKeep();
    try {
      const task = tasks[0];
      await context.setOffline(true);
      await page.getByTestId('sync-status').getByText(/离线/).waitFor();
      const files = photos();
      const taps = await fillWholeCheck(page, task, files);
      await page.getByText('提交已在本机排队', { exact: true }).waitFor();
      process.stdout.write(`offline check of 5 items: ${taps} taps/keystrokes beyond free text (limit 60)\n`);
      expect(taps).toBeLessThanOrEqual(60);
      await screenshot(page, 'inspector-offline-form-phone');
      const hashes = await deviceHashes(page);
      expect(hashes).toHaveLength(2);
      expect(hashes).toContain(sha256(files[1].buffer));
      await screenshot(page, 'inspector-offline-sync-phone');
      expect(await serverRecord(task.id)).toBeNull(); // nothing has left the device

      // The page closes (the browser killed, the phone restarted); a new one opens with no network.
      await page.close();
      const again = await context.newPage();
      await again.goto('/console/');
      await again.getByText(/离线：显示本机保存的任务/).waitFor();
      await again.getByRole('link', { name: `开始检查：${task.entity.name}` }).click();
      await again.getByText('提交已在本机排队', { exact: true }).waitFor();
      expect(await again.getByLabel('被检查单位在场人员姓名').inputValue()).toBe('王五'); // the draft
      expect(await again.getByRole('list', { name: '待上传的照片' }).getByRole('listitem').count()).toBe(2);

      await context.setOffline(false);
      await again.getByText('检查记录已提交', { exact: true }).waitFor({ timeout: 60_000 });
      await again.getByTestId('sync-status').getByText(/全部已同步/).waitFor();
      await expectArrivedOnce(task, hashes, files[1].buffer);
    } finally {
      await context.close();
    }
  });

  it('loses nothing and sends nothing twice when the connection is cut in the middle of a photo upload', async () => {
    const { context, page } = await signInAndKeep();
    try {
      const task = tasks[1];
      await context.setOffline(true);
      const files = photos();
      await fillWholeCheck(page, task, files);
      await page.getByText('提交已在本机排队', { exact: true }).waitFor();
      const hashes = await deviceHashes(page);

      // The first upload reaches the server, which stores it; the answer never comes back.
      let cut = 0;
      await context.route('**/records/*/evidence', async (route) => {
        if (route.request().method() !== 'POST' || cut > 0) return route.continue();
        cut += 1;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await context.setOffline(false);
      await page.getByRole('heading', { name: /已发送（4）/ }).waitFor({ timeout: 90_000 });
      expect(cut).toBe(1);
      await page.getByRole('heading', { name: /同步失败（0）/ }).waitFor();
      await expectArrivedOnce(task, hashes, files[1].buffer);
    } finally {
      await context.close();
    }
  });

  it('keeps the queue through three reloads and still sends one record with every photo once', async () => {
    const { context, page } = await signInAndKeep();
    try {
      const task = tasks[2];
      await context.setOffline(true);
      const files = photos();
      await fillWholeCheck(page, task, files);
      await page.getByText('提交已在本机排队', { exact: true }).waitFor();
      const hashes = await deviceHashes(page);
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await page.getByRole('heading', { name: /等待发送（4）/ }).waitFor();
      }
      // 退出 with work waiting asks first (antd's modal, loaded at its first use: app/feedback.tsx); 取消 keeps it all.
      await page.getByRole('button', { name: /退\s*出/ }).click();
      const ask = page.getByRole('dialog', { name: '还有 4 项未同步，确定退出？' });
      await ask.waitFor();
      await ask.getByRole('button', { name: /取\s*消/ }).click();
      await ask.waitFor({ state: 'hidden' });
      await context.setOffline(false);
      await page.getByRole('heading', { name: /已发送（4）/ }).waitFor({ timeout: 90_000 });
      await page.getByTestId('sync-status').getByText(/全部已同步/).waitFor();
      await expectArrivedOnce(task, hashes, files[1].buffer);
      // A reload after everything was sent sends nothing again.
      await page.reload();
      await page.getByRole('heading', { name: /已发送（4）/ }).waitFor();
      expect((await serverRecord(task.id))!.evidence).toHaveLength(2);
    } finally {
      await context.close();
    }
  });
});
