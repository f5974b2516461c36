import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;

/** The register of 行政规范性文件 themselves (title, 文号, dates, the 法制审核 that cleared them, publication). */
describe('register of normative documents (行政规范性文件)', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  const review = async (who: Staff, fields: object = {}) =>
    (await http(app).post('/legal-reviews').set(bearer(who.legalReviewer)).send({ kind: 'normative_document', title: '《科技企业双随机抽查实施细则》合法性审核', decision: 'pass', opinion: '符合上位法规定', reviewedOn: '2026-03-02', ...fields }).expect(201)).body.id as string;
  const doc = (legalReviewId: string, fields: object = {}) => ({
    title: '关于印发《科技企业双随机抽查实施细则》的通知',
    documentNumber: unique('津滨科规〔2026〕'),
    issuedOn: '2026-03-10',
    effectiveFrom: '2026-04-10',
    expiresOn: '2031-04-09',
    legalReviewId,
    ...fields,
  });

  beforeAll(async () => {
    app = await bootApp({}, { clockFixedAt: '2026-10-09T02:00:00Z' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
  });
  afterAll(async () => {
    await app.close();
  });

  it('registers a document with the passed review that cleared it, then its publication; listed by year with its status', async () => {
    const L = bearer(a.legalReviewer);
    const reviewId = await review(a);
    const created = (await http(app).post('/normative-documents').set(L).send(doc(reviewId)).expect(201)).body;
    expect(created).toMatchObject({ status: 'unpublished', publishedOn: null, legalReview: { id: reviewId, reviewedOn: '2026-03-02' }, version: 1 });
    const published = (await http(app).post(`/normative-documents/${created.id}/publication`).set(L).send({ publishedOn: '2026-03-12', publicationChannel: '滨海新区人民政府网站', version: 1 }).expect(201)).body;
    expect(published).toMatchObject({ status: 'in_force', publishedOn: '2026-03-12', publicationChannel: '滨海新区人民政府网站', version: 2 });
    const again = (await http(app).post(`/normative-documents/${created.id}/publication`).set(L).send({ publishedOn: '2026-03-13', publicationChannel: '政府公报', version: 2 }).expect(409)).body;
    expect(again.code).toBe('DOCUMENT_ALREADY_PUBLISHED');

    const list = (await http(app).get('/normative-documents?year=2026').set(bearer(a.supervisor)).expect(200)).body;
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([created.id]);
    expect((await http(app).get('/normative-documents?year=2025').set(bearer(a.supervisor)).expect(200)).body.items).toEqual([]);
    const events: { action: string }[] = await dataSourceOf(app).query(`SELECT action FROM audit_events WHERE subject_type = 'normative_document' AND subject_id = $1 ORDER BY seq`, [created.id]);
    expect(events.map((e) => e.action)).toEqual(['normative_document.create', 'normative_document.publish']);

    // The 文号 is unique in the department; another department's register is its own (404 across).
    const dup = (await http(app).post('/normative-documents').set(L).send(doc(reviewId, { documentNumber: created.documentNumber })).expect(409)).body;
    expect(dup).toMatchObject({ code: 'DOCUMENT_NUMBER_TAKEN', details: [{ field: 'documentNumber' }] });
    await http(app).get(`/normative-documents/${created.id}`).set(bearer(b.supervisor)).expect(404);
    expect((await http(app).post('/normative-documents').set(bearer(b.legalReviewer)).send(doc(reviewId)).expect(404)).body.code).toBe('LEGAL_REVIEW_NOT_FOUND');
  });

  it('refuses what the rules forbid, naming the field in Chinese', async () => {
    const L = bearer(a.legalReviewer);
    const reviewId = await review(a);
    const cases: [object, string, string, number][] = [
      [{ legalReviewId: await review(a, { decision: 'return', reasons: '与上位法相抵触' }) }, 'LEGAL_REVIEW_NOT_PASSED', 'legalReviewId', 400],
      [{ legalReviewId: await review(a, { kind: 'major_administrative_decision' }) }, 'LEGAL_REVIEW_NOT_FOUND', '', 404],
      [{ issuedOn: '2026-03-01', effectiveFrom: '2026-03-01' }, 'LEGAL_REVIEW_AFTER_ISSUE', 'legalReviewId', 400],
      [{ effectiveFrom: '2026-03-09' }, 'DOCUMENT_DATES_INVALID', 'effectiveFrom', 400],
      [{ expiresOn: '2026-04-01' }, 'DOCUMENT_DATES_INVALID', 'expiresOn', 400],
      [{ publishedOn: '2026-04-11', publicationChannel: '政府网站' }, 'PUBLISHED_AFTER_EFFECT', 'publishedOn', 400],
      [{ publishedOn: '2026-03-11' }, 'PUBLICATION_CHANNEL_REQUIRED', 'publicationChannel', 400],
      [{ issuedOn: '2026-11-01', effectiveFrom: '2026-12-01', expiresOn: null }, 'DOCUMENT_DATES_INVALID', 'issuedOn', 400],
    ];
    for (const [fields, code, field, status] of cases) {
      const body = (await http(app).post('/normative-documents').set(L).send(doc(reviewId, fields)).expect(status)).body;
      expect(body.code).toBe(code);
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect(body.details).toEqual([{ field }]);
    }
    await http(app).post('/normative-documents').set(bearer(a.supervisor)).send(doc(reviewId)).expect(403);
  });
});
