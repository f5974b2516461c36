import { figureRows, figureText } from './figure-rows';
import { emptyFigures, seedFigures } from './fixtures/seed-figures';

describe('figure rows', () => {
  it('labels every figure once, in Chinese, with the same values as the JSON', () => {
    const rows = figureRows(seedFigures());
    const value = (label: string) => rows.find((r) => r.label === label)?.value;
    expect(value('检查对象（家）')).toBe(17);
    expect(value('列举的检查对象（按首次检查日期）')).toBe('康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司');
    expect(value('检查结果：未发现问题')).toBe(14);
    expect(value('按时公开率')).toBe(87.5);
    expect(value('法制审核合计')).toBe(42);
    expect(value('人均培训学时')).toBe(46.5);
    expect(rows.filter((r) => r.percent).map(figureText)).toEqual(['87.5%']);
    expect(figureText(rows.find((r) => r.label === '人均培训学时')!)).toBe('46.5');
    expect(value('立案（件）')).toBe(0);
    expect(value('罚款（元）')).toBe(0);
    expect(new Set(rows.map((r) => `${r.section}/${r.label}`)).size).toBe(rows.length);
    for (const r of rows) expect(r.label).toMatch(/[\u4e00-\u9fff]/);
    const empty = figureRows(emptyFigures());
    expect(empty.find((r) => r.label === '按时公开率')?.value).toBe('—');
    expect(empty.find((r) => r.label.startsWith('推送监管平台成功'))?.label).toBe('推送监管平台成功（次）（推送功能未启用）');
  });
});
