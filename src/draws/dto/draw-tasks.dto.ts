import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { TASK_STATES } from '../draw.entity';
import type { TaskState } from '../draw.entity';

export class DrawTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATES }) @IsOptional() @IsIn(TASK_STATES)
  state?: TaskState;

  @ApiPropertyOptional({ description: 'true: tasks with a full team (assigned); false: targets whose team could not be filled (unstaffed)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  staffed?: boolean;
}

export class DrawTaskEntityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'USCC, in full' }) uscc: string;
}

export class DrawTaskMemberDto {
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() name: string;
  @ApiProperty() certificateNumber: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() leader: boolean;
}

export class DrawTaskRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['in_progress', 'submitted', 'returned', 'approved', 'published'] }) state: string;
}

export class DrawTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in ticket order (0 = smallest ticket)' }) position: number;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'], description: 'Risk class stratum' }) stratum: string;
  @ApiProperty({ enum: TASK_STATES }) state: TaskState;
  @ApiProperty({ type: DrawTaskEntityDto }) entity: DrawTaskEntityDto;
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty({ type: [DrawTaskMemberDto] }) team: DrawTaskMemberDto[];
  @ApiProperty({ type: DrawTaskRecordDto, nullable: true, description: 'The check record of the task, once started' }) record: DrawTaskRecordDto | null;
}

export class DrawTaskPageDto {
  @ApiProperty({ type: [DrawTaskDto] }) items: DrawTaskDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
