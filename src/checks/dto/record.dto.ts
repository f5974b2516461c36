import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsDateOnly, IsDecimal, Nullable, Omittable, PublicText, Trim } from '../../common/validation';
import { RECORD_STATES } from '../check-record.entity';
import type { RecordState } from '../check-record.entity';
import { RESULT_CODE_LIST } from '../result-codes';
import { nullable } from '../../common/http/api-docs';
import { CheckCodeRefDto } from './check-code.dto';

export class PresentInspectorDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() inspectorId: string;
  @ApiProperty({ description: '已出示执法证件' }) @IsBoolean() certificateShown: boolean;
}

export class RepresentativeDto {
  @ApiProperty({ example: '王五' }) @Trim() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: '质量负责人' }) @Trim() @IsString() @MinLength(1) @MaxLength(100) role: string;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() itemVersionId: string;
  @ApiProperty({ description: 'true: 未发现问题 for this item' }) @IsBoolean() compliant: boolean;
  @ApiPropertyOptional(nullable('string')) @Nullable() @Trim() @IsString() @PublicText({ multiline: true }) @MaxLength(2000) description: string | null = null;
  @ApiPropertyOptional(nullable('string', { example: '《实验动物管理条例》第十八条' })) @Nullable() @Trim() @IsString() @PublicText() @MaxLength(300) legalClause: string | null = null;
}

export class MajorDecisionDto {
  @ApiPropertyOptional(nullable('number', { description: 'Proposed fine in yuan' })) @Nullable() @IsDecimal(2) @Min(0) @Max(1e12) penaltyYuan: number | null = null;
  @ApiProperty() @IsBoolean() licenceRevocation: boolean;
  @ApiProperty({ description: 'Marked major whatever the amount' }) @IsBoolean() marked: boolean;
  @ApiPropertyOptional(nullable('string')) @Nullable() @Trim() @IsString() @PublicText({ multiline: true }) @MaxLength(2000) description: string | null = null;
}

/** Every field optional: a record is filled in bit by bit on site, and checked whole at submission. */
export class RecordFieldsDto {
  @ApiPropertyOptional(nullable('string', { format: 'date', example: '2024-05-10' })) @Nullable() @IsDateOnly() checkDate?: string | null;
  @ApiPropertyOptional(nullable('string')) @Nullable() @Trim() @IsString() @PublicText() @MaxLength(300) place?: string | null;
  @ApiPropertyOptional({ type: [PresentInspectorDto] }) @Omittable() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PresentInspectorDto) inspectorsPresent?: PresentInspectorDto[];
  @ApiPropertyOptional({ type: RepresentativeDto, nullable: true }) @Nullable() @IsObject() @ValidateNested() @Type(() => RepresentativeDto) representative?: RepresentativeDto | null;
  @ApiPropertyOptional({ type: [FindingDto] }) @Omittable() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FindingDto) findings?: FindingDto[];
  @ApiPropertyOptional({ enum: RESULT_CODE_LIST, isArray: true }) @Omittable() @IsArray() @ArrayMaxSize(11) @IsIn(RESULT_CODE_LIST, { each: true }) resultCodes?: string[];
  @ApiPropertyOptional(nullable('string', { description: 'Internal remarks (never public)' })) @Nullable() @Trim() @IsString() @MaxLength(5000) remarks?: string | null;
  @ApiPropertyOptional({ type: MajorDecisionDto, nullable: true }) @Nullable() @IsObject() @ValidateNested() @Type(() => MajorDecisionDto) majorDecision?: MajorDecisionDto | null;
}

export class UpdateRecordDto extends RecordFieldsDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1) version: number;
}

export class VersionDto {
  @ApiProperty({ description: 'The version you read' }) @IsInt() @Min(1) version: number;
}

export class ReturnRecordDto extends VersionDto {
  @ApiProperty({ description: 'What the team must correct' }) @Trim() @IsString() @MinLength(4) @MaxLength(2000) reason: string;
}

export class RecordResultDto {
  @ApiProperty({ enum: RESULT_CODE_LIST }) code: string;
  @ApiProperty({ example: '未发现问题' }) label: string;
}

export class RecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ enum: RECORD_STATES }) state: RecordState;
  @ApiProperty(nullable('string', { format: 'date' })) checkDate: string | null;
  @ApiProperty(nullable('string')) place: string | null;
  @ApiProperty({ type: [PresentInspectorDto] }) inspectorsPresent: PresentInspectorDto[];
  @ApiProperty({ type: RepresentativeDto, nullable: true }) representative: RepresentativeDto | null;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [RecordResultDto], description: 'Codes with their Chinese labels' }) results: RecordResultDto[];
  @ApiProperty(nullable('string')) remarks: string | null;
  @ApiProperty({ type: MajorDecisionDto, nullable: true }) majorDecision: MajorDecisionDto | null;
  @ApiProperty({ description: '重大执法决定: legal review needed before approval' }) major: boolean;
  @ApiProperty(nullable('string')) returnReason: string | null;
  @ApiProperty(nullable('string', { format: 'date-time' })) submittedAt: string | null;
  @ApiProperty(nullable('string', { format: 'date-time' })) approvedAt: string | null;
  @ApiProperty({ description: 'Bumped by every change, evidence uploads included; send it back with the next write' }) version: number;
  @ApiProperty({ description: "The version at the last edit of fields or state: the team's writes carrying any version from this one up are current (evidence uploads bump `version` only)" }) editVersion: number;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: CheckCodeRefDto, description: "The task's 检查码 (in GET /records/{id}); the printable 笔录 is GET /records/{id}/transcript.pdf" }) checkCode?: CheckCodeRefDto;
}
