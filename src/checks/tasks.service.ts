import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { PageQueryDto, toPage } from '../common/http/paging';
import { Task } from '../draws/draw.entity';
import { Clock } from '../common/clock';
import type { RuntimeConfig } from '../config/runtime-config';
import { CheckFormOptionsDto, MyTaskPageDto, TaskDto } from './dto/task.dto';
import { RESULT_CODE_LIST, RESULT_CODES } from './result-codes';
import { inspectorIdOf, loadTask } from './task-access';
import { CheckCodesService } from './check-codes.service';

/** What an inspector on site needs about a task, and what the supervisor sees. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService<RuntimeConfig, true>,
    private readonly checkCodes: CheckCodesService,
  ) {}

  /** The check form's choices and limits, from the one place each rule is set (never copied into the client). */
  formOptions(): CheckFormOptionsDto {
    const rules = this.config.get('rules', { infer: true });
    return {
      resultCodes: RESULT_CODE_LIST.map((code) => ({ code, label: RESULT_CODES[code].label, problem: RESULT_CODES[code].problem })),
      minInspectorsPresent: rules.minTeamSize,
      majorPenaltyYuan: rules.majorPenaltyYuan,
      maxPhotoMb: this.config.get('EVIDENCE_MAX_PHOTO_MB', { infer: true }),
      maxEvidenceFiles: this.config.get('EVIDENCE_MAX_FILES_PER_RECORD', { infer: true }),
      photoMaxEdgePx: this.config.get('EVIDENCE_PHOTO_MAX_EDGE_PX', { infer: true }),
      today: this.clock.today(),
    };
  }

  /** The tasks whose team includes the calling inspector, newest window first (cancelled ones left out). */
  async mine(user: AuthUser, query: PageQueryDto): Promise<MyTaskPageDto> {
    const em = this.dataSource.manager;
    const inspectorId = await inspectorIdOf(em, user);
    if (!inspectorId) return { ...toPage([], 0, query), inspectorId: null, today: this.clock.today(), notice: '该账号尚未关联执法人员，无法显示检查任务；请联系系统管理员在“执法人员”中关联账号' };
    const where = `t.team @> jsonb_build_array(jsonb_build_object('inspectorId', $1::text)) AND t.state <> 'cancelled'`;
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM tasks t WHERE ${where}`, [inspectorId]);
    const ids: { id: string }[] = await em.query(`SELECT t.id FROM tasks t WHERE ${where} ORDER BY t.window_start DESC, t.position LIMIT $2 OFFSET $3`, [inspectorId, query.pageSize, (query.page - 1) * query.pageSize]);
    const tasks = ids.length ? await em.getRepository(Task).createQueryBuilder('t').where('t.id IN (:...ids)', { ids: ids.map((r) => r.id) }).getMany() : [];
    const byId = new Map(tasks.map((t) => [t.id, t]));
    return { ...toPage(await this.views(em, ids.map((r) => byId.get(r.id)!)), n, query), inspectorId, notice: null, today: this.clock.today() };
  }

  async get(user: AuthUser, id: string): Promise<TaskDto> {
    const { task } = await loadTask(this.dataSource.manager, user, id);
    return (await this.views(this.dataSource.manager, [task]))[0];
  }

  async views(em: EntityManager, tasks: Task[]): Promise<TaskDto[]> {
    if (!tasks.length) return [];
    const planIds = [...new Set(tasks.map((t) => t.planId))];
    const plans: { id: string; name: string }[] = await em.query('SELECT id, name FROM plans WHERE id = ANY($1::uuid[])', [planIds]);
    const items: { planId: string; itemVersionId: string; code: string; name: string; legalBasis: string; subItems: string[] }[] = await em.query(
      `SELECT pi.plan_id AS "planId", v.id AS "itemVersionId", i.code, v.name, v.legal_basis AS "legalBasis", v.sub_items AS "subItems"
         FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id JOIN inspection_items i ON i.id = v.item_id
        WHERE pi.plan_id = ANY($1::uuid[]) ORDER BY i.code`,
      [planIds],
    );
    const entities: { id: string; name: string; uscc: string; registeredAddress: string | null; district: string | null }[] = await em.query(
      'SELECT id, name, uscc, registered_address AS "registeredAddress", district FROM regulated_entities WHERE id = ANY($1::uuid[])',
      [tasks.map((t) => t.entityId)],
    );
    const names: { id: string; name: string }[] = await em.query('SELECT id, name FROM inspectors WHERE id = ANY($1::uuid[])', [tasks.flatMap((t) => t.team.map((m) => m.inspectorId))]);
    const records: { taskId: string; id: string; state: string; version: number }[] = await em.query('SELECT task_id AS "taskId", id, state, version FROM check_records WHERE task_id = ANY($1::uuid[])', [tasks.map((t) => t.id)]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const codes = await this.checkCodes.codesFor(em, tasks.map((t) => t.id));
    return tasks.map((t) => {
      const record = records.find((r) => r.taskId === t.id);
      return {
        id: t.id,
        planId: t.planId,
        planName: plans.find((p) => p.id === t.planId)?.name ?? '',
        drawId: t.drawId,
        state: t.state,
        entity: entities.find((e) => e.id === t.entityId)!,
        items: items.filter((i) => i.planId === t.planId).map(({ itemVersionId, code, name, legalBasis, subItems }) => ({ itemVersionId, code, name, legalBasis, subItems })),
        windowStart: t.windowStart,
        windowEnd: t.windowEnd,
        team: t.team.map((m) => ({ inspectorId: m.inspectorId, name: nameOf.get(m.inspectorId) ?? '', certificateNumber: m.certificateNumber, departmentId: m.departmentId, leader: m.leader })),
        record: record ? { id: record.id, state: record.state, version: record.version } : null,
        checkCode: codes.get(t.id)!,
      };
    });
  }
}
