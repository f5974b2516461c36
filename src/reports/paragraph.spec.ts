import { annualParagraph, caseClause, entitiesClause, pushClause } from './paragraph';
import { emptyFigures, seedFigures } from './fixtures/seed-figures';
import { AnnualFigures, formatNumber, percent } from './report-figures';

describe('annual paragraph', () => {
  it('writes the seed year in the report\'s own style', () => {
    expect(annualParagraph(seedFigures())).toBe(
      '全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，' +
        '发现问题4家次，责令限期改正4次，其中按期整改到位1次，向行政执法监督平台、市监管平台推送执法检查结果2条，按程序向社会公开检查结果16条，按时公开率87.5%，另有1条待公开；' +
        '开展重大行政决策、重大执法决定、行政规范性文件的法制审核，全年共完成法制审核42次；' +
        '落实行政执法人员持证上岗制度，参与检查的5名行政执法人员均持证上岗；' +
        '行政执法人员参加专题培训平均46.5学时，5名持证行政执法人员均培训超过40学时并通过考试（不含执法资格被暂扣或吊销的1人）。',
    );
  });

  it('writes a year with no records without a zero count or placeholder', () => {
    const text = annualParagraph(emptyFigures());
    expect(text).toBe('全年未开展“双随机、一公开”抽查；全年未开展法制审核；本年度无持证行政执法人员。');
    expect(text).not.toMatch(/等0|0家|0次|0学时|\{|undefined|null|NaN/);
  });

  it('lists at most the configured number of names, then "等N家"; all of them when there are no more', () => {
    expect(entitiesClause(17, ['甲公司', '乙公司', '丙公司'])).toBe('深入甲公司、乙公司、丙公司等17家单位进行现场检查');
    expect(entitiesClause(2, ['甲公司', '乙公司'])).toBe('深入甲公司、乙公司共2家单位进行现场检查');
    expect(entitiesClause(1, ['甲公司'])).toBe('深入甲公司进行现场检查');
    expect(entitiesClause(5, [])).toBe('深入5家单位进行现场检查');
    expect(entitiesClause(0, [])).toBeNull();
    const f = seedFigures();
    expect(annualParagraph(f, 2)).toContain('深入康希诺生物股份公司、天津生物化学制药有限公司等17家单位');
    expect(annualParagraph(f, 0)).toContain('深入17家单位进行现场检查');
  });

  it('rewords the clauses whose figures are zero', () => {
    const f = seedFigures();
    f.randomInspections.entitiesChecked = 0;
    f.randomInspections.checkedEntityNames = [];
    f.randomInspections.checks = 0;
    f.publication = { ...f.publication, published: 0, onTime: 0, late: 0, onTimeRate: null, pending: 0, platformPush: { available: true, resultsPushed: 0, platforms: [], delivered: 0, failed: 0, pending: 0 } };
    expect(annualParagraph(f).split('；')[0]).toBe('全年开展“双随机、一公开”抽查3次，尚未完成检查');

    const g = seedFigures();
    g.randomInspections.problemsFound = 0;
    g.randomInspections.rectification = { orders: 0, rectifiedOnTime: 0, rectifiedLate: 0, open: 0, notRectifiedAtFollowUp: 0 };
    g.publication = { ...g.publication, published: 0, onTime: 0, late: 0, onTimeRate: null, pending: 3, platformPush: { available: false, resultsPushed: 0, platforms: [], delivered: 0, failed: 0, pending: 0 } };
    expect(annualParagraph(g).split('；')[0]).toBe('全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，均未发现问题，检查结果3条待公开');

    const h = seedFigures();
    h.randomInspections.rectification.rectifiedOnTime = 0;
    h.publication = { ...h.publication, onTime: 16, late: 0, onTimeRate: 100, pending: 0 };
    h.legalReview.byKind = h.legalReview.byKind.map((k) => ({ ...k, count: k.code === 'normative_document' ? 42 : 0 }));
    h.inspectors = { ...h.inspectors, trainedAndPassed: 0 };
    expect(annualParagraph(h)).toBe(
      '全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，' +
        '发现问题4家次，责令限期改正4次，向行政执法监督平台、市监管平台推送执法检查结果2条，按程序向社会公开检查结果16条，按时公开率100%；' +
        '开展行政规范性文件的法制审核，全年共完成法制审核42次；落实行政执法人员持证上岗制度，参与检查的5名行政执法人员均持证上岗；' +
        '行政执法人员参加专题培训平均46.5学时，5名持证行政执法人员中尚无人员培训超过40学时并通过考试（不含执法资格被暂扣或吊销的1人）。',
    );

    const k = seedFigures();
    k.inspectors = { ...k.inspectors, trainingHoursTotal: 0, trainingHoursAverage: 0, meetingThreshold: 0, trainedAndPassed: 0 };
    expect(annualParagraph(k).split('；')[3]).toBe('行政执法人员全年未登记专题培训学时。');
  });

  it('names each method as it was, counts results pushed (not deliveries) and says when none were, words the threshold by its rule', () => {
    const methods = (on: number, doc: number, online = 0) => [
      { code: 'on_site', label: '现场检查', count: on },
      { code: 'documentary', label: '书面检查', count: doc },
      { code: 'online', label: '网络检查', count: online },
    ];
    expect(entitiesClause(17, ['甲', '乙', '丙'], methods(0, 18))).toBe('对甲、乙、丙等17家单位进行书面检查');
    expect(entitiesClause(17, ['甲', '乙', '丙'], methods(15, 3))).toBe('对甲、乙、丙等17家单位进行检查，其中现场检查15家次、书面检查3家次');
    expect(entitiesClause(1, ['甲'], methods(0, 0, 1))).toBe('对甲进行网络检查');
    expect(entitiesClause(2, ['甲', '乙'], methods(2, 0))).toBe('深入甲、乙共2家单位进行现场检查');

    const f = seedFigures();
    f.publication.platformPush = { ...f.publication.platformPush, resultsPushed: 2, platforms: [{ name: '市监管平台', results: 1 }, { name: '行政执法监督平台', results: 2 }] };
    expect(pushClause(f)).toBe('向市监管平台推送执法检查结果1条、向行政执法监督平台推送执法检查结果2条');
    f.publication.platformPush = { available: true, resultsPushed: 0, platforms: [], delivered: 0, failed: 3, pending: 0 };
    expect(pushClause(f)).toBe('检查结果未推送至监管平台');
    expect(annualParagraph(f)).toContain('，检查结果未推送至监管平台，按程序向社会公开检查结果16条');

    const g = seedFigures();
    g.inspectors = { ...g.inspectors, trainingThresholdComparison: 'at_least', inService: 6, suspendedOrRevoked: 0, trainedAndPassed: 5 };
    expect(annualParagraph(g)).toContain('6名持证行政执法人员中5人培训达到40学时并通过考试。');
    g.randomInspections = { ...g.randomInspections, draws: 0 };
    expect(annualParagraph(g).split('；')[0]).toMatch(/^全年发布“双随机、一公开”抽查计划3个，尚未实施抽取，/);
    g.inspectors = { ...g.inspectors, onChecks: 4, certifiedOnChecks: 3 };
    expect(annualParagraph(g)).toContain('参与检查的4名行政执法人员中3人持证上岗');
  });

  it('formats numbers and rates as the report writes them', () => {
    expect(percent(14, 16)).toBe(87.5);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(46.25)).toBe('46.3');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});

describe('the cases clause (立案)', () => {
  const base = seedFigures();
  const withCases = (cases: Partial<AnnualFigures['cases']>): AnnualFigures => ({ ...base, cases: { ...base.cases, ...cases } });
  it.each([
    [{}, null],
    [{ opened: 2 }, '立案2件'],
    [{ opened: 2, decided: 1, penaltyDecisions: 1, fineFen: 5_500_000, closed: 1 }, '立案2件，作出行政处罚决定1件，罚没款合计5.5万元，结案1件'],
    [{ opened: 1, decided: 2, penaltyDecisions: 1, fineFen: 300_000, confiscationFen: 12_345 }, '立案1件，作出行政处罚决定1件，作出不予行政处罚决定1件，罚没款合计3123.45元'],
    [{ decided: 1, penaltyDecisions: 1, closed: 1, fineFen: 1_000_000 }, '未新立案件，作出行政处罚决定1件，罚没款合计1万元，结案1件'],
  ])('%j → %s', (cases, expected) => {
    expect(caseClause(withCases(cases))).toBe(expected);
  });
  it('is part of the paragraph after the problems found, and absent in the seed year', () => {
    expect(annualParagraph(base)).not.toContain('立案');
    expect(annualParagraph(withCases({ opened: 2 }))).toContain('责令限期改正4次，其中按期整改到位1次，立案2件，');
  });
});
