import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows a burst of perMinute, then one per refill interval, per client', () => {
    const limiter = new RateLimiter(60); // one a second
    for (let i = 0; i < 60; i++) expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 0)).toBe(1000);
    expect(limiter.take('b', 0)).toBe(0); // another client is not affected
    expect(limiter.take('a', 500)).toBe(500);
    expect(limiter.take('a', 1000)).toBe(0);
    expect(limiter.take('a', 1000)).toBeGreaterThan(0);
  });

  it('forgets idle clients', () => {
    const limiter = new RateLimiter(60);
    for (let i = 0; i < 60; i++) {
      limiter.take('a', 0);
      limiter.take('b', 0);
    }
    limiter.sweep(30_000); // half refilled: still remembered
    expect(limiter.size).toBe(2);
    limiter.sweep(61_000);
    expect(limiter.size).toBe(0);
  });
});
