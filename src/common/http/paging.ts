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
  @ApiPropertyOptional({ description: 'Present (true) only when a name search matched more than totalCount and counting stopped there: show "more than totalCount"' })
  totalCountCapped?: boolean;
  @ApiProperty() totalPages: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export interface Page<T> {
  items: T[];
  meta: PageMetaDto;
}

/** `capped`: a name search's count stopped at its cap (name-search.ts); the meta then says totalCountCapped: true (absent otherwise). */
export function toPage<T>(items: T[], totalCount: number, query: PageQueryDto, capped = false): Page<T> {
  const total = capped ? { totalCount, totalCountCapped: true } : { totalCount };
  return {
    items,
    meta: { ...total, totalPages: Math.ceil(total.totalCount / query.pageSize), page: query.page, pageSize: query.pageSize },
  };
}

export function pageWindow(query: PageQueryDto): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}
