import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ROLES } from '../../auth/roles';
import type { Role } from '../../auth/roles';

export const TODO_KEYS = [
  'results_awaiting_approval',
  'records_awaiting_legal_review',
  'publications_due_soon',
  'publications_overdue',
  'rectifications_overdue',
  'draws_awaiting_randomness',
  'certificates_expiring',
  'unstaffed_targets',
  'cases_awaiting_approval',
  'case_decisions_due_soon',
  'case_decisions_overdue',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

export class TodoQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins: one department\'s counts (default: all departments); others always get their own' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class TodoCountDto {
  @ApiProperty({ enum: TODO_KEYS }) key: TodoKey;
  @ApiProperty({ description: 'What to do, in Chinese (e.g. 待审批检查结果)' }) label: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'The API list route the count links to, e.g. /records or /draws/{id}/tasks' }) route: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The filter parameters of that list route that give exactly these entries', example: { state: 'awaiting_approval' } })
  query: Record<string, string>;
  @ApiProperty({ type: [String], description: 'For a per-draw route ({id}): the draws concerned, oldest first; empty otherwise' }) drawIds: string[];
}

export class TodoDto {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The department counted; null: all (admin)' }) departmentId: string | null;
  @ApiProperty({ description: 'Today in China, as the counts see it' }) today: string;
  @ApiProperty({ type: [TodoCountDto] }) items: TodoCountDto[];
}
