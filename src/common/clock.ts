import { Global, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeConfig } from '../config/runtime-config';
import { todayInChina } from './validation';

/**
 * The current time for date rules (deadlines, "due soon", "not in the future"). Injected so that tests can
 * boot the app at a fixed instant (RuntimeConfig.clockFixedAt, set only by the e2e bootApp): no test may
 * depend on the day it runs.
 */
@Injectable()
export class Clock {
  private readonly fixed: number | null;
  private offset = 0;

  constructor(config: ConfigService<RuntimeConfig, true>) {
    const at = config.get('clockFixedAt', { infer: true });
    this.fixed = at ? Date.parse(at) : null;
    if (this.fixed !== null && Number.isNaN(this.fixed)) throw new Error(`clockFixedAt is not an instant: ${at}`);
  }

  now(): Date {
    return new Date((this.fixed === null ? Date.now() : this.fixed) + this.offset);
  }

  /**
   * Tests only (the e2e suites reach it through app.get(Clock)): lets time pass, e.g. until a drand
   * round or a named public event the draw must wait for. Nothing in the application calls it.
   */
  advance(ms: number): void {
    this.offset += ms;
  }

  /** Today's date in China (YYYY-MM-DD). */
  today(): string {
    return todayInChina(this.now());
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
