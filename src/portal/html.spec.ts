import { escapeHtml, html, Html, url } from './html';

describe('html', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const name = `<script>alert("x")</script> & 'quote' \`tick\``;
    const out = html`<p title="${name}">${name}</p>`.toString();
    expect(out).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; &#96;tick&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39; &#96;tick&#96;</p>');
    expect(out).not.toContain('<script>');
  });

  it('keeps nested templates as they are, and escapes only once', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe('<p><b>a&amp;b</b></p>');
    expect(html`${html`${html`${'<'}`}`}`.toString()).toBe('&lt;');
  });

  it('joins arrays, drops null, undefined and false, prints numbers and zero', () => {
    const rows = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${rows}</ul>`.toString()).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}|${0}|${12.5}|${true}`.toString()).toBe('|0|12.5|true');
    expect(html`${['<', html`<i>`, ['>']]}`.toString()).toBe('&lt;<i>&gt;');
  });

  it('does not treat a look-alike object as trusted HTML', () => {
    const fake = { value: '<img src=x onerror=alert(1)>', toString: () => '<img src=x onerror=alert(1)>' };
    expect(html`${fake}`.toString()).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(html`${new Html('<br>')}`.toString()).toBe('<br>');
  });

  it('escapes Chinese text only where needed', () => {
    expect(escapeHtml('天津市某某科技有限公司')).toBe('天津市某某科技有限公司');
    expect(escapeHtml('甲<乙>')).toBe('甲&lt;乙&gt;');
  });

  it('builds query strings from parts, encoding values and leaving empty ones out', () => {
    expect(url('/portal/results', { q: '生物 & 科技', uscc: '', year: 2024, item: undefined, to: null })).toBe('/portal/results?q=%E7%94%9F%E7%89%A9+%26+%E7%A7%91%E6%8A%80&year=2024');
    expect(url('/portal/results')).toBe('/portal/results');
    expect(html`<a href="${url('/x', { a: '"><script>' })}">`.toString()).toBe('<a href="/x?a=%22%3E%3Cscript%3E">');
  });
});
