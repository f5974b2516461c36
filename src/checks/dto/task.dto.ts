import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/http/paging';
import { nullable, objectSchema } from '../../common/http/api-docs';
import { CheckCodeRefDto } from './check-code.dto';

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
  @ApiProperty({ type: [String], description: '检查要点 (the item version\'s sub-items), in order' }) subItems: string[];
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
  @ApiProperty({ type: CheckCodeRefDto, description: '检查码: its public page (show or print as a QR code: GET /tasks/{id}/check-code.svg)' }) checkCode: CheckCodeRefDto;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

/** My tasks, saying whether the account is linked to an inspector at all (else the list is empty for that reason). */
export class MyTaskPageDto extends TaskPageDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inspector this account is linked to; null: not linked, so no task can be listed' }) inspectorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the list is empty when the account is not linked (Chinese, for the user)' }) notice: string | null;
  @ApiProperty({ format: 'date', description: "Today in Beijing time by the server's clock (to group tasks as overdue / due today / this week)" }) today: string;
}

export class ResultCodeOptionDto {
  @ApiProperty({ example: 'NO_PROBLEM' }) code: string;
  @ApiProperty({ example: '未发现问题' }) label: string;
  @ApiProperty({ description: 'The code records a problem (never together with 未发现问题)' }) problem: boolean;
}

/** What the check form needs from the regime's rules: the standard result codes and the numbers the rules set. */
export class CheckFormOptionsDto {
  @ApiProperty({ type: [ResultCodeOptionDto] }) resultCodes: ResultCodeOptionDto[];
  @ApiProperty({ description: 'At least this many inspectors present at a check (《行政处罚法》第42条; RULES_MIN_TEAM_SIZE)' }) minInspectorsPresent: number;
  @ApiProperty({ description: 'A proposed fine above this (yuan) is a 重大执法决定 (RULES_MAJOR_PENALTY_YUAN)' }) majorPenaltyYuan: number;
  @ApiProperty({ description: 'Largest photo accepted as evidence (MB)' }) maxPhotoMb: number;
  @ApiProperty({ description: 'Most evidence files per record' }) maxEvidenceFiles: number;
  @ApiProperty({ description: 'Longest edge in pixels the phone client downscales photos to before upload (EVIDENCE_PHOTO_MAX_EDGE_PX)' }) photoMaxEdgePx: number;
  @ApiProperty({ format: 'date', description: "Today in Beijing time by the server's clock" }) today: string;
}
