/**
 * When a presented refresh token may be exchanged for a new one (pure: no framework, no I/O).
 * Times come from the caller's Clock so that tests can fix them.
 */

export interface PresentedToken {
  tokenVersion: number;
  lastUsedAt: Date;
  usedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionAccount {
  active: boolean;
  tokenVersion: number;
}

export interface SessionLimits {
  idleMs: number;
  reuseGraceMs: number;
}

/**
 * Why the token is refused, or null if it may be rotated. Checked in this order:
 * - `revoked`: the family was revoked (logout, an earlier reuse, account change);
 * - `race`: already rotated, but only just (two tabs refreshing with the same cookie): refuse
 *   without revoking; the browser already holds the newer cookie;
 * - `reused`: already rotated earlier: a copy is being replayed, revoke the family;
 * - `account`: the account is inactive or its token_version moved on (password, deactivation, role);
 * - `expired`: past the absolute lifetime; `idle`: unused for longer than the idle timeout.
 */
export type Refusal = 'revoked' | 'race' | 'reused' | 'account' | 'expired' | 'idle';

export function refreshRefusal(token: PresentedToken, account: SessionAccount | null, now: Date, limits: SessionLimits): Refusal | null {
  if (token.revokedAt) return 'revoked';
  if (token.usedAt) return now.getTime() - token.usedAt.getTime() <= limits.reuseGraceMs ? 'race' : 'reused';
  if (!account || !account.active || account.tokenVersion !== token.tokenVersion) return 'account';
  if (now.getTime() >= token.expiresAt.getTime()) return 'expired';
  if (now.getTime() - token.lastUsedAt.getTime() > limits.idleMs) return 'idle';
  return null;
}

/** Refusals after which the whole family is revoked (nothing from it may be used again). */
export function revokesFamily(refusal: Refusal): boolean {
  return refusal === 'reused' || refusal === 'account' || refusal === 'expired' || refusal === 'idle';
}
