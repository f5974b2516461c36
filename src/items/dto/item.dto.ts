import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDecimal, Omittable, PublicText, Trim } from '../../common/validation';
import { ITEM_CATEGORIES, ITEM_METHODS } from '../inspection-item.entity';
import type { ItemCategory, ItemMethod } from '../inspection-item.entity';
import { SnapshotSafe } from '../../plans/snapshot-safe';

export class RatiosDto {
  @ApiProperty({ example: 3, description: 'Percent of class A entities' }) @IsDecimal(2) @Min(0) @Max(100) A: number;
  @ApiProperty({ example: 5 }) @IsDecimal(2) @Min(0) @Max(100) B: number;
  @ApiProperty({ example: 20 }) @IsDecimal(2) @Min(0) @Max(100) C: number;
  @ApiProperty({ example: 100 }) @IsDecimal(2) @Min(0) @Max(100) D: number;
}

export class TargetFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['M7340'] }) @Omittable() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(20, { each: true })
  industryCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['实验动物使用许可证'] }) @Omittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  licenceTypes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['滨海新区'] }) @Omittable() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  districts?: string[];
}

class ItemContent {
  @ApiProperty({ example: '实验动物许可情况的检查' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['实验动物使用许可证有效性', '设施环境条件'] }) @Omittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) @PublicText({ each: true })
  subItems?: string[];

  @ApiProperty({ example: '《实验动物管理条例》第……条' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(2) @MaxLength(4000)
  legalBasis: string;

  @ApiProperty({ enum: ITEM_CATEGORIES, description: 'key = 重点 (no ratio cap), general = 一般' }) @IsIn(ITEM_CATEGORIES)
  category: ItemCategory;

  @ApiProperty({ example: '实验动物使用单位' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  targetType: string;

  @ApiProperty({ enum: ITEM_METHODS, description: 'on_site = 现场, documentary = 书面, online = 网络' }) @IsIn(ITEM_METHODS)
  method: ItemMethod;

  @ApiProperty({ example: '实验动物', description: 'The enforcement domain an inspector needs' }) @Trim() @IsString() @PublicText() @SnapshotSafe() @MinLength(1) @MaxLength(100)
  enforcementDomain: string;

  @ApiProperty({ type: RatiosDto }) @ValidateNested() @Type(() => RatiosDto)
  defaultRatios: RatiosDto;

  @ApiProperty({ example: '每年一次' }) @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100)
  frequency: string;

  @ApiPropertyOptional({ type: TargetFilterDto }) @Omittable() @ValidateNested() @Type(() => TargetFilterDto)
  targetFilter?: TargetFilterDto;
}

export class CreateItemDto extends ItemContent {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' }) @Omittable() @IsUUID()
  departmentId?: string;

  @ApiProperty({ example: 'KJ-001' }) @Trim() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,50}$/, { message: 'code must be 1-50 characters of letters, digits, _ . -' })
  code: string;
}

/** A change: the fields given replace those of the current version, making a new version. */
export class ReviseItemDto {
  @ApiProperty({ description: 'The version you changed; if another was made since, 409' }) @IsInt() @Min(1)
  baseVersion: number;

  @ApiPropertyOptional({ example: '依据新修订条例更新' }) @Omittable() @Trim() @IsString() @PublicText({ multiline: true }) @MaxLength(1000)
  changeNote?: string;

  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: [String] }) @Omittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) @PublicText({ each: true }) subItems?: string[];
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(2) @MaxLength(4000) legalBasis?: string;
  @ApiPropertyOptional({ enum: ITEM_CATEGORIES }) @Omittable() @IsIn(ITEM_CATEGORIES) category?: ItemCategory;
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100) targetType?: string;
  @ApiPropertyOptional({ enum: ITEM_METHODS }) @Omittable() @IsIn(ITEM_METHODS) method?: ItemMethod;
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @SnapshotSafe() @MinLength(1) @MaxLength(100) enforcementDomain?: string;
  @ApiPropertyOptional({ type: RatiosDto }) @Omittable() @ValidateNested() @Type(() => RatiosDto) defaultRatios?: RatiosDto;
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @PublicText() @MinLength(1) @MaxLength(100) frequency?: string;
  @ApiPropertyOptional({ type: TargetFilterDto }) @Omittable() @ValidateNested() @Type(() => TargetFilterDto) targetFilter?: TargetFilterDto;
}

export class ItemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name or code contains' }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ITEM_CATEGORIES }) @IsOptional() @IsIn(ITEM_CATEGORIES)
  category?: ItemCategory;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class ItemVersionDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) subItems: string[];
  @ApiProperty() legalBasis: string;
  @ApiProperty({ enum: ITEM_CATEGORIES }) category: ItemCategory;
  @ApiProperty() categoryLabel: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ enum: ITEM_METHODS }) method: ItemMethod;
  @ApiProperty() methodLabel: string;
  @ApiProperty() enforcementDomain: string;
  @ApiProperty({ type: RatiosDto }) defaultRatios: RatiosDto;
  @ApiProperty() frequency: string;
  @ApiProperty({ type: TargetFilterDto }) targetFilter: { industryCodes: string[]; licenceTypes: string[]; districts: string[] };
  @ApiProperty({ nullable: true, type: String }) changeNote: string | null;
  @ApiProperty() createdAt: string;
}

export class ItemVersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) changeNote: string | null;
  @ApiProperty() createdAt: string;
}

export class ItemDto extends ItemVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: [ItemVersionSummaryDto] }) versions: ItemVersionSummaryDto[];
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] }) items: ItemDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
