/**
 * Account-security settings (not regime rules). Defaults are documented in docs/configuration.md.
 */
export const SECURITY = {
  /** Consecutive failed logins before an account is locked. */
  loginMaxFailures: 5,
  /** How long a locked account stays locked. */
  loginLockMinutes: 15,
  /** Minimum password length for staff accounts. */
  passwordMinLength: 12,
} as const;
