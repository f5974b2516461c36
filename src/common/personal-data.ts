/**
 * Finds personal data that must never be published: mainland mobile numbers and resident identity
 * card numbers (18 characters, the last possibly X, or the old 15 digits). Full-width digits,
 * spaces, dashes and dots between digits, and a +86/0086 prefix do not hide them. Pure; used to
 * refuse free text meant for the public (a redraw's or substitution's reason) and in the scans of
 * public responses in tests.
 */
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
const ID_18 = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;
const ID_15 = /(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/;

export function findPersonalData(text: string): ('mobile' | 'id_card')[] {
  const plain = text
    .normalize('NFKC')
    .replace(/(?:\+|00)\s*86[\s.-]*/g, ' ')
    .replace(/(?<=\d)[\s.\-–—]+(?=[\dXx])/g, '');
  const found: ('mobile' | 'id_card')[] = [];
  if (MOBILE.test(plain)) found.push('mobile');
  if (ID_18.test(plain) || ID_15.test(plain)) found.push('id_card');
  return found;
}
