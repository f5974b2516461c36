/**
 * Account-security settings (not regime rules). Defaults are documented in docs/configuration.md;
 * the login throttle's thresholds are environment variables (src/config/env.ts).
 */
export const SECURITY = {
  /** First delay of the login throttle, doubled with each further failure (LOGIN_BACKOFF_MAX_SECONDS caps it). */
  loginBackoffBaseSeconds: 15,
  /** Failed logins are forgotten this long after the last one (Keycloak's "failure reset time"). */
  loginFailureMemoryHours: 12,
  /** An address the account logged in from within this many days is "known": never locked out. */
  loginKnownAddressDays: 30,
  /**
   * A refresh token presented again this soon after it was rotated is taken for two tabs refreshing
   * at once (409, nothing issued), not for theft; later, the whole session is revoked.
   */
  refreshReuseGraceSeconds: 10,
  /** Minimum password length for staff accounts. */
  passwordMinLength: 12,
} as const;
