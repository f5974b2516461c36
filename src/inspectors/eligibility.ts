/**
 * Whether an inspector may be drawn for a date. Pure: no framework imports. Every failed rule is
 * reported, not just the first, so a supervisor sees all that must be fixed.
 *
 * Rules (domain.md §4, 国办发〔2024〕54号): certificate valid on the date; status active on the date;
 * training hours in the year before the date (date − 1 year, date] at least the threshold; latest
 * annual exam (year ≤ the date's year) passed, when exams are required.
 */
export type EligibilityRule = 'CERTIFICATE_NOT_YET_VALID' | 'CERTIFICATE_EXPIRED' | 'STATUS_NOT_ACTIVE' | 'TRAINING_HOURS_INSUFFICIENT' | 'EXAM_MISSING' | 'EXAM_NOT_PASSED';

export interface EligibilityInput {
  certificateValidFrom: string; // YYYY-MM-DD
  certificateValidUntil: string;
  statusChanges: { status: 'active' | 'suspended' | 'revoked'; effectiveDate: string; reason: string }[];
  trainings: { date: string; hours: number }[];
  exams: { year: number; passed: boolean }[];
}

export interface EligibilityRules {
  minTrainingHours: number;
  examRequired: boolean;
}

export interface EligibilityFailure {
  rule: EligibilityRule;
  message: string;
}

export interface EligibilityResult {
  date: string;
  eligible: boolean;
  failures: EligibilityFailure[];
  status: 'active' | 'suspended' | 'revoked';
  trainingHours: number;
  trainingWindow: { from: string; to: string };
  latestExam: { year: number; passed: boolean } | null;
}

/** The day after the same date one year earlier: the window is (date − 1 year, date]. */
export function trainingWindowStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const start = new Date(Date.UTC(y - 1, m - 1, d));
  if (start.getUTCMonth() !== m - 1) start.setUTCDate(0); // 29 Feb → 28 Feb of a non-leap year
  start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString().slice(0, 10);
}

export function statusOn(changes: EligibilityInput['statusChanges'], date: string): EligibilityInput['statusChanges'][number] | null {
  let current: EligibilityInput['statusChanges'][number] | null = null;
  for (const c of changes) {
    if (c.effectiveDate <= date && (!current || c.effectiveDate >= current.effectiveDate)) current = c;
  }
  return current;
}

export function evaluateEligibility(input: EligibilityInput, date: string, rules: EligibilityRules): EligibilityResult {
  const failures: EligibilityFailure[] = [];
  if (date < input.certificateValidFrom) {
    failures.push({ rule: 'CERTIFICATE_NOT_YET_VALID', message: `执法证自${input.certificateValidFrom}起有效，${date}尚未生效` });
  }
  if (date > input.certificateValidUntil) {
    failures.push({ rule: 'CERTIFICATE_EXPIRED', message: `执法证有效期至${input.certificateValidUntil}，${date}已过期` });
  }
  const change = statusOn(input.statusChanges, date);
  const status = change?.status ?? 'active';
  if (status !== 'active') {
    const label = status === 'suspended' ? '暂扣' : '吊销';
    failures.push({ rule: 'STATUS_NOT_ACTIVE', message: `执法资格自${change!.effectiveDate}起${label}：${change!.reason}` });
  }
  const from = trainingWindowStart(date);
  // Sum in tenths of an hour: the column has one decimal, and floats must not decide eligibility.
  const tenths = input.trainings.filter((t) => t.date >= from && t.date <= date).reduce((sum, t) => sum + Math.round(t.hours * 10), 0);
  const trainingHours = tenths / 10;
  if (tenths < Math.round(rules.minTrainingHours * 10)) {
    failures.push({ rule: 'TRAINING_HOURS_INSUFFICIENT', message: `${from}至${date}培训${trainingHours}学时，不足${rules.minTrainingHours}学时` });
  }
  const year = Number(date.slice(0, 4));
  const latestExam = input.exams.filter((e) => e.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
  if (rules.examRequired) {
    if (!latestExam) failures.push({ rule: 'EXAM_MISSING', message: `${year}年及以前无考试记录` });
    else if (!latestExam.passed) failures.push({ rule: 'EXAM_NOT_PASSED', message: `${latestExam.year}年度考试未通过` });
  }
  return { date, eligible: failures.length === 0, failures, status, trainingHours, trainingWindow: { from, to: date }, latestExam };
}
