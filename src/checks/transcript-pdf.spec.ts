import { readPdf } from '../common/pdf/pdf-read';
import { renderTranscript, TranscriptData } from './transcript-pdf';

const base: TranscriptData = {
  recordId: '00000000-0000-4000-8000-000000000001',
  stateLabel: '填写中',
  draft: true,
  department: '天津市测试局',
  plan: { id: '00000000-0000-4000-8000-000000000002', name: '2024年度实验动物抽查计划' },
  drawId: '00000000-0000-4000-8000-000000000003',
  taskId: '00000000-0000-4000-8000-000000000004',
  windowStart: '2024-01-02',
  windowEnd: '2024-12-31',
  checkDate: null,
  place: null,
  entity: { name: '天津某某实验动物公司', uscc: '91120000MA05ABCD1X', address: null },
  team: [
    { name: '张三', certificateNumber: 'TJ-001', department: '天津市测试局', present: true, certificateShown: true },
    { name: '李四', certificateNumber: 'TJ-002', department: '天津市测试局', present: false, certificateShown: false },
  ],
  representative: null,
  items: Array.from({ length: 12 }, (_, i) => ({ code: `SY-${i}`, name: `检查事项${i}`, legalBasis: '《实验动物管理条例》', subItems: ['许可证是否在有效期内', '设施是否符合标准'], finding: i % 2 ? { compliant: false, description: `问题${i}`, legalClause: '第十八条' } : null })),
  results: [],
  rectifications: [],
  checkCodeUrl: 'https://sjgk.example.gov.cn/portal/check-code/abcdefghijklmnopqrstuvwxyz',
  printedAt: '2024-05-10 09:00（北京时间）',
};

describe('现场检查笔录 layout', () => {
  it('prints a draft across pages with blanks to fill, every item, signature lines and page numbers', () => {
    const doc = readPdf(renderTranscript(base));
    expect(doc.pages.length).toBeGreaterThan(1);
    const lines = doc.pages.flat();
    expect(lines).toContain('（填写中，尚未提交，仅供核对）');
    expect(lines).toContain('检查日期：＿＿＿＿年＿＿月＿＿日');
    expect(lines).toContain('检查情况：未记录');
    expect(lines).toContain('问题描述：问题11');
    expect(lines).toContain('执法人员（张三，执法证号 TJ-001）');
    expect(lines).not.toContain('执法人员（李四，执法证号 TJ-002）');
    expect(lines).toContain('李四　执法证号 TJ-002　天津市测试局　未在场');
    expect(doc.pages.at(-1)!.at(-1)).toMatch(new RegExp(`第 ${doc.pages.length} 页 共 ${doc.pages.length} 页`));
    expect(lines.join('')).toContain(base.checkCodeUrl);
  });
});
