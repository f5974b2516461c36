import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Clock } from '../common/clock';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { Task } from '../draws/draw.entity';
import { LegalReviewDto, ReviewRecordDto } from '../legal-reviews/dto/legal-review.dto';
import { LegalReview } from '../legal-reviews/legal-review.entity';
import { LegalReviewsService } from '../legal-reviews/legal-reviews.service';
import { CheckRecord } from './check-record.entity';
import { RecordDto, RecordFieldsDto, ReturnRecordDto, UpdateRecordDto, VersionDto } from './dto/record.dto';
import { IdempotencyService } from './idempotency.service';
import { AuditService } from '../audit/audit.service';
import { PublicationService } from '../publication/publication.service';
import { CheckDateContext, checkDateViolation, isMajorDecision, presentViolations, submissionViolations } from './record-rules';
import { resultLabel } from './result-codes';
import { canSupervise, isOnTeam, loadTask } from './task-access';
import { CheckCodesService } from './check-codes.service';
import './checks.errors';

const EDITABLE: CheckRecord['state'][] = ['in_progress', 'returned'];

/**
 * The check record's life: the team writes it (in progress ⇄ returned), submits it; the lead
 * department's supervisor approves or returns it; a major enforcement decision needs a passed legal
 * review first. Every step checks the version read, so nothing is overwritten unseen.
 */
@Injectable()
export class RecordsService {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly legalReviews: LegalReviewsService,
    private readonly audit: AuditService,
    private readonly publications: PublicationService,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
    private readonly checkCodes: CheckCodesService,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  async create(user: AuthUser, taskId: string, idempotencyKey: string | undefined, dto: RecordFieldsDto): Promise<RecordDto> {
    return this.idempotency.run(user, idempotencyKey, `record.create:${taskId}`, dto, async (em) => {
      const { task, inspectorId } = await loadTask(em, user, taskId, true);
      if (!isOnTeam(task, inspectorId)) throw new ForbiddenError('NOT_ON_TEAM', '只有本任务检查组的执法人员可以录入检查记录');
      if (task.state !== 'assigned') throw new ConflictError('TASK_NOT_ACTIVE', task.state === 'cancelled' ? '该任务已因重新抽取而取消' : '该任务未配齐检查组，不能录入');
      if (await em.getRepository(CheckRecord).existsBy({ taskId })) throw new ConflictError('RECORD_EXISTS', '该任务已有检查记录');
      this.checkTeamFields(task, dto);
      await this.checkDateField(em, task, dto);
      const saved = await em.getRepository(CheckRecord).save(em.getRepository(CheckRecord).create({ taskId, departmentId: task.departmentId, state: 'in_progress', createdBy: user.id, ...fields(dto) }));
      await this.log(em, user, 'record.create', null, saved);
      return this.view(saved);
    });
  }

  async get(user: AuthUser, id: string): Promise<RecordDto> {
    const { record } = await this.load(this.dataSource.manager, user, id);
    return { ...this.view(record), checkCode: await this.checkCodes.codeOf(this.dataSource.manager, record.taskId) };
  }

  async update(user: AuthUser, id: string, dto: UpdateRecordDto): Promise<RecordDto> {
    return this.dataSource.transaction(async (em) => {
      const { record, task } = await this.loadForTeam(em, user, id, dto.version);
      if (!EDITABLE.includes(record.state)) throw new ConflictError('RECORD_NOT_EDITABLE', '检查记录已提交，不能修改');
      this.checkTeamFields(task, dto);
      await this.checkDateField(em, task, dto);
      if (dto.checkDate) await this.checkDateNotAfterOrders(em, record.id, dto.checkDate);
      // Once major (marked, or reviewed as such), the team cannot make it minor again to avoid the review.
      if (dto.majorDecision !== undefined && isMajorDecision(record.majorDecision, this.rules.majorPenaltyYuan) && !isMajorDecision(dto.majorDecision, this.rules.majorPenaltyYuan)) {
        throw new ConflictError('MAJOR_DECISION_LOCKED', '该检查结果已认定为重大执法决定，检查组不能取消；如有误请由抽查负责人处理');
      }
      if (dto.majorDecision && record.majorDecision?.marked && !dto.majorDecision.marked) throw new ConflictError('MAJOR_DECISION_LOCKED', '抽查负责人标记的重大执法决定不能由检查组取消');
      const before = { ...record };
      Object.assign(record, fields(dto), { state: 'in_progress' });
      return this.view(await this.log(em, user, 'record.update', before, await saveEdit(em, record)));
    });
  }

  async submit(user: AuthUser, id: string, idempotencyKey: string | undefined, dto: VersionDto): Promise<RecordDto> {
    return this.idempotency.run(user, idempotencyKey, `record.submit:${id}`, dto, async (em) => {
      const { record, task } = await this.loadForTeam(em, user, id, dto.version);
      if (!EDITABLE.includes(record.state)) throw new ConflictError('RECORD_NOT_EDITABLE', '检查记录已提交');
      const itemVersionIds: { id: string }[] = await em.query('SELECT item_version_id AS id FROM plan_items WHERE plan_id = $1', [task.planId]);
      const notCertified: { id: string }[] = record.checkDate
        ? await em.query(
            `SELECT i.id FROM inspectors i
              WHERE i.id = ANY($1::uuid[])
                AND NOT (i.certificate_valid_from <= $2::date AND i.certificate_valid_until >= $2::date
                         AND COALESCE((SELECT s.status FROM inspector_status_changes s WHERE s.inspector_id = i.id AND s.effective_date <= $2::date ORDER BY s.effective_date DESC, s.created_at DESC LIMIT 1), 'active') = 'active')`,
            [record.inspectorsPresent.map((p) => p.inspectorId), record.checkDate],
          )
        : [];
      const violations = submissionViolations(record, {
        notCertifiedOnCheckDate: notCertified.map((r) => r.id),
        team: task.team,
        itemVersionIds: itemVersionIds.map((r) => r.id),
        ...(await this.checkDateContext(em, task)),
        minInspectors: this.rules.minTeamSize,
      });
      if (violations.length) throw new BadRequestError('RECORD_INCOMPLETE', `检查记录不完整：${violations.map((v) => v.message).join('；')}`, violations.map(({ field, code, message }) => ({ field, code, message })));
      const before = { ...record };
      Object.assign(record, { state: 'submitted', submittedAt: this.clock.now(), returnReason: null });
      return this.view(await this.log(em, user, 'record.submit', before, await saveEdit(em, record)));
    });
  }

  async approve(user: AuthUser, id: string, dto: VersionDto): Promise<RecordDto> {
    return this.dataSource.transaction(async (em) => {
      const { record } = await this.loadForSupervisor(em, user, id, dto.version);
      if (record.state !== 'submitted') throw new ConflictError('RECORD_NOT_SUBMITTED', '只能审批已提交的检查记录');
      if (isMajorDecision(record.majorDecision, this.rules.majorPenaltyYuan)) {
        // A pass of exactly the version approved (any later edit or evidence bumps the version).
        const review = await em.getRepository(LegalReview).findOne({ where: { recordId: id, recordVersion: record.version, decision: 'pass' }, order: { createdAt: 'DESC' } });
        if (!review) throw new ConflictError('LEGAL_REVIEW_REQUIRED', '该检查结果涉及重大执法决定，须经法制审核通过（审核最新版本）后方可审批');
        if (review.reviewerId === user.id) throw new ConflictError('SAME_PERSON_REVIEW', '法制审核人与审批人不能为同一人');
      }
      const before = { ...record };
      Object.assign(record, { state: 'approved', approvedAt: this.clock.now(), approvedBy: user.id });
      const approved = await this.log(em, user, 'record.approve', before, await saveEdit(em, record));
      // Its publication deadline runs from the check date: it is pending from now on.
      await this.publications.createPending(em, approved, user.id);
      return this.view(approved);
    });
  }

  /** The supervisor marks a result major whatever the amount: it then needs a legal review. */
  async markMajor(user: AuthUser, id: string, dto: VersionDto): Promise<RecordDto> {
    return this.dataSource.transaction(async (em) => {
      const { record } = await this.loadForSupervisor(em, user, id, dto.version);
      if (!['in_progress', 'returned', 'submitted'].includes(record.state)) throw new ConflictError('RECORD_NOT_EDITABLE', '检查记录已审批');
      const before = { ...record };
      record.majorDecision = { penaltyYuan: record.majorDecision?.penaltyYuan ?? null, licenceRevocation: record.majorDecision?.licenceRevocation ?? false, marked: true, description: record.majorDecision?.description ?? null };
      return this.view(await this.log(em, user, 'record.mark_major', before, await saveEdit(em, record)));
    });
  }

  async return(user: AuthUser, id: string, dto: ReturnRecordDto): Promise<RecordDto> {
    return this.dataSource.transaction(async (em) => {
      const { record } = await this.loadForSupervisor(em, user, id, dto.version);
      if (record.state !== 'submitted') throw new ConflictError('RECORD_NOT_SUBMITTED', '只能退回已提交的检查记录');
      const before = { ...record };
      Object.assign(record, { state: 'returned', returnReason: dto.reason });
      return this.view(await this.log(em, user, 'record.return', before, await saveEdit(em, record)));
    });
  }

  /** 法制审核 of a submitted result leading to a major enforcement decision; "return" sends it back to the team. */
  async legalReview(user: AuthUser, id: string, dto: ReviewRecordDto): Promise<LegalReviewDto> {
    return this.dataSource.transaction(async (em) => {
      const { record, task } = await this.load(em, user, id, true);
      if (!isMajorDecision(record.majorDecision, this.rules.majorPenaltyYuan)) throw new ConflictError('NOT_MAJOR_DECISION', '该检查结果不涉及重大执法决定，无需法制审核');
      const entity: { name: string }[] = await em.query('SELECT name FROM regulated_entities WHERE id = $1', [task.entityId]);
      const review = await this.legalReviews.reviewRecord(em, user, record, `${entity[0]?.name ?? task.uscc}检查结果（重大执法决定）`, dto);
      await this.audit.append(em, { actorId: user.id, action: 'legal_review.record', subjectType: 'check_record', subjectId: id, before: record, details: { reviewId: review.id, decision: review.decision } });
      return review;
    });
  }

  /**
   * What a case (立案) opened from a record takes from it: the department, the party, the check date.
   * Only a record the caller may see, submitted or later, with a problem found.
   */
  async caseSource(em: EntityManager, user: AuthUser, id: string): Promise<{ recordId: string; departmentId: string; partyName: string; partyUscc: string; checkDate: string | null }> {
    const { record, task } = await this.load(em, user, id);
    if (!['submitted', 'approved', 'published'].includes(record.state)) throw new ConflictError('RECORD_NOT_SUBMITTED', '只能就已提交的检查记录立案');
    if (!record.findings.some((f) => !f.compliant)) throw new ConflictError('NO_PROBLEM_FOUND', '检查记录中没有记录问题，不能据此立案');
    const [entity]: { name: string }[] = await em.query('SELECT name FROM regulated_entities WHERE id = $1', [task.entityId]);
    return { recordId: record.id, departmentId: record.departmentId, partyName: entity?.name ?? task.uscc, partyUscc: task.uscc, checkDate: record.checkDate };
  }

  /** The record and its task, if the caller may see the task (else "not found"). */
  /**
   * The record and its task, if the caller may see the task (else "not found"). For a write (`lock`)
   * the task row is locked first, then the record — the order substitutions and redraws use too —
   * and the task must still be live (a redraw cancels it).
   */
  async load(em: EntityManager, user: AuthUser, id: string, lock = false): Promise<{ record: CheckRecord; task: Task; inspectorId: string | null }> {
    const found = await em.getRepository(CheckRecord).findOne({ where: { id }, select: { id: true, taskId: true } });
    if (!found) throw new NotFoundError('检查记录', 'RECORD_NOT_FOUND');
    const { task, inspectorId } = await loadTask(em, user, found.taskId, lock).catch((err: unknown) => {
      throw err instanceof NotFoundError ? new NotFoundError('检查记录', 'RECORD_NOT_FOUND') : err;
    });
    const record = await em.getRepository(CheckRecord).findOneOrFail({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (lock && task.state !== 'assigned') throw new ConflictError('TASK_NOT_ACTIVE', '该任务已因重新抽取而取消，检查记录不能再修改');
    return { record, task, inspectorId };
  }

  async loadForTeam(em: EntityManager, user: AuthUser, id: string, version: number) {
    const loaded = await this.load(em, user, id, true);
    if (!isOnTeam(loaded.task, loaded.inspectorId)) throw new ForbiddenError('NOT_ON_TEAM', '只有本任务检查组的执法人员可以修改检查记录');
    checkTeamVersion(loaded.record, version);
    return loaded;
  }

  private async loadForSupervisor(em: EntityManager, user: AuthUser, id: string, version: number) {
    const loaded = await this.load(em, user, id, true);
    if (!canSupervise(user, loaded.task)) throw new ForbiddenError('NOT_SUPERVISOR', '只有牵头部门的抽查负责人可以审批检查记录');
    checkVersion(loaded.record, version);
    return loaded;
  }

  /** Every change of a record goes to the full-process record, with hashes of its state before and after. */
  private async log(em: EntityManager, user: AuthUser, action: string, before: CheckRecord | null, after: CheckRecord): Promise<CheckRecord> {
    await this.audit.append(em, { actorId: user.id, action, subjectType: 'check_record', subjectId: after.id, ...(before ? { before } : {}), after, details: { taskId: after.taskId, state: after.state } });
    return after;
  }

  /** Caught while typing, not only at submission: who was present must be on the team. */
  private checkTeamFields(task: Task, dto: RecordFieldsDto): void {
    if (!dto.inspectorsPresent) return;
    const wrong = presentViolations(dto.inspectorsPresent, { team: task.team, minInspectors: 0 }).filter((v) => v.code === 'INSPECTOR_NOT_ON_TEAM' || v.code === 'INSPECTOR_DUPLICATE');
    if (wrong.length) throw new BadRequestError(wrong[0].code, wrong[0].message, wrong.map(({ field, code, message }) => ({ field, code, message })));
  }

  /** Refused as soon as it is set, not only at submission. */
  private async checkDateField(em: EntityManager, task: Task, dto: RecordFieldsDto): Promise<void> {
    if (!dto.checkDate) return;
    const wrong = checkDateViolation(dto.checkDate, await this.checkDateContext(em, task));
    if (wrong) throw new BadRequestError(wrong.code, wrong.message, [wrong]);
  }

  /** A 责令改正 order is never dated before its check: moving the check date past an order's date is refused too. */
  private async checkDateNotAfterOrders(em: EntityManager, recordId: string, checkDate: string): Promise<void> {
    const [first]: { issued_on: string | null }[] = await em.query(`SELECT to_char(min(issued_on), 'YYYY-MM-DD') AS issued_on FROM rectification_orders WHERE record_id = $1`, [recordId]);
    if (first.issued_on && first.issued_on < checkDate) {
      throw new BadRequestError('CHECK_DATE_AFTER_ORDER', `检查日期不能晚于已下达的责令改正日期（${first.issued_on}）`, [{ field: 'checkDate' }]);
    }
  }

  private async checkDateContext(em: EntityManager, task: Task): Promise<CheckDateContext> {
    const [draw]: { day: string }[] = await em.query(`SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM draws WHERE id = $1`, [task.drawId]);
    return { drawDate: draw.day, today: this.clock.today(), windowStart: task.windowStart, windowEnd: task.windowEnd };
  }

  view(r: CheckRecord): RecordDto {
    return {
      id: r.id,
      taskId: r.taskId,
      state: r.state,
      checkDate: r.checkDate,
      place: r.place,
      inspectorsPresent: r.inspectorsPresent,
      representative: r.representative,
      findings: r.findings,
      results: r.resultCodes.map((code) => ({ code, label: resultLabel(code) })),
      remarks: r.remarks,
      majorDecision: r.majorDecision,
      major: isMajorDecision(r.majorDecision, this.rules.majorPenaltyYuan),
      returnReason: r.returnReason,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      version: r.version,
      editVersion: r.editVersion,
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

/**
 * The team's own edits and submit: a version read before some of the team's evidence uploads, but after
 * the last edit of the record's fields or state, is current (uploads bump `version` only). Any edit since
 * is a conflict.
 */
export function isCurrentForTeam(record: Pick<CheckRecord, 'version' | 'editVersion'>, version: number): boolean {
  return version >= record.editVersion && version <= record.version;
}

function checkTeamVersion(record: CheckRecord, version: number): void {
  if (!isCurrentForTeam(record, version)) throw new ConflictError('VERSION_CONFLICT', '检查记录已被他人修改，请刷新后重试', [{ field: 'version' }]);
}

/** A change of fields or state: the new version is also the edit version. */
function saveEdit(em: EntityManager, record: CheckRecord): Promise<CheckRecord> {
  record.editVersion = record.version + 1;
  return em.getRepository(CheckRecord).save(record);
}

/** The supervisor decides on exactly what was read, evidence included. */
function checkVersion(record: CheckRecord, version: number): void {
  if (record.version !== version) throw new ConflictError('VERSION_CONFLICT', '检查记录已被他人修改，请刷新后重试', [{ field: 'version' }]);
}

/** Only the fields the request names change. */
function fields(dto: RecordFieldsDto): Partial<CheckRecord> {
  const out: Partial<CheckRecord> = {};
  if (dto.checkDate !== undefined) out.checkDate = dto.checkDate;
  if (dto.place !== undefined) out.place = dto.place;
  if (dto.inspectorsPresent !== undefined) out.inspectorsPresent = dto.inspectorsPresent.map(({ inspectorId, certificateShown }) => ({ inspectorId, certificateShown }));
  if (dto.representative !== undefined) out.representative = dto.representative ? { name: dto.representative.name, role: dto.representative.role } : null;
  if (dto.findings !== undefined) out.findings = dto.findings.map(({ itemVersionId, compliant, description, legalClause }) => ({ itemVersionId, compliant, description, legalClause }));
  if (dto.resultCodes !== undefined) out.resultCodes = dto.resultCodes;
  if (dto.remarks !== undefined) out.remarks = dto.remarks;
  if (dto.majorDecision !== undefined) out.majorDecision = dto.majorDecision ? { penaltyYuan: dto.majorDecision.penaltyYuan, licenceRevocation: dto.majorDecision.licenceRevocation, marked: dto.majorDecision.marked, description: dto.majorDecision.description } : null;
  return out;
}
