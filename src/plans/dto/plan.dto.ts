import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, IsDecimal, Nullable, Omittable, PublicText, Trim } from '../../common/validation';
import { PLAN_STATES, RANDOMNESS_SOURCES, REPEAT_WINDOWS } from '../plan.entity';
import type { PlanState, RandomnessSource, RepeatWindow } from '../plan.entity';
import { mapOf, objectSchema, oneOf } from '../../common/http/api-docs';
import { publicationRecordSchema, RandomnessRequestFields, randomnessViewSchema } from '../../draws/dto/randomness.dto';
import type { PublicRandomness } from '../../draws/randomness';
import type { PublicationRecord } from '../../draws/publication-record';

/** Per class: a ratio in percent (two decimals at most) or a fixed count — exactly one. */
export class StratumRuleDto {
  @ApiPropertyOptional({ example: 5, description: 'Percent of the eligible entities of the class (0 = none)' }) @Omittable() @IsDecimal(2) @Min(0) @Max(100)
  ratioPercent?: number;

  @ApiPropertyOptional({ example: 10, description: 'A fixed number instead of a ratio' }) @Omittable() @IsInt() @Min(0) @Max(1_000_000)
  count?: number;
}

export class SamplingDto {
  @ApiProperty({ type: StratumRuleDto }) @ValidateNested() @Type(() => StratumRuleDto) A: StratumRuleDto;
  @ApiProperty({ type: StratumRuleDto }) @ValidateNested() @Type(() => StratumRuleDto) B: StratumRuleDto;
  @ApiProperty({ type: StratumRuleDto }) @ValidateNested() @Type(() => StratumRuleDto) C: StratumRuleDto;
  @ApiProperty({ type: StratumRuleDto }) @ValidateNested() @Type(() => StratumRuleDto) D: StratumRuleDto;
}

export class CandidateFilterDto {
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(20, { each: true })
  industryCodes?: string[];

  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  licenceTypes?: string[];

  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  districts?: string[];
}

export class RecusalRulesDto {
  @ApiProperty({ default: true }) @IsBoolean() declaredConflict: boolean;
  @ApiProperty({ default: true, description: '所所交叉' }) @IsBoolean() sameSupervisingUnit: boolean;
  @ApiProperty({ default: true }) @IsBoolean() lastInspector: boolean;
}

class PlanFields {
  @ApiProperty({ example: '2024年第二季度实验动物许可双随机抽查' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 2024 }) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ type: [String], description: 'Item ids of the department; their current versions are used and kept' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  itemIds: string[];

  @ApiPropertyOptional({ type: CandidateFilterDto, description: 'Narrows the target filters of the items' }) @Omittable() @ValidateNested() @Type(() => CandidateFilterDto)
  candidateFilter?: CandidateFilterDto;

  @ApiPropertyOptional({ type: SamplingDto, description: 'Omitted: the items\' defaults (100% in every class if any item is 重点; else the highest default ratio of the items per class)' })
  @Omittable() @ValidateNested() @Type(() => SamplingDto)
  sampling?: SamplingDto;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the plan may break a limit of the regime (key items not fully covered, a general item\'s ratio above RULES_GENERAL_ITEM_MAX_RATIOS); required then when RULES_SAMPLING_LIMIT_MODE=reason' })
  @Nullable() @Trim() @IsString() @MaxLength(1000)
  ruleBreachReason?: string | null;

  @ApiProperty({ example: 2, minimum: 2 }) @IsInt() @Min(2) @Max(10)
  teamSize: number;

  @ApiPropertyOptional({ enum: REPEAT_WINDOWS, default: 'calendar_year' }) @Omittable() @IsIn(REPEAT_WINDOWS)
  repeatWindow?: RepeatWindow;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Most checks per entity per year, all departments together (matched by USCC); omitted or null: RULES_ANNUAL_CAP_PER_ENTITY' }) @Nullable() @IsInt() @Min(1) @Max(100)
  annualCapPerEntity?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Most tasks per inspector in the window' }) @Nullable() @IsInt() @Min(1) @Max(10_000)
  taskCapPerInspector?: number | null;

  @ApiProperty({ example: '2024-04-01' }) @IsDateOnly()
  windowStart: string;

  @ApiProperty({ example: '2024-06-30' }) @IsDateOnly()
  windowEnd: string;

  @ApiPropertyOptional({ type: RecusalRulesDto, description: 'Default: all three rules' }) @Omittable() @ValidateNested() @Type(() => RecusalRulesDto)
  recusalRules?: RecusalRulesDto;

  @ApiPropertyOptional({ type: [String], description: 'Joint departments (部门联合抽查)' }) @Omittable() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  jointDepartmentIds?: string[];
}

export class CreatePlanDto extends PlanFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' }) @Omittable() @IsUUID()
  departmentId?: string;
}

export class UpdatePlanDto extends PlanFields {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1)
  version: number;
}

export class PublishPlanDto extends RandomnessRequestFields {
  @ApiProperty({ enum: RANDOMNESS_SOURCES, description: 'drand-quicknet (primary; the configured drand chain) or commit-reveal (networks without drand: a server commitment plus a named future public event, required)' }) @IsIn(RANDOMNESS_SOURCES)
  source: RandomnessSource;

  @ApiPropertyOptional({ description: 'drand round to use; must lie in the future (default: the round 15 minutes from now)' }) @Omittable() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  round?: number;

  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1)
  version: number;
}

export class PlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLAN_STATES }) @IsOptional() @IsIn(PLAN_STATES)
  state?: PlanState;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead department (narrows; admins: any, others: their own only)' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class PlanItemDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ format: 'uuid' }) itemVersionId: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() enforcementDomain: string;
}

export class RuleBreachDto {
  @ApiProperty({ example: 'sampling.A' }) field: string;
  @ApiProperty() message: string;
}

export class RuleWarningDto {
  @ApiProperty({ example: 'DRAW_OUTSIDE_QUARTER_START' }) code: string;
  @ApiProperty() message: string;
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: [String] }) jointDepartmentIds: string[];
  @ApiProperty() year: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLAN_STATES }) state: PlanState;
  @ApiProperty({ type: [PlanItemDto], description: 'Item versions checked (frozen at publication)' }) items: { itemId: string; itemVersionId: string; code: string; version: number; name: string; enforcementDomain: string }[];
  @ApiProperty(objectSchema({ industryCodes: { type: 'array', items: { type: 'string' } }, licenceTypes: { type: 'array', items: { type: 'string' } }, districts: { type: 'array', items: { type: 'string' } } })) candidateFilter: { industryCodes: string[]; licenceTypes: string[]; districts: string[] };
  @ApiProperty(mapOf(oneOf(objectSchema({ ratioBasisPoints: { type: 'integer' } }), objectSchema({ count: { type: 'integer' } })), { description: 'Per class: { ratioBasisPoints } or { count }' })) sampling: Record<string, { ratioBasisPoints: number } | { count: number }>;
  @ApiProperty() rounding: string;
  @ApiProperty() teamSize: number;
  @ApiProperty({ enum: REPEAT_WINDOWS }) repeatWindow: RepeatWindow;
  @ApiProperty({ nullable: true, type: Number }) annualCapPerEntity: number | null;
  @ApiProperty({ nullable: true, type: Number }) taskCapPerInspector: number | null;
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty({ type: RecusalRulesDto }) recusalRules: RecusalRulesDto;
  @ApiProperty({ type: [RuleBreachDto], description: 'Limits of the regime the plan breaks (accepted with ruleBreachReason)' }) ruleBreaches: RuleBreachDto[];
  @ApiProperty({ nullable: true, type: String }) ruleBreachReason: string | null;
  @ApiProperty({ type: [RuleWarningDto], description: 'Rules configured to warn that the plan does not follow (e.g. DRAW_OUTSIDE_QUARTER_START), fixed at publication' }) ruleWarnings: RuleWarningDto[];
  @ApiProperty(randomnessViewSchema({ nullable: true, description: 'Fixed at publication: a drand round, or a commitment with the named public event (and witnesses\' commitments)' })) randomness: PublicRandomness | null;
  @ApiProperty({ nullable: true, type: String }) candidatePoolHash: string | null;
  @ApiProperty({ nullable: true, type: String }) inspectorPoolHash: string | null;
  @ApiProperty({ nullable: true, type: String }) parametersHash: string | null;
  @ApiProperty(mapOf(objectSchema({ candidates: { type: 'integer' }, excluded: { type: 'integer' }, eligible: { type: 'integer' } }), { nullable: true })) stratumCounts: Record<string, { candidates: number; excluded: number; eligible: number }> | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty(publicationRecordSchema({ nullable: true, description: 'The publication record (ssgk-publication-record-v1) fixed at publication; null for a draft and for plans published before records existed' })) publication: PublicationRecord | null;
  @ApiProperty({ format: 'date-time', description: 'The server\'s current time (its clock) when this answer was made: the console proposes the named event\'s time from it and compares drawNotBefore with it, not with the browser\'s clock' }) serverTime: string;
  @ApiProperty() version: number;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] }) items: PlanDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

/** What decides a plan's pool and quotas: enough of a draft to preview the counts before saving it. */
export class SamplingPreviewRequestDto {
  @ApiProperty({ example: 2024 }) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ type: [String], description: 'Item ids of the department (one enforcement domain)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  itemIds: string[];

  @ApiPropertyOptional({ type: CandidateFilterDto }) @Omittable() @ValidateNested() @Type(() => CandidateFilterDto)
  candidateFilter?: CandidateFilterDto;

  @ApiPropertyOptional({ type: SamplingDto, description: 'Omitted: the items\' defaults' }) @Omittable() @ValidateNested() @Type(() => SamplingDto)
  sampling?: SamplingDto;

  @ApiPropertyOptional({ enum: REPEAT_WINDOWS, default: 'calendar_year' }) @Omittable() @IsIn(REPEAT_WINDOWS)
  repeatWindow?: RepeatWindow;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Omitted or null: RULES_ANNUAL_CAP_PER_ENTITY' }) @Nullable() @IsInt() @Min(1) @Max(100)
  annualCapPerEntity?: number | null;

  @ApiProperty({ example: '2024-04-01', description: 'First day of the window (licences must be valid then)' }) @IsDateOnly()
  windowStart: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' }) @Omittable() @IsUUID()
  departmentId?: string;
}

export class StratumPreviewDto {
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] }) stratum: string;
  @ApiProperty({ description: 'Entities matching the scope in this class' }) candidates: number;
  @ApiProperty({ description: 'Of which cannot be drawn (not active, recently checked, annual cap)' }) excluded: number;
  @ApiProperty() eligible: number;
  @ApiProperty({ description: 'How many would be drawn (the draw\'s own rounding rule)' }) quota: number;
}

export class SamplingPreviewDto {
  @ApiProperty({ description: 'The day the counts hold for (publication freezes them again on its own day)' }) snapshotDate: string;
  @ApiProperty({ type: [StratumPreviewDto] }) strata: StratumPreviewDto[];
  @ApiProperty() total: number;
}
