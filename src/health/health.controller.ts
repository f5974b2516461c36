import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { CalendarService } from '../calendar/calendar.service';
import { DatabaseUnavailableError } from '../common/errors';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly calendar: CalendarService,
  ) {}

  @Get('live')
  @Public({ rateLimited: false })
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public({ rateLimited: false })
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers (503 otherwise); details name the Node.js runtime and a missing holiday notice' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.calendarNotice(), () => runtime()]);
    } catch (err) {
      // Terminus answers a failed check with a bare 503 exception: the error filter makes it the
      // API's 503 DATABASE_UNAVAILABLE with Retry-After, like any route that cannot reach the database.
      if (err instanceof ServiceUnavailableException) throw new DatabaseUnavailableError('readiness check failed');
      throw err;
    }
  }

  /** A missing holiday notice is an alert for administrators, never a reason to take the instance out of service. */
  private async calendarNotice(): Promise<HealthIndicatorResult> {
    try {
      const s = await this.calendar.status();
      return { calendar: { status: 'up', alert: s.alert, missingNotices: s.missingNotices, message: s.message } };
    } catch {
      return { calendar: { status: 'up', alert: null, message: '无法读取工作日日历' } };
    }
  }
}

/** The Node.js version serving (docs/adr/0005-node-24-runtime.md): operators can see it is a supported one. */
function runtime(): HealthIndicatorResult {
  return { runtime: { status: 'up', node: process.version } };
}
