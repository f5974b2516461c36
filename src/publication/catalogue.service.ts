import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { chinaIsoTime } from '../common/validation';
import { chainOf, QUICKNET } from '../draws/drand';
import type { Stratum, StratumRule } from '../draws/draw-v1';
import { randomnessView } from '../draws/randomness';
import type { RandomnessProof, RandomnessSpec } from '../draws/transcript';
import type { ItemCategory, ItemMethod, RatiosByClass } from '../items/inspection-item.entity';
import { CATEGORY_LABELS, METHOD_LABELS } from '../items/labels';
import type { StratumCounts } from '../plans/snapshot';
import {
  PublicDepartmentDto,
  PublicDrawDto,
  PublicDrawQueryDto,
  PublicDrawRedrawDto,
  PublicDrawTargetDto,
  PublicItemDto,
  PublicItemListDto,
  PublicItemsQueryDto,
  PublicItemVersionDto,
  PublicPlanDto,
  PublicPlanPageDto,
  PublicPlansQueryDto,
  PublicPlanState,
  PublicPlanSummaryDto,
  PublicRandomnessDto,
  PublicRandomnessProofDto,
  PublicSupersededDrawDto,
} from './dto/catalogue.dto';

/** A plan is public from its publication on (drafts never are). */
const PUBLIC_PLAN = `p.state <> 'draft' AND p.published_at IS NOT NULL`;

/** Beijing date of a timestamptz column, for effective dates. */
const BEIJING_DATE = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

interface ItemVersionRow {
  item_id: string;
  code: string;
  current_version: number;
  department_id: string;
  department_name: string;
  version: number;
  name: string;
  legal_basis: string;
  category: ItemCategory;
  target_type: string;
  method: ItemMethod;
  default_ratios: RatiosByClass;
  frequency: string;
  effective_from: string;
}

interface PlanRow {
  id: string;
  name: string;
  year: number;
  state: PublicPlanState;
  window_start: string;
  window_end: string;
  published_at: Date;
  department_id: string;
  department_name: string;
  joint_department_ids: string[];
  current_draw_id: string | null;
}

const PLAN_COLUMNS = `p.id, p.name, p.year, p.state, to_char(p.window_start, 'YYYY-MM-DD') AS window_start, to_char(p.window_end, 'YYYY-MM-DD') AS window_end,
  p.published_at, p.department_id, d.name AS department_name, p.joint_department_ids,
  (SELECT x.id FROM draws x WHERE x.plan_id = p.id AND x.superseded_at IS NULL) AS current_draw_id`;

/**
 * For the public (no account): the item list and the plans (事前公开), and each draw's summary. Every
 * response is built field by field from an allow-list — never internal rows with fields hidden — so
 * a new column stays private until someone decides to publish it.
 */
@Injectable()
export class CatalogueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every department's items: the current version of each, with its earlier versions. */
  async items(q: PublicItemsQueryDto): Promise<PublicItemListDto> {
    const rows: ItemVersionRow[] = await this.dataSource.query(
      `SELECT i.id AS item_id, i.code, i.current_version, d.id AS department_id, d.name AS department_name,
              v.version, v.name, v.legal_basis, v.category, v.target_type, v.method, v.default_ratios, v.frequency,
              ${BEIJING_DATE('v.created_at')} AS effective_from
         FROM inspection_items i
         JOIN departments d ON d.id = i.department_id
         JOIN inspection_item_versions v ON v.item_id = i.id AND v.version <= i.current_version
        WHERE ($1::uuid IS NULL OR i.department_id = $1::uuid)
        ORDER BY d.name, i.code, i.id, v.version`,
      [q.department ?? null],
    );
    const byItem = new Map<string, ItemVersionRow[]>();
    for (const r of rows) {
      const list = byItem.get(r.item_id);
      if (list) list.push(r);
      else byItem.set(r.item_id, [r]);
    }
    const items: PublicItemDto[] = [];
    for (const versions of byItem.values()) {
      const views = versions.map((v, n) => itemVersion(v, versions[n + 1]?.effective_from ?? null));
      const current = versions.findIndex((v) => v.version === v.current_version);
      if (current < 0) continue; // cannot happen (the current version exists), but never publish a half item
      const head = versions[current];
      items.push({ code: head.code, department: { id: head.department_id, name: head.department_name }, ...views[current], pastVersions: views.slice(0, current) });
    }
    return { items, extractDate: extractDate() };
  }

  async plans(q: PublicPlansQueryDto): Promise<PublicPlanPageDto> {
    const where = `${PUBLIC_PLAN} AND ($1::int IS NULL OR p.year = $1::int) AND ($2::uuid IS NULL OR p.department_id = $2::uuid OR $2::uuid = ANY(p.joint_department_ids))`;
    const params = [q.year ?? null, q.department ?? null];
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM plans p WHERE ${where}`, params);
    const rows: PlanRow[] = await this.dataSource.query(
      `SELECT ${PLAN_COLUMNS} FROM plans p JOIN departments d ON d.id = p.department_id WHERE ${where} ORDER BY p.published_at DESC, p.id LIMIT $3 OFFSET $4`,
      [...params, q.pageSize, (q.pageNumber - 1) * q.pageSize],
    );
    const names = await this.departmentNames(rows.flatMap((r) => r.joint_department_ids));
    return { items: rows.map((r) => planSummary(r, names)), meta: { totalCount: n, pageNumber: q.pageNumber, pageSize: q.pageSize, totalPages: Math.ceil(n / q.pageSize), extractDate: extractDate() } };
  }

  /** One plan's scope and everything frozen at its publication: what a citizen needs before the draw. */
  async plan(id: string): Promise<PublicPlanDto> {
    const [row]: (PlanRow & {
      team_size: number;
      sampling: Record<Stratum, StratumRule>;
      stratum_counts: Record<Stratum, StratumCounts>;
      candidate_pool_hash: string;
      inspector_pool_hash: string;
      parameters_hash: string;
      randomness_source: RandomnessSpec['source'];
      drand_round: string | null;
      commitment: string | null;
      spec: RandomnessSpec | null;
    })[] = await this.dataSource.query(
      `SELECT ${PLAN_COLUMNS}, p.team_size, p.sampling, p.stratum_counts, p.candidate_pool_hash, p.inspector_pool_hash, p.parameters_hash,
              p.randomness_source, p.drand_round, p.commitment, p.parameters_json::jsonb->'randomness' AS spec
         FROM plans p JOIN departments d ON d.id = p.department_id
        WHERE p.id = $1 AND ${PUBLIC_PLAN}`,
      [id],
    );
    if (!row) throw new NotFoundError('抽查计划', 'PLAN_NOT_FOUND');
    const items: { code: string; version: number; name: string; legalBasis: string }[] = await this.dataSource.query(
      `SELECT i.code, v.version, v.name, v.legal_basis AS "legalBasis"
         FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id JOIN inspection_items i ON i.id = v.item_id
        WHERE pi.plan_id = $1 ORDER BY i.code, v.version`,
      [id],
    );
    const names = await this.departmentNames(row.joint_department_ids);
    return {
      ...planSummary(row, names),
      items: items.map(({ code, version, name, legalBasis }) => ({ code, version, name, legalBasis })),
      teamSize: row.team_size,
      sampling: samplingView(row.sampling),
      stratumCounts: row.stratum_counts,
      candidatePoolHash: row.candidate_pool_hash,
      inspectorPoolHash: row.inspector_pool_hash,
      parametersHash: row.parameters_hash,
      randomness: randomnessOf(specOf(row)),
      supersededDraws: await this.supersededDraws(id),
      extractDate: extractDate(),
    };
  }

  /**
   * A draw as the public sees it, light enough for every page view: what the transcript says of it
   * (seed, randomness and proof, counts and quotas, substitutions, redraw links) and a page of its
   * targets with their teams (certificate numbers only). The pool snapshots stay in the transcript.
   */
  async draw(id: string, q: PublicDrawQueryDto): Promise<PublicDrawDto> {
    const [d]: { id: string; plan_id: string; algorithm: string; randomness_proof: RandomnessProof; seed: string; strata: PublicDrawDto['strata']; task_count: number; unstaffed_task_count: number; substitutions: { uscc: string; department: string; leaving: string; joining: string | null; reason: string; at: string }[]; superseded_at: Date | null; created_at: Date }[] =
      await this.dataSource.query(
        'SELECT id, plan_id, algorithm, randomness_proof, seed, strata, task_count, unstaffed_task_count, substitutions, superseded_at, created_at FROM draws WHERE id = $1',
        [id],
      );
    const [plan]: PlanRow[] = d ? await this.dataSource.query(`SELECT ${PLAN_COLUMNS} FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = $1 AND ${PUBLIC_PLAN}`, [d.plan_id]) : [];
    if (!d || !plan) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const names = await this.departmentNames([plan.department_id, ...plan.joint_department_ids]);
    const department = (depId: string) => ({ id: depId, name: names.get(depId) ?? '' });
    const redraws: { id: string; reason: string; requested_at: Date; replaced_draw_id: string; draw_id: string | null; randomness_source: RandomnessSpec['source']; drand_round: string | null; commitment: string | null; spec: RandomnessSpec | null }[] = await this.dataSource.query(
      'SELECT id, reason, requested_at, replaced_draw_id, draw_id, randomness_source, drand_round, commitment, randomness_spec AS spec FROM redraws WHERE draw_id = $1 OR replaced_draw_id = $1',
      [id],
    );
    const redrawView = (r: (typeof redraws)[number]): PublicDrawRedrawDto => ({ id: r.id, reason: r.reason, requestedAt: r.requested_at.toISOString(), replacedDrawId: r.replaced_draw_id, replacementDrawId: r.draw_id, randomness: randomnessOf(specOf(r)) });
    const rows: { position: number; uscc: string; name: string; stratum: string; state: string; team: { certificateNumber: string; departmentId: string; leader: boolean }[] }[] = await this.dataSource.query(
      `SELECT t.position, t.uscc, e.name, t.stratum, t.state, t.team FROM tasks t JOIN regulated_entities e ON e.id = t.entity_id
        WHERE t.draw_id = $1 ORDER BY t.position LIMIT $2 OFFSET $3`,
      [id, q.pageSize, (q.pageNumber - 1) * q.pageSize],
    );
    const targets: PublicDrawTargetDto[] = rows.map((t) => {
      const joined = new Set(d.substitutions.filter((s) => s.uscc === t.uscc && s.joining).map((s) => `${s.department}\t${s.joining}`));
      const teams = new Map<string, PublicDrawTargetDto['teams'][number]>();
      for (const m of t.team) {
        const team = teams.get(m.departmentId) ?? { department: department(m.departmentId), members: [] };
        team.members.push({ certificateNumber: m.certificateNumber, leader: m.leader, substitute: joined.has(`${m.departmentId}\t${m.certificateNumber}`) });
        teams.set(m.departmentId, team);
      }
      return { position: t.position + 1, uscc: t.uscc, name: t.name, stratum: t.stratum, staffed: t.state !== 'unstaffed', teams: [...teams.values()] };
    });
    const redraw = redraws.find((r) => r.draw_id === id);
    const supersededBy = redraws.find((r) => r.replaced_draw_id === id);
    return {
      drawId: d.id,
      plan: planSummary(plan, names),
      algorithm: d.algorithm,
      createdAt: d.created_at.toISOString(),
      supersededAt: d.superseded_at?.toISOString() ?? null,
      redraw: redraw ? redrawView(redraw) : null,
      supersededBy: supersededBy ? redrawView(supersededBy) : null,
      randomness: proofOf(d.randomness_proof, redraw ? specOf(redraw) : (await this.dataSource.query(`SELECT parameters_json::jsonb->'randomness' AS spec FROM plans WHERE id = $1`, [d.plan_id]))[0].spec),
      seed: d.seed,
      strata: d.strata.map(({ stratum, candidates, excluded, eligible, quota, selected }) => ({ stratum, candidates, excluded, eligible, quota, selected })),
      unstaffedTargets: d.unstaffed_task_count,
      substitutions: d.substitutions.map((s) => ({ uscc: s.uscc, department: department(s.department), leaving: s.leaving, joining: s.joining, reason: s.reason, at: s.at })),
      targets,
      meta: { totalCount: d.task_count, pageNumber: q.pageNumber, pageSize: q.pageSize, totalPages: Math.ceil(d.task_count / q.pageSize), extractDate: extractDate() },
      transcriptUrl: `/public/draws/${d.id}/transcript`,
    };
  }

  /** Draws replaced by redraws, each with the public reason and the randomness fixed for its replacement. */
  private async supersededDraws(planId: string): Promise<PublicSupersededDrawDto[]> {
    const rows: { draw_id: string; drawn_at: Date; superseded_at: Date; redraw_id: string | null; reason: string | null; requested_at: Date | null; randomness_source: RandomnessSpec['source'] | null; drand_round: string | null; commitment: string | null; spec: RandomnessSpec | null; replacement_draw_id: string | null }[] =
      await this.dataSource.query(
        `SELECT x.id AS draw_id, x.created_at AS drawn_at, x.superseded_at, r.id AS redraw_id, r.reason, r.requested_at, r.randomness_source, r.drand_round, r.commitment, r.randomness_spec AS spec, r.draw_id AS replacement_draw_id
           FROM draws x LEFT JOIN redraws r ON r.replaced_draw_id = x.id
          WHERE x.plan_id = $1 AND x.superseded_at IS NOT NULL
          ORDER BY x.created_at, x.id`,
        [planId],
      );
    return rows.map((r) => ({
      drawId: r.draw_id,
      drawnAt: r.drawn_at.toISOString(),
      supersededAt: r.superseded_at.toISOString(),
      redraw: r.redraw_id
        ? {
            id: r.redraw_id,
            reason: r.reason!,
            requestedAt: r.requested_at!.toISOString(),
            randomness: randomnessOf(specOf({ randomness_source: r.randomness_source!, drand_round: r.drand_round, commitment: r.commitment, spec: r.spec })),
            replacementDrawId: r.replacement_draw_id,
          }
        : null,
    }));
  }

  private async departmentNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM departments WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function itemVersion(v: ItemVersionRow, effectiveUntil: string | null): PublicItemVersionDto {
  return {
    version: v.version,
    name: v.name,
    legalBasis: v.legal_basis,
    category: v.category,
    categoryLabel: CATEGORY_LABELS[v.category],
    targetType: v.target_type,
    method: v.method,
    methodLabel: METHOD_LABELS[v.method],
    ratios: { A: v.default_ratios.A, B: v.default_ratios.B, C: v.default_ratios.C, D: v.default_ratios.D },
    frequency: v.frequency,
    effectiveFrom: v.effective_from,
    effectiveUntil: v.version === v.current_version ? null : effectiveUntil,
  };
}

function planSummary(r: PlanRow, names: Map<string, string>): PublicPlanSummaryDto {
  const joint: PublicDepartmentDto[] = [...r.joint_department_ids].sort().map((id) => ({ id, name: names.get(id) ?? '' }));
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    state: r.state,
    department: { id: r.department_id, name: r.department_name },
    jointDepartments: joint,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    publishedAt: r.published_at.toISOString(),
    currentDrawId: r.current_draw_id,
  };
}

/** Basis points back to the percent the plan was written in (the frozen parameters keep basis points). */
function samplingView(sampling: Record<Stratum, StratumRule>): Record<string, { ratioPercent: number } | { count: number }> {
  return Object.fromEntries(Object.entries(sampling).map(([s, rule]) => [s, 'count' in rule ? { count: rule.count } : { ratioPercent: rule.ratioBasisPoints / 100 }]));
}

/** The stored full rule (parameters' or redraw's randomness) when there is one; else the columns of older rows. */
function specOf(r: { randomness_source: RandomnessSpec['source']; drand_round: string | null; commitment: string | null; spec?: RandomnessSpec | null }): RandomnessSpec {
  if (r.spec) return r.spec;
  return r.randomness_source === 'drand-quicknet' ? { source: 'drand-quicknet', chainHash: QUICKNET.chainHash, round: Number(r.drand_round) } : { source: 'commit-reveal', commitment: r.commitment! };
}

/** The proof stored with the draw, field by field (the same fields the transcript publishes). */
function proofOf(p: RandomnessProof, spec: RandomnessSpec | null): PublicRandomnessProofDto {
  if (p.source === 'drand-quicknet') return { ...randomnessOf({ source: p.source, chainHash: p.chainHash, round: p.round }), signature: p.signature, randomness: p.randomness };
  const named = spec?.source === 'commit-reveal' ? spec : null;
  return {
    source: p.source,
    commitment: p.commitment,
    ...(named?.event ? { event: named.event } : {}),
    ...(named?.witnesses ? { witnesses: named.witnesses } : {}),
    secret: p.secret,
    witnessEntropy: p.witnessEntropy,
    ...(p.witnessReveals ? { witnessReveals: p.witnessReveals } : {}),
    randomness: p.randomness,
  };
}

function randomnessOf(spec: RandomnessSpec): PublicRandomnessDto {
  const v = randomnessView(spec, spec.source === 'drand-quicknet' ? chainOf([QUICKNET], spec.chainHash) : undefined);
  return {
    source: v.source,
    ...(v.chainHash ? { chainHash: v.chainHash } : {}),
    ...(v.round !== undefined ? { round: v.round, roundTime: v.roundTime } : {}),
    ...(v.commitment ? { commitment: v.commitment } : {}),
    ...(v.event ? { event: v.event } : {}),
    ...(v.witnesses ? { witnesses: v.witnesses } : {}),
  };
}

/** As /public/results reports it: Beijing date and time, ISO 8601 with offset. */
export const extractDate = (): string => chinaIsoTime();
