import { annualParagraph, caseClause, entitiesClause } from './paragraph';
import { emptyFigures, seedFigures } from './fixtures/seed-figures';
import { AnnualFigures, formatNumber, percent } from './report-figures';

describe('annual paragraph', () => {
  it('writes the seed year in the report\'s own style', () => {
    expect(annualParagraph(seedFigures())).toBe(
      '全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，' +
        '发现问题4家次，责令限期改正4次，其中按期整改到位1次，向监管平台推送执法检查信息2次，按程序向社会公开检查结果16条，按时公开率87.5%，另有1条待公开；' +
        '开展重大行政决策、重大执法决定、行政规范性文件的法制审核，全年共完成法制审核42次；' +
        '行政执法人员参加专题培训平均46.5学时，5人培训达到40学时并通过考试。',
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
    f.publication = { ...f.publication, published: 0, onTime: 0, late: 0, onTimeRate: null, pending: 0, platformPush: { available: true, delivered: 0, failed: 0, pending: 0 } };
    expect(annualParagraph(f).split('；')[0]).toBe('全年开展“双随机、一公开”抽查3次，尚未完成现场检查');

    const g = seedFigures();
    g.randomInspections.problemsFound = 0;
    g.randomInspections.rectification = { orders: 0, rectifiedOnTime: 0, rectifiedLate: 0, open: 0, notRectifiedAtFollowUp: 0 };
    g.publication = { ...g.publication, published: 0, onTime: 0, late: 0, onTimeRate: null, pending: 3, platformPush: { available: false, delivered: 5, failed: 0, pending: 0 } };
    expect(annualParagraph(g).split('；')[0]).toBe('全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，均未发现问题，检查结果3条待公开');

    const h = seedFigures();
    h.randomInspections.rectification.rectifiedOnTime = 0;
    h.publication = { ...h.publication, onTime: 16, late: 0, onTimeRate: 100, pending: 0 };
    h.legalReview.byKind = h.legalReview.byKind.map((k) => ({ ...k, count: k.code === 'normative_document' ? 42 : 0 }));
    h.inspectors = { ...h.inspectors, trainedAndPassed: 0 };
    expect(annualParagraph(h)).toBe(
      '全年开展“双随机、一公开”抽查3次，深入康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行现场检查，' +
        '发现问题4家次，责令限期改正4次，向监管平台推送执法检查信息2次，按程序向社会公开检查结果16条，按时公开率100%；' +
        '开展行政规范性文件的法制审核，全年共完成法制审核42次；行政执法人员参加专题培训平均46.5学时，尚无人员培训达到40学时并通过考试。',
    );

    const k = seedFigures();
    k.inspectors = { ...k.inspectors, trainingHoursTotal: 0, trainingHoursAverage: 0, atOrAboveThreshold: 0, trainedAndPassed: 0 };
    expect(annualParagraph(k).split('；')[2]).toBe('行政执法人员全年未登记专题培训学时。');
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
