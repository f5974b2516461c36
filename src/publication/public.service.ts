import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { cappedTotal } from '../common/name-search';
import { PublicReadPool } from '../database/public-read-pool';
import { CompletenessDto, CompletenessStatus, COMPLETENESS_STATUSES, PublicEntityDto, PublicResultDto, PublicResultPageDto, PublicResultsQueryDto } from './dto/public.dto';
import { extractDate } from './catalogue.service';
import { Publication, PUBLIC_VISIBLE_SQL } from './publication.entity';
import { resultsStatements } from './results-query';

const VISIBLE = PUBLIC_VISIBLE_SQL;

interface RawPublication {
  id: string;
  version: number;
  state: Publication['state'];
  published_at: Date;
  payload: Publication['payload'];
  correction_reason: string | null;
  withdrawn_reason: string | null;
  withdrawn_at: Date | null;
}

function fromRaw(r: RawPublication): Publication {
  return { id: r.id, version: r.version, state: r.state, publishedAt: r.published_at, payload: r.payload, correctionReason: r.correction_reason, withdrawnReason: r.withdrawn_reason, withdrawnAt: r.withdrawn_at } as Publication;
}

/** The public side of 一公开: results search, an entity's checks, completeness per draw. No account. */
@Injectable()
export class PublicService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PublicReadPool,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async results(q: PublicResultsQueryDto): Promise<PublicResultPageDto> {
    // Plain parameterised SQL (no query builder): this is the busiest public route.
    const { page, count, capped } = resultsStatements(q);
    // The count and the page in parallel (two connections), not one after the other: half the latency.
    const [rows, [{ n }]] = await Promise.all([this.reads.query<RawPublication>(page.sql, page.params), this.reads.query<{ n: number }>(count.sql, count.params)]);
    const total = capped ? cappedTotal(n) : { totalCount: n, totalCountCapped: false };
    return { items: rows.map((r) => publicView(fromRaw(r))), meta: { ...total, pageNumber: q.pageNumber, pageSize: q.pageSize, totalPages: Math.ceil(total.totalCount / q.pageSize), extractDate: extractDate() } };
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
    const rows: { uscc: string; name: string; task_state: string; record_state: string | null; pub_state: string | null; check_date: string | null; deadline: string | null; due: boolean | null }[] = await this.dataSource.query(
      `SELECT t.uscc, e.name, t.state AS task_state, r.state AS record_state, p.state AS pub_state, to_char(p.check_date, 'YYYY-MM-DD') AS check_date, to_char(p.deadline, 'YYYY-MM-DD') AS deadline,
              (p.published_at IS NOT NULL AND p.published_at <= now()) AS due
         FROM tasks t
         JOIN regulated_entities e ON e.id = t.entity_id
         LEFT JOIN check_records r ON r.task_id = t.id
         LEFT JOIN publications p ON p.record_id = r.id AND p.current
        WHERE t.draw_id = $1
        ORDER BY t.position`,
      [drawId],
    );
    const today = this.clock.today();
    const cal = await this.calendar.calendar();
    const targets = rows.map((r) => ({ uscc: r.uscc, name: r.name, status: statusOf(r, today), deadline: r.deadline, deadlineProvisional: r.deadline && r.check_date ? cal.provisionalYearsBetween(r.check_date, r.deadline).length > 0 : false }));
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


