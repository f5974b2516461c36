/**
 * What a check record must hold before it can be submitted (现场检查记录). Pure: every rule names
 * the field it concerns, so the inspector on site sees all that is missing at once.
 */
import { checkResultCodes } from './result-codes';

export interface TeamMemberRef {
  inspectorId: string;
  certificateNumber: string;
}

export interface RecordContent {
  checkDate: string | null;
  place: string | null;
  inspectorsPresent: { inspectorId: string; certificateShown: boolean }[];
  representative: { name: string; role: string } | null;
  findings: { itemVersionId: string; compliant: boolean; description: string | null; legalClause: string | null }[];
  resultCodes: string[];
}

export interface SubmissionContext {
  team: TeamMemberRef[];
  itemVersionIds: string[];
  windowStart: string;
  windowEnd: string;
  /** The date (Beijing time) of the draw the task comes from. */
  drawDate: string;
  today: string;
  minInspectors: number;
  /** Inspectors present whose certificate was not valid, or who were not active, on the check date. */
  notCertifiedOnCheckDate?: string[];
}

export interface RuleViolation {
  field: string;
  code: string;
  message: string;
}

export function submissionViolations(r: RecordContent, ctx: SubmissionContext): RuleViolation[] {
  const out: RuleViolation[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  if (!r.checkDate) add('checkDate', 'CHECK_DATE_REQUIRED', '请填写检查日期');
  else {
    const wrong = checkDateViolation(r.checkDate, ctx);
    if (wrong) out.push(wrong);
  }
  if (!r.place?.trim()) add('place', 'PLACE_REQUIRED', '请填写检查地点');
  out.push(...presentViolations(r.inspectorsPresent, ctx));
  r.inspectorsPresent.forEach((p, i) => {
    if (ctx.notCertifiedOnCheckDate?.includes(p.inspectorId)) add(`inspectorsPresent[${i}].inspectorId`, 'CERTIFICATE_NOT_VALID', '该执法人员在检查日期执法证件无效或处于暂停/注销状态');
  });
  if (!r.representative?.name.trim()) add('representative', 'REPRESENTATIVE_REQUIRED', '请填写在场的被检查单位人员（姓名、职务）');
  const items = new Set(ctx.itemVersionIds);
  const covered = new Set(r.findings.map((f) => f.itemVersionId));
  r.findings.forEach((f, i) => {
    if (!items.has(f.itemVersionId)) add(`findings[${i}].itemVersionId`, 'FINDING_ITEM_NOT_IN_PLAN', '该事项不属于本次抽查');
    if (!f.compliant && !f.description?.trim()) add(`findings[${i}].description`, 'PROBLEM_DESCRIPTION_REQUIRED', '发现问题须写明问题描述');
    if (!f.compliant && !f.legalClause?.trim()) add(`findings[${i}].legalClause`, 'PROBLEM_CLAUSE_REQUIRED', '发现问题须写明违反的法律条款');
  });
  if (covered.size !== r.findings.length) add('findings', 'FINDING_DUPLICATE', '同一事项只能记录一条检查情况');
  for (const id of ctx.itemVersionIds) if (!covered.has(id)) add('findings', 'FINDING_MISSING', '每个抽查事项都须记录检查情况');
  const codes = checkResultCodes(r.resultCodes, r.findings.some((f) => !f.compliant));
  if (codes) add('resultCodes', codes.code, codes.message);
  return out;
}

export type CheckDateContext = Pick<SubmissionContext, 'drawDate' | 'today' | 'windowStart' | 'windowEnd'>;

/**
 * A check happens after its task was drawn (the draw's date in Beijing time), not in the future, and within
 * the plan's window: wherever a check date is set (create, update) or relied on (submit).
 */
export function checkDateViolation(checkDate: string, ctx: CheckDateContext): RuleViolation | null {
  const v = (code: string, message: string): RuleViolation => ({ field: 'checkDate', code, message });
  if (checkDate > ctx.today) return v('CHECK_DATE_IN_FUTURE', '检查日期不能晚于今天');
  if (checkDate < ctx.drawDate) return v('CHECK_DATE_BEFORE_DRAW', `检查日期不能早于抽取日期（${ctx.drawDate}）`);
  if (checkDate < ctx.windowStart || checkDate > ctx.windowEnd) return v('CHECK_DATE_OUTSIDE_WINDOW', `检查日期须在检查期限内（${ctx.windowStart} 至 ${ctx.windowEnd}）`);
  return null;
}

/** 责令改正 follows the check that found the problem: an order dated before it would be counted in the wrong period. */
export function issuedOnViolation(issuedOn: string, checkDate: string | null): RuleViolation | null {
  if (!checkDate) return { field: 'issuedOn', code: 'CHECK_DATE_REQUIRED', message: '检查记录尚未填写检查日期，请先填写后再下达责令改正' };
  if (issuedOn < checkDate) return { field: 'issuedOn', code: 'ISSUED_BEFORE_CHECK', message: `下达日期不能早于检查日期（${checkDate}）` };
  return null;
}

/** At least the minimum present, all of them on the task's team, each having shown the certificate. */
export function presentViolations(present: RecordContent['inspectorsPresent'], ctx: Pick<SubmissionContext, 'team' | 'minInspectors'>): RuleViolation[] {
  const out: RuleViolation[] = [];
  const team = new Set(ctx.team.map((m) => m.inspectorId));
  const ids = present.map((p) => p.inspectorId);
  if (new Set(ids).size !== ids.length) out.push({ field: 'inspectorsPresent', code: 'INSPECTOR_DUPLICATE', message: '在场执法人员重复' });
  if (new Set(ids).size < ctx.minInspectors) out.push({ field: 'inspectorsPresent', code: 'TOO_FEW_INSPECTORS', message: `现场检查至少需要${ctx.minInspectors}名执法人员在场` });
  present.forEach((p, i) => {
    if (!team.has(p.inspectorId)) out.push({ field: `inspectorsPresent[${i}].inspectorId`, code: 'INSPECTOR_NOT_ON_TEAM', message: '该执法人员不在本任务的检查组内' });
    else if (!p.certificateShown) out.push({ field: `inspectorsPresent[${i}].certificateShown`, code: 'CERTIFICATE_NOT_SHOWN', message: '执法人员须出示执法证件' });
  });
  return out;
}

/** 重大执法决定: a fine above the configured amount, a licence revocation, or marked major. */
export function isMajorDecision(d: { penaltyYuan: number | null; licenceRevocation: boolean; marked: boolean } | null, majorPenaltyYuan: number): boolean {
  return !!d && (d.marked || d.licenceRevocation || (d.penaltyYuan !== null && d.penaltyYuan > majorPenaltyYuan));
}

/**
 * isMajorDecision as SQL on a check_records alias, for lists and counts filtered in the database; the
 * threshold is bound as parameter `$n`. Keep the two in step (the console e2e suite checks both).
 */
export function majorDecisionSql(alias: string, thresholdParam: string): string {
  const d = `${alias}.major_decision`;
  return `(${d} IS NOT NULL AND (COALESCE((${d}->>'marked')::boolean, false) OR COALESCE((${d}->>'licenceRevocation')::boolean, false) OR COALESCE((${d}->>'penaltyYuan')::numeric > ${thresholdParam}::numeric, false)))`;
}
