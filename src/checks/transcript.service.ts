import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { Clock } from '../common/clock';
import { chinaTime } from '../common/validation';
import { RectificationOrder, type RecordState } from './check-record.entity';
import { CheckCodesService } from './check-codes.service';
import { RecordsService } from './records.service';
import { resultLabel } from './result-codes';
import { TasksService } from './tasks.service';
import { renderTranscript } from './transcript-pdf';

export const RECORD_STATE_LABELS: Record<RecordState, string> = {
  in_progress: '填写中',
  submitted: '已提交',
  returned: '已退回修改',
  approved: '已审批',
  published: '已公开',
};

/**
 * The printable 现场检查笔录 of a record: whoever may see the record may print it (the records
 * module's rules: team, the departments' supervisors and legal reviewers, admins; others "not found").
 */
@Injectable()
export class TranscriptService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordsService,
    private readonly tasks: TasksService,
    private readonly codes: CheckCodesService,
    private readonly clock: Clock,
  ) {}

  async pdf(user: AuthUser, recordId: string): Promise<{ bytes: Buffer; fileName: string }> {
    const em = this.dataSource.manager;
    const { record: r, task } = await this.records.load(em, user, recordId);
    const [view] = await this.tasks.views(em, [task]);
    const code = await this.codes.codeOf(em, task.id);
    const departments: { id: string; name: string }[] = await em.query('SELECT id, name FROM departments WHERE id = ANY($1::uuid[])', [[task.departmentId, ...task.team.map((m) => m.departmentId)]]);
    const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? '';
    const orders = await em.getRepository(RectificationOrder).find({ where: { recordId }, order: { issuedOn: 'ASC', createdAt: 'ASC' } });
    const bytes = renderTranscript({
      recordId: r.id,
      stateLabel: RECORD_STATE_LABELS[r.state],
      draft: r.state === 'in_progress' || r.state === 'returned',
      department: deptName(task.departmentId),
      plan: { id: task.planId, name: view.planName },
      drawId: task.drawId,
      taskId: task.id,
      windowStart: task.windowStart,
      windowEnd: task.windowEnd,
      checkDate: r.checkDate,
      place: r.place,
      entity: { name: view.entity.name, uscc: view.entity.uscc, address: view.entity.registeredAddress },
      team: view.team.map((m) => {
        const present = r.inspectorsPresent.find((p) => p.inspectorId === m.inspectorId);
        return { name: m.name, certificateNumber: m.certificateNumber, department: deptName(m.departmentId), present: !!present, certificateShown: !!present?.certificateShown };
      }),
      representative: r.representative,
      items: view.items.map((i) => {
        const x = r.findings.find((f) => f.itemVersionId === i.itemVersionId);
        return { code: i.code, name: i.name, legalBasis: i.legalBasis, subItems: i.subItems, finding: x ? { compliant: x.compliant, description: x.description, legalClause: x.legalClause } : null };
      }),
      results: r.resultCodes.map(resultLabel),
      rectifications: orders.map((o) => ({ requirement: o.requirement, workingDays: o.workingDays, issuedOn: o.issuedOn, dueOn: o.dueOn })),
      checkCodeUrl: code.url,
      printedAt: chinaTime(this.clock.now()),
    });
    return { bytes, fileName: `现场检查笔录-${view.entity.name}-${r.checkDate ?? r.id.slice(0, 8)}.pdf` };
  }
}
