import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../common/errors';
import { AuditService } from '../audit/audit.service';
import { describeDbError } from '../common/http/all-exceptions.filter';
import { todayInChina } from '../common/validation';
import { liftStatementTimeout } from '../database/long-job';
import { mapHeaders, parseRow, RowError } from './columns';
import { MalformedFileError } from './file-checks';
import { crossCheck, IMPORT_COLUMNS } from './import-kinds';
import { ImportJob, ImportKind } from './import-job.entity';
import { readBatches } from './readers';
import { EntitiesWriter } from './writers/entities.writer';
import { ExamsWriter, InspectorsWriter, ItemsWriter, TrainingsWriter } from './writers/keyed.writers';
import { ImportWriter, WriterRowError } from './writers/writer';

/** Errors kept per job for the report; all are counted. */
export const MAX_STORED_ERRORS = 10_000;
const PROGRESS_EVERY_MS = 1000;
/** A running job whose heartbeat is older than this died with its process. */
const STALE_AFTER = '2 minutes';
/**
 * Waits between attempts to record a job's end while the database is unreachable (a restart
 * answers 57P03 "starting up" for a few seconds): about a minute in all, then the sweeper of a
 * later run marks the job.
 */
const FINISH_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];
/** What the database says after a job failed because the database went away (restart, crash, network). */
const DATABASE_LOST_MESSAGE = '导入过程中数据库连接中断（数据库重启或暂时不可用），导入未完成，未写入任何数据；请重新提交';

/**
 * The tables each kind of import fills, analysed after its commit: PostgreSQL's statistics would
 * otherwise still describe the tables as they were (empty, or 50 rows where 200,000 now are) until
 * autovacuum comes round, and plans built on them — the plan pool query, per-entity risk-class
 * probes — took minutes instead of seconds (issue 12).
 */
const ANALYZED_TABLES: Record<ImportKind, string[]> = {
  entities: ['regulated_entities', 'entity_risk_classes', 'entity_licences'],
  inspectors: ['inspectors'],
  'inspector-trainings': ['inspector_trainings'],
  'inspector-exams': ['inspector_exams'],
  items: ['inspection_items', 'inspection_item_versions'],
};

/**
 * Runs import jobs one at a time in this process. Each job is one transaction: in all-or-nothing
 * mode any bad row rolls everything back; in valid-only mode bad rows are skipped. Either way the
 * error report is stored afterwards, outside the data transaction.
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private chain: Promise<void> = Promise.resolve();
  private stopping = false;

  /** Jobs this process holds (queued or running): it beats for them until they finish. */
  private readonly held = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  private heart?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    // Jobs run in the process that received them; one whose process died stops beating.
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 60_000);
    this.heart = setInterval(() => void this.beat().catch(() => undefined), 15_000);
    this.sweeper.unref();
    this.heart.unref();
  }

  onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    clearInterval(this.heart);
    return this.chain;
  }

  private async beat(): Promise<void> {
    if (this.held.size) await this.dataSource.query('UPDATE import_jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[])', [[...this.held]]);
  }

  private async sweep(): Promise<void> {
    const { 1: count } = (await this.dataSource.query(
      `UPDATE import_jobs SET state = 'failed', message = '服务中断，导入未完成，未写入任何数据；请重新提交', finished_at = now()
        WHERE state IN ('queued', 'running') AND COALESCE(heartbeat_at, created_at) < now() - interval '${STALE_AFTER}'`,
    )) as [unknown, number];
    if (count) this.logger.warn(`marked ${count} interrupted import job(s) as failed`);
  }

  /** Queues the job; the promise settles when it has finished (used by `?wait=true`). */
  enqueue(job: ImportJob, filePath: string): Promise<void> {
    this.held.add(job.id);
    this.chain = this.chain
      .then(() => this.run(job, filePath))
      .finally(() => this.held.delete(job.id))
      .catch((err: unknown) => this.logger.error({ err: describeDbError(err), jobId: job.id }, 'import runner failed'));
    return this.chain;
  }

  private async run(job: ImportJob, filePath: string): Promise<void> {
    const jobs = this.dataSource.getRepository(ImportJob);
    if (this.stopping) {
      await jobs.update({ id: job.id }, { state: 'failed', message: '服务停止，导入未执行；请重新提交', finishedAt: new Date() });
      return;
    }
    await jobs.update({ id: job.id }, { state: 'running', startedAt: new Date(), heartbeatAt: new Date() });
    await this.execute(job, filePath);
  }

  private async execute(job: ImportJob, filePath: string): Promise<void> {
    const jobs = this.dataSource.getRepository(ImportJob);
    const specs = IMPORT_COLUMNS[job.kind];
    const errors: WriterRowError[] = [];
    let errorCount = 0;
    const failedRows = new Set<number>();
    const note = (rowNumber: number, e: RowError) => {
      errorCount += 1;
      failedRows.add(rowNumber);
      if (errors.length < MAX_STORED_ERRORS) errors.push({ rowNumber, ...e });
    };

    const runner = this.dataSource.createQueryRunner();
    let client: PoolClient | undefined;
    let rowsTotal = 0;
    let outcome = { inserted: 0, updated: 0 };
    let committed = false;
    let writer: ImportWriter | undefined;
    let broken = false;
    try {
      client = (await runner.connect()) as PoolClient;
      await client.query('BEGIN');
      await liftStatementTimeout(client); // a million rows: a long job
      // One import at a time per department and kind: they would fight over the same rows.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${job.departmentId}:${job.kind}`]);
      writer = this.writerFor(job);
      await writer.begin(client);

      let mapping: ReturnType<typeof mapHeaders> | undefined;
      let lastProgress = Date.now();
      let bytesRead = 0;
      for await (const batch of readBatches(filePath, job.format, job.encoding as 'utf-8' | 'gb18030' | null, (n) => (bytesRead = n))) {
        const valid: { rowNumber: number; record: Record<string, unknown> }[] = [];
        for (const { rowNumber, cells } of batch) {
          if (!mapping) {
            mapping = mapHeaders(cells, specs); // the header row (checked at upload)
            continue;
          }
          if (cells.every((c) => c.trim() === '')) continue;
          rowsTotal += 1;
          const { record, errors: rowErrors } = parseRow(cells, specs, mapping);
          const cross = record ? crossCheck(job.kind, record) : null;
          if (record && !cross) {
            valid.push({ rowNumber, record });
          } else {
            for (const e of rowErrors) note(rowNumber, e);
            if (cross) note(rowNumber, { column: cross.column, value: null, message: cross.message });
          }
        }
        await writer.addBatch(valid);
        if (Date.now() - lastProgress > PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await jobs.update({ id: job.id }, { rowsDone: rowsTotal, rowsFailed: failedRows.size, bytesRead: String(bytesRead), heartbeatAt: new Date() });
        }
      }
      if (!mapping) throw new MalformedFileError('EMPTY_FILE', '文件中没有表头行');
      for (const e of await writer.check()) note(e.rowNumber, e);

      if (job.mode === 'all-or-nothing' && errorCount > 0) {
        await client.query('ROLLBACK');
      } else {
        const applied = await writer.apply(failedRows);
        for (const e of applied.errors) note(e.rowNumber, e);
        if (job.mode === 'all-or-nothing' && applied.errors.length) {
          await client.query('ROLLBACK');
        } else {
          outcome = applied;
          // Imported rows are draw inputs (entities, risk classes, inspectors, trainings, exams, items): recorded with the data.
          await this.audit.appendInClient(client, { actorId: job.createdBy, action: 'import.apply', subjectType: 'import_job', subjectId: job.id, details: { kind: job.kind, departmentId: job.departmentId, mode: job.mode, fileName: job.fileName, rowsTotal, rowsSkipped: failedRows.size, inserted: applied.inserted, updated: applied.updated } });
          await client.query('COMMIT');
          committed = true;
          // The names land in the trigram index's pending list, which every staff search scans until
          // VACUUM merges it (1.6 ms a search after a million rows): merge it now, once.
          if (job.kind === 'entities') {
            await client.query(`SELECT gin_clean_pending_list('ix_regulated_entities_name_trgm'::regclass)`).catch((err: unknown) => this.logger.warn({ err: describeDbError(err), jobId: job.id }, 'could not merge the name index'));
          }
          await this.analyse(client, job);
        }
      }
    } catch (err) {
      await writer?.abort().catch(() => undefined);
      // A connection that cannot roll back is not given back to the pool.
      if (client) await client.query('ROLLBACK').catch(() => (broken = true));
      const lost = isDatabaseUnavailable(err);
      const message =
        err instanceof MalformedFileError || err instanceof RangeError
          ? `${err.message}；未写入任何数据`
          : lost
            ? DATABASE_LOST_MESSAGE
            : '导入过程中发生内部错误，未写入任何数据';
      if (lost) this.logger.warn({ err: describeDbError(err), jobId: job.id }, 'import failed: database unavailable');
      else if (!(err instanceof MalformedFileError || err instanceof RangeError)) {
        this.logger.error({ err: describeDbError(err), jobId: job.id }, 'import failed');
      }
      await this.finish(job.id, { state: 'failed', message, rowsTotal, rowsDone: rowsTotal, rowsFailed: failedRows.size, inserted: 0, updated: 0 }, errors);
      return;
    } finally {
      // With an error, TypeORM hands it to pg, which then destroys the connection instead of pooling it.
      if (broken) await (runner as unknown as { releasePostgresConnection(err: Error): Promise<void> }).releasePostgresConnection(new Error('import connection broken'));
      else await runner.release();
    }

    const ok = committed;
    const message = ok
      ? errorCount
        ? `已导入有效行；${failedRows.size}行有错误被跳过`
        : '导入成功'
      : `发现${errorCount}处错误（${failedRows.size}行），按“全部或全不”模式未写入任何数据`;
    await this.finish(
      job.id,
      { state: ok ? 'succeeded' : 'failed', message, rowsTotal, rowsDone: rowsTotal, rowsFailed: failedRows.size, inserted: outcome.inserted, updated: outcome.updated },
      errors,
    );
  }

  private writerFor(job: ImportJob): ImportWriter {
    switch (job.kind) {
      case 'entities':
        return new EntitiesWriter(job.departmentId, todayInChina());
      case 'inspectors':
        return new InspectorsWriter(job.departmentId);
      case 'inspector-trainings':
        return new TrainingsWriter(job.departmentId);
      case 'inspector-exams':
        return new ExamsWriter(job.departmentId);
      case 'items':
        return new ItemsWriter(job.departmentId, job.createdBy);
    }
  }

  /**
   * ANALYZE of the tables the import filled (outside its transaction, after the commit). Waits for
   * no other maintenance for long (lock_timeout): a failure only leaves the statistics to autovacuum.
   */
  private async analyse(client: PoolClient, job: ImportJob): Promise<void> {
    try {
      await client.query('BEGIN');
      await liftStatementTimeout(client);
      await client.query(`SET LOCAL lock_timeout = '10s'`);
      await client.query(`ANALYZE ${ANALYZED_TABLES[job.kind].join(', ')}`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.logger.warn({ err: describeDbError(err), jobId: job.id }, 'could not analyse the imported tables');
    }
  }

  /**
   * Final state and the error report, in one transaction of their own. Retried while the database
   * is unreachable: the job's end (often: that the database went away) must not be lost to a server
   * that is still starting up, leaving the job "running" until the sweeper's generic message.
   */
  private async finish(jobId: string, state: Partial<ImportJob>, errors: WriterRowError[]): Promise<void> {
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.writeFinish(jobId, state, errors);
      } catch (err) {
        if (!isDatabaseUnavailable(err) || attempt >= FINISH_RETRY_DELAYS_MS.length || this.stopping) throw err;
        this.logger.warn({ err: describeDbError(err), jobId, attempt: attempt + 1 }, 'could not record the import job\'s end; retrying');
        await new Promise((resolve) => setTimeout(resolve, FINISH_RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private async writeFinish(jobId: string, state: Partial<ImportJob>, errors: WriterRowError[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      for (let i = 0; i < errors.length; i += 1000) {
        const batch = errors.slice(i, i + 1000);
        await em.query(
          `INSERT INTO import_errors (job_id, row_number, "column", value, message)
           SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::text[], $5::text[])`,
          [jobId, batch.map((e) => e.rowNumber), batch.map((e) => e.column), batch.map((e) => e.value), batch.map((e) => e.message)],
        );
      }
      await em.getRepository(ImportJob).update({ id: jobId }, { ...state, finishedAt: new Date(), heartbeatAt: new Date() });
    });
  }
}
