import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/http/paging';
import { nullable, objectSchema } from '../../common/http/api-docs';

export class TaskMemberDto {
  @ApiProperty({ format: 'uuid' }) inspectorId: string;
  @ApiProperty() name: string;
  @ApiProperty() certificateNumber: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ description: 'Leader of their department\'s team' }) leader: boolean;
}

export class TaskItemDto {
  @ApiProperty({ format: 'uuid' }) itemVersionId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '抽查依据' }) legalBasis: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ enum: ['assigned', 'unstaffed', 'cancelled'] }) state: string;
  @ApiProperty(objectSchema({ id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, uscc: { type: 'string' }, registeredAddress: nullable('string'), district: nullable('string') })) entity: { id: string; name: string; uscc: string; registeredAddress: string | null; district: string | null };
  @ApiProperty({ type: [TaskItemDto] }) items: TaskItemDto[];
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty({ type: [TaskMemberDto] }) team: TaskMemberDto[];
  @ApiProperty(objectSchema({ id: { type: 'string', format: 'uuid' }, state: { type: 'string' }, version: { type: 'integer' } }, { nullable: true })) record: { id: string; state: string; version: number } | null;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
