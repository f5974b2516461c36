import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly } from '../../common/validation';
import { RECORD_STATES } from '../check-record.entity';

/**
 * A record's stage in the console: its state, with "submitted" split into what it waits for — a
 * major enforcement decision without a passed review of its current version waits for 法制审核,
 * anything else submitted waits for the supervisor's approval.
 */
export const RECORD_STAGES = ['in_progress', 'awaiting_legal_review', 'awaiting_approval', 'returned', 'approved', 'published'] as const;
export type RecordStage = (typeof RECORD_STAGES)[number];
export const RECORD_LIST_STATES = [...RECORD_STATES, 'awaiting_approval', 'awaiting_legal_review'] as const;
export type RecordListState = (typeof RECORD_LIST_STATES)[number];

export class RecordListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECORD_LIST_STATES, description: 'A state, or a stage of submitted records: awaiting_approval, awaiting_legal_review' })
  @IsOptional()
  @IsIn(RECORD_LIST_STATES)
  state?: RecordListState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead department (others than one\'s own list nothing; admins: any)' }) @IsOptional() @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'Check date on or after' }) @IsOptional() @IsDateOnly()
  checkDateFrom?: string;

  @ApiPropertyOptional({ example: '2024-12-31', description: 'Check date on or before' }) @IsOptional() @IsDateOnly()
  checkDateTo?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Records of plans checking this inspection item' }) @IsOptional() @IsUUID()
  itemId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Records of checks of this regulated entity (its page in the console)' }) @IsOptional() @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'By submission (records not yet submitted: by creation); asc = oldest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export class LegalQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one department\'s queue' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class RecordEntityRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'USCC, in full' }) uscc: string;
}

export class RecordListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: RecordEntityRefDto }) entity: RecordEntityRefDto;
  @ApiProperty({ enum: RECORD_STATES }) state: string;
  @ApiProperty({ enum: RECORD_STAGES, description: 'The state, with submitted records split by what they wait for' }) stage: RecordStage;
  @ApiProperty({ description: '重大执法决定' }) major: boolean;
  @ApiProperty({ type: String, nullable: true }) checkDate: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty() version: number;
}

export class RecordListPageDto {
  @ApiProperty({ type: [RecordListItemDto] }) items: RecordListItemDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class LegalQueueItemDto extends RecordListItemDto {
  @ApiProperty({ description: 'Submission date (Beijing time)' }) submittedOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'Review due by: RULES_LEGAL_REVIEW_WORKING_DAYS working days after submission (holidays and 调休 counted); null if the calendar does not cover it' })
  deadline: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Working days left until the deadline; negative when overdue' }) workingDaysLeft: number | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'The deadline counts days of a year whose holiday notice is not out yet' }) deadlineProvisional: boolean;
}

export class LegalQueuePageDto {
  @ApiProperty({ type: [LegalQueueItemDto] }) items: LegalQueueItemDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
