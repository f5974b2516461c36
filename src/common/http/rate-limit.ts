/**
 * Token buckets per client address, in memory: `perMinute` requests a minute, refilled
 * continuously, with bursts up to `perMinute`. Pure (the clock is passed in).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** 0 when allowed, else the milliseconds until a token is free. */
  take(key: string, nowMs: number): number {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: nowMs };
    b.tokens = Math.min(this.perMinute, b.tokens + (nowMs - b.at) * rate);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate);
  }

  /** Forgets full buckets (idle clients), so memory follows the active clients only. */
  sweep(nowMs: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (nowMs - b.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
