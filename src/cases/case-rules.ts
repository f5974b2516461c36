/**
 * The rules of a case (立案) that need no database: its states and what may follow what, the penalty
 * kinds of 《行政处罚法》第9条 as a code list with Chinese labels, what a decision must hold, and the
 * case number. Pure, table-tested (case-rules.spec.ts).
 */
import { isMajorDecision } from '../checks/record-rules';

export const CASE_STATES = ['pending_approval', 'not_filed', 'investigating', 'proposed', 'decided', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  pending_approval: '立案审批中',
  not_filed: '不予立案',
  investigating: '已立案调查中',
  proposed: '拟作出处理决定',
  decided: '已作出决定',
  closed: '已结案',
};

export const CASE_ACTIONS = ['approve', 'reject', 'note', 'propose', 'legal_review', 'decide', 'publish', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The states each action may start from (anything else is a 409 CASE_STATE_CONFLICT). */
export const ALLOWED_FROM: Record<CaseAction, readonly CaseState[]> = {
  approve: ['pending_approval'],
  reject: ['pending_approval'],
  note: ['investigating'],
  // A proposal may be revised until it is decided (a revision needs a new 法制审核 if major).
  propose: ['investigating', 'proposed'],
  legal_review: ['proposed'],
  decide: ['proposed'],
  publish: ['decided'],
  close: ['decided'],
};

const ACTION_LABELS: Record<CaseAction, string> = {
  approve: '立案审批',
  reject: '不予立案',
  note: '记录调查情况',
  propose: '提出处理意见',
  legal_review: '法制审核',
  decide: '作出决定',
  publish: '公示处罚决定',
  close: '结案',
};

/** null when allowed, else the Chinese reason. */
export function transitionRefusal(state: CaseState, action: CaseAction): string | null {
  if (ALLOWED_FROM[action].includes(state)) return null;
  return `案件当前状态为「${CASE_STATE_LABELS[state]}」，不能${ACTION_LABELS[action]}`;
}

/** 案件来源. */
export const CASE_SOURCES = ['check_record', 'complaint', 'referral', 'other_inspection', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  check_record: '双随机抽查发现',
  complaint: '投诉举报',
  referral: '其他机关移送',
  other_inspection: '其他检查发现',
  other: '其他',
};

/** 《行政处罚法》（2021）第9条的处罚种类. */
export const PENALTY_KINDS = [
  'WARNING',
  'CIRCULATED_CRITICISM',
  'FINE',
  'CONFISCATE_ILLEGAL_GAINS',
  'CONFISCATE_ILLEGAL_PROPERTY',
  'SUSPEND_LICENCE',
  'LOWER_QUALIFICATION',
  'REVOKE_LICENCE',
  'RESTRICT_PRODUCTION',
  'ORDER_SUSPENSION',
  'ORDER_CLOSURE',
  'RESTRICT_EMPLOYMENT',
  'OTHER',
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  WARNING: '警告',
  CIRCULATED_CRITICISM: '通报批评',
  FINE: '罚款',
  CONFISCATE_ILLEGAL_GAINS: '没收违法所得',
  CONFISCATE_ILLEGAL_PROPERTY: '没收非法财物',
  SUSPEND_LICENCE: '暂扣许可证件',
  LOWER_QUALIFICATION: '降低资质等级',
  REVOKE_LICENCE: '吊销许可证件',
  RESTRICT_PRODUCTION: '限制开展生产经营活动',
  ORDER_SUSPENSION: '责令停产停业',
  ORDER_CLOSURE: '责令关闭',
  RESTRICT_EMPLOYMENT: '限制从业',
  OTHER: '法律、行政法规规定的其他行政处罚',
};

/** The penalty kinds that act on a licence: each needs a licence measure naming the licence. */
export const LICENCE_PENALTY_KINDS = ['SUSPEND_LICENCE', 'LOWER_QUALIFICATION', 'REVOKE_LICENCE'] as const satisfies readonly PenaltyKind[];
export type LicenceMeasureKind = (typeof LICENCE_PENALTY_KINDS)[number];

export const OUTCOMES = ['penalty', 'no_penalty'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { penalty: '给予行政处罚', no_penalty: '不予行政处罚' };

export interface LicenceMeasure {
  kind: LicenceMeasureKind;
  /** e.g. 实验动物使用许可证. */
  licenceName: string;
  /** 暂扣 only: how long. */
  durationMonths: number | null;
}

export interface CaseDecision {
  outcome: Outcome;
  penalties: PenaltyKind[];
  /** 罚款, in fen (integer). */
  fineFen: number;
  /** 没收违法所得, in fen (integer). */
  confiscationFen: number;
  licenceMeasures: LicenceMeasure[];
  /** 主要违法事实: published with the decision, so no personal data. */
  facts: string;
  /** The supervisor or the team marks it major whatever the amount. */
  markedMajor: boolean;
}

export interface Violation {
  field: string;
  code: string;
  message: string;
}

/** Every inconsistency of a proposed decision, each naming its field. */
export function decisionViolations(d: CaseDecision): Violation[] {
  const out: Violation[] = [];
  const has = (k: PenaltyKind) => d.penalties.includes(k);
  if (new Set(d.penalties).size !== d.penalties.length) out.push({ field: 'penalties', code: 'PENALTY_DUPLICATE', message: '处罚种类不能重复' });
  if (d.outcome === 'no_penalty') {
    if (d.penalties.length || d.fineFen || d.confiscationFen || d.licenceMeasures.length) out.push({ field: 'outcome', code: 'NO_PENALTY_WITH_PENALTIES', message: '不予行政处罚的决定不能包含处罚种类、金额或许可证件措施' });
    return out;
  }
  if (!d.penalties.length) out.push({ field: 'penalties', code: 'PENALTY_REQUIRED', message: '给予行政处罚须选择至少一种处罚种类' });
  if (has('FINE') !== d.fineFen > 0) out.push({ field: 'fineFen', code: 'FINE_MISMATCH', message: has('FINE') ? '处罚种类含罚款，须填写罚款金额' : '未选择「罚款」，罚款金额须为0' });
  if (has('CONFISCATE_ILLEGAL_GAINS') !== d.confiscationFen > 0) out.push({ field: 'confiscationFen', code: 'CONFISCATION_MISMATCH', message: has('CONFISCATE_ILLEGAL_GAINS') ? '处罚种类含没收违法所得，须填写没收金额' : '未选择「没收违法所得」，没收金额须为0' });
  for (const k of LICENCE_PENALTY_KINDS) {
    const measures = d.licenceMeasures.filter((m) => m.kind === k).length;
    if (has(k) && !measures) out.push({ field: 'licenceMeasures', code: 'LICENCE_MEASURE_REQUIRED', message: `处罚种类含「${PENALTY_KIND_LABELS[k]}」，须写明涉及的许可证件` });
    if (!has(k) && measures) out.push({ field: 'licenceMeasures', code: 'LICENCE_MEASURE_WITHOUT_PENALTY', message: `许可证件措施「${PENALTY_KIND_LABELS[k]}」须同时选择该处罚种类` });
  }
  d.licenceMeasures.forEach((m, i) => {
    if (m.kind === 'SUSPEND_LICENCE' && !m.durationMonths) out.push({ field: `licenceMeasures[${i}].durationMonths`, code: 'SUSPENSION_DURATION_REQUIRED', message: '暂扣许可证件须写明期限（月）' });
    if (m.kind !== 'SUSPEND_LICENCE' && m.durationMonths) out.push({ field: `licenceMeasures[${i}].durationMonths`, code: 'DURATION_NOT_APPLICABLE', message: '只有暂扣许可证件需要期限' });
  });
  return out;
}

/**
 * 重大执法决定: the one rule of record-rules.ts (a fine above RULES_MAJOR_PENALTY_YUAN, a licence
 * revocation, or marked major), fed with the case's decision. Fen → yuan keeps "above" exact.
 */
export function isMajorCaseDecision(d: Pick<CaseDecision, 'fineFen' | 'licenceMeasures' | 'markedMajor'> | null, majorPenaltyYuan: number): boolean {
  if (!d) return false;
  return isMajorDecision({ penaltyYuan: d.fineFen / 100, licenceRevocation: d.licenceMeasures.some((m) => m.kind === 'REVOKE_LICENCE'), marked: d.markedMajor }, majorPenaltyYuan);
}

/** A penalty decision must be public within the decision deadline; a decision not to penalise is not published. */
export function needsPublication(d: Pick<CaseDecision, 'outcome'> | null): boolean {
  return d?.outcome === 'penalty';
}

/** 立案编号: the department's code, the year and its sequence, e.g. KJJ立〔2024〕3号. */
export function caseNumber(departmentCode: string, year: number, seq: number): string {
  return `${departmentCode}立〔${year}〕${seq}号`;
}

/** 12345 fen → "123.45" (yuan, as the public summary writes amounts). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A licence measure as the public summary writes it: 暂扣实验动物使用许可证3个月, 吊销…, 降低…资质等级. */
export function licenceMeasureText(m: LicenceMeasure): string {
  if (m.kind === 'SUSPEND_LICENCE') return `暂扣${m.licenceName}${m.durationMonths ?? ''}个月`;
  if (m.kind === 'REVOKE_LICENCE') return `吊销${m.licenceName}`;
  return `降低${m.licenceName}资质等级`;
}
