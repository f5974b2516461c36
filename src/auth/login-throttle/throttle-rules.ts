import { isIPv4, isIPv6 } from 'node:net';

/**
 * Pure rules of the login throttle (no clock, no database), table-tested in throttle-rules.spec.ts.
 */

/**
 * Seconds an (username, address) pair is refused after its `failures`-th failure: nothing for the
 * first `free` ones, then base, 2·base, 4·base … up to `max` (exponential backoff, as Keycloak's
 * brute-force detection). A typo or two costs nothing; a guessing script gets about one try per
 * `max` seconds once it reaches the cap.
 */
export function backoffSeconds(failures: number, free: number, base: number, max: number): number {
  if (failures <= free) return 0;
  const doublings = Math.min(failures - free - 1, 30); // 2^30·base is past any max
  return Math.min(base * 2 ** doublings, max);
}

/**
 * The address a throttle is kept for: an IPv4 address as is (also when IPv4-mapped in IPv6), an
 * IPv6 address as its /64 — one subscriber gets a whole /64 and could otherwise take a fresh
 * address for every guess. Anything else (no address) is one shared key.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head, tail = ''] = ip.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first four groups matter here.
  const rightGroups = right.flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const fill = ip.includes('::') ? Array<string>(Math.max(0, 8 - left.length - rightGroups.length)).fill('0') : [];
  return [...left, ...fill, ...rightGroups].map((g) => (Number.parseInt(g, 16) || 0).toString(16));
}
