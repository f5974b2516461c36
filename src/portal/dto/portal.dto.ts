import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RESULT_CODE_LIST } from '../../checks/result-codes';
import { IsDateOnly } from '../../common/validation';
import { PUBLIC_PAGE_SIZE_MAX, RESULT_SORTS } from '../../publication/dto/public.dto';

/**
 * A GET form sends every field, empty ones as "": those mean "no filter" here (the JSON API would
 * refuse them). Read from the raw value, before any conversion. Repeated parameters stay arrays and
 * fail validation.
 */
const Text = (upper = false) =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const v = obj[key];
    if (typeof v !== 'string') return v;
    const t = v.trim();
    return t === '' ? undefined : upper ? t.toUpperCase() : t;
  });
const Int = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const v = obj[key];
    if (typeof v !== 'string') return v;
    return v.trim() === '' ? undefined : /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v;
  });

/** The results form: the same filters as /public/results, every one declared (others are refused). */
export class PortalResultsQueryDto {
  @ApiPropertyOptional({ description: 'Entity name contains (at least 2 characters)' }) @IsOptional() @Text() @IsString() @MinLength(2) @MaxLength(50) q?: string;
  @ApiPropertyOptional({ description: 'USCC, exact' }) @IsOptional() @Text(true) @IsString() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '须为 18 位统一社会信用代码' }) uscc?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @Text() @IsUUID() department?: string;
  @ApiPropertyOptional({ description: 'Item code' }) @IsOptional() @Text() @IsString() @MaxLength(50) item?: string;
  @ApiPropertyOptional() @IsOptional() @Int() @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: RESULT_CODE_LIST }) @IsOptional() @Text() @IsIn(RESULT_CODE_LIST) resultCode?: string;
  @ApiPropertyOptional() @IsOptional() @Text() @IsDateOnly() from?: string;
  @ApiPropertyOptional() @IsOptional() @Text() @IsDateOnly() to?: string;
  @ApiPropertyOptional({ enum: RESULT_SORTS }) @IsOptional() @Text() @IsIn(RESULT_SORTS) sort?: (typeof RESULT_SORTS)[number];
  @ApiPropertyOptional() @IsOptional() @Int() @IsInt() @Min(1) @Max(100_000) pageNumber?: number;
  @ApiPropertyOptional({ maximum: PUBLIC_PAGE_SIZE_MAX }) @IsOptional() @Int() @IsInt() @Min(1) @Max(PUBLIC_PAGE_SIZE_MAX) pageSize?: number;
}

/** A draw page lists its targets 100 at a time. */
export class PortalDrawQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Int() @IsInt() @Min(1) @Max(100_000) pageNumber?: number;
}
