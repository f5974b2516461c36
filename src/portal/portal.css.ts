/**
 * The portal's one stylesheet, served as /portal/assets/portal.css: an external file keeps every page
 * within helmet's Content-Security-Policy (style-src 'self') without inline styles. Kept in a .ts
 * module so the TypeScript build ships it with no copy step. Mobile first; colours meet WCAG AA
 * contrast (text ≥ 4.5:1) on their backgrounds.
 */
export const PORTAL_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: #1a1a1a; background: #fff; line-height: 1.6; font-size: 1rem;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
}
a { color: #0645ad; text-underline-offset: 0.15em; }
a:visited { color: #5a2d91; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #b35900; outline-offset: 2px;
}
.skip { position: absolute; left: 0.5rem; top: -3rem; z-index: 10; padding: 0.5rem 1rem; background: #fff; color: #0645ad; border: 2px solid #0645ad; }
.skip:focus { top: 0.5rem; }
.site-header { background: #9e1b1b; color: #fff; }
.site-header .inner, main, .site-footer .inner { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.site-header .inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem 1rem; padding-top: 0.6rem; padding-bottom: 0.6rem; }
.site-name { color: #fff; font-weight: 700; font-size: 1.1rem; text-decoration: none; }
.site-name:visited { color: #fff; }
.site-header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; }
.site-header nav a, .site-header nav a:visited { color: #fff; }
.site-header a:focus-visible { outline-color: #fff; }
main { padding-top: 1rem; padding-bottom: 2rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid #d8d8d8; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
p { margin: 0.5rem 0; }
.lead { color: #3d3d3d; }
.note { color: #4a4a4a; font-size: 0.95rem; }
code, pre, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9rem; overflow-wrap: anywhere; word-break: break-all; }
.id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9rem; white-space: nowrap; }
pre { background: #f3f3f3; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; border-radius: 4px; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; border: 1px solid #d8d8d8; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; min-width: 32rem; }
caption { text-align: left; font-weight: 700; padding: 0.5rem 0.75rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem; border-top: 1px solid #e3e3e3; }
thead th { background: #f3f3f3; border-top: none; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: 1fr; gap: 0 1rem; margin: 0.5rem 0; }
dl.facts dt { font-weight: 700; color: #333; margin-top: 0.4rem; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.card { border: 1px solid #d0d0d0; border-left: 4px solid #9e1b1b; border-radius: 4px; padding: 0.75rem 1rem; background: #fff; }
.card.withdrawn { border-left-color: #6b6b6b; background: #f7f7f7; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.85rem; border: 1px solid currentColor; }
.badge.ok { color: #1e6b2f; }
.badge.warn { color: #8a4b00; }
.badge.bad { color: #a3191d; }
.badge.muted { color: #555; }
.notice { border-left: 4px solid #1e6b2f; background: #f4f8f4; padding: 0.5rem 0.75rem; }
form.search { display: grid; grid-template-columns: 1fr; gap: 0.75rem; background: #f7f7f7; padding: 1rem; border-radius: 4px; border: 1px solid #d8d8d8; }
.field label { display: block; font-weight: 700; margin-bottom: 0.2rem; }
.field .hint { display: block; font-size: 0.85rem; color: #4a4a4a; }
input, select, button { font: inherit; }
input, select { width: 100%; padding: 0.45rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; background: #fff; color: #1a1a1a; min-height: 2.6rem; }
button { padding: 0.55rem 1.25rem; border: none; border-radius: 4px; background: #9e1b1b; color: #fff; cursor: pointer; min-height: 2.6rem; }
button:hover { background: #7f1515; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
nav.pager ul { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 1rem 0; }
nav.pager a, nav.pager span { display: inline-block; min-width: 2.6rem; padding: 0.4rem 0.6rem; text-align: center; border: 1px solid #c4c4c4; border-radius: 4px; }
nav.pager [aria-current="page"] { background: #9e1b1b; color: #fff; border-color: #9e1b1b; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; color: #0645ad; }
.verify-steps li { margin: 0.25rem 0; }
.verify-steps .step-ok { color: #1a5e20; }
.verify-steps .step-fail, .verify-steps .step-unanchored { color: #a3191d; font-weight: bold; }
.step-detail { font-weight: normal; font-family: monospace; word-break: break-all; }
.verdict { padding: 0.5rem 0.75rem; border-radius: 4px; font-weight: bold; }
.verdict-ok { border: 2px solid #1a5e20; background: #eef7ee; }
.verdict-bad { border: 2px solid #a3191d; background: #fdf2f2; }
.error-box { border: 2px solid #a3191d; background: #fdf2f2; padding: 0.75rem 1rem; border-radius: 4px; }
.site-footer { border-top: 1px solid #d8d8d8; background: #f7f7f7; color: #3d3d3d; font-size: 0.9rem; }
.site-footer .inner { padding-top: 1rem; padding-bottom: 1.5rem; }
@media (min-width: 40rem) {
  h1 { font-size: 1.75rem; }
  dl.facts { grid-template-columns: max-content 1fr; }
  dl.facts dt { margin-top: 0; }
  form.search { grid-template-columns: repeat(2, 1fr); }
  form.search .wide, form.search .actions { grid-column: 1 / -1; }
}
@media (min-width: 64rem) {
  form.search { grid-template-columns: repeat(4, 1fr); }
}
@media print {
  .site-header nav, .skip, form.search, nav.pager { display: none; }
  a { color: #000; }
}
`;
