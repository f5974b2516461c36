import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { likeContains } from '../common/sql';
import { todayInChina } from '../common/validation';
import { CompletenessDto, CompletenessStatus, COMPLETENESS_STATUSES, PublicEntityDto, PublicResultDto, PublicResultPageDto, PublicResultsQueryDto } from './dto/public.dto';
import { Publication } from './publication.entity';

/** Visible to the public: published (or later withdrawn) and due (a scheduled time has come). */
const VISIBLE = `p.state IN ('published', 'withdrawn') AND p.published_at <= now()`;

/** The public side of 一公开: results search, an entity's checks, completeness per draw. No account. */
@Injectable()
export class PublicService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async results(q: PublicResultsQueryDto): Promise<PublicResultPageDto> {
    const qb = this.dataSource.getRepository(Publication).createQueryBuilder('p').where(`${VISIBLE} AND p.current`);
    if (q.q) qb.andWhere(`p.entity_name ILIKE :q ESCAPE '\\'`, { q: likeContains(q.q) });
    if (q.uscc) qb.andWhere('p.uscc = :uscc', { uscc: q.uscc });
    if (q.department) qb.andWhere('p.department_id = :department', { department: q.department });
    if (q.item) qb.andWhere(':item = ANY(p.item_codes)', { item: q.item });
    if (q.year) qb.andWhere('p.check_date >= :ys AND p.check_date < :ye', { ys: `${q.year}-01-01`, ye: `${q.year + 1}-01-01` });
    if (q.resultCode) qb.andWhere(':code = ANY(p.result_codes)', { code: q.resultCode });
    if (q.from) qb.andWhere('p.check_date >= :from', { from: q.from });
    if (q.to) qb.andWhere('p.check_date <= :to', { to: q.to });
    if (q.sort === 'name') qb.orderBy('p.entity_name', 'ASC').addOrderBy('p.check_date', 'DESC');
    else qb.orderBy('p.check_date', q.sort === 'date_asc' ? 'ASC' : 'DESC').addOrderBy('p.entity_name', 'ASC');
    qb.addOrderBy('p.id', 'ASC');
    const [rows, total] = await qb.skip((q.pageNumber - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: rows.map(publicView), meta: { totalCount: total, pageNumber: q.pageNumber, pageSize: q.pageSize, totalPages: Math.ceil(total / q.pageSize), extractDate: extractDate() } };
  }

  async entity(uscc: string): Promise<PublicEntityDto> {
    const rows = await this.dataSource.getRepository(Publication).createQueryBuilder('p').where(`${VISIBLE} AND p.uscc = :uscc`, { uscc }).orderBy('p.check_date', 'DESC').addOrderBy('p.version', 'DESC').getMany();
    if (!rows.length) throw new NotFoundError('公开的检查结果', 'ENTITY_NOT_FOUND');
    const current = rows.filter((r) => r.current);
    return { uscc, name: (current[0] ?? rows[0]).entityName, results: current.map(publicView), history: rows.filter((r) => !r.current).map(publicView) };
  }

  /** Every target of a draw with where it stands, so nobody can drop a result quietly. */
  async completeness(drawId: string): Promise<CompletenessDto> {
    const exists: unknown[] = await this.dataSource.query('SELECT 1 FROM draws WHERE id = $1', [drawId]);
    if (!exists.length) throw new NotFoundError('抽取记录', 'DRAW_NOT_FOUND');
    const rows: { uscc: string; name: string; task_state: string; record_state: string | null; pub_state: string | null; deadline: string | null; due: boolean | null }[] = await this.dataSource.query(
      `SELECT t.uscc, e.name, t.state AS task_state, r.state AS record_state, p.state AS pub_state, to_char(p.deadline, 'YYYY-MM-DD') AS deadline,
              (p.published_at IS NOT NULL AND p.published_at <= now()) AS due
         FROM tasks t
         JOIN regulated_entities e ON e.id = t.entity_id
         LEFT JOIN check_records r ON r.task_id = t.id
         LEFT JOIN publications p ON p.record_id = r.id AND p.current
        WHERE t.draw_id = $1
        ORDER BY t.position`,
      [drawId],
    );
    const today = todayInChina();
    const targets = rows.map((r) => ({ uscc: r.uscc, name: r.name, status: statusOf(r, today), deadline: r.deadline }));
    const counts = Object.fromEntries(COMPLETENESS_STATUSES.map((s) => [s, targets.filter((t) => t.status === s).length])) as Record<CompletenessStatus, number>;
    return { drawId, drawn: targets.length, published: counts.published, counts, targets, extractDate: extractDate() };
  }
}

function statusOf(r: { task_state: string; record_state: string | null; pub_state: string | null; deadline: string | null; due: boolean | null }, today: string): CompletenessStatus {
  if (r.task_state === 'unstaffed') return 'unstaffed';
  if (r.task_state === 'cancelled') return 'cancelled';
  if (r.pub_state === 'published' && r.due) return 'published';
  if (r.pub_state === 'withdrawn' && r.due) return 'withdrawn';
  if (r.pub_state) return r.deadline! < today ? 'overdue' : 'within_deadline';
  if (!r.record_state) return 'not_started';
  return r.record_state === 'submitted' ? 'under_review' : 'in_progress';
}

function publicView(p: Publication): PublicResultDto {
  return {
    id: p.id,
    version: p.version,
    status: p.state === 'withdrawn' ? 'withdrawn' : 'published',
    publishedAt: p.publishedAt!.toISOString(),
    result: p.payload,
    correctionReason: p.correctionReason,
    withdrawn: p.state === 'withdrawn' ? { reason: p.withdrawnReason!, at: p.withdrawnAt!.toISOString() } : null,
  };
}

function extractDate(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}
