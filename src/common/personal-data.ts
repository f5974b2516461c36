/**
 * Finds personal data that must never be published: mainland mobile numbers and resident identity
 * card numbers (18 characters, the last possibly X). Pure; used to refuse free text meant for the
 * public (e.g. a redraw's reason) and to scan public responses in tests.
 */
const PATTERNS: { kind: 'mobile' | 'id_card'; re: RegExp }[] = [
  { kind: 'mobile', re: /(?<!\d)1[3-9]\d{9}(?!\d)/ },
  { kind: 'id_card', re: /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/ },
];

export function findPersonalData(text: string): ('mobile' | 'id_card')[] {
  return PATTERNS.filter((p) => p.re.test(text)).map((p) => p.kind);
}
