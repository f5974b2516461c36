import { Injectable } from '@nestjs/common';
import { AuthUser, departmentScope } from '../auth/roles';
import { CaseViews } from '../cases/case-views.service';
import { RecordListService } from '../checks/record-list.service';
import { RectificationsService } from '../checks/rectifications.service';
import { Clock } from '../common/clock';
import { DrawTasksService } from '../draws/draw-tasks.service';
import { InspectorsService } from '../inspectors/inspectors.service';
import { PlansService } from '../plans/plans.service';
import { PublicationService } from '../publication/publication.service';
import { TodoCountDto, TodoDto, TodoQueryDto } from './dto/todo.dto';

/**
 * The to-do page (工作台): counts of what needs doing, each with the list route and filters that list
 * exactly those entries. Only other modules' count functions, so each count and its list share one condition.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly records: RecordListService,
    private readonly rectifications: RectificationsService,
    private readonly publications: PublicationService,
    private readonly plans: PlansService,
    private readonly inspectors: InspectorsService,
    private readonly drawTasks: DrawTasksService,
    private readonly cases: CaseViews,
    private readonly clock: Clock,
  ) {}

  async todo(user: AuthUser, query: TodoQueryDto): Promise<TodoDto> {
    const departmentId = user.role === 'admin' ? (query.departmentId ?? null) : departmentScope(user);
    const dept: Record<string, string> = user.role === 'admin' && departmentId ? { departmentId } : {};
    const count = (key: TodoCountDto['key'], label: string, n: number, route: string, q: Record<string, string>, drawIds: string[] = []): TodoCountDto => ({ key, label, count: n, route, query: q, drawIds });
    const records = await this.records.countAwaiting(departmentId);
    if (user.role === 'legal_reviewer') {
      return { role: user.role, departmentId, today: this.clock.today(), items: [count('records_awaiting_legal_review', '待法制审核', records.awaitingLegalReview, '/legal-reviews/queue', {})] };
    }
    const [due, rectifications, awaitingDraw, expiring, unstaffed, cases] = await Promise.all([
      this.publications.countDue(departmentId),
      this.rectifications.countOverdue(departmentId),
      this.plans.countAwaitingDraw(departmentId),
      this.inspectors.countExpiringCertificates(departmentId),
      this.drawTasks.countUnstaffedTargets(departmentId),
      this.cases.countTodo(departmentId),
    ]);
    const warnDays = this.inspectors.certificateWarningDays();
    return {
      role: user.role,
      departmentId,
      today: this.clock.today(),
      items: [
        count('results_awaiting_approval', '待审批检查结果', records.awaitingApproval, '/records', { state: 'awaiting_approval', ...dept }),
        count('records_awaiting_legal_review', '待法制审核', records.awaitingLegalReview, '/records', { state: 'awaiting_legal_review', ...dept }),
        count('publications_due_soon', `即将超期的公示（剩余 ≤ ${due.dueSoonWorkingDays} 个工作日）`, due.dueSoon, '/publications', { status: 'due_soon', ...dept }),
        count('publications_overdue', '已超期未公示', due.overdue, '/publications', { status: 'overdue', ...dept }),
        count('rectifications_overdue', '整改期限已到未复查', rectifications, '/rectifications', { overdue: 'true', ...dept }),
        count('draws_awaiting_randomness', '待抽取的计划（等待随机数）', awaitingDraw, '/plans', { state: 'published', ...dept }),
        count('certificates_expiring', `执法证件即将到期（${warnDays} 天内）`, expiring, '/inspectors/expiring-certificates', { withinDays: String(warnDays), ...dept }),
        count('unstaffed_targets', '未配齐检查组的检查对象', unstaffed.count, '/draws/{id}/tasks', { staffed: 'false' }, unstaffed.drawIds),
        count('cases_awaiting_approval', '待立案审批的案件', cases.awaitingApproval, '/cases', { state: 'pending_approval', ...dept }),
        count('case_decisions_due_soon', `即将超期的行政处罚决定公示（剩余 ≤ ${cases.dueSoonWorkingDays} 个工作日）`, cases.dueSoon, '/cases', { publication: 'due_soon', ...dept }),
        count('case_decisions_overdue', '已超期未公示的行政处罚决定', cases.overdue, '/cases', { publication: 'overdue', ...dept }),
      ],
    };
  }
}
