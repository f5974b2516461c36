import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Clock } from '../common/clock';
import { encodeQr, qrSvg } from '../common/pdf/qr';
import type { RuntimeConfig } from '../config/runtime-config';
import { Task } from '../draws/draw.entity';
import { CHECK_CODE_PATTERN, checkCodePath, newCheckCode, validityDate } from './check-code';
import { CheckCodeRefDto, PublicCheckCodeDto } from './dto/check-code.dto';
import { loadTask } from './task-access';

/**
 * 检查码: each task's public code, made on first use, and the public view of it — built field by
 * field from an allow-list (names, certificate numbers and validity, plan, draw, items, window): no
 * identity numbers, phones, evidence, findings or remarks, and nothing of the record but its date.
 */
@Injectable()
export class CheckCodesService {
  private readonly baseUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  url(code: string): string {
    return this.baseUrl + checkCodePath(code);
  }

  /** The codes of these tasks, made for those that have none yet (concurrent callers agree on one). */
  async codesFor(em: EntityManager, taskIds: string[]): Promise<Map<string, CheckCodeRefDto>> {
    const read = async () => new Map((await em.query('SELECT task_id AS "taskId", code FROM task_check_codes WHERE task_id = ANY($1::uuid[])', [taskIds]) as { taskId: string; code: string }[]).map((r) => [r.taskId, r.code]));
    let codes = await read();
    // A lost race (another request made it) or, in theory, a code collision: read what landed, and retry the rest.
    for (let attempt = 0; attempt < 3 && codes.size < new Set(taskIds).size; attempt++) {
      const missing = [...new Set(taskIds)].filter((id) => !codes.has(id));
      await em.query('INSERT INTO task_check_codes (task_id, code) SELECT * FROM unnest($1::uuid[], $2::varchar[]) ON CONFLICT DO NOTHING', [missing, missing.map(() => newCheckCode())]);
      codes = await read();
    }
    return new Map([...codes].map(([taskId, code]) => [taskId, { code, url: this.url(code) }]));
  }

  async codeOf(em: EntityManager, taskId: string): Promise<CheckCodeRefDto> {
    return (await this.codesFor(em, [taskId])).get(taskId)!;
  }

  /** The QR code of a task's public page, for the console (staff who may see the task). */
  async svg(user: AuthUser, taskId: string): Promise<string> {
    const { task } = await loadTask(this.dataSource.manager, user, taskId);
    return qrSvg(encodeQr((await this.codeOf(this.dataSource.manager, task.id)).url));
  }

  /** The public view of a code; an unknown or malformed code is "not found" (the same answer). */
  async publicView(code: string): Promise<PublicCheckCodeDto> {
    const notFound = new NotFoundError('检查码', 'CHECK_CODE_NOT_FOUND');
    if (!CHECK_CODE_PATTERN.test(code)) throw notFound;
    const em = this.dataSource.manager;
    const [row]: { taskId: string }[] = await em.query('SELECT task_id AS "taskId" FROM task_check_codes WHERE code = $1', [code]);
    if (!row) throw notFound;
    const task = await em.getRepository(Task).findOneByOrFail({ id: row.taskId });
    const [plan]: { name: string; year: number }[] = await em.query('SELECT name, year FROM plans WHERE id = $1', [task.planId]);
    const [draw]: { day: string }[] = await em.query(`SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM draws WHERE id = $1`, [task.drawId]);
    const [entity]: { name: string; uscc: string }[] = await em.query('SELECT name, uscc FROM regulated_entities WHERE id = $1', [task.entityId]);
    const items: { code: string; name: string; legalBasis: string }[] = await em.query(
      `SELECT i.code, v.name, v.legal_basis AS "legalBasis" FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id JOIN inspection_items i ON i.id = v.item_id WHERE pi.plan_id = $1 ORDER BY i.code`,
      [task.planId],
    );
    const [record]: { checkDate: string | null }[] = await em.query(`SELECT to_char(check_date, 'YYYY-MM-DD') AS "checkDate" FROM check_records WHERE task_id = $1`, [task.id]);
    const validOn = validityDate(record?.checkDate ?? null, this.clock.today(), task.windowStart, task.windowEnd);
    const ids = task.team.map((m) => m.inspectorId);
    const people: { id: string; name: string; from: string; until: string; valid: boolean }[] = await em.query(
      `SELECT i.id, i.name, to_char(i.certificate_valid_from, 'YYYY-MM-DD') AS "from", to_char(i.certificate_valid_until, 'YYYY-MM-DD') AS "until",
              (i.certificate_valid_from <= $2::date AND i.certificate_valid_until >= $2::date
               AND COALESCE((SELECT s.status FROM inspector_status_changes s WHERE s.inspector_id = i.id AND s.effective_date <= $2::date ORDER BY s.effective_date DESC, s.created_at DESC LIMIT 1), 'active') = 'active') AS valid
         FROM inspectors i WHERE i.id = ANY($1::uuid[])`,
      [ids, validOn],
    );
    const departments: { id: string; name: string }[] = await em.query('SELECT id, name FROM departments WHERE id = ANY($1::uuid[])', [[task.departmentId, ...task.team.map((m) => m.departmentId)]]);
    const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? '';
    return {
      code,
      url: this.url(code),
      taskState: task.state,
      department: deptName(task.departmentId),
      plan: { id: task.planId, name: plan.name, year: plan.year, url: `${this.baseUrl}/portal/plans/${task.planId}` },
      draw: { id: task.drawId, drawnOn: draw.day, url: `${this.baseUrl}/portal/draws/${task.drawId}` },
      entity: { name: entity.name, uscc: entity.uscc },
      items: items.map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis })),
      windowStart: task.windowStart,
      windowEnd: task.windowEnd,
      validOn,
      team: task.team.map((m) => {
        const p = people.find((x) => x.id === m.inspectorId);
        return {
          name: p?.name ?? '',
          certificateNumber: m.certificateNumber,
          department: deptName(m.departmentId),
          leader: m.leader,
          certificateValidFrom: p?.from ?? '',
          certificateValidUntil: p?.until ?? '',
          certificateValid: p?.valid ?? false,
        };
      }),
    };
  }
}
