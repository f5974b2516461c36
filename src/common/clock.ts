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

  constructor(config: ConfigService<RuntimeConfig, true>) {
    const at = config.get('clockFixedAt', { infer: true });
    this.fixed = at ? Date.parse(at) : null;
    if (this.fixed !== null && Number.isNaN(this.fixed)) throw new Error(`clockFixedAt is not an instant: ${at}`);
  }

  now(): Date {
    return this.fixed === null ? new Date() : new Date(this.fixed);
  }

  /** Today's date in China (YYYY-MM-DD). */
  today(): string {
    return todayInChina(this.now());
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
