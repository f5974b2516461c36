import { csvLine, xml } from './formats';

describe('open-data formats', () => {
  it('quotes CSV fields that need it and defuses formulas', () => {
    expect(csvLine(['康希诺生物股份公司', 'a,b', 'say "hi"', null, 3])).toBe('康希诺生物股份公司,"a,b","say ""hi""",,3\r\n');
    expect(csvLine(['=HYPERLINK("x")', '-1'])).toBe(`"'=HYPERLINK(""x"")",'-1\r\n`);
    expect(csvLine(['line\nbreak'])).toBe('"line\nbreak"\r\n');
  });

  it('escapes XML and drops control characters', () => {
    expect(xml(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});
