import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Plan, PlanCandidate, PlanInspector } from '../plans/plan.entity';
import { PlansService } from '../plans/plans.service';
import { QUICKNET, verifyRound } from './drand';
import { draw } from './draw-v1';
import { Draw, Task } from './draw.entity';
import { DrawRequestDto, DrawSummaryDto } from './dto/draw.dto';
import { commitRevealRandomness, drawInputFrom, FrozenParameters, RandomnessProof, Transcript, TRANSCRIPT_FORMAT } from './transcript';
import './draws.errors';

@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
  ) {}

  /**
   * Runs the draw once: the plan row is locked and must still be "published", so concurrent calls
   * get one draw and 409s; everything (draw record, tasks, plan state) commits together or not at all.
   */
  async draw(user: AuthUser, planId: string, dto: DrawRequestDto): Promise<DrawSummaryDto> {
    const drawId = await this.dataSource.transaction(async (em) => {
      const scope = departmentScope(user);
      const plan = await em
        .getRepository(Plan)
        .createQueryBuilder('p')
        .addSelect('p.commitSecret')
        .where(scope ? 'p.id = :planId AND p.department_id = :scope' : 'p.id = :planId', { planId, scope })
        .setLock('pessimistic_write')
        .getOne();
      if (!plan) throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
      if (plan.state === 'draft') throw new ConflictError('PLAN_NOT_PUBLISHED', '计划尚未发布，不能抽取');
      if (plan.state !== 'published') throw new ConflictError('PLAN_ALREADY_DRAWN', '该计划已抽取；抽取结果不可删除或重抽');

      const params = JSON.parse(plan.parametersJson!) as FrozenParameters;
      const proof = this.randomness(plan, params, dto);
      const texts = {
        candidates: await this.plans.snapshotText(em, plan, 'candidates'),
        inspectors: await this.plans.snapshotText(em, plan, 'inspectors'),
        conflicts: await this.plans.snapshotText(em, plan, 'conflicts'),
      };
      const result = draw(drawInputFrom(params, texts, { candidatePoolHash: plan.candidatePoolHash!, inspectorPoolHash: plan.inspectorPoolHash!, parametersHash: plan.parametersHash! }, proof.randomness));

      const saved = await em.getRepository(Draw).save(
        em.getRepository(Draw).create({ planId, algorithm: result.algorithm, randomnessProof: proof as unknown as Record<string, unknown>, randomness: proof.randomness, seed: result.seed, result, createdBy: user.id }),
      );
      const entityIds = new Map((await em.getRepository(PlanCandidate).find({ where: { planId }, select: { uscc: true, entityId: true } })).map((c) => [c.uscc, c.entityId]));
      const inspectorIds = new Map((await em.getRepository(PlanInspector).find({ where: { planId }, select: { certificateNumber: true, inspectorId: true } })).map((i) => [i.certificateNumber, i.inspectorId]));
      const stratumOf = new Map(result.selections.map((s) => [s.uscc, s.stratum]));
      const tasks = result.teams.map((team, position) => ({
        drawId: saved.id,
        planId,
        departmentId: plan.departmentId,
        entityId: entityIds.get(team.uscc)!,
        uscc: team.uscc,
        stratum: stratumOf.get(team.uscc)!,
        position,
        team: team.filled ? team.members.map((m, n) => ({ inspectorId: inspectorIds.get(m.certificateNumber)!, certificateNumber: m.certificateNumber, leader: n === 0 })) : [],
        state: (team.filled ? 'assigned' : 'unstaffed') as Task['state'],
        windowStart: plan.windowStart,
        windowEnd: plan.windowEnd,
      }));
      for (let i = 0; i < tasks.length; i += 1000) await em.getRepository(Task).insert(tasks.slice(i, i + 1000));
      await em.getRepository(Plan).update({ id: planId }, { state: 'drawn', version: plan.version + 1 });
      return saved.id;
    });
    return this.summary(user, drawId);
  }

  async summary(user: AuthUser, id: string): Promise<DrawSummaryDto> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(Draw).createQueryBuilder('d').innerJoin(Plan, 'p', 'p.id = d.plan_id').where('d.id = :id', { id });
    if (scope) qb.andWhere('p.department_id = :scope', { scope });
    const d = await qb.getOne();
    if (!d) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const unstaffed = d.result.teams.filter((t) => !t.filled).length;
    return {
      id: d.id,
      planId: d.planId,
      algorithm: d.algorithm,
      seed: d.seed,
      randomness: d.randomness,
      strata: d.result.strata,
      tasks: d.result.teams.length,
      unstaffedTasks: unstaffed,
      transcriptUrl: `/public/draws/${d.id}/transcript`,
      createdAt: d.createdAt.toISOString(),
    };
  }

  /** Public: everything needed to re-run the draw, and nothing personal (pool snapshots hold ids only). */
  async transcript(id: string): Promise<Transcript> {
    const d = await this.dataSource.getRepository(Draw).findOne({ where: { id } });
    if (!d) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const plan = await this.dataSource.getRepository(Plan).findOneByOrFail({ id: d.planId });
    const em = this.dataSource.manager;
    return {
      format: TRANSCRIPT_FORMAT,
      drawId: d.id,
      planId: d.planId,
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
      createdAt: d.createdAt.toISOString(),
    };
  }

  private randomness(plan: Plan, params: FrozenParameters, dto: DrawRequestDto): RandomnessProof {
    if (params.randomness.source === 'drand-quicknet') {
      if (dto.round === undefined || dto.signature === undefined) throw new BadRequestError('BEACON_REQUIRED', '请提供计划发布时指定的 drand 轮次及其签名', [{ field: 'signature' }]);
      if (dto.round !== params.randomness.round) throw new BadRequestError('ROUND_MISMATCH', `应使用发布时指定的第 ${params.randomness.round} 轮`, [{ field: 'round' }]);
      const check = verifyRound(QUICKNET, dto.round, dto.signature.toLowerCase());
      if (!check.ok) throw new BadRequestError('BAD_SIGNATURE', 'drand 签名验证失败，未进行抽取', [{ field: 'signature' }]);
      return { source: 'drand-quicknet', chainHash: QUICKNET.chainHash, round: dto.round, signature: dto.signature.toLowerCase(), randomness: check.randomness };
    }
    if (!dto.witnessEntropy) throw new BadRequestError('WITNESS_ENTROPY_REQUIRED', '请录入见证人现场提供的随机数（如公开彩票开奖号码）', [{ field: 'witnessEntropy' }]);
    const secret = plan.commitSecret!;
    return { source: 'commit-reveal', commitment: params.randomness.commitment, secret, witnessEntropy: dto.witnessEntropy, randomness: commitRevealRandomness(secret, dto.witnessEntropy) };
  }
}
