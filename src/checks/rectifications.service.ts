import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/http/paging';
import { Clock } from '../common/clock';
import { CalendarService, deadlineAfter, NoticeEntered } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { RectificationOrder } from './check-record.entity';
import { CreateRectificationDto, FollowUpDto, RectificationDto, RectificationQueryDto } from './dto/rectification.dto';
import { AuditService } from '../audit/audit.service';
import { RecordsService } from './records.service';
import { PublicationService } from '../publication/publication.service';
import { issuedOnViolation } from './record-rules';
import { canSupervise, isOnTeam } from './task-access';

/**
 * 责令改正: an order with a deadline counted in working days (national holidays and 调休 make-up
 * days), its follow-up check, and the supervisors' list of what is overdue.
 */
@Injectable()
export class RectificationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly publications: PublicationService,
  ) {}

  onModuleInit(): void {
    this.calendar.onNoticeEntered('rectifications', (em, cal, notice) => this.recomputeDeadlines(em, cal, notice));
  }

  /** A year's notice is in: open orders whose deadline counted days of that year follow it (each change audited). */
  private async recomputeDeadlines(em: EntityManager, cal: WorkingCalendar, notice: NoticeEntered): Promise<number> {
    const rows = await em
      .getRepository(RectificationOrder)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.followed_up_on IS NULL AND o.due_on >= :first AND o.issued_on <= :last', { first: `${notice.year}-01-01`, last: `${notice.year}-12-31` })
      .orderBy('o.id')
      .getMany();
    let changed = 0;
    for (const o of rows) {
      const dueOn = deadlineAfter(cal, o.issuedOn, o.workingDays, '工作日期限');
      if (dueOn === o.dueOn) continue;
      // A new version: a follow-up prepared against the old deadline is refused and re-read.
      await em.getRepository(RectificationOrder).update({ id: o.id }, { dueOn, version: o.version + 1 });
      await this.audit.append(em, { actorId: notice.actorId, action: 'rectification.deadline_recompute', subjectType: 'rectification_order', subjectId: o.id, before: { dueOn: o.dueOn }, after: { dueOn }, details: { year: notice.year, source: notice.source, dueOnBefore: o.dueOn, dueOnAfter: dueOn } });
      changed += 1;
    }
    return changed;
  }

  async create(user: AuthUser, recordId: string, dto: CreateRectificationDto): Promise<RectificationDto> {
    return this.dataSource.transaction(async (em) => {
      const { record, task, inspectorId } = await this.records.load(em, user, recordId, true);
      if (!isOnTeam(task, inspectorId) && !canSupervise(user, task)) throw new ForbiddenError('NOT_ON_TEAM', '只有检查组成员或牵头部门抽查负责人可以下达责令改正');
      if (!record.findings.some((f) => !f.compliant)) throw new ConflictError('NO_PROBLEM_FOUND', '检查记录中没有记录问题，无需责令改正');
      if (dto.issuedOn > this.clock.today()) throw new BadRequestError('ISSUED_IN_FUTURE', '下达日期不能晚于今天', [{ field: 'issuedOn' }]);
      const beforeCheck = issuedOnViolation(dto.issuedOn, record.checkDate);
      if (beforeCheck) throw new BadRequestError(beforeCheck.code, beforeCheck.message, [beforeCheck]);
      const cal = await this.calendar.calendar(em);
      const saved = await em.getRepository(RectificationOrder).save(
        em.getRepository(RectificationOrder).create({ recordId, departmentId: record.departmentId, requirement: dto.requirement, workingDays: dto.workingDays, issuedOn: dto.issuedOn, dueOn: deadlineAfter(cal, dto.issuedOn, dto.workingDays, '工作日期限', 'issuedOn'), createdBy: user.id }),
      );
      await this.audit.append(em, { actorId: user.id, action: 'rectification.create', subjectType: 'rectification_order', subjectId: saved.id, after: saved, details: { recordId, dueOn: saved.dueOn } });
      await this.publications.rectificationChanged(em, recordId, user.id, `${saved.issuedOn}下达责令改正，限期至${saved.dueOn}`);
      return view(saved, this.clock.today(), cal);
    });
  }

  async followUp(user: AuthUser, id: string, dto: FollowUpDto): Promise<RectificationDto> {
    return this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(RectificationOrder).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new NotFoundError('责令改正', 'RECTIFICATION_NOT_FOUND');
      const { task, inspectorId } = await this.records.load(em, user, order.recordId).catch(() => {
        throw new NotFoundError('责令改正', 'RECTIFICATION_NOT_FOUND');
      });
      if (!isOnTeam(task, inspectorId) && !canSupervise(user, task)) throw new ForbiddenError('NOT_ON_TEAM', '只有检查组成员或牵头部门抽查负责人可以记录复查结果');
      if (order.version !== dto.version) throw new ConflictError('VERSION_CONFLICT', '整改记录已被他人修改，请刷新后重试', [{ field: 'version' }]);
      if (order.followedUpOn) throw new ConflictError('ALREADY_FOLLOWED_UP', '已记录复查结果');
      if (dto.followedUpOn < order.issuedOn || dto.followedUpOn > this.clock.today()) throw new BadRequestError('FOLLOW_UP_DATE_INVALID', '复查日期须在下达日期之后且不晚于今天', [{ field: 'followedUpOn' }]);
      const before = { ...order };
      Object.assign(order, { followedUpOn: dto.followedUpOn, rectified: dto.rectified, followUpNote: dto.note ?? null });
      const saved = await em.getRepository(RectificationOrder).save(order);
      await this.audit.append(em, { actorId: user.id, action: 'rectification.follow_up', subjectType: 'rectification_order', subjectId: id, before, after: saved, details: { rectified: dto.rectified } });
      await this.publications.rectificationChanged(em, order.recordId, user.id, `${order.issuedOn}下达的责令改正经${dto.followedUpOn}复查${dto.rectified ? '已整改到位' : '未整改到位'}`);
      return view(saved, this.clock.today(), await this.calendar.calendar(em));
    });
  }

  /** The department's orders; `overdue=true`: past the deadline with no follow-up. */
  async list(user: AuthUser, query: RectificationQueryDto): Promise<Page<RectificationDto>> {
    const scope = departmentScope(user);
    const today = this.clock.today();
    const cal = await this.calendar.calendar();
    const qb = this.dataSource.getRepository(RectificationOrder).createQueryBuilder('o');
    if (scope) qb.andWhere('o.department_id = :scope', { scope });
    if (query.departmentId) qb.andWhere('o.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.overdue) qb.andWhere('o.followed_up_on IS NULL AND o.due_on < :today', { today });
    const [rows, total] = await qb.orderBy('o.due_on', 'ASC').addOrderBy('o.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return toPage(rows.map((r) => view(r, today, cal)), total, query);
  }

  /** The to-do count of GET /rectifications?overdue=true (same condition). null: all departments. */
  async countOverdue(departmentId: string | null): Promise<number> {
    const qb = this.dataSource.getRepository(RectificationOrder).createQueryBuilder('o').where('o.followed_up_on IS NULL AND o.due_on < :today', { today: this.clock.today() });
    if (departmentId) qb.andWhere('o.department_id = :departmentId', { departmentId });
    return qb.getCount();
  }

}

function view(o: RectificationOrder, today: string, cal: WorkingCalendar): RectificationDto {
  return {
    id: o.id,
    recordId: o.recordId,
    requirement: o.requirement,
    workingDays: o.workingDays,
    issuedOn: o.issuedOn,
    dueOn: o.dueOn,
    deadlineProvisional: cal.provisionalYearsBetween(o.issuedOn, o.dueOn).length > 0,
    followedUpOn: o.followedUpOn,
    rectified: o.rectified,
    followUpNote: o.followUpNote,
    overdue: o.followedUpOn === null && o.dueOn < today,
    version: o.version,
  };
}
