import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { nullable } from '../../common/http/api-docs';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Omittable, PublicText, Trim } from '../../common/validation';
import { CASE_SOURCES, CASE_STATES, LICENCE_PENALTY_KINDS, OUTCOMES, PENALTY_KINDS } from '../case-rules';
import type { CaseSource, CaseState, LicenceMeasureKind, Outcome, PenaltyKind } from '../case-rules';

/** 1,000,000,000 yuan in fen: far above any fine, well inside exact integers. */
const MAX_FEN = 100_000_000_000;

export class VersionedDto {
  @ApiProperty({ description: 'The version of the case you read; a stale one answers 409 VERSION_CONFLICT' }) @IsInt() @Min(1) version: number;
}

export class OpenCaseDto {
  @ApiProperty({ enum: CASE_SOURCES, description: 'check_record: give recordId (the party comes from it); otherwise describe the source and name the party' }) @IsIn(CASE_SOURCES) source: CaseSource;
  @ApiPropertyOptional({ format: 'uuid', description: 'The check record the case comes from (source check_record)' }) @ValidateIf((o: OpenCaseDto) => o.source === 'check_record' || o.recordId !== undefined) @IsUUID() recordId?: string;
  @ApiPropertyOptional({ description: 'How the case came (complaint, referral…): required unless from a check record; internal' }) @ValidateIf((o: OpenCaseDto) => o.source !== 'check_record' || o.sourceDescription !== undefined) @Trim() @IsString() @MinLength(4) @MaxLength(2000) sourceDescription?: string;
  @ApiPropertyOptional({ example: '某某实验动物有限公司', description: 'The party (an entity): required unless from a check record' }) @ValidateIf((o: OpenCaseDto) => o.source !== 'check_record' || o.partyName !== undefined) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200) partyName?: string;
  @ApiPropertyOptional({ example: '91120116MA05XXXX0X', description: 'The party\'s USCC (18 characters), if it has one' }) @Omittable() @Trim() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value)) @IsString() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码应为18位（数字或大写字母，不含I、O、S、V、Z）' }) partyUscc?: string;
  @ApiProperty({ example: '未取得实验动物使用许可证从事动物实验案', description: '案由' }) @Trim() @IsString() @PublicText() @MinLength(4) @MaxLength(300) title: string;
  @ApiProperty({ type: [String], example: ['《实验动物管理条例》第三十条'], description: 'The provisions violated and those the decision rests on (public with a penalty decision)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Trim() @IsString({ each: true }) @PublicText({ each: true }) @MinLength(4, { each: true }) @MaxLength(300, { each: true }) legalProvisions: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins name the department (ignored for a case from a check record: the record\'s)' }) @Omittable() @IsUUID() departmentId?: string;
}

export class RejectCaseDto extends VersionedDto {
  @ApiProperty({ description: '不予立案的理由' }) @Trim() @IsString() @MinLength(4) @MaxLength(2000) reason: string;
}

export class CaseNoteDto extends VersionedDto {
  @ApiProperty({ example: '2024-06-03' }) @IsDateOnly() notedOn: string;
  @ApiProperty({ description: '调查情况 (internal, never public)' }) @Trim() @IsString() @MinLength(2) @MaxLength(10000) content: string;
}

export class LicenceMeasureDto {
  @ApiProperty({ enum: LICENCE_PENALTY_KINDS }) @IsIn(LICENCE_PENALTY_KINDS) kind: LicenceMeasureKind;
  @ApiProperty({ example: '实验动物使用许可证' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(100) licenceName: string;
  @ApiPropertyOptional(nullable('integer', { description: '暂扣 only: months' })) @IsOptional() @IsInt() @Min(1) @Max(120) durationMonths?: number | null;
}

export class ProposeDecisionDto extends VersionedDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome: Outcome;
  @ApiProperty({ enum: PENALTY_KINDS, isArray: true, description: '处罚种类 (《行政处罚法》第9条); empty for no_penalty' }) @IsArray() @ArrayMaxSize(PENALTY_KINDS.length) @IsIn(PENALTY_KINDS, { each: true }) penalties: PenaltyKind[];
  @ApiProperty({ description: '罚款 in fen (integer): 1000000 = 10000.00 元' }) @IsInt() @Min(0) @Max(MAX_FEN) fineFen: number;
  @ApiProperty({ description: '没收违法所得 in fen (integer)' }) @IsInt() @Min(0) @Max(MAX_FEN) confiscationFen: number;
  @ApiProperty({ type: [LicenceMeasureDto] }) @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => LicenceMeasureDto) licenceMeasures: LicenceMeasureDto[];
  @ApiProperty({ description: '主要违法事实: published with a penalty decision, so no personal data (phones, ID numbers refused)' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(4) @MaxLength(5000) facts: string;
  @ApiPropertyOptional({ description: 'Mark it a 重大执法决定 whatever the amount (it then needs 法制审核)', default: false }) @IsOptional() @IsBoolean() markedMajor?: boolean;
}

export class DecideCaseDto extends VersionedDto {
  @ApiProperty({ example: '2024-06-10', description: 'The decision\'s date: the publication deadline runs from it' }) @IsDateOnly() decidedOn: string;
}

export class CloseCaseDto extends VersionedDto {
  @ApiPropertyOptional({ description: '结案说明 (internal)' }) @Omittable() @Trim() @IsString() @MaxLength(2000) note?: string;
}

export const PUBLICATION_FILTERS = ['pending', 'due_soon', 'overdue', 'published'] as const;
export type PublicationFilter = (typeof PUBLICATION_FILTERS)[number];

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATES }) @IsOptional() @IsIn(CASE_STATES) state?: CaseState;
  @ApiPropertyOptional({ enum: PUBLICATION_FILTERS, description: 'Penalty decisions by publication: pending (not yet public), due_soon (≤ 3 working days left), overdue, published' }) @IsOptional() @IsIn(PUBLICATION_FILTERS) publication?: PublicationFilter;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() recordId?: string;
  @ApiPropertyOptional({ description: 'Year of the case number' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: 'Part of the party\'s name, the USCC or the case number' }) @IsOptional() @Trim() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one department' }) @IsOptional() @IsUUID() departmentId?: string;
}

export class LicenceMeasureViewDto {
  @ApiProperty({ enum: LICENCE_PENALTY_KINDS }) kind: LicenceMeasureKind;
  @ApiProperty() label: string;
  @ApiProperty() licenceName: string;
  @ApiProperty(nullable('integer')) durationMonths: number | null;
}

export class CodeLabelDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
}

export class CaseDecisionDto {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty() outcomeLabel: string;
  @ApiProperty({ type: [CodeLabelDto] }) penalties: CodeLabelDto[];
  @ApiProperty() fineFen: number;
  @ApiProperty() confiscationFen: number;
  @ApiProperty({ type: [LicenceMeasureViewDto] }) licenceMeasures: LicenceMeasureViewDto[];
  @ApiProperty() facts: string;
  @ApiProperty() markedMajor: boolean;
}

export class CaseNoteViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() notedOn: string;
  @ApiProperty() content: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
}

export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: 'KJJ立〔2024〕3号' }) number: string;
  @ApiProperty({ enum: CASE_STATES }) state: CaseState;
  @ApiProperty() stateLabel: string;
  @ApiProperty({ enum: CASE_SOURCES }) source: CaseSource;
  @ApiProperty() sourceLabel: string;
  @ApiProperty(nullable('string')) sourceDescription: string | null;
  @ApiProperty(nullable('string', { format: 'uuid' })) recordId: string | null;
  @ApiProperty() partyName: string;
  @ApiProperty(nullable('string')) partyUscc: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) legalProvisions: string[];
  @ApiProperty() openedOn: string;
  @ApiProperty({ format: 'uuid' }) openedBy: string;
  @ApiProperty(nullable('string')) filedOn: string | null;
  @ApiProperty(nullable('string', { format: 'uuid' })) approvedBy: string | null;
  @ApiProperty(nullable('string')) rejectionReason: string | null;
  @ApiProperty({ type: CaseDecisionDto, nullable: true }) decision: CaseDecisionDto | null;
  @ApiProperty({ description: '重大执法决定 (RULES_MAJOR_PENALTY_YUAN, licence revocation, or marked): the decision needs a passed 法制审核 of the version decided' }) major: boolean;
  @ApiProperty({ description: 'A passed 法制审核 of the current version exists' }) legalReviewPassed: boolean;
  @ApiProperty(nullable('string')) decidedOn: string | null;
  @ApiProperty({ description: 'A penalty decision: it must be published' }) publicationRequired: boolean;
  @ApiProperty(nullable('string', { description: 'decidedOn + RULES_DECISION_PUBLICATION_WORKING_DAYS working days' })) publicationDeadline: string | null;
  @ApiProperty({ description: 'The deadline counts days of a year whose holiday notice is not in yet' }) publicationDeadlineProvisional: boolean;
  @ApiProperty(nullable('integer', { description: 'Working days left until the deadline while unpublished (negative: overdue)' })) publicationWorkingDaysLeft: number | null;
  @ApiProperty(nullable('string', { format: 'date-time' })) publishedAt: string | null;
  @ApiProperty(nullable('string')) closedOn: string | null;
  @ApiProperty(nullable('string')) closingNote: string | null;
  @ApiProperty({ type: [CaseNoteViewDto] }) notes: CaseNoteViewDto[];
  @ApiProperty() version: number;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items: CaseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

/** 行政处罚决定 as the public sees it: an allow-list (no notes, no opener, no source, no personal data). */
export class PublicPenaltyDecisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '决定文书号 (the case number)' }) number: string;
  @ApiProperty() title: string;
  @ApiProperty() partyName: string;
  @ApiProperty(nullable('string')) partyUscc: string | null;
  @ApiProperty() facts: string;
  @ApiProperty({ type: [String] }) legalProvisions: string[];
  @ApiProperty({ type: [String] }) penalties: string[];
  @ApiProperty({ description: '罚款（元）, two decimals' }) fineYuan: string;
  @ApiProperty({ description: '没收违法所得（元）, two decimals' }) confiscationYuan: string;
  @ApiProperty({ type: [String], example: ['暂扣实验动物使用许可证3个月'] }) licenceMeasures: string[];
  @ApiProperty() decidedOn: string;
  @ApiProperty() department: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class PublicPenaltyDecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: 'Part of the party\'s name or its USCC' }) @IsOptional() @Trim() @IsString() @MaxLength(100) q?: string;
}

export class PublicPenaltyDecisionPageDto {
  @ApiProperty({ type: [PublicPenaltyDecisionDto] }) items: PublicPenaltyDecisionDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
