import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope } from '../auth/roles';
import { CalendarService, deadlineAfter, NoticeEntered } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { CheckRecord } from '../checks/check-record.entity';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { toPage } from '../common/http/paging';
import { todayInChina } from '../common/validation';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { Task } from '../draws/draw.entity';
import { OutboxService } from '../outbox/outbox.service';
import { CorrectionDto, PublicationDto, PublicationPageDto, PublicationQueryDto, PublishDto, WithdrawDto } from './dto/publication.dto';
import { publicResult, PublicResult, PublicResultSource } from './public-view';
import { currentPublicationState } from './publication-state';
import { Publication, ResultType } from './publication.entity';
import './publication.errors';

/** "Due soon": this many working days left or fewer (the to-do page and the publication lists). */
export const DUE_SOON_WORKING_DAYS = 3;

/** Marks a version's reason as written by the system (a rectification's state changed), not by a person. */
export const SYSTEM_REASON_PREFIX = '【系统自动更新】';

/**
 * 一公开 for supervisors: every approved result becomes a pending publication with its legal
 * deadline (working days after the check); supervisors publish it (now or at a set time), correct it
 * (a new version, both visible) or withdraw it (a recorded state), and watch what is due or late.
 */
@Injectable()
export class PublicationService implements OnModuleInit {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  onModuleInit(): void {
    this.calendar.onNoticeEntered('publications', (em, cal, notice) => this.recomputeDeadlines(em, cal, notice));
    this.outbox.registerBackfillSource('publications', (em) => this.writeMissingEvents(em));
  }

  /**
   * Before a back-fill: a public result none of whose versions has an event (published before events
   * were kept) gets its publication.published event now, with today's audit head.
   */
  private async writeMissingEvents(em: EntityManager): Promise<number> {
    const rows: { id: string; versions: string[] }[] = await em.query(
      `SELECT p.id, (SELECT array_agg(v.id) FROM publications v WHERE v.record_id = p.record_id) AS versions
         FROM publications p WHERE p.current AND p.state = 'published' ORDER BY p.published_at, p.id`,
    );
    const evented = await this.outbox.publicationsWithEvents(em, rows.flatMap((r) => r.versions));
    const missing = rows.filter((r) => !r.versions.some((v) => evented.has(v)));
    if (!missing.length) return 0;
    const head = await this.audit.head(em);
    for (const { id } of missing) {
      const p = await em.getRepository(Publication).findOneByOrFail({ id });
      await this.outbox.enqueue(em, 'publication.published', id, event(p, head ?? { seq: 0, hash: '' }), p.publishedAt ?? new Date(), false);
    }
    return missing.length;
  }

  private workingDaysFor(resultType: ResultType): number {
    return resultType === 'decision' ? this.rules.decisionPublicationWorkingDays : this.rules.publicationWorkingDays;
  }

  /**
   * The deadline of a licence or penalty decision (行政处罚决定) made on `decidedOn`: the same rule as a
   * result's (RULES_DECISION_PUBLICATION_WORKING_DAYS working days, holiday calendar with 调休), for the
   * cases module. `provisional`: it counts days of a year whose holiday notice is not in yet.
   */
  decisionDeadline(cal: WorkingCalendar, decidedOn: string, field?: string): { deadline: string; provisional: boolean } {
    const deadline = deadlineAfter(cal, decidedOn, this.workingDaysFor('decision'), '公开期限', field);
    return { deadline, provisional: cal.provisionalYearsBetween(decidedOn, deadline).length > 0 };
  }

  /** A year's notice is in: pending deadlines that counted days of that year follow it (each change audited). */
  private async recomputeDeadlines(em: EntityManager, cal: WorkingCalendar, notice: NoticeEntered): Promise<number> {
    const rows = await em
      .getRepository(Publication)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where("p.current AND p.state = 'pending' AND p.deadline >= :first AND p.check_date <= :last", { first: `${notice.year}-01-01`, last: `${notice.year}-12-31` })
      .orderBy('p.id')
      .getMany();
    let changed = 0;
    for (const p of rows) {
      const deadline = deadlineAfter(cal, p.checkDate, this.workingDaysFor(p.resultType), '公开期限');
      if (deadline === p.deadline) continue;
      await em.getRepository(Publication).update({ id: p.id }, { deadline });
      await this.audit.append(em, { actorId: notice.actorId, action: 'publication.deadline_recompute', subjectType: 'publication', subjectId: p.id, before: { deadline: p.deadline }, after: { deadline }, details: { year: notice.year, source: notice.source, deadlineBefore: p.deadline, deadlineAfter: deadline } });
      changed += 1;
    }
    return changed;
  }

  /** Called in the approval's transaction: the deadline starts at the check, not at the approval. */
  async createPending(em: EntityManager, record: CheckRecord, userId: string): Promise<void> {
    const task = await em.getRepository(Task).findOneByOrFail({ id: record.taskId });
    const resultType: ResultType = record.majorDecision && (record.majorDecision.licenceRevocation || (record.majorDecision.penaltyYuan ?? 0) > 0) ? 'decision' : 'general';
    const cal = await this.calendar.calendar(em);
    const deadline = deadlineAfter(cal, record.checkDate!, this.workingDaysFor(resultType), '公开期限');
    const payload = await this.payload(em, record, task, record.resultCodes);
    const saved = await em.getRepository(Publication).save(
      em.getRepository(Publication).create({ recordId: record.id, version: 1, current: true, state: 'pending', resultType, departmentId: record.departmentId, planId: task.planId, drawId: task.drawId, taskId: task.id, checkDate: record.checkDate!, deadline, ...searchColumns(payload), payload, createdBy: userId }),
    );
    await this.audit.append(em, { actorId: userId, action: 'publication.create', subjectType: 'publication', subjectId: saved.id, state: await currentPublicationState(em, saved.id), details: { recordId: record.id, deadline, resultType, deadlineProvisional: cal.provisionalYearsBetween(record.checkDate!, deadline).length > 0 } });
  }

  async list(user: AuthUser, query: PublicationQueryDto): Promise<PublicationPageDto> {
    const scope = departmentScope(user);
    const today = this.clock.today();
    const cal = await this.calendar.calendar();
    const qb = this.dataSource.getRepository(Publication).createQueryBuilder('p').where('p.current');
    if (scope) qb.andWhere('p.department_id = :scope', { scope });
    if (query.departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.recordId) qb.andWhere('p.record_id = :recordId', { recordId: query.recordId });
    const soon = safeAdd(cal, today, DUE_SOON_WORKING_DAYS);
    if (query.status === 'pending') qb.andWhere("p.state = 'pending'");
    if (query.status === 'due_soon') qb.andWhere("p.state = 'pending' AND p.deadline >= :today AND p.deadline <= :soon", { today, soon });
    if (query.status === 'overdue') qb.andWhere("p.state = 'pending' AND p.deadline < :today", { today });
    if (query.status === 'published') qb.andWhere("p.state = 'published'");
    if (query.status === 'withdrawn') qb.andWhere("p.state = 'withdrawn'");
    const [rows, total] = await qb.orderBy('p.deadline', 'ASC').addOrderBy('p.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const [s]: { published: number; on_time: number; pending: number; overdue: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE state <> 'pending' AND published_at IS NOT NULL)::int AS published,
              count(*) FILTER (WHERE state <> 'pending' AND published_at IS NOT NULL AND (published_at AT TIME ZONE 'Asia/Shanghai')::date <= deadline)::int AS on_time,
              count(*) FILTER (WHERE state = 'pending')::int AS pending,
              count(*) FILTER (WHERE state = 'pending' AND deadline < $2::date)::int AS overdue
         FROM publications WHERE version = 1 AND ($1::uuid IS NULL OR department_id = $1::uuid)`,
      [scope ?? query.departmentId ?? null, today],
    );
    return {
      ...toPage(rows.map((p) => view(p, today, cal)), total, query),
      summary: { published: s.published, onTime: s.on_time, late: s.published - s.on_time, pending: s.pending, overdue: s.overdue, onTimeRate: s.published ? Math.round((s.on_time / s.published) * 1000) / 10 : null },
    };
  }

  /** The to-do counts of GET /publications?status=due_soon and ?status=overdue (same conditions). null: all departments. */
  async countDue(departmentId: string | null): Promise<{ dueSoon: number; overdue: number; dueSoonWorkingDays: number }> {
    const today = this.clock.today();
    const soon = safeAdd(await this.calendar.calendar(), today, DUE_SOON_WORKING_DAYS);
    const [row]: { soon: number; overdue: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE deadline >= $2::date AND deadline <= $3::date)::int AS soon,
              count(*) FILTER (WHERE deadline < $2::date)::int AS overdue
         FROM publications WHERE current AND state = 'pending' AND ($1::uuid IS NULL OR department_id = $1::uuid)`,
      [departmentId, today, soon],
    );
    return { dueSoon: row.soon, overdue: row.overdue, dueSoonWorkingDays: DUE_SOON_WORKING_DAYS };
  }

  async publish(user: AuthUser, id: string, dto: PublishDto): Promise<PublicationDto> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockCurrent(em, user, id);
      if (p.state !== 'pending') throw new ConflictError('ALREADY_PUBLISHED', '该结果已公开或已撤回');
      const at = dto.publishAt ? new Date(dto.publishAt) : new Date();
      if (Number.isNaN(at.getTime())) throw new BadRequestError('PUBLISH_AT_INVALID', '公开时间无效', [{ field: 'publishAt' }]);
      if (at.getTime() < Date.now() - 60_000) throw new BadRequestError('PUBLISH_AT_PAST', '定时公开的时间不能早于现在', [{ field: 'publishAt' }]);
      await em.getRepository(Publication).update({ id }, { state: 'published', publishedAt: at });
      await em.getRepository(CheckRecord).update({ id: p.recordId }, { state: 'published' });
      const head = await this.audit.append(em, { actorId: user.id, action: 'publication.publish', subjectType: 'publication', subjectId: id, state: await currentPublicationState(em, id), details: { publishedAt: at.toISOString() } });
      // Pushed to the supervision platforms when it becomes public (a scheduled one at its time), with the audit head that records it.
      await this.outbox.enqueue(em, 'publication.published', id, event({ ...p, state: 'published', publishedAt: at }, head), at);
      return view({ ...p, state: 'published', publishedAt: at }, this.clock.today(), await this.calendar.calendar(em));
    });
  }

  /** A published result is never edited: the correction is a new current version with its reason; the old one stays visible. */
  async correct(user: AuthUser, id: string, dto: CorrectionDto): Promise<PublicationDto> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockCurrent(em, user, id);
      if (p.state !== 'published') throw new ConflictError('NOT_PUBLISHED', '只能更正已公开的结果');
      const record = await em.getRepository(CheckRecord).findOneByOrFail({ id: p.recordId });
      const task = await em.getRepository(Task).findOneByOrFail({ id: p.taskId });
      const payload = await this.payload(em, record, task, dto.resultCodes ?? p.resultCodes);
      const saved = await this.newVersion(em, p, payload, dto.reason, user.id, 'publication.correct');
      return view(saved, this.clock.today(), await this.calendar.calendar(em));
    });
  }

  /**
   * Called in the transaction that issues a 责令改正 order or records its follow-up: the public result
   * shows the rectification's state and dates as they change. A published result gets a new version
   * whose reason the system writes (never a silent edit); a pending one, not public yet, is brought up
   * to date in place; a withdrawn one stays as it was withdrawn.
   */
  async rectificationChanged(em: EntityManager, recordId: string, actorId: string, reason: string): Promise<void> {
    const p = await em.getRepository(Publication).findOne({ where: { recordId, current: true }, lock: { mode: 'pessimistic_write' } });
    if (!p || p.state === 'withdrawn') return;
    const record = await em.getRepository(CheckRecord).findOneByOrFail({ id: recordId });
    const task = await em.getRepository(Task).findOneByOrFail({ id: p.taskId });
    const payload = await this.payload(em, record, task, p.resultCodes);
    if (p.state === 'pending') {
      await em.getRepository(Publication).update({ id: p.id }, { payload });
      return;
    }
    await this.newVersion(em, p, payload, `${SYSTEM_REASON_PREFIX}${reason}`, actorId, 'publication.rectification_update');
  }

  /** The next version of a published result, current from now; the old one stays visible, both audited, pushed as a correction. */
  private async newVersion(em: EntityManager, p: Publication, payload: PublicResult, reason: string, actorId: string, action: string): Promise<Publication> {
    await em.getRepository(Publication).update({ id: p.id }, { current: false });
    const saved = await em.getRepository(Publication).save(
      em.getRepository(Publication).create({ ...strip(p), version: p.version + 1, current: true, state: 'published', publishedAt: new Date(), ...searchColumns(payload), payload, correctionReason: reason, createdBy: actorId }),
    );
    await this.audit.append(em, { actorId, action: 'publication.superseded', subjectType: 'publication', subjectId: p.id, state: await currentPublicationState(em, p.id), details: { by: saved.id } });
    const head = await this.audit.append(em, { actorId, action, subjectType: 'publication', subjectId: saved.id, before: p.payload, state: await currentPublicationState(em, saved.id), details: { previous: p.id, reason } });
    await this.outbox.enqueue(em, 'publication.corrected', saved.id, event(saved, head));
    return saved;
  }

  async withdraw(user: AuthUser, id: string, dto: WithdrawDto): Promise<PublicationDto> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockCurrent(em, user, id);
      if (p.state !== 'published') throw new ConflictError('NOT_PUBLISHED', '只能撤回已公开的结果');
      await em.getRepository(Publication).update({ id }, { state: 'withdrawn', withdrawnReason: dto.reason, withdrawnAt: new Date() });
      const head = await this.audit.append(em, { actorId: user.id, action: 'publication.withdraw', subjectType: 'publication', subjectId: id, state: await currentPublicationState(em, id), details: { reason: dto.reason } });
      await this.outbox.enqueue(em, 'publication.withdrawn', id, event({ ...p, state: 'withdrawn', withdrawnReason: dto.reason, withdrawnAt: new Date() }, head));
      return view({ ...p, state: 'withdrawn', withdrawnReason: dto.reason, withdrawnAt: new Date() }, this.clock.today(), await this.calendar.calendar(em));
    });
  }

  private async lockCurrent(em: EntityManager, user: AuthUser, id: string): Promise<Publication> {
    const p = await em.getRepository(Publication).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const scope = departmentScope(user);
    if (!p || (scope && p.departmentId !== scope)) throw new NotFoundError('公开记录', 'PUBLICATION_NOT_FOUND');
    if (user.role !== 'admin' && user.role !== 'supervisor') throw new ForbiddenError('NOT_SUPERVISOR', '只有抽查负责人可以公开结果');
    if (!p.current) throw new ConflictError('NOT_CURRENT_VERSION', '该版本已被更正，请操作最新版本');
    return p;
  }

  /** The public view, from an allow-list of the record's facts. */
  private async payload(em: EntityManager, record: CheckRecord, task: Task, resultCodes: string[]): Promise<PublicResult> {
    const [entity]: { name: string; uscc: string; registeredAddress: string | null }[] = await em.query('SELECT name, uscc, registered_address AS "registeredAddress" FROM regulated_entities WHERE id = $1', [task.entityId]);
    const [department]: { id: string; name: string }[] = await em.query('SELECT id, name FROM departments WHERE id = $1', [record.departmentId]);
    const items: { code: string; name: string; legalBasis: string }[] = await em.query(
      'SELECT i.code, v.name, v.legal_basis AS "legalBasis" FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id JOIN inspection_items i ON i.id = v.item_id WHERE pi.plan_id = $1 ORDER BY i.code',
      [task.planId],
    );
    const ids = record.inspectorsPresent.map((p) => p.inspectorId);
    const people: { id: string; name: string; certificateNumber: string }[] = await em.query('SELECT id, name, certificate_number AS "certificateNumber" FROM inspectors WHERE id = ANY($1::uuid[])', [ids]);
    const rectifications: PublicResultSource['rectifications'] = await em.query(
      `SELECT rectified, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", to_char(followed_up_on, 'YYYY-MM-DD') AS "followedUpOn"
         FROM rectification_orders WHERE record_id = $1 ORDER BY issued_on, created_at, id`,
      [record.id],
    );
    return publicResult({
      entity,
      department,
      items,
      planId: task.planId,
      drawId: task.drawId,
      checkDate: record.checkDate!,
      present: ids.map((i) => people.find((p) => p.id === i)!).filter(Boolean),
      resultCodes,
      rectifications,
    });
  }
}

/**
 * What the platforms receive: the public view and its publication facts (nothing internal), and the
 * audit chain's head right after recording it, so each platform keeps a head to check us against.
 */
function event(p: Publication, auditHead: { seq: number; hash: string }): Record<string, unknown> {
  return {
    publicationId: p.id,
    recordVersion: p.version,
    state: p.state,
    resultType: p.resultType,
    deadline: p.deadline,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    correctionReason: p.correctionReason,
    withdrawnReason: p.withdrawnReason,
    result: p.payload,
    auditHead: { seq: auditHead.seq, hash: auditHead.hash },
  };
}

function safeAdd(cal: WorkingCalendar, date: string, days: number): string {
  try {
    return cal.addWorkingDays(date, days);
  } catch {
    return date;
  }
}

function searchColumns(payload: PublicResult) {
  return { entityName: payload.entity.name, uscc: payload.entity.uscc, resultCodes: payload.results.map((r) => r.code), itemCodes: payload.items.map((i) => i.code) };
}

function strip(p: Publication): Partial<Publication> {
  const { id: _id, createdAt: _c, ...rest } = p;
  return rest;
}

function view(p: Publication, today: string, cal: WorkingCalendar): PublicationDto {
  const publishedDay = p.publishedAt ? todayInChina(p.publishedAt) : null;
  let left: number | null = null;
  if (p.state === 'pending') {
    try {
      left = p.deadline >= today ? cal.workingDaysBetween(today, p.deadline) : -cal.workingDaysBetween(p.deadline, today);
    } catch {
      left = null;
    }
  }
  return {
    id: p.id,
    recordId: p.recordId,
    version: p.version,
    current: p.current,
    state: p.state,
    resultType: p.resultType,
    checkDate: p.checkDate,
    deadline: p.deadline,
    deadlineProvisional: cal.provisionalYearsBetween(p.checkDate, p.deadline).length > 0,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    onTime: publishedDay ? publishedDay <= p.deadline : null,
    workingDaysLeft: left,
    entityName: p.entityName,
    uscc: p.uscc,
    correctionReason: p.correctionReason,
    withdrawnReason: p.withdrawnReason,
    payload: p.payload,
  };
}

