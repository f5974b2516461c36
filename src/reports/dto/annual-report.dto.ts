import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { TRAINING_HOURS_COMPARISONS } from '../../config/rules';
import type { TrainingHoursComparison } from '../../config/rules';
import { ENTITY_NAME_ORDERS } from '../report-settings';
import type { EntityNameOrder } from '../report-settings';
import type {
  AnnualFigures,
  CountByCode,
  InspectorFigures,
  JointInspectionFigures,
  LegalReviewFigures,
  PlatformPushFigures,
  PlatformResults,
  PublicationFigures,
  RandomInspectionFigures,
  RectificationFigures,
  ReportInputs,
} from '../report-figures';
import { PENALTY_KINDS } from '../../cases/case-rules';
import type { CaseFigures, } from '../../cases/case-report';

/** Every parameter is named here: anything else in the query is refused (400 naming it). */
export class AnnualReportQueryDto {
  @ApiProperty({ example: 2023, description: 'Calendar year (not in the future)' }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: required. Supervisors: their own department (the default); another is refused' })
  @IsOptional()
  @IsUUID()
  department?: string;
  @ApiPropertyOptional({
    example: '91120116MA05XXXX1X,91120116MA05YYYY2Y',
    description: 'The entities the paragraph names, chosen by the supervisor: 1–10 USCCs, comma-separated, in order, each checked by the department in the year. Default: the first REPORT_SETTINGS.namesListed in REPORT_SETTINGS.entityNameOrder',
  })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}(,[0-9A-Z]{18}){0,9}$/, { message: 'named 须为 1–10 个以逗号分隔的统一社会信用代码' })
  named?: string;
}

export class ReportInputsDto implements ReportInputs {
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: [String], nullable: true, description: 'USCCs the supervisor chose to name (query `named`); null: the default order' }) namedEntities: string[] | null;
  @ApiProperty({ enum: ENTITY_NAME_ORDERS }) nameOrder: EntityNameOrder;
  @ApiProperty() namesListed: number;
  @ApiProperty({ description: 'RULES_MIN_TRAINING_HOURS' }) trainingThresholdHours: number;
  @ApiProperty({ enum: TRAINING_HOURS_COMPARISONS, description: 'RULES_TRAINING_HOURS_COMPARISON: above = 超过, at_least = 达到' }) trainingThresholdComparison: TrainingHoursComparison;
}

export class CountByCodeDto implements CountByCode {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'Chinese label' }) label: string;
  @ApiProperty() count: number;
}

export class RectificationFiguresDto implements RectificationFigures {
  @ApiProperty({ description: 'Orders (责令改正) of the department issued in the year' }) orders: number;
  @ApiProperty({ description: 'Rectified, follow-up on or before the due date (working days, holiday calendar)' }) rectifiedOnTime: number;
  @ApiProperty({ description: 'Rectified, follow-up after the due date' }) rectifiedLate: number;
  @ApiProperty({ description: 'Not (yet) rectified: no follow-up, or the follow-up found it not rectified' }) open: number;
  @ApiProperty({ description: 'Of the open ones: followed up and found not rectified' }) notRectifiedAtFollowUp: number;
}

export class RandomInspectionFiguresDto implements RandomInspectionFigures {
  @ApiProperty({ description: 'Plans of the year led by the department, published or later' }) plans: number;
  @ApiProperty({ description: 'Current (not superseded) draws of those plans' }) draws: number;
  @ApiProperty({ description: 'Distinct USCCs of their tasks not cancelled' }) entitiesDrawn: number;
  @ApiProperty({ description: 'Approved or published check records dated in the year' }) checks: number;
  @ApiProperty({ description: 'Distinct entities of those records' }) entitiesChecked: number;
  @ApiProperty({ type: [String], description: 'The names the paragraph lists: those chosen (query `named`), else the first in nameOrder' }) checkedEntityNames: string[];
  @ApiProperty({ enum: ENTITY_NAME_ORDERS }) nameOrder: EntityNameOrder;
  @ApiProperty({ type: [CountByCodeDto], description: 'Every result code, in code-list order (a record may carry several)' }) checksByResult: CountByCodeDto[];
  @ApiProperty({ type: [CountByCodeDto], description: 'Checks per method of their items: on_site 现场检查, documentary 书面检查, online 网络检查' }) checksByMethod: CountByCodeDto[];
  @ApiProperty({ type: [Number], description: 'Checks per month of the check date, January first (12 numbers)' }) checksByMonth: number[];
  @ApiProperty({ description: 'Records with at least one non-compliant finding' }) problemsFound: number;
  @ApiProperty({ type: RectificationFiguresDto }) rectification: RectificationFiguresDto;
  @ApiProperty({ description: 'Cases filed (立案 approved) in the year (= cases.opened)' }) casesOpened: number;
  @ApiProperty({ description: 'true: cases (立案) are recorded' }) casesTracked: boolean;
}

export class PlatformResultsDto implements PlatformResults {
  @ApiProperty({ description: 'Configured endpoint name (OUTBOX_ENDPOINTS)' }) name: string;
  @ApiProperty({ description: 'Results delivered to it' }) results: number;
}

export class PlatformPushFiguresDto implements PlatformPushFigures {
  @ApiProperty({ description: 'false while the outbox tables do not exist (counts are then 0)' }) available: boolean;
  @ApiProperty({ description: 'Results (check records) delivered to at least one platform' }) resultsPushed: number;
  @ApiProperty({ type: [PlatformResultsDto] }) platforms: PlatformResultsDto[];
  @ApiProperty({ description: 'Deliveries (one per event and platform)' }) delivered: number;
  @ApiProperty({ description: 'Dead-lettered after the last attempt' }) failed: number;
  @ApiProperty() pending: number;
}

export class PublicationFiguresDto implements PublicationFigures {
  @ApiProperty({ description: 'Results of the year\'s checks published (original versions, published or since withdrawn)' }) published: number;
  @ApiProperty({ description: 'Published on or before the deadline (date in China)' }) onTime: number;
  @ApiProperty() late: number;
  @ApiProperty({ description: 'Approved results not yet published' }) pending: number;
  @ApiProperty({ nullable: true, type: Number, description: 'onTime / published, percent, one decimal; null when none published' }) onTimeRate: number | null;
  @ApiProperty({ type: PlatformPushFiguresDto }) platformPush: PlatformPushFiguresDto;
}

export class LegalReviewFiguresDto implements LegalReviewFigures {
  @ApiProperty({ description: 'Reviews in the register dated in the year (the report\'s "法制审核N次")' }) total: number;
  @ApiProperty({ type: [CountByCodeDto], description: 'Per kind: 重大行政决策, 重大执法决定, 行政规范性文件' }) byKind: CountByCodeDto[];
  @ApiProperty({ description: 'Of which returned (not passed)' }) returned: number;
}

export class InspectorFiguresDto implements InspectorFigures {
  @ApiProperty({ description: 'Inspectors of the department with a certificate valid on some day of the year' }) certified: number;
  @ApiProperty({ description: 'Certificate valid and status active on 31 December' }) validAtYearEnd: number;
  @ApiProperty({ description: 'Hours of trainings dated in the year (certified inspectors)' }) trainingHoursTotal: number;
  @ApiProperty({ description: 'trainingHoursTotal / certified, one decimal' }) trainingHoursAverage: number;
  @ApiProperty({ description: 'RULES_MIN_TRAINING_HOURS' }) trainingThresholdHours: number;
  @ApiProperty({ enum: TRAINING_HOURS_COMPARISONS, description: 'RULES_TRAINING_HOURS_COMPARISON' }) trainingThresholdComparison: TrainingHoursComparison;
  @ApiProperty({ description: 'Certified inspectors whose hours in the year meet the threshold under the comparison' }) meetingThreshold: number;
  @ApiProperty({ description: 'Certified, not suspended or revoked on the last day of their validity in the year' }) inService: number;
  @ApiProperty({ description: 'certified − inService (the exclusion the paragraph states)' }) suspendedOrRevoked: number;
  @ApiProperty({ description: 'Exams of the year recorded' }) examsTaken: number;
  @ApiProperty() examsPassed: number;
  @ApiProperty({ description: 'In service, meeting the threshold, and passed the year\'s exam' }) trainedAndPassed: number;
  @ApiProperty({ description: 'Distinct inspectors present at the year\'s checks' }) onChecks: number;
  @ApiProperty({ description: 'Of those: certificate valid and status active on every check date (持证上岗)' }) certifiedOnChecks: number;
  @ApiProperty({ description: 'Certificates whose validity starts in the year' }) certificatesIssued: number;
  @ApiProperty({ description: 'Certificates whose validity ends in the year' }) certificatesExpired: number;
  @ApiProperty({ description: 'Inspectors revoked (status change effective in the year)' }) certificatesRevoked: number;
}

export class JointInspectionFiguresDto implements JointInspectionFigures {
  @ApiProperty({ description: 'Live tasks of the year\'s joint plans the department leads or joins' }) jointTasks: number;
  @ApiProperty({ description: '综合查一次: (USCC, quarter) drawn by two or more departments, this one among them' }) mergedVisits: number;
  @ApiProperty({ description: 'Entities with two or more approved checks dated in the year' }) entitiesCheckedMoreThanOnce: number;
}

export class PenaltyKindCountDto {
  @ApiProperty({ enum: PENALTY_KINDS }) code: (typeof PENALTY_KINDS)[number];
  @ApiProperty({ description: 'Chinese label' }) label: string;
  @ApiProperty() count: number;
}

export class CaseFiguresDto implements CaseFigures {
  @ApiProperty({ description: 'Cases filed (立案 approved) in the year' }) opened: number;
  @ApiProperty({ description: 'Decisions made in the year (penalty or not)' }) decided: number;
  @ApiProperty({ description: 'Of those: penalty decisions (行政处罚决定)' }) penaltyDecisions: number;
  @ApiProperty({ description: 'Cases closed (结案) in the year' }) closed: number;
  @ApiProperty({ description: '罚款 of the year\'s decisions, in fen' }) fineFen: number;
  @ApiProperty({ description: '没收违法所得 of the year\'s decisions, in fen' }) confiscationFen: number;
  @ApiProperty({ type: [PenaltyKindCountDto], description: 'Decisions of the year per penalty kind, in code-list order' }) byPenaltyKind: PenaltyKindCountDto[];
}

export class DepartmentRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class AnnualReportDto implements AnnualFigures {
  @ApiProperty({ type: ReportInputsDto, description: 'What the report was computed from besides the records' }) inputs: ReportInputsDto;
  @ApiProperty({ description: 'sha256 (hex) of the JSON of inputs' }) inputsHash: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: DepartmentRefDto }) department: DepartmentRefDto;
  @ApiProperty({ description: 'Date (China) the figures were read: pending and open counts are as of then' }) asOf: string;
  @ApiProperty({ type: RandomInspectionFiguresDto }) randomInspections: RandomInspectionFiguresDto;
  @ApiProperty({ type: PublicationFiguresDto }) publication: PublicationFiguresDto;
  @ApiProperty({ type: LegalReviewFiguresDto }) legalReview: LegalReviewFiguresDto;
  @ApiProperty({ type: InspectorFiguresDto }) inspectors: InspectorFiguresDto;
  @ApiProperty({ type: JointInspectionFiguresDto }) jointInspections: JointInspectionFiguresDto;
  @ApiProperty({ type: CaseFiguresDto }) cases: CaseFiguresDto;
  @ApiProperty({ description: 'The enforcement paragraph of the annual report, written from these figures' }) paragraph: string;
}
