/**
 * The annual report's figures as plain data (the DTO classes implement these shapes for OpenAPI),
 * and the small arithmetic shared by the JSON, the paragraph and the files. Pure. Every figure's
 * definition is in docs/annual-report.md.
 */
import type { CaseFigures } from '../cases/case-report';
import type { TrainingHoursComparison } from '../config/rules';
import type { EntityNameOrder } from './report-settings';

export interface CountByCode {
  code: string;
  label: string;
  count: number;
}

export interface RandomInspectionFigures {
  plans: number;
  draws: number;
  entitiesDrawn: number;
  checks: number;
  entitiesChecked: number;
  /** The names the paragraph lists: those the supervisor chose (inputs.namedEntities), else the first in `nameOrder`. */
  checkedEntityNames: string[];
  nameOrder: EntityNameOrder;
  checksByResult: CountByCode[];
  /** Checks per method of their plan's items (现场/书面/网络), in that order; a check whose items use two methods counts under both. */
  checksByMethod: CountByCode[];
  /** Checks per month of the check date, January first (12 numbers): the console's chart. */
  checksByMonth: number[];
  problemsFound: number;
  rectification: RectificationFigures;
  /** Cases filed (立案 approved) in the year: the same figure as cases.opened. */
  casesOpened: number;
  /** true since cases (立案) are recorded (src/cases). */
  casesTracked: boolean;
}

export interface RectificationFigures {
  orders: number;
  rectifiedOnTime: number;
  rectifiedLate: number;
  /** Not (yet) rectified: no follow-up recorded, or the follow-up found it not rectified. */
  open: number;
  /** Of the open ones: followed up and found not rectified. */
  notRectifiedAtFollowUp: number;
}

export interface PlatformResults {
  name: string;
  /** Results (check records, any version) with at least one event delivered to this platform. */
  results: number;
}

export interface PlatformPushFigures {
  /** false while the outbox tables do not exist: the counts are then 0. */
  available: boolean;
  /** Results (check records of the year) delivered to at least one platform — the paragraph's "推送执法检查结果N条". */
  resultsPushed: number;
  /** Per platform (configured endpoint name) that received something, by name. */
  platforms: PlatformResults[];
  delivered: number;
  failed: number;
  pending: number;
}

export interface PublicationFigures {
  published: number;
  onTime: number;
  late: number;
  pending: number;
  /** onTime / published in percent, one decimal; null when nothing was published. */
  onTimeRate: number | null;
  platformPush: PlatformPushFigures;
}

export interface LegalReviewFigures {
  total: number;
  byKind: CountByCode[];
  returned: number;
}

export interface InspectorFigures {
  certified: number;
  validAtYearEnd: number;
  trainingHoursTotal: number;
  /** trainingHoursTotal / certified, one decimal; 0 when nobody was certified. */
  trainingHoursAverage: number;
  trainingThresholdHours: number;
  /** RULES_TRAINING_HOURS_COMPARISON: above (超过) or at_least (达到). */
  trainingThresholdComparison: TrainingHoursComparison;
  /** Certified inspectors whose hours in the year meet the threshold under the comparison. */
  meetingThreshold: number;
  /** Certified, excluding those suspended or revoked on the last day of their certificate's validity in the year: the "N名" of the sentence. */
  inService: number;
  /** certified − inService: the exclusion the sentence states. */
  suspendedOrRevoked: number;
  examsTaken: number;
  examsPassed: number;
  /** In service, meeting the threshold, and passed the year's exam. */
  trainedAndPassed: number;
  /** Distinct inspectors present at the year's checks (持证上岗). */
  onChecks: number;
  /** Of those: certificate valid and status active on every check date they were present. */
  certifiedOnChecks: number;
  certificatesIssued: number;
  certificatesExpired: number;
  certificatesRevoked: number;
}

export interface JointInspectionFigures {
  jointTasks: number;
  mergedVisits: number;
  entitiesCheckedMoreThanOnce: number;
}

/** What the report was computed from besides the records: part of its identity (inputsHash). */
export interface ReportInputs {
  year: number;
  departmentId: string;
  /** USCCs the supervisor chose to name, in order; null: the default (nameOrder, namesListed). */
  namedEntities: string[] | null;
  nameOrder: EntityNameOrder;
  namesListed: number;
  trainingThresholdHours: number;
  trainingThresholdComparison: TrainingHoursComparison;
}

export interface AnnualFigures {
  inputs: ReportInputs;
  /** sha256 (hex) of the canonical JSON of inputs. */
  inputsHash: string;
  year: number;
  department: { id: string; name: string };
  /** The day (China) the figures were read: pending publications and open orders are as of then. */
  asOf: string;
  randomInspections: RandomInspectionFigures;
  publication: PublicationFigures;
  legalReview: LegalReviewFigures;
  inspectors: InspectorFigures;
  jointInspections: JointInspectionFigures;
  /** 立案 and decisions: src/cases annualCaseFigures. */
  cases: CaseFigures;
}

/** part / whole in percent with one decimal; null when whole is 0. */
export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}

/** One decimal, as hours are recorded. */
export function oneDecimal(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A number as the report writes it: digits, no grouping, no trailing ".0". */
export function formatNumber(n: number): string {
  return String(oneDecimal(n));
}
