import { ConfigError } from './env';

/**
 * The rules of the regime that vary by place, each in exactly one named place with its documented
 * default (docs/configuration.md). Override with the RULES_* environment variables.
 */
export interface RegimeRules {
  /** 《行政处罚法》第42条: at least two inspectors per check. RULES_MIN_TEAM_SIZE, default 2. */
  minTeamSize: number;
  /** Training hours in the year before a date that an inspector needs to be drawn (the bureau's bar). RULES_MIN_TRAINING_HOURS, default 40. */
  minTrainingHours: number;
  /** Whether the latest annual exam must have been passed to be drawn. RULES_EXAM_REQUIRED, default true. */
  examRequired: boolean;
  /** Supervisors are warned of certificates expiring within this many days. RULES_CERT_EXPIRY_WARNING_DAYS, default 60. */
  certificateExpiryWarningDays: number;
  /**
   * A proposed fine above this many yuan makes a check result a 重大执法决定, which needs 法制审核 before
   * approval (licence revocation and results the supervisor marks always do). RULES_MAJOR_PENALTY_YUAN, default 100000.
   */
  majorPenaltyYuan: number;
  /** Working days after the check within which its result must be public (企业信息公示暂行条例). RULES_PUBLICATION_WORKING_DAYS, default 20. */
  publicationWorkingDays: number;
  /** The same for licence and penalty decisions (7 working days). RULES_DECISION_PUBLICATION_WORKING_DAYS, default 7. */
  decisionPublicationWorkingDays: number;
  /**
   * Working days after submission within which the 法制审核 of a major enforcement decision is due (the
   * legal reviewer's queue shows it). 国办发〔2018〕118号 leaves the time limit to local rules. RULES_LEGAL_REVIEW_WORKING_DAYS, default 10.
   */
  legalReviewWorkingDays: number;
  /**
   * How the annual report compares an inspector's training hours of the year with minTrainingHours:
   * `above` (超过, the seed report's "超过40学时") or `at_least` (达到). RULES_TRAINING_HOURS_COMPARISON,
   * default above. Draw eligibility keeps "at least minTrainingHours" (a minimum to be drawn).
   */
  trainingHoursComparison: TrainingHoursComparison;
  /**
   * Most checks of one entity (matched by USCC, all departments together) a year; 0 = no cap. A plan may set
   * its own; omitted, this applies (国办发〔2024〕54号 asks for a yearly cap). RULES_ANNUAL_CAP_PER_ENTITY, default 2.
   */
  annualCapPerEntity: number;
  /**
   * Highest ratio (percent) per credit-risk class a plan of 一般 (general) items may draw; 重点 (key) items get
   * full coverage. RULES_GENERAL_ITEM_MAX_RATIOS, default "A:5,B:20,C:60,D:100" (国市监信发〔2022〕6号 example table).
   */
  generalItemMaxRatios: Record<'A' | 'B' | 'C' | 'D', number>;
  /** What a plan breaking those limits gets: refused, or accepted with a recorded reason. RULES_SAMPLING_LIMIT_MODE, default reason. */
  samplingLimitMode: 'refuse' | 'reason';
  /** Planned draws in the first this many working days of a quarter (Tianjin); 0 = no such rule. RULES_QUARTER_DRAW_WORKING_DAYS, default 5. */
  quarterDrawWorkingDays: number;
  /** A publication (the draw's date) outside them: a warning on the plan, or refused. RULES_QUARTER_DRAW_MODE, default warn. */
  quarterDrawMode: 'warn' | 'refuse';
  /**
   * Plans whose window lies in the past (ended, or began before the current quarter) are refused; "allow" only to
   * load a past year's history (a migration, the test suites). RULES_PAST_PLANS, default refuse.
   */
  pastPlans: 'refuse' | 'allow';
}

export const TRAINING_HOURS_COMPARISONS = ['above', 'at_least'] as const;
export type TrainingHoursComparison = (typeof TRAINING_HOURS_COMPARISONS)[number];

export const DEFAULT_RULES: RegimeRules = Object.freeze({
  minTeamSize: 2,
  minTrainingHours: 40,
  examRequired: true,
  certificateExpiryWarningDays: 60,
  majorPenaltyYuan: 100_000,
  publicationWorkingDays: 20,
  decisionPublicationWorkingDays: 7,
  legalReviewWorkingDays: 10,
  trainingHoursComparison: 'above',
  annualCapPerEntity: 2,
  generalItemMaxRatios: Object.freeze({ A: 5, B: 20, C: 60, D: 100 }),
  samplingLimitMode: 'reason',
  quarterDrawWorkingDays: 5,
  quarterDrawMode: 'warn',
  pastPlans: 'refuse',
}) as RegimeRules;

/** Rules given as one of a few words, with their allowed values. */
const ENUM_RULES: Partial<Record<keyof RegimeRules, readonly string[]>> = {
  samplingLimitMode: ['refuse', 'reason'],
  quarterDrawMode: ['warn', 'refuse'],
  pastPlans: ['refuse', 'allow'],
  trainingHoursComparison: TRAINING_HOURS_COMPARISONS,
};

const ENV_KEYS: Record<keyof RegimeRules, string> = {
  minTeamSize: 'RULES_MIN_TEAM_SIZE',
  minTrainingHours: 'RULES_MIN_TRAINING_HOURS',
  examRequired: 'RULES_EXAM_REQUIRED',
  certificateExpiryWarningDays: 'RULES_CERT_EXPIRY_WARNING_DAYS',
  majorPenaltyYuan: 'RULES_MAJOR_PENALTY_YUAN',
  publicationWorkingDays: 'RULES_PUBLICATION_WORKING_DAYS',
  decisionPublicationWorkingDays: 'RULES_DECISION_PUBLICATION_WORKING_DAYS',
  legalReviewWorkingDays: 'RULES_LEGAL_REVIEW_WORKING_DAYS',
  trainingHoursComparison: 'RULES_TRAINING_HOURS_COMPARISON',
  annualCapPerEntity: 'RULES_ANNUAL_CAP_PER_ENTITY',
  generalItemMaxRatios: 'RULES_GENERAL_ITEM_MAX_RATIOS',
  samplingLimitMode: 'RULES_SAMPLING_LIMIT_MODE',
  quarterDrawWorkingDays: 'RULES_QUARTER_DRAW_WORKING_DAYS',
  quarterDrawMode: 'RULES_QUARTER_DRAW_MODE',
  pastPlans: 'RULES_PAST_PLANS',
};

/** "A:5,B:20,C:60,D:100": every class once, each a percent 0–100. */
function parseRatios(raw: string): Record<'A' | 'B' | 'C' | 'D', number> | null {
  const out: Partial<Record<string, number>> = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([ABCD])\s*:\s*(\d+(?:\.\d{1,2})?)\s*$/.exec(part);
    if (!m || out[m[1]] !== undefined || Number(m[2]) > 100) return null;
    out[m[1]] = Number(m[2]);
  }
  return ['A', 'B', 'C', 'D'].every((k) => out[k] !== undefined) ? (Object.freeze(out) as Record<'A' | 'B' | 'C' | 'D', number>) : null;
}

export function loadRules(env: Record<string, string | undefined>): RegimeRules {
  const rules: RegimeRules = { ...DEFAULT_RULES };
  const errors: string[] = [];
  for (const [key, name] of Object.entries(ENV_KEYS) as [keyof RegimeRules, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const allowed = ENUM_RULES[key];
    if (allowed) {
      if (!allowed.includes(raw)) errors.push(`  - ${name}: must be one of ${allowed.join(', ')} (got "${raw}")`);
      else (rules as unknown as Record<string, unknown>)[key] = raw;
    } else if (key === 'generalItemMaxRatios') {
      const ratios = parseRatios(raw);
      if (!ratios) errors.push(`  - ${name}: must be like A:5,B:20,C:60,D:100 (got "${raw}")`);
      else rules.generalItemMaxRatios = ratios;
    } else if (typeof DEFAULT_RULES[key] === 'boolean') {
      if (!/^(true|false|1|0)$/i.test(raw)) errors.push(`  - ${name}: must be true or false (got "${raw}")`);
      else (rules as unknown as Record<string, unknown>)[key] = /^(true|1)$/i.test(raw);
    } else {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) errors.push(`  - ${name}: must be a non-negative number (got "${raw}")`);
      else (rules as unknown as Record<string, unknown>)[key] = n;
    }
  }
  if (rules.minTeamSize < 2) errors.push('  - RULES_MIN_TEAM_SIZE: 《行政处罚法》第42条 requires at least 2');
  if (errors.length) throw new ConfigError(`Invalid configuration:\n${errors.join('\n')}`);
  return Object.freeze(rules);
}
