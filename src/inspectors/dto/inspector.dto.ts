import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, IsDecimal, Nullable, Omittable, PublicText, Trim } from '../../common/validation';
import { INSPECTOR_STATUSES } from '../inspector-records.entity';
import type { InspectorStatus } from '../inspector-records.entity';
import { SnapshotSafe } from '../../plans/snapshot-safe';

export const CERTIFICATE_STATES = ['valid', 'expired', 'not_yet_valid'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export class CreateInspectorDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' }) @Omittable() @IsUUID()
  departmentId?: string;

  @ApiProperty({ example: '王芳' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ example: '12010023001', description: '执法证号' }) @Trim() @IsString() @SnapshotSafe() @MinLength(3) @MaxLength(50)
  certificateNumber: string;

  @ApiProperty({ example: '天津市人民政府' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  issuingAuthority: string;

  @ApiProperty({ example: '2022-01-01' }) @IsDateOnly()
  certificateValidFrom: string;

  @ApiProperty({ example: '2027-12-31' }) @IsDateOnly()
  certificateValidUntil: string;

  @ApiPropertyOptional({ example: ['科技', '实验动物'], type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @SnapshotSafe({ each: true }) @MaxLength(100, { each: true })
  domains?: string[];

  @ApiPropertyOptional({ example: '第一监管所' }) @Nullable() @Trim() @IsString() @PublicText() @SnapshotSafe() @MaxLength(100)
  unit?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The inspector\'s staff account, if any' }) @Omittable() @IsUUID()
  userId?: string;
}

export class UpdateInspectorDto {
  @ApiProperty() @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  name?: string;

  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  issuingAuthority?: string;

  @ApiPropertyOptional() @Omittable() @IsDateOnly()
  certificateValidFrom?: string;

  @ApiPropertyOptional() @Omittable() @IsDateOnly()
  certificateValidUntil?: string;

  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @SnapshotSafe({ each: true }) @MaxLength(100, { each: true })
  domains?: string[];

  @ApiPropertyOptional({ nullable: true, type: String }) @Nullable() @IsString() @PublicText() @SnapshotSafe() @MaxLength(100)
  unit?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @Nullable() @IsUUID()
  userId?: string | null;
}

export class StatusChangeDto {
  @ApiProperty({ enum: INSPECTOR_STATUSES }) @IsIn(INSPECTOR_STATUSES)
  status: InspectorStatus;

  @ApiProperty({ example: '因涉嫌违纪暂扣执法证' }) @Trim() @IsString() @MinLength(2) @MaxLength(500)
  reason: string;

  @ApiProperty({ example: '2024-03-01' }) @IsDateOnly()
  effectiveDate: string;
}

export class TrainingDto {
  @ApiProperty({ example: '2023-05-10' }) @IsDateOnly()
  date: string;

  @ApiProperty({ example: 8, description: 'Hours, one decimal' }) @IsDecimal(1) @Min(0.1) @Max(1000)
  hours: number;

  @ApiProperty({ example: '《行政处罚法》专题培训' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(200)
  topic: string;
}

export class ExamDto {
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty() @IsBoolean()
  passed: boolean;

  @ApiPropertyOptional({ example: 92 }) @Nullable() @IsDecimal(1) @Min(0) @Max(100)
  score?: number;
}

export class InspectorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name contains' }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(50)
  certificateNumber?: string;

  @ApiPropertyOptional({ description: 'Covers this enforcement domain' }) @IsOptional() @Trim() @IsString() @MaxLength(100)
  domain?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'false: inspectors linked to no account (they cannot see their tasks); true: linked ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hasAccount?: boolean;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATES, description: 'The certificate today (China time): valid, expired, or not yet valid' })
  @IsOptional()
  @IsIn(CERTIFICATE_STATES)
  certificate?: CertificateState;

  @ApiPropertyOptional({ description: 'Only certificates expiring within this many days from today (today included), as GET /inspectors/expiring-certificates' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
}

export class ExpiringQueryDto {
  @ApiPropertyOptional({ description: 'Window in days (default: RULES_CERT_EXPIRY_WARNING_DAYS, 60)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  withinDays?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one department (others always get their own)' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class EligibilityQueryDto {
  @ApiPropertyOptional({ description: 'Date to check (default: today, China time)' }) @IsOptional() @IsDateOnly()
  date?: string;
}

export class TrainingViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() date: string;
  @ApiProperty() hours: number;
  @ApiProperty() topic: string;
}

export class ExamViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty() passed: boolean;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
}

export class StatusChangeViewDto {
  @ApiProperty({ enum: INSPECTOR_STATUSES }) status: InspectorStatus;
  @ApiProperty() reason: string;
  @ApiProperty() effectiveDate: string;
}

export class InspectorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() name: string;
  @ApiProperty() certificateNumber: string;
  @ApiProperty() issuingAuthority: string;
  @ApiProperty() certificateValidFrom: string;
  @ApiProperty() certificateValidUntil: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ enum: INSPECTOR_STATUSES, description: 'Status in force today' }) status: InspectorStatus;
  @ApiProperty({ type: [StatusChangeViewDto] }) statusHistory: StatusChangeViewDto[];
  @ApiProperty({ type: [TrainingViewDto] }) trainings: TrainingViewDto[];
  @ApiProperty({ type: [ExamViewDto] }) exams: ExamViewDto[];
  @ApiProperty() version: number;
}

export class InspectorPageDto {
  @ApiProperty({ type: [InspectorDto] }) items: InspectorDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class EligibilityFailureDto {
  @ApiProperty({ enum: ['CERTIFICATE_NOT_YET_VALID', 'CERTIFICATE_EXPIRED', 'STATUS_NOT_ACTIVE', 'TRAINING_HOURS_INSUFFICIENT', 'EXAM_MISSING', 'EXAM_NOT_PASSED'] }) rule: string;
  @ApiProperty() message: string;
}

export class EligibilityDto {
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() date: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: [EligibilityFailureDto] }) failures: EligibilityFailureDto[];
  @ApiProperty({ enum: INSPECTOR_STATUSES }) status: InspectorStatus;
  @ApiProperty() trainingHours: number;
  @ApiProperty() requiredTrainingHours: number;
  @ApiProperty() examRequired: boolean;
}

export class ExpiringCertificateDto {
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() name: string;
  @ApiProperty() certificateNumber: string;
  @ApiProperty() certificateValidUntil: string;
  @ApiProperty() daysLeft: number;
}
