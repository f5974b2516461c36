import { ConfigError, validateEnv } from './env';

describe('validateEnv', () => {
  it('applies documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./.data');
    expect(env.MIGRATIONS_RUN).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnv({ PORT: '8080', MIGRATIONS_RUN: 'false', DB_POOL_SIZE: '4' });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.DB_POOL_SIZE).toBe(4);
  });

  it('names every bad variable in one message', () => {
    expect(() => validateEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    try {
      validateEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', ADMIN_PASSWORD: 'short' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('ADMIN_PASSWORD');
    }
  });

  it('session limits: 30 idle minutes and 12 hours by default; zero, fractions and words refused', () => {
    expect(validateEnv({})).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 12 });
    expect(validateEnv({ SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '8' })).toMatchObject({ SESSION_IDLE_MINUTES: 5, SESSION_MAX_HOURS: 8 });
    for (const bad of [{ SESSION_IDLE_MINUTES: '0' }, { SESSION_IDLE_MINUTES: '1.5' }, { SESSION_MAX_HOURS: 'twelve' }, { SESSION_MAX_HOURS: '0' }]) {
      expect(() => validateEnv(bad)).toThrow(new RegExp(Object.keys(bad)[0]));
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });
});

describe('OUTBOX_ENDPOINTS', () => {
  it('accepts a JSON array of named, signed endpoints and refuses anything else without echoing secrets', () => {
    const ok = validateEnv({ OUTBOX_ENDPOINTS: '[{"name":"行政执法监督平台","url":"https://example.invalid/hook","secret":"0123456789abcdef"}]' });
    expect(ok.OUTBOX_ENDPOINTS).toContain('行政执法监督平台');
    expect(() => validateEnv({ OUTBOX_ENDPOINTS: 'not json' })).toThrow(/OUTBOX_ENDPOINTS: must be a JSON array/);
    let message = '';
    try {
      validateEnv({ OUTBOX_ENDPOINTS: '[{"name":"x","url":"ftp://x","secret":"short-secret"}]' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/OUTBOX_ENDPOINTS\[0\]\.url/);
    expect(message).toMatch(/OUTBOX_ENDPOINTS\[0\]\.secret/);
    expect(message).not.toContain('short-secret');
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('defaults to the local listener, never to a request\'s Host header', () => {
    expect(validateEnv({}).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(validateEnv({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['https://gs.example.gov.cn', 'https://gs.example.gov.cn'],
    ['https://gs.example.gov.cn/', 'https://gs.example.gov.cn'],
    ['https://GS.example.gov.cn:8443', 'https://gs.example.gov.cn:8443'],
    ['http://10.0.0.5:3000', 'http://10.0.0.5:3000'],
  ])('accepts %s as %s', (raw, normalised) => {
    expect(validateEnv({ PUBLIC_BASE_URL: raw }).PUBLIC_BASE_URL).toBe(normalised);
  });

  it.each(['gs.example.gov.cn', 'ftp://gs.example.gov.cn', 'javascript:alert(1)', 'https://user:pw@gs.example.gov.cn', 'https://gs.example.gov.cn/?a=1', 'https://gs.example.gov.cn/#x', 'https://gs.example.gov.cn/ssgk', '/portal', 'https://'])('refuses %s, naming the variable', (raw) => {
    expect(() => validateEnv({ PUBLIC_BASE_URL: raw })).toThrow(/PUBLIC_BASE_URL: must/);
  });
});

describe('loadRules: the plan rules (issue 16)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadRules, DEFAULT_RULES } = require('./rules') as typeof import('./rules');
  it('ships the documented defaults', () => {
    expect(DEFAULT_RULES).toMatchObject({ annualCapPerEntity: 2, generalItemMaxRatios: { A: 5, B: 20, C: 60, D: 100 }, samplingLimitMode: 'reason', quarterDrawWorkingDays: 5, quarterDrawMode: 'warn', pastPlans: 'refuse' });
  });
  it('reads each from its variable', () => {
    const r = loadRules({ RULES_ANNUAL_CAP_PER_ENTITY: '0', RULES_GENERAL_ITEM_MAX_RATIOS: 'A:3,B:10.5,C:50,D:100', RULES_SAMPLING_LIMIT_MODE: 'refuse', RULES_QUARTER_DRAW_MODE: 'refuse', RULES_PAST_PLANS: 'allow' });
    expect(r).toMatchObject({ annualCapPerEntity: 0, generalItemMaxRatios: { A: 3, B: 10.5, C: 50, D: 100 }, samplingLimitMode: 'refuse', quarterDrawMode: 'refuse', pastPlans: 'allow' });
  });
  it.each([
    ['RULES_GENERAL_ITEM_MAX_RATIOS', 'A:5,B:20,C:60'],
    ['RULES_GENERAL_ITEM_MAX_RATIOS', 'A:5,B:20,C:60,D:101'],
    ['RULES_GENERAL_ITEM_MAX_RATIOS', 'A:5,A:6,C:60,D:100'],
    ['RULES_SAMPLING_LIMIT_MODE', 'warn'],
    ['RULES_QUARTER_DRAW_MODE', 'off'],
    ['RULES_PAST_PLANS', 'yes'],
  ])('refuses %s=%s, naming it', (name, value) => expect(() => loadRules({ [name]: value })).toThrow(name));
});
