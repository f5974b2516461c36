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
});

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
};

export function loadRules(env: Record<string, string | undefined>): RegimeRules {
  const rules: RegimeRules = { ...DEFAULT_RULES };
  const errors: string[] = [];
  for (const [key, name] of Object.entries(ENV_KEYS) as [keyof RegimeRules, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (key === 'trainingHoursComparison') {
      if (!(TRAINING_HOURS_COMPARISONS as readonly string[]).includes(raw)) errors.push(`  - ${name}: must be one of ${TRAINING_HOURS_COMPARISONS.join(', ')} (got "${raw}")`);
      else rules.trainingHoursComparison = raw as TrainingHoursComparison;
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
