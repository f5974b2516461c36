import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from './signature';

describe('outbox signatures', () => {
  const secret = 'platform-shared-secret';
  const body = '{"id":"e1","kind":"publication.published"}';

  it('signs "<t>.<body>" with HMAC-SHA256 and verifies within the tolerance', () => {
    const header = signBody(secret, body, 1_800_000_000);
    expect(header).toBe(`t=1800000000,v1=${createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex')}`);
    expect(verifySignature(secret, body, header, 1_800_000_100)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp or a malformed header', () => {
    const header = signBody(secret, body, 1_800_000_000);
    expect(verifySignature(secret, body + ' ', header, 1_800_000_000)).toBe(false);
    expect(verifySignature('another-secret', body, header, 1_800_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_800_001_000)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', 1_800_000_000)).toBe(false);
  });
});
