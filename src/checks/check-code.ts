import { randomBytes } from 'node:crypto';

/**
 * 检查码 rules, pure. A code is 128 random bits in lowercase base32 (RFC 4648, no padding): 26
 * characters, safe in a URL and in a QR code's byte mode, and unguessable — never derived from the
 * task id, so holding one code says nothing about another.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const CHECK_CODE_PATTERN = /^[a-z2-7]{26}$/;

export function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newCheckCode(): string {
  return base32(randomBytes(16));
}

/** The public page of a code (PUBLIC_BASE_URL has no trailing slash). */
export const checkCodePath = (code: string) => `/portal/check-code/${code}`;

/**
 * The date a team's certificates are shown valid on: the check date once the record has one, else
 * today held inside the task's window (before the window: its first day; after: its last).
 */
export function validityDate(checkDate: string | null, today: string, windowStart: string, windowEnd: string): string {
  if (checkDate) return checkDate;
  if (today < windowStart) return windowStart;
  return today > windowEnd ? windowEnd : today;
}
