import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthUser, departmentScope } from '../auth/roles';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { findPersonalData } from '../common/personal-data';
import { liftStatementTimeout } from '../database/long-job';
import { Plan, PlanInspector } from '../plans/plan.entity';
import { PlansService } from '../plans/plans.service';
import { AuditService } from '../audit/audit.service';
import { chainOf, DrandChain, QUICKNET, verifyRound } from './drand';
import { Clock } from '../common/clock';
import { canonicalJson } from '../plans/snapshot';
import { OutboxService } from '../outbox/outbox.service';
import { drawNotBefore, redrawAnnouncement, PublicationRecord, RedrawAnnouncement } from './publication-record';
import { draw, DrawResult, sha256hex } from './draw-v1';
import { Draw, Redraw, Task, TaskState, TeamMember } from './draw.entity';
import { canSupervise, loadTask } from '../checks/task-access';
import { DrawRequestDto, DrawSummaryDto, RedrawDto, RedrawRequestDto, SubstitutionDto, SubstitutionRequestDto } from './dto/draw.dto';
import { currentDrawState } from './draw-state';
import { drawSubstitute } from './substitution';
import { fixRandomness, randomnessView } from './randomness';
import { commitRevealRandomness, drawInputFrom, FrozenParameters, RandomnessProof, RandomnessSpec, RedrawRecord, Transcript, TRANSCRIPT_FORMAT, witnessCommitment } from './transcript';
import './draws.errors';

@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  private chainOf(spec: RandomnessSpec): DrandChain | undefined {
    return spec.source === 'drand-quicknet' ? chainOf(this.plans.chains.known, spec.chainHash) : undefined;
  }

  /**
   * Runs the draw once: the plan row is locked and must still be "published" (first draw, or a
   * redraw requested), so concurrent calls get one draw and 409s; the draw record, the tasks, the
   * plan state and the redraw link commit together or not at all.
   */
  async draw(user: AuthUser, planId: string, dto: DrawRequestDto): Promise<DrawSummaryDto> {
    const drawId = await this.dataSource.transaction(async (em) => {
      await liftStatementTimeout(em); // a big plan's pools are read, hashed and drawn: a long job
      const plan = await this.lockPlan(em, user, planId);
      if (plan.state === 'draft') throw new ConflictError('PLAN_NOT_PUBLISHED', '计划尚未发布，不能抽取');
      if (plan.state !== 'published') throw new ConflictError('PLAN_ALREADY_DRAWN', '该计划已抽取；抽取结果不可删除，如需重抽须先提出重抽申请并说明理由');

      const parametersHash = sha256hex(Buffer.from(plan.parametersJson!, 'utf8'));
      if (parametersHash !== plan.parametersHash) throw snapshotMismatch(planId, 'parameters', plan.parametersHash!, parametersHash);
      const params = JSON.parse(plan.parametersJson!) as FrozenParameters;
      const redraw = await em.getRepository(Redraw).createQueryBuilder('r').addSelect('r.commitSecret').where('r.plan_id = :planId AND r.draw_id IS NULL', { planId }).getOne();
      const spec = redraw ? redrawSpec(redraw) : params.randomness;
      const now = this.clock.now();
      this.refuseEarlyDraw(spec, now);
      const proof = this.randomness(spec, redraw ? redraw.commitSecret : plan.commitSecret, dto);
      const texts = {
        candidates: await this.plans.snapshotText(em, plan, 'candidates'),
        inspectors: await this.plans.snapshotText(em, plan, 'inspectors'),
        conflicts: await this.plans.snapshotText(em, plan, 'conflicts'),
      };
      // The stored texts must still be the published ones (a change in the database would make a draw nobody can verify).
      const published = { candidates: plan.candidatePoolHash!, inspectors: plan.inspectorPoolHash!, conflicts: params.conflictsHash };
      for (const kind of ['candidates', 'inspectors', 'conflicts'] as const) {
        const actual = sha256hex(Buffer.from(texts[kind], 'utf8'));
        if (actual !== published[kind]) throw snapshotMismatch(planId, kind, published[kind], actual);
      }
      const result = draw(drawInputFrom(params, texts, { candidatePoolHash: plan.candidatePoolHash!, inspectorPoolHash: plan.inspectorPoolHash!, parametersHash: plan.parametersHash! }, proof.randomness));

      // insert, not save: save would diff and clone the (large) result for nothing.
      const staffing = entityStaffing(result);
      const row: Partial<Draw> = {
        planId,
        algorithm: result.algorithm,
        randomnessProof: proof as unknown as Record<string, unknown>,
        randomness: proof.randomness,
        seed: result.seed,
        result,
        strata: result.strata,
        taskCount: staffing.size,
        unstaffedTaskCount: [...staffing.values()].filter((staffed) => !staffed).length,
        createdBy: user.id,
        createdAt: now, // the Clock's time: the transcript shows the draw came after its randomness
      };
      const inserted = await em.getRepository(Draw).insert(row as QueryDeepPartialEntity<Draw>);
      const saved = { id: inserted.identifiers[0].id as string };
      if (redraw) await em.getRepository(Redraw).update({ id: redraw.id }, { drawId: saved.id });
      await this.createTasks(em, plan, saved.id, result);
      await em.getRepository(Plan).update({ id: planId }, { state: 'drawn', version: plan.version + 1 });
      await this.audit.append(em, { actorId: user.id, action: 'draw.create', subjectType: 'draw', subjectId: saved.id, state: await currentDrawState(em, saved.id), details: { planId, seed: result.seed, randomness: proof.randomness, redrawId: redraw?.id ?? null, tasks: result.selections.length } });
      return saved.id;
    });
    return this.summary(user, drawId);
  }

  /**
   * Requests a redraw of the current draw: a reason is required and public; the draw is superseded
   * (kept, linked) and its tasks cancelled; fresh randomness is fixed now, so the replacement draw
   * is as checkable as the first. Refused once any task of the draw has started.
   */
  async requestRedraw(user: AuthUser, drawId: string, dto: RedrawRequestDto): Promise<RedrawDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const current = await em.getRepository(Draw).findOne({ where: { id: drawId } });
      if (!current) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
      const plan = await this.lockPlan(em, user, current.planId).catch((err: unknown) => {
        throw err instanceof NotFoundError ? new NotFoundError('抽取记录', 'DRAW_NOT_FOUND') : err;
      });
      const draw = await em.getRepository(Draw).findOneByOrFail({ id: drawId }); // re-read under the plan lock
      if (draw.supersededAt) throw new ConflictError('DRAW_SUPERSEDED', '该抽取结果已被重抽取代，不能再次重抽');
      if (plan.state !== 'drawn') throw new ConflictError('PLAN_STARTED', '计划已开始实施，不能重抽');
      // The draw's tasks are locked (record creation locks its task too): no check can start meanwhile.
      await em.query('SELECT id FROM tasks WHERE draw_id = $1 ORDER BY id FOR UPDATE', [drawId]);
      // Started = a check record exists for one of its tasks (a task itself only says whether it is staffed).
      const started: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM check_records r JOIN tasks t ON t.id = r.task_id WHERE t.draw_id = $1`, [drawId]);
      if (started[0].n > 0) throw new ConflictError('TASKS_STARTED', '已有检查任务开始实施，不能重抽');

      if (findPersonalData(dto.reason).length) throw new BadRequestError('REASON_HAS_PERSONAL_DATA', '重抽理由将向社会公开，不得包含手机号码或身份证号码', [{ field: 'reason' }]);
      const now = this.clock.now();
      const earlier = await em.getRepository(Redraw).find({ where: { planId: plan.id } });
      const used = [(JSON.parse(plan.parametersJson!) as FrozenParameters).randomness, ...earlier.map(redrawSpec)];
      const fixed = fixRandomness(dto, now.getTime(), this.plans.chains.current, used);
      const saved = await em.getRepository(Redraw).save(em.getRepository(Redraw).create({ planId: plan.id, replacedDrawId: drawId, reason: dto.reason, requestedBy: user.id, requestedAt: now, randomnessSpec: fixed.spec, ...fixed.columns }));
      const announcement = redrawAnnouncement(plan.id, redrawRecord(saved), this.plans.chains.current);
      await em.getRepository(Redraw).update({ id: saved.id }, { announcementJson: canonicalJson(announcement) });
      await em.getRepository(Draw).update({ id: drawId }, { supersededAt: () => 'now()' });
      await em.getRepository(Task).update({ drawId }, { state: 'cancelled' });
      await em.getRepository(Plan).update({ id: plan.id }, { state: 'published', version: plan.version + 1 });
      await this.audit.append(em, { actorId: user.id, action: 'draw.redraw_requested', subjectType: 'draw', subjectId: drawId, state: await currentDrawState(em, drawId), details: { redrawId: saved.id, reason: dto.reason, randomness: fixed.spec, announcement } });
      // Third parties keep the announcement before the replacement draw, as they keep a publication record.
      await this.outbox.enqueue(em, REDRAW_ANNOUNCED_EVENT, null, { redraw: announcement });
      return saved.id;
    });
    const r = await this.dataSource.getRepository(Redraw).findOneByOrFail({ id });
    return this.redrawView(r);
  }

  /**
   * 换人: replaces a member who cannot attend by the next inspector of the team's published draw
   * sequence, recorded on the draw's public transcript (so it is verifiable like the draw). The
   * lead department's supervisor asks, with a public reason, before the record is submitted.
   */
  async substitute(user: AuthUser, taskId: string, dto: SubstitutionRequestDto): Promise<SubstitutionDto> {
    if (findPersonalData(dto.reason).length) throw new BadRequestError('REASON_HAS_PERSONAL_DATA', '换人理由将向社会公开，不得包含手机号码或身份证号码', [{ field: 'reason' }]);
    return this.dataSource.transaction(async (em) => {
      const { task } = await loadTask(em, user, taskId, true);
      if (!canSupervise(user, task)) throw new ForbiddenError('NOT_SUPERVISOR', '只有牵头部门的抽查负责人可以为检查组换人');
      if (task.state !== 'assigned') throw new ConflictError('TASK_NOT_ACTIVE', '该任务不在实施中，不能换人');
      const records: { state: string }[] = await em.query('SELECT state FROM check_records WHERE task_id = $1', [taskId]);
      if (records.length && !['in_progress', 'returned'].includes(records[0].state)) throw new ConflictError('RECORD_SUBMITTED', '检查记录已提交，不能再换人');
      const leaving = task.team.find((m) => m.inspectorId === dto.inspectorId);
      if (!leaving) throw new BadRequestError('NOT_ON_TEAM', '该执法人员不在本任务的检查组内', [{ field: 'inspectorId' }]);

      // The draw row is locked: substitutions of one draw happen one after another, each after the last.
      const d = await em.getRepository(Draw).createQueryBuilder('d').addSelect('d.result').where('d.id = :id', { id: task.drawId }).setLock('pessimistic_write').getOneOrFail();
      const plan = await em.getRepository(Plan).findOneByOrFail({ id: task.planId });
      const params = JSON.parse(plan.parametersJson!) as FrozenParameters;
      const texts = { candidates: await this.plans.snapshotText(em, plan, 'candidates'), inspectors: await this.plans.snapshotText(em, plan, 'inspectors'), conflicts: await this.plans.snapshotText(em, plan, 'conflicts') };
      const input = drawInputFrom(params, texts, { candidatePoolHash: plan.candidatePoolHash!, inspectorPoolHash: plan.inspectorPoolHash!, parametersHash: plan.parametersHash! }, d.randomness);
      const sub = drawSubstitute(input, d.result, d.substitutions, { uscc: task.uscc, department: leaving.departmentId, leaving: leaving.certificateNumber, reason: dto.reason, at: new Date().toISOString() });
      if (!sub.joining) throw new ConflictError('NO_SUBSTITUTE_AVAILABLE', '该部门已无可抽取的执法人员（均已抽过或须回避），请重新安排');
      const joining: { inspectorId: string }[] = await em.query('SELECT inspector_id AS "inspectorId" FROM plan_inspectors WHERE plan_id = $1 AND certificate_number = $2', [plan.id, sub.joining]);
      const team = task.team.map((m) => (m.inspectorId === leaving.inspectorId ? { inspectorId: joining[0].inspectorId, certificateNumber: sub.joining!, departmentId: m.departmentId, leader: m.leader } : m));
      await em.getRepository(Draw).update({ id: d.id }, { substitutions: [...d.substitutions, sub] });
      await em.getRepository(Task).update({ id: taskId }, { team });
      await this.audit.append(em, { actorId: user.id, action: 'task.substitution', subjectType: 'task', subjectId: taskId, before: task.team, after: team, details: { drawId: d.id, leaving: sub.leaving, joining: sub.joining, reason: sub.reason } });
      // The draw's substitutions and its tasks' teams changed: its new state, for verify-audit.
      await this.audit.append(em, { actorId: user.id, action: 'draw.substitution', subjectType: 'draw', subjectId: d.id, state: await currentDrawState(em, d.id), details: { taskId } });
      return { taskId, drawId: d.id, leaving: sub.leaving, joining: sub.joining, draw: sub.draw!, skips: sub.skips, reason: sub.reason, at: sub.at, team };
    });
  }

  /** A plan's draws, oldest first; the plan must be visible to the user (lead or joint department). */
  async drawsOfPlan(user: AuthUser, planId: string): Promise<DrawSummaryDto[]> {
    await this.plans.get(user, planId);
    const rows = await this.dataSource.getRepository(Draw).find({ where: { planId }, select: { id: true }, order: { createdAt: 'ASC' } });
    return Promise.all(rows.map((d) => this.summary(user, d.id)));
  }

  async summary(user: AuthUser, id: string): Promise<DrawSummaryDto> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(Draw).createQueryBuilder('d').innerJoin(Plan, 'p', 'p.id = d.plan_id').where('d.id = :id', { id });
    if (scope) qb.andWhere('(p.department_id = :scope OR :scope = ANY(p.joint_department_ids))', { scope });
    const d = await qb.getOne();
    if (!d) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const { redraw, supersededBy } = await this.redrawsOf(d.id);
    return {
      id: d.id,
      planId: d.planId,
      algorithm: d.algorithm,
      seed: d.seed,
      randomness: d.randomness,
      strata: d.strata,
      tasks: d.taskCount,
      unstaffedTasks: d.unstaffedTaskCount,
      transcriptUrl: `/public/draws/${d.id}/transcript`,
      redraw: redraw ? this.redrawView(redraw) : null,
      supersededBy: supersededBy ? this.redrawView(supersededBy) : null,
      createdAt: d.createdAt.toISOString(),
    };
  }

  /** Public: everything needed to re-run the draw, and nothing personal (pool snapshots hold ids only). */
  async transcript(id: string): Promise<Transcript> {
    const d = await this.dataSource.getRepository(Draw).createQueryBuilder('d').addSelect('d.result').where('d.id = :id', { id }).getOne();
    if (!d) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const plan = await this.dataSource.getRepository(Plan).findOneByOrFail({ id: d.planId });
    const { redraw, supersededBy } = await this.redrawsOf(d.id);
    const em = this.dataSource.manager;
    return {
      format: TRANSCRIPT_FORMAT,
      drawId: d.id,
      planId: d.planId,
      ...(redraw ? { redraw: redrawRecord(redraw) } : {}),
      ...(supersededBy ? { supersededBy: redrawRecord(supersededBy) } : {}),
      parametersJson: plan.parametersJson!,
      parametersHash: plan.parametersHash!,
      candidates: await this.plans.snapshotText(em, plan, 'candidates'),
      candidatePoolHash: plan.candidatePoolHash!,
      inspectors: await this.plans.snapshotText(em, plan, 'inspectors'),
      inspectorPoolHash: plan.inspectorPoolHash!,
      conflicts: await this.plans.snapshotText(em, plan, 'conflicts'),
      randomness: d.randomnessProof as unknown as RandomnessProof,
      seed: d.seed,
      result: d.result,
      substitutions: d.substitutions,
      createdAt: d.createdAt.toISOString(),
      ...(plan.publishedAt ? { publishedAt: plan.publishedAt.toISOString() } : {}),
      ...(plan.publicationJson ? { publication: JSON.parse(plan.publicationJson) as PublicationRecord } : {}),
    };
  }

  /**
   * Public: a published plan's publication record and its redraw announcements, as the open-data
   * file publication_records lists them — the anchor verify-draw compares a transcript with.
   */
  async anchor(planId: string): Promise<{ publication: PublicationRecord; redraws: RedrawAnnouncement[] }> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id: planId });
    if (!plan || plan.state === 'draft') throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    if (!plan.publicationJson) throw new NotFoundError('发布记录', 'PUBLICATION_RECORD_NOT_FOUND');
    const redraws = await this.dataSource.getRepository(Redraw).find({ where: { planId }, order: { requestedAt: 'ASC' } });
    return { publication: JSON.parse(plan.publicationJson) as PublicationRecord, redraws: redraws.filter((r) => r.announcementJson).map((r) => JSON.parse(r.announcementJson!) as RedrawAnnouncement) };
  }

  /** Redraw announcements of a plan (the open-data file lists them; the verifier compares). */
  private redrawView(r: Redraw): RedrawDto {
    const spec = redrawSpec(r);
    return { id: r.id, planId: r.planId, replacedDrawId: r.replacedDrawId, drawId: r.drawId, reason: r.reason, requestedAt: r.requestedAt.toISOString(), randomness: randomnessView(spec, this.chainOf(spec)) };
  }

  /**
   * No draw before its randomness exists: the drand round's time, or the named event's (whose result
   * the witnesses then enter). A commit-reveal plan published without a named event has no bound
   * entropy — the operator could try values until one pleases — so it is not drawn at all.
   */
  private refuseEarlyDraw(spec: RandomnessSpec, now: Date): void {
    if (spec.source === 'commit-reveal' && !spec.event) {
      throw new ConflictError('ENTROPY_NOT_BOUND', '该计划发布时未指定作为随机数来源的公开随机事件，抽取结果可被操纵，不能抽取；请新建计划并在发布时指定公开随机事件');
    }
    const notBefore = drawNotBefore(spec, this.chainOf(spec));
    if (notBefore === null) throw new ConflictError('UNKNOWN_DRAND_CHAIN', '计划指定的 drand 随机信标链不在本系统的配置中，不能核验其签名');
    if (now.getTime() < Date.parse(notBefore)) {
      const what = spec.source === 'drand-quicknet' ? `drand 第 ${spec.round} 轮随机数` : `公开随机事件“${spec.event!.name}”的结果`;
      throw new ConflictError('RANDOMNESS_NOT_YET', `${what}要到 ${notBefore}（UTC）才公布，此前不能抽取`, [{ drawNotBefore: notBefore }]);
    }
  }

  /** The plan row, locked; only the lead department (or an admin) may draw or redraw. */
  private async lockPlan(em: EntityManager, user: AuthUser, planId: string): Promise<Plan> {
    const scope = departmentScope(user);
    const plan = await em
      .getRepository(Plan)
      .createQueryBuilder('p')
      .addSelect('p.commitSecret')
      .where(scope ? 'p.id = :planId AND p.department_id = :scope' : 'p.id = :planId', { planId, scope })
      .setLock('pessimistic_write')
      .getOne();
    if (!plan) throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    return plan;
  }

  /**
   * One task per selected entity, with every department's team; unstaffed unless all are full.
   * Streamed with COPY on the transaction's own connection (a large draw writes 150,000 tasks; COPY
   * takes half the time of an INSERT … SELECT from JSON); entity ids come from the frozen pool.
   */
  private async createTasks(em: EntityManager, plan: Plan, drawId: string, result: DrawResult): Promise<void> {
    if (!result.selections.length) return;
    const inspectorIds = new Map((await em.getRepository(PlanInspector).find({ where: { planId: plan.id }, select: { certificateNumber: true, inspectorId: true } })).map((i) => [i.certificateNumber, i.inspectorId]));
    const entityRows: { uscc: string; entityId: string }[] = await em.query(
      `SELECT uscc, entity_id AS "entityId" FROM plan_candidates WHERE plan_id = $1 AND uscc = ANY($2::text[] COLLATE "C")`,
      [plan.id, result.selections.map((x) => x.uscc)],
    );
    const entityIds = new Map(entityRows.map((r) => [r.uscc, r.entityId]));
    const teamsOf = new Map<string, DrawResult['teams']>();
    for (const t of result.teams) {
      const list = teamsOf.get(t.uscc);
      if (list) list.push(t);
      else teamsOf.set(t.uscc, [t]);
    }
    const line = (sel: DrawResult['selections'][number], position: number): string => {
      const teams = teamsOf.get(sel.uscc) ?? [];
      const filled = teams.length > 0 && teams.every((t) => t.filled);
      const team: TeamMember[] = filled ? teams.flatMap((t) => t.members.map((m, k) => ({ inspectorId: inspectorIds.get(m.certificateNumber)!, certificateNumber: m.certificateNumber, departmentId: t.department, leader: k === 0 }))) : [];
      const state: TaskState = filled ? 'assigned' : 'unstaffed';
      return [drawId, plan.id, plan.departmentId, entityIds.get(sel.uscc)!, sel.uscc, sel.stratum, String(position), copyText(JSON.stringify(team)), state, plan.windowStart, plan.windowEnd].join('\t');
    };
    function* chunks() {
      for (let from = 0; from < result.selections.length; from += 5000) {
        yield result.selections.slice(from, from + 5000).map((sel, n) => line(sel, from + n)).join('\n') + '\n';
      }
    }
    const client = (await em.queryRunner!.connect()) as PoolClient;
    await pipeline(Readable.from(chunks()), client.query(copyFrom('COPY tasks (draw_id, plan_id, department_id, entity_id, uscc, stratum, position, team, state, window_start, window_end) FROM STDIN')));
  }

  private async redrawsOf(drawId: string): Promise<{ redraw: Redraw | null; supersededBy: Redraw | null }> {
    const rows = await this.dataSource.getRepository(Redraw).find({ where: [{ drawId }, { replacedDrawId: drawId }] });
    return { redraw: rows.find((r) => r.drawId === drawId) ?? null, supersededBy: rows.find((r) => r.replacedDrawId === drawId) ?? null };
  }

  private randomness(spec: RandomnessSpec, secret: string | null, dto: DrawRequestDto): RandomnessProof {
    if (spec.source === 'drand-quicknet') {
      if (dto.round === undefined || dto.signature === undefined) throw new BadRequestError('BEACON_REQUIRED', '请提供发布时指定的 drand 轮次及其签名', [{ field: 'signature' }]);
      if (dto.round !== spec.round) throw new BadRequestError('ROUND_MISMATCH', `应使用发布时指定的第 ${spec.round} 轮`, [{ field: 'round' }]);
      const check = verifyRound(this.chainOf(spec)!, dto.round, dto.signature.toLowerCase());
      if (!check.ok) throw new BadRequestError('BAD_SIGNATURE', 'drand 签名验证失败，未进行抽取', [{ field: 'signature' }]);
      return { source: 'drand-quicknet', chainHash: spec.chainHash, round: dto.round, signature: dto.signature.toLowerCase(), randomness: check.randomness };
    }
    if (!dto.witnessEntropy) throw new BadRequestError('WITNESS_ENTROPY_REQUIRED', `请录入发布时指定的公开随机事件“${spec.event?.name ?? ''}”的结果`, [{ field: 'witnessEntropy' }]);
    const committed = spec.witnesses ?? [];
    const reveals = dto.witnessReveals ?? [];
    if (reveals.length !== committed.length) throw new BadRequestError('WITNESS_REVEALS_MISMATCH', `发布时有 ${committed.length} 位见证人作出承诺，须按顺序录入 ${committed.length} 个揭示值`, [{ field: 'witnessReveals' }]);
    committed.forEach((w, i) => {
      if (witnessCommitment(reveals[i]) !== w.commitment) throw new BadRequestError('WITNESS_REVEAL_INVALID', `见证人“${w.label}”揭示的值与发布时的承诺不符，未进行抽取`, [{ field: `witnessReveals[${i}]` }]);
    });
    return {
      source: 'commit-reveal',
      commitment: spec.commitment,
      secret: secret!,
      witnessEntropy: dto.witnessEntropy,
      ...(committed.length ? { witnessReveals: reveals } : {}),
      randomness: commitRevealRandomness(secret!, dto.witnessEntropy, reveals),
    };
  }
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** The outbox event carrying a redraw request's announcement to the supervision platforms. */
export const REDRAW_ANNOUNCED_EVENT = 'draw.redraw_announced';

/** Older redraws have no stored spec: quicknet (the only chain then) or a bare commitment. */
function redrawSpec(r: Redraw): RandomnessSpec {
  if (r.randomnessSpec) return r.randomnessSpec;
  return r.randomnessSource === 'drand-quicknet' ? { source: 'drand-quicknet', chainHash: QUICKNET_HASH, round: Number(r.drandRound) } : { source: 'commit-reveal', commitment: r.commitment! };
}
const QUICKNET_HASH = QUICKNET.chainHash;

function redrawRecord(r: Redraw): RedrawRecord {
  return { id: r.id, replacedDrawId: r.replacedDrawId, reason: r.reason, requestedAt: r.requestedAt.toISOString(), randomness: redrawSpec(r) };
}

/** Per selected entity: staffed only if every department's team is full. */
function entityStaffing(result: DrawResult): Map<string, boolean> {
  const out = new Map<string, boolean>(result.selections.map((s) => [s.uscc, true]));
  for (const t of result.teams) if (!t.filled) out.set(t.uscc, false);
  return out;
}

const SNAPSHOT_LABELS = { candidates: '候选对象名录', inspectors: '执法人员名录', conflicts: '利害关系申报', parameters: '抽取参数' } as const;

/** A frozen snapshot no longer hashes to what was published (changed in the database): no draw can be verified, so none is made. */
function snapshotMismatch(planId: string, snapshot: keyof typeof SNAPSHOT_LABELS, expectedHash: string, actualHash: string): ConflictError {
  return new ConflictError('SNAPSHOT_HASH_MISMATCH', `计划发布时冻结的${SNAPSHOT_LABELS[snapshot]}快照（${snapshot}）与公布的哈希值不符，可能已被篡改，不能抽取；请联系管理员核查`, [{ planId, snapshot, expectedHash, actualHash }]);
}
