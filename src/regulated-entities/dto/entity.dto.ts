import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, registerDecorator, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Nullable, Omittable, PublicText, Trim } from '../../common/validation';
import { RISK_CLASSES } from '../entity-risk-class.entity';
import type { RiskClass } from '../entity-risk-class.entity';
import { ENTITY_STATUSES } from '../regulated-entity.entity';
import type { EntityStatus } from '../regulated-entity.entity';
import { normaliseUscc, usccOverridable, validateUscc } from '../uscc';
import { SnapshotSafe } from '../../plans/snapshot-safe';

/** Normalises, then validates with a message naming the wrong character. */
function IsUscc(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseUscc(value) : value))(target, propertyName);
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        // A wrong check character passes only with the supervisor's reason (usccCheckOverrideReason): real codes like that exist.
        validate: (value: unknown, args) => {
          if (typeof value !== 'string') return false;
          const error = validateUscc(value);
          const reason = (args?.object as { usccCheckOverrideReason?: unknown } | undefined)?.usccCheckOverrideReason;
          return error === null || (usccOverridable(error) && typeof reason === 'string' && reason.trim().length >= 4);
        },
        defaultMessage: (args) => {
          if (typeof args?.value !== 'string') return '统一社会信用代码必须是字符串';
          const error = validateUscc(args.value)!;
          return usccOverridable(error) ? `${error.message}；如已向登记机关或国家企业信用信息公示系统人工核实该代码无误，请填写核实说明（usccCheckOverrideReason）后提交` : error.message;
        },
      },
    });
  };
}

export class LicenceDto {
  @ApiProperty({ example: '实验动物使用许可证' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  type: string;

  @ApiProperty({ example: 'SYXK(津)2023-0001' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  number: string;

  @ApiPropertyOptional({ example: '2023-01-01' }) @Nullable() @IsDateOnly()
  validFrom?: string;

  @ApiPropertyOptional({ example: '2028-01-01' }) @Nullable() @IsDateOnly()
  validUntil?: string;
}

class EntityFields {
  @ApiPropertyOptional({ example: '张三' }) @Nullable() @Trim() @IsString() @PublicText() @MaxLength(100)
  legalRepresentative?: string;

  @ApiPropertyOptional({ example: '天津经济技术开发区西区新业九街东1号' }) @Nullable() @Trim() @IsString() @PublicText() @MaxLength(300)
  registeredAddress?: string;

  @ApiPropertyOptional({ example: '滨海新区' }) @Nullable() @Trim() @IsString() @PublicText() @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ example: 'M7340', description: '国民经济行业分类代码' }) @Nullable() @Trim() @IsString() @Matches(/^[A-Z0-9]{1,20}$/, { message: 'industryCode must be letters A-Z and digits' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: ENTITY_STATUSES }) @Omittable() @IsIn(ENTITY_STATUSES)
  status?: EntityStatus;

  @ApiPropertyOptional({ description: 'Never public' }) @Nullable() @Trim() @IsString() @MaxLength(100)
  contactPerson?: string;

  @ApiPropertyOptional({ description: 'Never public' }) @Nullable() @Trim() @IsString() @Matches(/^[0-9+\-() ]{5,40}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;

  @ApiPropertyOptional({ example: '第一监管所' }) @Nullable() @Trim() @IsString() @PublicText() @SnapshotSafe() @MaxLength(100)
  supervisingUnit?: string;
}

export class CreateEntityDto extends EntityFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only: the department whose directory it joins' }) @Omittable() @IsUUID()
  departmentId?: string;

  @ApiProperty({ example: '91350100M000100Y43' }) @IsUscc()
  uscc: string;

  @ApiPropertyOptional({ description: 'Only for a code whose check character is wrong but which the supervisor checked by hand (e.g. on the 国家企业信用信息公示系统): how it was checked. Recorded, shown as usccCheckOverride and in the audit chain' })
  @Omittable() @Trim() @IsString() @MinLength(4) @MaxLength(500)
  usccCheckOverrideReason?: string;

  @ApiProperty({ example: '康希诺生物股份公司' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES }) @Omittable() @IsIn(RISK_CLASSES)
  riskClass?: RiskClass;

  @ApiPropertyOptional({ description: 'When the initial class took effect (default: today)' }) @Omittable() @IsDateOnly()
  riskClassEffectiveFrom?: string;

  @ApiPropertyOptional({ type: [LicenceDto] }) @Omittable() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LicenceDto)
  licences?: LicenceDto[];
}

export class UpdateEntityDto extends EntityFields {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  name?: string;
}

export class AddRiskClassDto {
  @ApiProperty({ enum: RISK_CLASSES }) @IsIn(RISK_CLASSES)
  riskClass: RiskClass;

  @ApiProperty({ example: '2024-01-01' }) @IsDateOnly()
  effectiveFrom: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Date (default: today, China time)' }) @IsOptional() @IsDateOnly()
  date?: string;
}

export class EntityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name contains (Chinese or not)' }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseUscc(value) : value)) @IsString() @MaxLength(18)
  uscc?: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES, description: 'Class in force on riskClassOn' }) @IsOptional() @IsIn(RISK_CLASSES)
  riskClass?: RiskClass;

  @ApiPropertyOptional({ description: 'Date for riskClass (default: today)' }) @IsOptional() @IsDateOnly()
  riskClassOn?: string;

  @ApiPropertyOptional({ enum: ENTITY_STATUSES }) @IsOptional() @IsIn(ENTITY_STATUSES)
  status?: EntityStatus;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(20)
  industryCode?: string;

  @ApiPropertyOptional({ description: 'Holds a licence of this type' }) @IsOptional() @Trim() @IsString() @MaxLength(100)
  licenceType?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: restrict to one department' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class LicenceViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() number: string;
  @ApiProperty({ nullable: true, type: String }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
}

export class RiskClassViewDto {
  @ApiProperty({ enum: RISK_CLASSES }) riskClass: RiskClass;
  @ApiProperty() effectiveFrom: string;
}

export class UsccCheckOverrideDto {
  @ApiProperty({ description: 'What the check character validation said' }) failure: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) by: string | null;
  @ApiProperty() at: string;
}

export class EntityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) legalRepresentative: string | null;
  @ApiProperty({ nullable: true, type: String }) registeredAddress: string | null;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ nullable: true, type: String }) industryCode: string | null;
  @ApiProperty({ enum: ENTITY_STATUSES }) status: EntityStatus;
  @ApiProperty({ nullable: true, type: String }) contactPerson: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty({ nullable: true, type: String }) supervisingUnit: string | null;
  @ApiProperty({ type: RiskClassViewDto, nullable: true, description: 'In force today (China time)' }) currentRiskClass: RiskClassViewDto | null;
  @ApiProperty({ type: [RiskClassViewDto] }) riskClassHistory: RiskClassViewDto[];
  @ApiProperty({ type: [LicenceViewDto] }) licences: LicenceViewDto[];
  @ApiProperty({ type: UsccCheckOverrideDto, nullable: true, description: 'Set when the code fails its check character and a supervisor accepted it after checking it by hand' }) usccCheckOverride: UsccCheckOverrideDto | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class EntityPageDto {
  @ApiProperty({ type: [EntityDto] }) items: EntityDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class RiskClassOnDateDto {
  @ApiProperty() date: string;
  @ApiProperty({ enum: RISK_CLASSES, nullable: true, type: String }) riskClass: RiskClass | null;
  @ApiProperty({ nullable: true, type: String }) effectiveFrom: string | null;
}
