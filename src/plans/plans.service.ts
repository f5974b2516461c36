import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { todayInChina } from '../common/validation';
import { Clock } from '../common/clock';
import { DrandChains, drandChains } from '../config/drand-chains';
import { chainOf } from '../draws/drand';
import { publicationRecord, PublicationRecord } from '../draws/publication-record';
import type { FrozenParameters, RandomnessSpec } from '../draws/transcript';
import { selectionProbabilities } from './probabilities';
import { OutboxService } from '../outbox/outbox.service';
import { RuntimeConfig } from '../config/runtime-config';
import { RegimeRules } from '../config/rules';
import { liftStatementTimeout } from '../database/long-job';
import { fixRandomness, randomnessView } from '../draws/randomness';
import { ALGORITHM, quotas, STRATA, Stratum, StratumRule } from '../draws/draw-v1';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarNotCoveredError } from '../calendar/working-days';
import { defaultSampling, inFirstWorkingDaysOfQuarter, ItemRuleInput, pastWindowBreach, quarterStart, RuleBreach, samplingBreaches } from './plan-rules';
import { InspectionItem, InspectionItemVersion } from '../items/inspection-item.entity';
import { DEFAULT_RECUSAL_RULES } from '../recusals/recusal-rules';
import { CreatePlanDto, PlanDto, PlanQueryDto, PublishPlanDto, SamplingDto, SamplingPreviewDto, SamplingPreviewRequestDto, UpdatePlanDto } from './dto/plan.dto';
import { Plan, PlanItem } from './plan.entity';
import { PlanPools } from './plan-pools';
import { AuditService } from '../audit/audit.service';
import { currentPlanState } from './plan-state';
import { canonicalJson, conflictSnapshot, parametersSnapshot } from './snapshot';
import './plans.errors';

/** The outbox event carrying a plan's publication record to the supervision platforms. */
export const PLAN_PUBLISHED_EVENT = 'plan.published';

@Injectable()
export class PlansService {
  private readonly rules: RegimeRules;
  readonly chains: DrandChains;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pools: PlanPools,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
    this.chains = drandChains(config.get('DRAND_CHAIN_INFO', { infer: true }));
  }

  async create(user: AuthUser, dto: CreatePlanDto): Promise<PlanDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    const id = await this.dataSource.transaction(async (em) => {
      const versions = await this.currentVersions(em, departmentId, dto.itemIds);
      const plan = await em.getRepository(Plan).save(em.getRepository(Plan).create({ departmentId, createdBy: user.id, ...(await this.fields(em, departmentId, dto, versions)) }));
      await em.getRepository(PlanItem).insert(versions.map((v) => ({ planId: plan.id, itemVersionId: v.id })));
      await this.audit.append(em, { actorId: user.id, action: 'plan.create', subjectType: 'plan', subjectId: plan.id, state: await currentPlanState(em, plan.id) });
      return plan.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdatePlanDto): Promise<PlanDto> {
    await this.dataSource.transaction(async (em) => {
      const plan = await this.lockDraft(em, user, id, dto.version);
      const versions = await this.currentVersions(em, plan.departmentId, dto.itemIds);
      await em.getRepository(Plan).update({ id }, { ...(await this.fields(em, plan.departmentId, dto, versions)), version: plan.version + 1 });
      await em.getRepository(PlanItem).delete({ planId: id });
      await em.getRepository(PlanItem).insert(versions.map((v) => ({ planId: id, itemVersionId: v.id })));
      await this.audit.append(em, { actorId: user.id, action: 'plan.update', subjectType: 'plan', subjectId: id, before: plan, state: await currentPlanState(em, id) });
    });
    return this.get(user, id);
  }

  /**
   * Freezes the plan: snapshots both pools, hashes them and the parameters, and fixes the
   * randomness — a future drand round, or a commitment to a server secret with the named future
   * public event (and witnesses' commitments). After this nothing that decides the outcome can
   * change. The publication record (hashes, randomness rule, publishedAt) goes into the audit
   * chain, the outbox (third parties keep it before the draw) and the open data, in this transaction.
   */
  async publish(user: AuthUser, id: string, dto: PublishPlanDto): Promise<PlanDto> {
    await this.dataSource.transaction(async (em) => {
      await liftStatementTimeout(em); // the pools of a big plan: a long job
      const plan = await this.lockDraft(em, user, id, dto.version);
      const items = await this.planItems(em, id);
      const domains = oneDomain(items.map((i) => i.version));
      const now = this.clock.now();
      const snapshotDate = todayInChina(now);
      this.refusePastWindow(plan.windowStart, plan.windowEnd);
      const candidates = await this.pools.snapshotCandidates(em, plan, items.map((i) => i.version), snapshotDate);
      // Counts are judged against the classes' eligible entities, known only now.
      const eligible = { A: candidates.counts.A.eligible, B: candidates.counts.B.eligible, C: candidates.counts.C.eligible, D: candidates.counts.D.eligible };
      const breaches = this.checkSampling(items.map((i) => ({ ...i.version, code: i.item.code })), plan.sampling, plan.ruleBreachReason, eligible);
      const ruleWarnings = await this.quarterDrawRule(em, snapshotDate);
      const inspectors = await this.pools.snapshotInspectors(em, plan, this.rules);
      const conflicts = await this.pools.snapshotConflicts(em, plan);

      const fixed = fixRandomness(dto, now.getTime(), this.chains.current);
      const parameters = parametersSnapshot({
        algorithm: ALGORITHM,
        planId: plan.id,
        departmentId: plan.departmentId,
        jointDepartmentIds: [...plan.jointDepartmentIds].sort(),
        year: plan.year,
        items: items.map((i) => ({ itemVersionId: i.version.id, code: i.item.code, version: i.version.version })).sort((a, b) => (a.code < b.code ? -1 : 1)),
        domain: domains[0],
        candidateFilter: plan.candidateFilter,
        sampling: plan.sampling,
        rounding: plan.rounding,
        teamSize: plan.teamSize,
        taskCapPerInspector: plan.taskCapPerInspector,
        repeatWindow: plan.repeatWindow,
        annualCapPerEntity: plan.annualCapPerEntity,
        windowStart: plan.windowStart,
        windowEnd: plan.windowEnd,
        recusalRules: plan.recusalRules,
        conflictsHash: conflicts.hash,
        snapshotDate,
        randomness: fixed.spec,
      });
      const record = publicationRecord(
        { planId: id, publishedAt: now.toISOString(), algorithm: ALGORITHM, parametersHash: parameters.hash, candidatePoolHash: candidates.hash, inspectorPoolHash: inspectors.hash, conflictsHash: conflicts.hash, randomness: fixed.spec },
        this.chains.current,
      );
      await em.getRepository(Plan).update(
        { id },
        {
          ...fixed.columns,
          state: 'published',
          candidatePoolHash: candidates.hash,
          inspectorPoolHash: inspectors.hash,
          parametersHash: parameters.hash,
          parametersJson: parameters.json,
          stratumCounts: candidates.counts,
          conflicts: conflicts.rows,
          publishedAt: now,
          publicationJson: canonicalJson(record),
          ruleBreaches: breaches,
          ruleWarnings,
          version: plan.version + 1,
        },
      );
      await this.audit.append(em, {
        actorId: user.id,
        action: 'plan.publish',
        subjectType: 'plan',
        subjectId: id,
        before: plan,
        state: await currentPlanState(em, id),
        details: { candidatePoolHash: candidates.hash, inspectorPoolHash: inspectors.hash, parametersHash: parameters.hash, randomness: fixed.spec, publication: record, ruleBreaches: breaches, ruleBreachReason: plan.ruleBreachReason, ruleWarnings },
      });
      await this.outbox.enqueue(em, PLAN_PUBLISHED_EVENT, null, { publication: record });
    });
    return this.get(user, id);
  }

  /**
   * The counts per risk class a draft would draw if published today — nothing is written. The same
   * pool selection and rounding rule as publication and draw; publication recounts on its own day.
   */
  async previewSampling(user: AuthUser, dto: SamplingPreviewRequestDto): Promise<SamplingPreviewDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    const em = this.dataSource.manager;
    const versions = await this.currentVersions(em, departmentId, dto.itemIds);
    oneDomain(versions);
    const rules = dto.sampling ? sampling(dto.sampling) : defaultSampling(versions);
    const snapshotDate = this.clock.today();
    const clean = (xs?: string[]) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];
    const counts = await this.pools.previewCounts(
      em,
      {
        departmentId,
        year: dto.year,
        repeatWindow: dto.repeatWindow ?? 'calendar_year',
        annualCapPerEntity: dto.annualCapPerEntity ?? this.defaultAnnualCap(),
        windowStart: dto.windowStart,
        candidateFilter: { industryCodes: clean(dto.candidateFilter?.industryCodes), licenceTypes: clean(dto.candidateFilter?.licenceTypes), districts: clean(dto.candidateFilter?.districts) },
      },
      versions,
      snapshotDate,
    );
    const k = quotas({ A: counts.A.eligible, B: counts.B.eligible, C: counts.C.eligible, D: counts.D.eligible }, rules);
    const strata = STRATA.map((s) => ({ stratum: s, ...counts[s], quota: k[s] }));
    return { snapshotDate, strata, total: strata.reduce((sum, s) => sum + s.quota, 0) };
  }

  /** Plans led by the user's department and joint plans it takes part in. */
  async list(user: AuthUser, query: PlanQueryDto): Promise<Page<PlanDto>> {
    const qb = this.visible(user);
    if (query.state) qb.andWhere('p.state = :state', { state: query.state });
    if (query.year) qb.andWhere('p.year = :year', { year: query.year });
    if (query.departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId: query.departmentId });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('p.created_at', 'DESC').skip(skip).take(take).getManyAndCount();
    return toPage(await Promise.all(rows.map((p) => this.view(p))), total, query);
  }

  /** Published plans not drawn yet (first draw or a redraw requested): the draw waits for its randomness. null: all departments. */
  async countAwaitingDraw(departmentId: string | null): Promise<number> {
    const qb = this.dataSource.getRepository(Plan).createQueryBuilder('p').where("p.state = 'published'");
    if (departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId });
    return qb.getCount();
  }

  async get(user: AuthUser, id: string): Promise<PlanDto> {
    return this.view(await this.findVisible(user, id));
  }

  /** The canonical snapshot texts whose SHA-256 the plan publishes. */
  async snapshot(user: AuthUser, id: string, which: 'candidates' | 'inspectors' | 'parameters' | 'conflicts'): Promise<string> {
    const plan = await this.findVisible(user, id);
    if (plan.state === 'draft') throw new ConflictError('PLAN_NOT_PUBLISHED', '计划尚未发布，没有快照');
    if (which === 'parameters') return plan.parametersJson!;
    if (which === 'conflicts') return conflictSnapshot(plan.conflicts ?? []).text;
    return this.pools.snapshotText(plan.id, which);
  }

  /**
   * Anonymous: the frozen inputs of a published plan, from publication on (before the draw), so anyone
   * can check the pools were fair before an outcome exists. The same texts as the transcript's; what
   * each column holds and why it may be public: docs/adr/0018-publication-anchor.md.
   */
  async publicSnapshot(id: string, which: 'candidates' | 'inspectors' | 'parameters' | 'conflicts' | 'probabilities'): Promise<string> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id });
    if (!plan || plan.state === 'draft') throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    if (which === 'parameters') return plan.parametersJson!;
    if (which === 'conflicts') return conflictSnapshot(plan.conflicts ?? []).text;
    const candidates = await this.pools.snapshotText(plan.id, 'candidates');
    if (which === 'candidates') return candidates;
    if (which === 'inspectors') return this.pools.snapshotText(plan.id, 'inspectors');
    return selectionProbabilities(JSON.parse(plan.parametersJson!) as FrozenParameters, candidates);
  }

  /** A frozen snapshot text, read inside the caller's transaction (the draw). */
  async snapshotText(em: EntityManager, plan: Plan, which: 'candidates' | 'inspectors' | 'conflicts'): Promise<string> {
    if (which === 'conflicts') return conflictSnapshot(plan.conflicts ?? []).text;
    return this.pools.snapshotText(plan.id, which, em);
  }

  private async findVisible(user: AuthUser, id: string): Promise<Plan> {
    const plan = await this.visible(user).andWhere('p.id = :id', { id }).getOne();
    if (!plan) throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    return plan;
  }

  /** Read access: the lead department and the joint departments (writes stay with the lead). */
  private visible(user: AuthUser) {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(Plan).createQueryBuilder('p');
    return scope ? qb.where('(p.department_id = :scope OR :scope = ANY(p.joint_department_ids))', { scope }) : qb.where('true');
  }

  private async lockDraft(em: EntityManager, user: AuthUser, id: string, version: number): Promise<Plan> {
    const scope = departmentScope(user);
    const plan = await em.getRepository(Plan).findOne({ where: scope ? { id, departmentId: scope } : { id }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    if (plan.state !== 'draft') throw new ConflictError('PLAN_FROZEN', '计划已发布，不能修改；如需更正请新建计划');
    if (plan.version !== version) throw new ConflictError('VERSION_CONFLICT', '计划已被他人修改，请刷新后重试', [{ field: 'version' }]);
    return plan;
  }

  /** The items' current versions; items of another department are "not found". */
  private async currentVersions(em: EntityManager, departmentId: string, itemIds: string[]): Promise<InspectionItemVersion[]> {
    const ids = [...new Set(itemIds)];
    const items = await em.getRepository(InspectionItem).find({ where: { id: In(ids), departmentId } });
    if (items.length !== ids.length) throw new NotFoundError('抽查事项', 'ITEM_NOT_FOUND');
    return Promise.all(items.map((i) => em.getRepository(InspectionItemVersion).findOneByOrFail({ itemId: i.id, version: i.currentVersion })));
  }

  private async planItems(em: EntityManager, planId: string): Promise<{ item: InspectionItem; version: InspectionItemVersion }[]> {
    const links = await em.getRepository(PlanItem).find({ where: { planId } });
    const versions = await em.getRepository(InspectionItemVersion).find({ where: { id: In(links.map((l) => l.itemVersionId)) } });
    const items = await em.getRepository(InspectionItem).find({ where: { id: In(versions.map((v) => v.itemId)) } });
    return versions.map((version) => ({ version, item: items.find((i) => i.id === version.itemId)! }));
  }

  private async fields(em: EntityManager, departmentId: string, dto: CreatePlanDto | UpdatePlanDto, versions: InspectionItemVersion[]): Promise<Partial<Plan>> {
    // Checked when drafted, not only at publication: the supervisor learns at once why the items cannot go together.
    oneDomain(versions);
    if (dto.teamSize < this.rules.minTeamSize) {
      throw new BadRequestError('TEAM_TOO_SMALL', `检查组至少需要${this.rules.minTeamSize}名执法人员（《行政处罚法》第42条）`, [{ field: 'teamSize' }]);
    }
    if (dto.windowEnd < dto.windowStart) throw new BadRequestError('WINDOW_INVALID', '检查期限止不能早于起始日', [{ field: 'windowEnd' }]);
    this.refusePastWindow(dto.windowStart, dto.windowEnd);
    const rules = dto.sampling ? sampling(dto.sampling) : defaultSampling(versions);
    const reason = dto.ruleBreachReason?.trim() || null;
    const codes = await em.getRepository(InspectionItem).find({ where: { id: In(versions.map((v) => v.itemId)) } });
    const breaches = this.checkSampling(versions.map((v) => ({ ...v, code: codes.find((i) => i.id === v.itemId)?.code })), rules, reason);
    const joint = [...new Set(dto.jointDepartmentIds ?? [])].filter((d) => d !== departmentId);
    if (joint.length) {
      const found = await em.query('SELECT count(*)::int AS n FROM departments WHERE id = ANY($1::uuid[])', [joint]);
      if (found[0].n !== joint.length) throw new NotFoundError('联合部门', 'DEPARTMENT_NOT_FOUND');
    }
    const clean = (xs?: string[]) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];
    return {
      name: dto.name,
      year: dto.year,
      jointDepartmentIds: joint,
      candidateFilter: { industryCodes: clean(dto.candidateFilter?.industryCodes), licenceTypes: clean(dto.candidateFilter?.licenceTypes), districts: clean(dto.candidateFilter?.districts) },
      sampling: rules,
      ruleBreaches: breaches,
      ruleBreachReason: reason,
      teamSize: dto.teamSize,
      repeatWindow: dto.repeatWindow ?? 'calendar_year',
      annualCapPerEntity: dto.annualCapPerEntity ?? this.defaultAnnualCap(),
      taskCapPerInspector: dto.taskCapPerInspector ?? null,
      windowStart: dto.windowStart,
      windowEnd: dto.windowEnd,
      recusalRules: dto.recusalRules ? { ...dto.recusalRules } : { ...DEFAULT_RECUSAL_RULES },
    };
  }

  /** RULES_ANNUAL_CAP_PER_ENTITY as a plan's cap (0 configured = none). */
  private defaultAnnualCap(): number | null {
    return this.rules.annualCapPerEntity > 0 ? this.rules.annualCapPerEntity : null;
  }

  /** RULES_PAST_PLANS: a window that ended, or began before the current quarter, is refused (by the app's Clock). */
  private refusePastWindow(windowStart: string, windowEnd: string): void {
    if (this.rules.pastPlans === 'allow') return;
    const breach = pastWindowBreach(windowStart, windowEnd, this.clock.today());
    if (breach) throw new BadRequestError('PLAN_IN_PAST', breach.message, [{ field: breach.field }]);
  }

  /**
   * The sampling limits of the regime (key items fully covered, general items within RULES_GENERAL_ITEM_MAX_RATIOS):
   * a breach is refused (RULES_SAMPLING_LIMIT_MODE=refuse) or needs a recorded reason (=reason). Returns the breaches let through.
   */
  private checkSampling(items: ItemRuleInput[], rules: Record<Stratum, StratumRule>, reason: string | null, eligible?: Record<Stratum, number>): RuleBreach[] {
    const breaches = samplingBreaches(items, rules, this.rules.generalItemMaxRatios, eligible);
    if (!breaches.length) return [];
    const why = breaches.map((b) => b.message).join('；');
    if (this.rules.samplingLimitMode === 'refuse') throw new BadRequestError('SAMPLING_LIMIT_EXCEEDED', `抽查比例不符合规定：${why}`, breaches.map((b) => ({ field: b.field })));
    if (!reason) {
      throw new BadRequestError('SAMPLING_REASON_REQUIRED', `抽查比例不符合规定：${why}。如确需如此，请填写理由（ruleBreachReason），理由将随计划记录`, [...breaches.map((b) => ({ field: b.field })), { field: 'ruleBreachReason' }]);
    }
    return breaches;
  }

  /**
   * Tianjin: planned draws in the first RULES_QUARTER_DRAW_WORKING_DAYS working days of the quarter. The draw's
   * date is the publication's (it follows within minutes or at the named event); a warning or a refusal per RULES_QUARTER_DRAW_MODE.
   */
  private async quarterDrawRule(em: EntityManager, date: string): Promise<{ code: string; message: string }[]> {
    const n = this.rules.quarterDrawWorkingDays;
    if (n <= 0) return [];
    const calendar = await this.calendar.calendar(em);
    let inside: boolean;
    try {
      inside = inFirstWorkingDaysOfQuarter(date, n, (d) => calendar.isWorkingDay(d));
    } catch (e) {
      if (e instanceof CalendarNotCoveredError) return [{ code: 'DRAW_CALENDAR_NOT_COVERED', message: `工作日历未覆盖${e.year}年，无法核对是否在季度前${n}个工作日内抽取` }];
      throw e;
    }
    if (inside) return [];
    const message = `按规定应在每季度前${n}个工作日内开展计划抽取，${date}不在${quarterStart(date)}起的前${n}个工作日内`;
    if (this.rules.quarterDrawMode === 'refuse') throw new BadRequestError('DRAW_OUTSIDE_QUARTER_START', message, [{ date, quarterStart: quarterStart(date), workingDays: n }]);
    return [{ code: 'DRAW_OUTSIDE_QUARTER_START', message }];
  }

  private async view(p: Plan): Promise<PlanDto> {
    const items = await this.planItems(this.dataSource.manager, p.id);
    const spec = p.parametersJson ? (JSON.parse(p.parametersJson) as { randomness: RandomnessSpec }).randomness : null;
    return {
      id: p.id,
      departmentId: p.departmentId,
      jointDepartmentIds: p.jointDepartmentIds,
      year: p.year,
      name: p.name,
      state: p.state,
      items: items
        .map(({ item, version }) => ({ itemId: item.id, itemVersionId: version.id, code: item.code, version: version.version, name: version.name, enforcementDomain: version.enforcementDomain }))
        .sort((a, b) => (a.code < b.code ? -1 : 1)),
      candidateFilter: p.candidateFilter,
      sampling: p.sampling,
      rounding: p.rounding,
      teamSize: p.teamSize,
      repeatWindow: p.repeatWindow,
      annualCapPerEntity: p.annualCapPerEntity,
      taskCapPerInspector: p.taskCapPerInspector,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
      recusalRules: p.recusalRules,
      ruleBreaches: p.ruleBreaches,
      ruleBreachReason: p.ruleBreachReason,
      ruleWarnings: p.ruleWarnings,
      randomness: spec ? randomnessView(spec, spec.source === 'drand-quicknet' ? chainOf(this.chains.known, spec.chainHash) : undefined) : null,
      candidatePoolHash: p.candidatePoolHash,
      inspectorPoolHash: p.inspectorPoolHash,
      parametersHash: p.parametersHash,
      stratumCounts: p.stratumCounts,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      publication: p.publicationJson ? (JSON.parse(p.publicationJson) as PublicationRecord) : null,
      serverTime: this.clock.now().toISOString(),
      version: p.version,
    };
  }
}

/** A plan checks one enforcement domain (its inspectors are drawn by domain). */
function oneDomain(versions: InspectionItemVersion[]): string[] {
  const domains = [...new Set(versions.map((v) => v.enforcementDomain))];
  if (domains.length !== 1) {
    throw new BadRequestError('ITEMS_DOMAIN_MISMATCH', `计划内事项的执法领域不一致（${domains.join('、')}）：检查组按执法领域从具备该领域资格的执法人员中抽取，一个计划只能包含同一执法领域的事项，请拆分为多个计划`, [{ field: 'itemIds' }]);
  }
  return domains;
}

/** Percent (two decimals) → basis points, exactly; a class gives a ratio or a count, not both. */
function sampling(dto: SamplingDto): Record<Stratum, StratumRule> {
  const out = {} as Record<Stratum, StratumRule>;
  for (const s of STRATA) {
    const rule = dto[s];
    const hasRatio = rule.ratioPercent !== undefined;
    if (hasRatio === (rule.count !== undefined)) {
      throw new BadRequestError('SAMPLING_INVALID', `${s}类须且只能指定比例（ratioPercent）或数量（count）之一`, [{ field: `sampling.${s}` }]);
    }
    out[s] = hasRatio ? { ratioBasisPoints: Math.round(rule.ratioPercent! * 100) } : { count: rule.count! };
  }
  return out;
}

