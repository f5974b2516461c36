import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Omittable, Trim } from '../../common/validation';
import { REVIEW_DECISIONS, REVIEW_KINDS } from '../legal-review.entity';
import type { ReviewDecision, ReviewKind } from '../legal-review.entity';
import { nullable, perKey } from '../../common/http/api-docs';

class ReviewFields {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS) decision: ReviewDecision;
  @ApiProperty({ description: '审核意见 (internal, never public)' }) @Trim() @IsString() @MinLength(2) @MaxLength(5000) opinion: string;
  @ApiPropertyOptional({ description: 'Required when returning' }) @ValidateIf((o: ReviewFields) => o.decision === 'return' || o.reasons !== undefined) @Trim() @IsString() @MinLength(4) @MaxLength(2000) reasons?: string;
  @ApiProperty({ example: '2024-06-03' }) @IsDateOnly() reviewedOn: string;
}

/** A legal review of a check result (重大执法决定) by the department's legal reviewer. */
export class ReviewRecordDto extends ReviewFields {
  @ApiProperty({ description: 'The version of the record you reviewed; a stale one answers 409' }) @IsInt() @Min(1) version: number;
}

/** A legal review of a case's proposed decision (重大执法决定) by the department's legal reviewer. */
export class ReviewCaseDto extends ReviewFields {
  @ApiProperty({ description: 'The version of the case you reviewed; a stale one answers 409' }) @IsInt() @Min(1) version: number;
}

/** A review entered by hand into the register (重大行政决策, 行政规范性文件, or a decision outside checks). */
export class CreateLegalReviewDto extends ReviewFields {
  @ApiProperty({ enum: REVIEW_KINDS }) @IsIn(REVIEW_KINDS) kind: ReviewKind;
  @ApiProperty({ example: '关于印发《2024年度双随机抽查工作计划》的通知' }) @Trim() @IsString() @MinLength(2) @MaxLength(300) title: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins name the department' }) @Omittable() @IsUUID() departmentId?: string;
}

export class LegalReviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: REVIEW_KINDS }) @IsOptional() @IsIn(REVIEW_KINDS) kind?: ReviewKind;
}

export class LegalReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ enum: REVIEW_KINDS }) kind: ReviewKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty(nullable('string', { format: 'uuid' })) recordId: string | null;
  @ApiProperty(nullable('string', { format: 'uuid', description: 'The case (立案) reviewed, if any' })) caseId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty() opinion: string;
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: ReviewDecision;
  @ApiProperty(nullable('string')) reasons: string | null;
  @ApiProperty() reviewedOn: string;
}

export class LegalReviewPageDto {
  @ApiProperty({ type: [LegalReviewDto] }) items: LegalReviewDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  @ApiProperty(perKey(REVIEW_KINDS, { type: 'integer' }, { description: 'Count per kind over the whole filter (the annual report\'s figure)' })) countByKind: Record<ReviewKind, number>;
}
