import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Paging query, shared by every list route. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export class PageMetaDto {
  @ApiProperty() totalCount: number;
  @ApiPropertyOptional({ description: 'Lists searched by a name fragment only: true when more than totalCount matched and counting stopped there (show "more than totalCount")' })
  totalCountCapped?: boolean;
  @ApiProperty() totalPages: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export interface Page<T> {
  items: T[];
  meta: PageMetaDto;
}

/** `capped` (a name search's count, name-search.ts) adds totalCountCapped; other lists leave it out. */
export function toPage<T>(items: T[], totalCount: number, query: PageQueryDto, capped?: { totalCount: number; totalCountCapped: boolean }): Page<T> {
  const total = capped ?? { totalCount };
  return {
    items,
    meta: { ...total, totalPages: Math.ceil(total.totalCount / query.pageSize), page: query.page, pageSize: query.pageSize },
  };
}

export function pageWindow(query: PageQueryDto): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}
