import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { RuntimeConfig } from './config/runtime-config';
import { buildDataSourceOptions } from './database/data-source.options';
import { runMigrationsLocked } from './database/migrate';
import { DepartmentsModule } from './departments/departments.module';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';
import { RegulatedEntitiesModule } from './regulated-entities/regulated-entities.module';
import { InspectorsModule } from './inspectors/inspectors.module';
import { ItemsModule } from './items/items.module';
import { RecusalsModule } from './recusals/recusals.module';
import { ImportsModule } from './imports/imports.module';
import { PlansModule } from './plans/plans.module';
import { DrawsModule } from './draws/draws.module';
import { ChecksModule } from './checks/checks.module';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { OutboxModule } from './outbox/outbox.module';
import { PublicationModule } from './publication/publication.module';
import { OpenDataModule } from './open-data/open-data.module';
import { ReportsModule } from './reports/reports.module';
import { PortalModule } from './portal/portal.module';
import { LegalReviewsModule } from './legal-reviews/legal-reviews.module';
import { NormativeDocumentsModule } from './normative-documents/normative-documents.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { CasesModule } from './cases/cases.module';

@Module({})
export class AppModule {
  /** The whole application for a resolved configuration (used by main.ts, the CLI and e2e tests). */
  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (cfg: ConfigService<RuntimeConfig, true>) =>
            buildDataSourceOptions(cfg.get('databaseUrl', { infer: true }), cfg.get('DB_POOL_SIZE', { infer: true }), { statementTimeoutMs: cfg.get('STAFF_STATEMENT_TIMEOUT_MS', { infer: true }) }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (config.MIGRATIONS_RUN) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        ClockModule,
        // First: Express tries routes in registration order, one by one, and the public results search
        // is the busiest route (about 90 routes used to be tried before it; bench:public).
        PublicationModule,
        HealthModule,
        DepartmentsModule,
        UsersModule,
        AuthModule,
        ItemsModule,
        RegulatedEntitiesModule,
        InspectorsModule,
        RecusalsModule,
        ImportsModule,
        PlansModule,
        DrawsModule, // before ChecksModule: GET /tasks/merge-candidates must match before GET /tasks/:id
        ChecksModule,
        CasesModule,
        AuditModule,
        CalendarModule,
        OutboxModule,
        OpenDataModule,
        ReportsModule,
        DashboardModule,
        PortalModule, // last: its routes include "/"
        LegalReviewsModule,
        NormativeDocumentsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
