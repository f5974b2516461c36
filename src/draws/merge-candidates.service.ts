import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { Page, toPage } from '../common/http/paging';
import { LIVE_TASK_SQL } from './draw.entity';
import { MergeCandidateDto, MergeCandidatesQueryDto } from './dto/merge-candidates.dto';

/**
 * 综合查一次: targets drawn by two or more departments with windows starting in the same quarter,
 * proposed for one joint visit. Matched by USCC (each department keeps its own directory). A
 * department sees the targets it drew itself, with the other departments' tasks for them.
 */
@Injectable()
export class MergeCandidatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: MergeCandidatesQueryDto): Promise<Page<MergeCandidateDto>> {
    const scope = departmentScope(user);
    const from = `${query.year}-${String(query.quarter * 3 - 2).padStart(2, '0')}-01`;
    const to = query.quarter === 4 ? `${query.year + 1}-01-01` : `${query.year}-${String(query.quarter * 3 + 1).padStart(2, '0')}-01`;
    const [row]: { total: number; items: MergeCandidateDto[] | null }[] = await this.dataSource.query(
      `WITH g AS (
         SELECT t.uscc, min(e.name) AS name,
                json_agg(json_build_object('taskId', t.id, 'planId', t.plan_id, 'drawId', t.draw_id, 'departmentId', t.department_id, 'departmentName', d.name,
                                           'windowStart', to_char(t.window_start, 'YYYY-MM-DD'), 'windowEnd', to_char(t.window_end, 'YYYY-MM-DD'))
                         ORDER BY t.window_start, d.name, t.id) AS tasks
           FROM tasks t
           JOIN regulated_entities e ON e.id = t.entity_id
           JOIN departments d ON d.id = t.department_id
          WHERE ${LIVE_TASK_SQL} AND t.window_start >= $1::date AND t.window_start < $2::date
          GROUP BY t.uscc
         HAVING count(DISTINCT t.department_id) >= 2 AND ($3::uuid IS NULL OR bool_or(t.department_id = $3::uuid))
       )
       SELECT (SELECT count(*) FROM g)::int AS total,
              (SELECT json_agg(p ORDER BY p.uscc) FROM (SELECT * FROM g ORDER BY uscc LIMIT $4 OFFSET $5) p) AS items`,
      [from, to, scope, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return toPage(row.items ?? [], row.total, query);
  }
}
