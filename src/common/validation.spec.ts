import { isDateOnly, todayInChina } from './validation';

describe('isDateOnly', () => {
  it.each(['2024-02-29', '2023-12-31', '2000-02-29', '2023-01-01'])('accepts %s', (d) => expect(isDateOnly(d)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-1-1', '20230101', '2023-01-01T00:00', '0000-01-01', '1899-12-31', '2201-01-01', 20230101, null])('refuses %s', (d) =>
    expect(isDateOnly(d)).toBe(false),
  );
});

describe('todayInChina', () => {
  it('is UTC+8', () => {
    expect(todayInChina(new Date('2024-01-01T15:59:59Z'))).toBe('2024-01-01');
    expect(todayInChina(new Date('2024-01-01T16:00:00Z'))).toBe('2024-01-02');
  });
});
