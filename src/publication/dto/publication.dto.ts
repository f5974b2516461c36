import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { Omittable, PublicText, Trim } from '../../common/validation';
import { RESULT_CODE_LIST } from '../../checks/result-codes';
import type { PublicResult } from '../public-view';
import { PUBLICATION_STATES } from '../publication.entity';
import type { PublicationState, ResultType } from '../publication.entity';
import { nullable } from '../../common/http/api-docs';
import { PublicResultBodyDto } from './public.dto';

export const PUBLICATION_FILTERS = ['pending', 'due_soon', 'overdue', 'published', 'withdrawn'] as const;

export class PublicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PUBLICATION_FILTERS, description: 'due_soon: pending with 3 working days or fewer left; overdue: pending past the deadline' })
  @IsOptional()
  @IsIn(PUBLICATION_FILTERS)
  status?: (typeof PUBLICATION_FILTERS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead department (narrows; admins: any, others: their own only)' }) @IsOptional() @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The publication of one check record (its current version)' }) @IsOptional() @IsUUID()
  recordId?: string;
}

export class PublishDto {
  @ApiPropertyOptional({ description: 'Schedule for later (ISO 8601); default: now' }) @Omittable() @IsISO8601({ strict: true }) publishAt?: string;
}

export class CorrectionDto {
  @ApiProperty({ description: 'Why the published result is corrected (public)' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(4) @MaxLength(1000) reason: string;
  @ApiPropertyOptional({ enum: RESULT_CODE_LIST, isArray: true, description: 'Corrected result codes (default: unchanged)' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(11)
  @IsIn(RESULT_CODE_LIST, { each: true })
  resultCodes?: string[];
}

export class WithdrawDto {
  @ApiProperty({ description: 'Why (e.g. a court decision); public' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(4) @MaxLength(1000) reason: string;
}

export class PublicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty() version: number;
  @ApiProperty() current: boolean;
  @ApiProperty({ enum: PUBLICATION_STATES }) state: PublicationState;
  @ApiProperty({ enum: ['general', 'decision'] }) resultType: ResultType;
  @ApiProperty() checkDate: string;
  @ApiProperty() deadline: string;
  @ApiProperty({ description: "The deadline counts days of a year whose holiday notice is not out yet (statutory holidays only): it is recomputed when the notice is entered" }) deadlineProvisional: boolean;
  @ApiProperty(nullable('string', { format: 'date-time' })) publishedAt: string | null;
  @ApiProperty(nullable('boolean', { description: 'true/false once published; null while pending' })) onTime: boolean | null;
  @ApiProperty(nullable('integer', { description: 'Working days left (negative: overdue); null once published' })) workingDaysLeft: number | null;
  @ApiProperty() entityName: string;
  @ApiProperty() uscc: string;
  @ApiProperty(nullable('string')) correctionReason: string | null;
  @ApiProperty(nullable('string')) withdrawnReason: string | null;
  @ApiProperty({ type: PublicResultBodyDto, description: 'Exactly what the public sees' }) payload: PublicResult;
}

export class PublicationSummaryDto {
  @ApiProperty() published: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() pending: number;
  @ApiProperty() overdue: number;
  @ApiProperty(nullable('number', { description: 'onTime / published, in percent (one decimal); null when none published' })) onTimeRate: number | null;
}

export class PublicationPageDto {
  @ApiProperty({ type: [PublicationDto] }) items: PublicationDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  @ApiProperty({ type: PublicationSummaryDto }) summary: PublicationSummaryDto;
}
