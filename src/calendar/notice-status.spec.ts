import { noticeStatus } from './notice-status';
import { WorkingCalendar } from './working-days';

// Notices for 2026 only; statutory data for 2027 only; nothing for 2028.
const cal = (noticeYears: number[]) => new WorkingCalendar({ holidays: [], makeupWorkdays: [], coveredYears: noticeYears }, {}, { years: [2027], holidays: ['2027-01-01'] });

describe('noticeStatus', () => {
  it.each([
    ['2026-10-31', [2026], []],
    ['2026-11-01', [2026], [2027]],
    ['2026-12-31', [2026], [2027]],
    ['2026-12-31', [2026, 2027], []],
    ['2027-01-04', [2026], [2027]],
    ['2027-06-01', [2026, 2027], []],
    ['2027-11-01', [2026, 2027], [2028]],
  ])('on %s with notices %j: missing %j', (today, notices, missing) => {
    const s = noticeStatus(cal(notices), today);
    expect(s.missingNotices).toEqual(missing);
    expect(s.alert).toBe(missing.length > 0);
    expect(s.message === null).toBe(missing.length === 0);
  });

  it('says whether deadlines in the missing year are provisional or not computable', () => {
    const dec2026 = noticeStatus(cal([2026]), '2026-12-20');
    expect(dec2026.years).toEqual([
      { year: 2026, notice: true, provisional: false, computable: true },
      { year: 2027, notice: false, provisional: true, computable: true },
    ]);
    expect(dec2026.message).toContain('2027年的期限按法定节假日暂定计算');
    const nov2027 = noticeStatus(cal([2026, 2027]), '2027-11-02');
    expect(nov2027.years[1]).toEqual({ year: 2028, notice: false, provisional: false, computable: false });
    expect(nov2027.message).toContain('无法计算涉及2028年的期限');
  });
});
