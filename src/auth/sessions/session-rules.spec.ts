import { refreshRefusal, revokesFamily } from './session-rules';

const limits = { idleMs: 30 * 60_000, reuseGraceMs: 10_000 };
const t0 = new Date('2026-12-03T01:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const token = (over: Partial<Parameters<typeof refreshRefusal>[0]> = {}) => ({
  tokenVersion: 3,
  lastUsedAt: t0,
  usedAt: null,
  expiresAt: at(12 * 3_600_000),
  revokedAt: null,
  ...over,
});
const account = { active: true, tokenVersion: 3 };

describe('refreshRefusal', () => {
  it('accepts a fresh token of an active account', () => {
    expect(refreshRefusal(token(), account, at(60_000), limits)).toBeNull();
  });

  it('refuses a token of a revoked family first', () => {
    expect(refreshRefusal(token({ revokedAt: t0, usedAt: t0 }), account, at(60_000), limits)).toBe('revoked');
  });

  it('takes a rotated token presented within the grace for a race, later for reuse', () => {
    expect(refreshRefusal(token({ usedAt: t0 }), account, at(10_000), limits)).toBe('race');
    expect(refreshRefusal(token({ usedAt: t0 }), account, at(10_001), limits)).toBe('reused');
  });

  it('refuses when the account is gone, inactive or its token version moved on', () => {
    expect(refreshRefusal(token(), null, t0, limits)).toBe('account');
    expect(refreshRefusal(token(), { active: false, tokenVersion: 3 }, t0, limits)).toBe('account');
    expect(refreshRefusal(token(), { active: true, tokenVersion: 4 }, t0, limits)).toBe('account');
  });

  it('ends at the absolute lifetime and after the idle timeout', () => {
    expect(refreshRefusal(token({ lastUsedAt: at(12 * 3_600_000 - 1000) }), account, at(12 * 3_600_000), limits)).toBe('expired');
    expect(refreshRefusal(token(), account, at(30 * 60_000), limits)).toBeNull();
    expect(refreshRefusal(token(), account, at(30 * 60_000 + 1), limits)).toBe('idle');
  });

  it('revokes the family on every refusal but a race or an already revoked family', () => {
    expect(['revoked', 'race', 'reused', 'account', 'expired', 'idle'].filter((r) => revokesFamily(r as never))).toEqual(['reused', 'account', 'expired', 'idle']);
  });
});
