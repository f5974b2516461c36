import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';

export class MergeCandidatesQueryDto extends PageQueryDto {
  @ApiProperty({ minimum: 2000, maximum: 2100 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ minimum: 1, maximum: 4, description: 'Quarter of the tasks\' window start' }) @Type(() => Number) @IsInt() @Min(1) @Max(4)
  quarter: number;
}

export class MergeTaskDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ format: 'uuid', description: 'The department that drew the target (lead of its plan)' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
}

/** 综合查一次: one target drawn by several departments in the same quarter. */
export class MergeCandidateDto {
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [MergeTaskDto] }) tasks: MergeTaskDto[];
}

export class MergeCandidatePageDto {
  @ApiProperty({ type: [MergeCandidateDto] }) items: MergeCandidateDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
