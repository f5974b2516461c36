import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Nullable, Omittable, Trim } from '../../common/validation';
import { CONFLICT_SOURCES } from '../declared-conflict.entity';
import type { ConflictSource } from '../declared-conflict.entity';

export class CreateRecusalDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  inspectorId: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID()
  entityId: string;

  @ApiProperty({ example: '检查人员配偶在该单位任职' }) @Trim() @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;

  @ApiProperty({ enum: CONFLICT_SOURCES, description: 'supervisor = declared by a supervisor; entity_application = on the entity\'s application' }) @IsIn(CONFLICT_SOURCES)
  source: ConflictSource;

  @ApiProperty({ example: '2024-01-01' }) @IsDateOnly()
  validFrom: string;

  @ApiPropertyOptional({ example: '2024-12-31', description: 'Open-ended when omitted' }) @Omittable() @IsDateOnly()
  validUntil?: string;
}

export class UpdateRecusalDto {
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @MinLength(2) @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional() @Omittable() @IsDateOnly()
  validFrom?: string;

  @ApiPropertyOptional({ nullable: true, type: String }) @Nullable() @IsDateOnly()
  validUntil?: string | null;
}

export class RevokeRecusalDto {
  @ApiProperty({ example: '当事人已离职' }) @Trim() @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;
}

export class RecusalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  inspectorId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ description: 'Only conflicts in force on this date' }) @IsOptional() @IsDateOnly()
  activeOn?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeRevoked?: boolean;
}

export class RecusalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() inspectorName: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty() entityName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: CONFLICT_SOURCES }) source: ConflictSource;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedReason: string | null;
  @ApiProperty() createdAt: string;
}

export class RecusalPageDto {
  @ApiProperty({ type: [RecusalDto] }) items: RecusalDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
