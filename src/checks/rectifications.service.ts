import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/http/paging';
import { todayInChina } from '../common/validation';
import { CalendarService, deadlineAfter } from '../calendar/calendar.service';
import { RectificationOrder } from './check-record.entity';
import { CreateRectificationDto, FollowUpDto, RectificationDto, RectificationQueryDto } from './dto/rectification.dto';
import { AuditService } from '../audit/audit.service';
import { RecordsService } from './records.service';
import { canSupervise, isOnTeam } from './task-access';

/**
 * 责令改正: an order with a deadline counted in working days (national holidays and 调休 make-up
 * days), its follow-up check, and the supervisors' list of what is overdue.
 */
@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
  ) {}

  async create(user: AuthUser, recordId: string, dto: CreateRectificationDto): Promise<RectificationDto> {
    return this.dataSource.transaction(async (em) => {
      const { record, task, inspectorId } = await this.records.load(em, user, recordId, true);
      if (!isOnTeam(task, inspectorId) && !canSupervise(user, task)) throw new ForbiddenError('NOT_ON_TEAM', '只有检查组成员或牵头部门抽查负责人可以下达责令改正');
      if (!record.findings.some((f) => !f.compliant)) throw new ConflictError('NO_PROBLEM_FOUND', '检查记录中没有记录问题，无需责令改正');
      if (dto.issuedOn > todayInChina()) throw new BadRequestError('ISSUED_IN_FUTURE', '下达日期不能晚于今天', [{ field: 'issuedOn' }]);
      const saved = await em.getRepository(RectificationOrder).save(
        em.getRepository(RectificationOrder).create({ recordId, departmentId: record.departmentId, requirement: dto.requirement, workingDays: dto.workingDays, issuedOn: dto.issuedOn, dueOn: deadlineAfter(await this.calendar.calendar(em), dto.issuedOn, dto.workingDays, '工作日期限', 'issuedOn'), createdBy: user.id }),
      );
      await this.audit.append(em, { actorId: user.id, action: 'rectification.create', subjectType: 'rectification_order', subjectId: saved.id, after: saved, details: { recordId, dueOn: saved.dueOn } });
      return view(saved, todayInChina());
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
      if (dto.followedUpOn < order.issuedOn || dto.followedUpOn > todayInChina()) throw new BadRequestError('FOLLOW_UP_DATE_INVALID', '复查日期须在下达日期之后且不晚于今天', [{ field: 'followedUpOn' }]);
      const before = { ...order };
      Object.assign(order, { followedUpOn: dto.followedUpOn, rectified: dto.rectified, followUpNote: dto.note ?? null });
      const saved = await em.getRepository(RectificationOrder).save(order);
      await this.audit.append(em, { actorId: user.id, action: 'rectification.follow_up', subjectType: 'rectification_order', subjectId: id, before, after: saved, details: { rectified: dto.rectified } });
      return view(saved, todayInChina());
    });
  }

  /** The department's orders; `overdue=true`: past the deadline with no follow-up. */
  async list(user: AuthUser, query: RectificationQueryDto): Promise<Page<RectificationDto>> {
    const scope = departmentScope(user);
    const today = todayInChina();
    const qb = this.dataSource.getRepository(RectificationOrder).createQueryBuilder('o');
    if (scope) qb.andWhere('o.department_id = :scope', { scope });
    if (query.overdue) qb.andWhere('o.followed_up_on IS NULL AND o.due_on < :today', { today });
    const [rows, total] = await qb.orderBy('o.due_on', 'ASC').addOrderBy('o.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return toPage(rows.map((r) => view(r, today)), total, query);
  }

}

function view(o: RectificationOrder, today: string): RectificationDto {
  return {
    id: o.id,
    recordId: o.recordId,
    requirement: o.requirement,
    workingDays: o.workingDays,
    issuedOn: o.issuedOn,
    dueOn: o.dueOn,
    followedUpOn: o.followedUpOn,
    rectified: o.rectified,
    followUpNote: o.followUpNote,
    overdue: o.followedUpOn === null && o.dueOn < today,
    version: o.version,
  };
}
