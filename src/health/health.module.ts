import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CalendarModule } from '../calendar/calendar.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), CalendarModule],
  controllers: [HealthController],
})
export class HealthModule {}
