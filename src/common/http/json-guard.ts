/**
 * Checks of a JSON body's raw text made before JSON.parse builds any object. Pure.
 *
 * - Nesting deeper than JSON_MAX_DEPTH: class-transformer and class-validator recurse once per
 *   level, so ~1,500 nested arrays overflowed the stack (a 500, even unauthenticated on the login).
 * - Unpaired surrogate escapes (`"\ud800"`): PostgreSQL's UTF-8 cannot hold them; the driver
 *   stored U+FFFD instead, and the broken text was published.
 */

/** Deepest nesting of arrays and objects accepted in a JSON body; no DTO of the API goes past 5. */
export const JSON_MAX_DEPTH = 64;

export type JsonTextProblem = 'too_deep' | 'lone_surrogate';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** One linear pass over the text: depth outside strings, surrogate pairing inside them. */
export function jsonTextProblem(text: string, maxDepth = JSON_MAX_DEPTH): JsonTextProblem | null {
  let depth = 0;
  let inString = false;
  /** A high surrogate was just read (escaped or literal) and awaits its low half. */
  let pendingHigh = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
        if (++depth > maxDepth) return 'too_deep';
      } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
      continue;
    }
    let unit = c;
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x75 /* u */) {
        unit = Number.parseInt(text.slice(i + 2, i + 6), 16);
        i += 5;
      } else {
        i += 1;
        unit = next;
      }
    } else if (c === QUOTE) {
      if (pendingHigh) return 'lone_surrogate';
      inString = false;
      continue;
    }
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    if (pendingHigh !== low) return 'lone_surrogate';
    pendingHigh = high;
  }
  return pendingHigh ? 'lone_surrogate' : null;
}
