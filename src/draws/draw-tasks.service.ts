import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import type { TeamMember } from './draw.entity';
import { DrawTaskDto, DrawTasksQueryDto } from './dto/draw-tasks.dto';

/**
 * The tasks of a draw, as the console lists them: paged and filtered in the database, in ticket
 * order. This module owns `tasks`; other modules ask here instead of reading the table.
 */
@Injectable()
export class DrawTasksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A draw's tasks; the draw is visible to its plan's lead and joint departments (else 404, as GET /draws/{id}). */
  async tasksOfDraw(user: AuthUser, drawId: string, query: DrawTasksQueryDto): Promise<Page<DrawTaskDto>> {
    const scope = departmentScope(user);
    const visible: { id: string }[] = await this.dataSource.query(
      `SELECT d.id FROM draws d JOIN plans p ON p.id = d.plan_id
        WHERE d.id = $1 AND ($2::uuid IS NULL OR p.department_id = $2::uuid OR $2::uuid = ANY(p.joint_department_ids))`,
      [drawId, scope],
    );
    if (!visible.length) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const staffedState = query.staffed === undefined ? null : query.staffed ? 'assigned' : 'unstaffed';
    const where = `t.draw_id = $1 AND ($2::text IS NULL OR t.state = $2) AND ($3::text IS NULL OR t.state = $3)`;
    const params = [drawId, query.state ?? null, staffedState];
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM tasks t WHERE ${where}`, params);
    const { skip, take } = pageWindow(query);
    const rows: { id: string; position: number; stratum: string; state: DrawTaskDto['state']; entityId: string; entityName: string; uscc: string; windowStart: string; windowEnd: string; team: TeamMember[]; recordId: string | null; recordState: string | null }[] =
      await this.dataSource.query(
        `SELECT t.id, t.position, t.stratum, t.state, t.entity_id AS "entityId", e.name AS "entityName", t.uscc,
                to_char(t.window_start, 'YYYY-MM-DD') AS "windowStart", to_char(t.window_end, 'YYYY-MM-DD') AS "windowEnd", t.team,
                r.id AS "recordId", r.state AS "recordState"
           FROM tasks t
           JOIN regulated_entities e ON e.id = t.entity_id
           LEFT JOIN check_records r ON r.task_id = t.id
          WHERE ${where}
          ORDER BY t.position, t.id
          LIMIT $4 OFFSET $5`,
        [...params, take, skip],
      );
    const names: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM inspectors WHERE id = ANY($1::uuid[])', [rows.flatMap((r) => r.team.map((m) => m.inspectorId))]);
    const nameOf = new Map(names.map((x) => [x.id, x.name]));
    return toPage(
      rows.map((r) => ({
        id: r.id,
        position: r.position,
        stratum: r.stratum,
        state: r.state,
        entity: { id: r.entityId, name: r.entityName, uscc: r.uscc },
        windowStart: r.windowStart,
        windowEnd: r.windowEnd,
        team: r.team.map((m) => ({ inspectorId: m.inspectorId, name: nameOf.get(m.inspectorId) ?? '', certificateNumber: m.certificateNumber, departmentId: m.departmentId, leader: m.leader })),
        record: r.recordId ? { id: r.recordId, state: r.recordState! } : null,
      })),
      n,
      query,
    );
  }

  /**
   * Targets of current (not superseded) draws whose team could not be filled, for the lead
   * department (all with null), and the draws they are in, oldest first.
   */
  async countUnstaffedTargets(departmentId: string | null): Promise<{ count: number; drawIds: string[] }> {
    const rows: { drawId: string; n: number }[] = await this.dataSource.query(
      `SELECT t.draw_id AS "drawId", count(*)::int AS n
         FROM tasks t JOIN draws d ON d.id = t.draw_id
        WHERE t.state = 'unstaffed' AND d.superseded_at IS NULL AND ($1::uuid IS NULL OR t.department_id = $1::uuid)
        GROUP BY t.draw_id, d.created_at
        ORDER BY d.created_at, t.draw_id`,
      [departmentId],
    );
    return { count: rows.reduce((s, r) => s + r.n, 0), drawIds: rows.map((r) => r.drawId) };
  }
}
