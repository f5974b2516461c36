import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RESULT_CODE_LIST } from '../../checks/result-codes';
import { IsDateOnly, Trim } from '../../common/validation';
import type { PublicResult } from '../public-view';
import { arrayOf, nullable, objectSchema, perKey } from '../../common/http/api-docs';

export const PUBLIC_PAGE_SIZE_MAX = 100;
export const RESULT_SORTS = ['date_desc', 'date_asc', 'name'] as const;

/** Every filter is named here: anything else in the query is refused (400 naming it). */
export class PublicResultsQueryDto {
  @ApiPropertyOptional({ description: 'Entity name contains (Chinese, at least 2 characters)' }) @IsOptional() @Trim() @IsString() @MinLength(2) @MaxLength(50) q?: string;
  @ApiPropertyOptional({ description: 'USCC, exact' }) @IsOptional() @Trim() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be 18 characters' }) uscc?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() department?: string;
  @ApiPropertyOptional({ description: 'Item code' }) @IsOptional() @Trim() @IsString() @MaxLength(50) item?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: RESULT_CODE_LIST }) @IsOptional() @IsIn(RESULT_CODE_LIST) resultCode?: string;
  @ApiPropertyOptional({ description: 'Inspection date from (inclusive)' }) @IsOptional() @IsDateOnly() from?: string;
  @ApiPropertyOptional({ description: 'Inspection date to (inclusive)' }) @IsOptional() @IsDateOnly() to?: string;
  @ApiPropertyOptional({ enum: RESULT_SORTS, default: 'date_desc' }) @IsOptional() @IsIn(RESULT_SORTS) sort: (typeof RESULT_SORTS)[number] = 'date_desc';
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) pageNumber: number = 1;
  @ApiPropertyOptional({ default: 20, maximum: PUBLIC_PAGE_SIZE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PUBLIC_PAGE_SIZE_MAX) pageSize: number = 20;
}

export class PublicMetaDto {
  @ApiProperty({ description: 'Matching results; with a name fragment (q), counted up to 1000 (see totalCountCapped)' }) totalCount: number;
  @ApiPropertyOptional({ description: 'Results search only (always present there): true when a name search (q) matched more than totalCount results and counting stopped there; show "more than totalCount"' }) totalCountCapped?: boolean;
  @ApiProperty() pageNumber: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() totalPages: number;
  @ApiProperty({ description: 'When these data were read (Beijing date and time, ISO 8601 with offset)' }) extractDate: string;
}

const STRING = { type: 'string' } as const;

/** What the public sees of one result (public-view.ts PublicResult), documented field by field. */
export class PublicResultBodyDto {
  @ApiProperty(objectSchema({ name: STRING, uscc: STRING, address: nullable('string') })) entity: PublicResult['entity'];
  @ApiProperty(objectSchema({ id: { type: 'string', format: 'uuid' }, name: STRING })) department: PublicResult['department'];
  @ApiProperty(arrayOf(objectSchema({ code: STRING, name: STRING, legalBasis: STRING }))) items: PublicResult['items'];
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ format: 'date' }) inspectionDate: string;
  @ApiProperty(arrayOf(objectSchema({ name: STRING, certificateNumber: STRING }))) inspectors: PublicResult['inspectors'];
  @ApiProperty(arrayOf(objectSchema({ code: STRING, label: STRING }))) results: PublicResult['results'];
  @ApiProperty(
    objectSchema(
      {
        ordered: { type: 'integer' },
        rectified: { type: 'integer' },
        open: { type: 'integer' },
        orders: arrayOf(
          objectSchema({ issuedOn: { type: 'string', format: 'date' }, dueOn: { type: 'string', format: 'date' }, state: { type: 'string', enum: ['open', 'rectified', 'not_rectified'] }, followedUpOn: nullable('string', { format: 'date' }) }),
          { description: '责令改正 orders by issue date: dates and state (absent from results published before it was kept)' },
        ),
      },
      { optional: ['orders'] },
    ),
  )
  rectification: PublicResult['rectification'];
}

export class PublicResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['published', 'withdrawn'] }) status: 'published' | 'withdrawn';
  @ApiProperty() publishedAt: string;
  @ApiProperty({ type: PublicResultBodyDto }) result: PublicResult;
  @ApiProperty(nullable('string', { description: 'Set on a corrected version' })) correctionReason: string | null;
  @ApiProperty(objectSchema({ reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } }, { nullable: true })) withdrawn: { reason: string; at: string } | null;
}

export class PublicResultPageDto {
  @ApiProperty({ type: [PublicResultDto] }) items: PublicResultDto[];
  @ApiProperty({ type: PublicMetaDto }) meta: PublicMetaDto;
}

export class PublicEntityDto {
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [PublicResultDto], description: 'Current versions, newest inspection first' }) results: PublicResultDto[];
  @ApiProperty({ type: [PublicResultDto], description: 'Earlier versions replaced by corrections' }) history: PublicResultDto[];
}

export const COMPLETENESS_STATUSES = ['published', 'withdrawn', 'not_started', 'in_progress', 'under_review', 'within_deadline', 'overdue', 'unstaffed', 'cancelled'] as const;
export type CompletenessStatus = (typeof COMPLETENESS_STATUSES)[number];

export class CompletenessDto {
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ description: 'Targets drawn' }) drawn: number;
  @ApiProperty({ description: 'Of which published' }) published: number;
  @ApiProperty(perKey(COMPLETENESS_STATUSES, { type: 'integer' }, { description: 'Count per status: nothing can be dropped quietly' })) counts: Record<CompletenessStatus, number>;
  @ApiProperty({ description: 'deadlineProvisional: the deadline counts days of a year whose holiday notice is not out yet (recomputed when it is)' })
  targets: { uscc: string; name: string; status: CompletenessStatus; deadline: string | null; deadlineProvisional: boolean }[];
  @ApiProperty() extractDate: string;
}

export class UsccParamDto {
  @ApiProperty() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'uscc must be 18 characters' }) uscc: string;
}
