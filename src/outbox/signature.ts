/**
 * How a platform checks that an event comes from us: X-SSGK-Signature = "t=<unix seconds>,v1=<hex>"
 * with v1 = HMAC-SHA256(secret, "<t>.<body>"). Pure; receivers can copy `verifySignature`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(nowSeconds - Number(m[1])) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, body, Number(m[1])).split('v1=')[1], 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}
