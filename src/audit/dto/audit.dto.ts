import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ChainVerdict, KeptHeadVerdict } from '../audit-chain';
import type { StateMismatch } from '../audit-states';
import type { FullVerdict } from '../audit.service';

export class AuditVerifyQueryDto {
  @ApiPropertyOptional({ description: 'A head published earlier and kept, as <seq>:<hash>: the answer says whether the current chain extends it', example: '1024:f93676ca0fa946cdd7859c09299ca52df07c3f4c5e33be63cf7168ac5410ccb9' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,15}:[0-9a-fA-F]{64}$/, { message: 'head 须为“序号:哈希”（序号为正整数，哈希为64位十六进制）' })
  head?: string;
}

export class StateMismatchDto {
  @ApiProperty({ example: 'publication', enum: ['publication', 'plan', 'draw'] }) subjectType: string;
  @ApiProperty({ description: 'The row (its id)' }) subjectId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'seq of the event that recorded the expected state; null when no event records the row' }) seq: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'State hash recorded in the chain' }) expected: string | null;
  @ApiProperty({ description: 'State hash of the row as it is now' }) found: string;
  @ApiProperty({ description: 'What differs (English, technical)' }) reason: string;
}

export class StatesVerifyDto {
  @ApiProperty({ description: 'Rows compared with the state the chain recorded for them' }) checked: number;
  @ApiProperty({ description: 'Rows whose events predate state recording (compared from their next change)' }) unrecorded: number;
  @ApiProperty({ description: 'Rows that differ from their recorded state (the list shows at most 100)' }) mismatchCount: number;
  @ApiProperty({ type: [StateMismatchDto] }) mismatches: StateMismatch[];
}

export class KeptHeadVerifyDto {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ description: 'true when the event at seq still has this hash and the chain from it verifies to the current head' }) extended: boolean;
  @ApiProperty({ description: 'Why (English, technical)' }) reason: string;
}

export class AuditVerifyDto {
  @ApiProperty({ description: 'true when every link of the chain recomputes, every published result, plan and draw matches its recorded state, and the kept head (if given) is extended' }) ok: boolean;
  @ApiPropertyOptional({ description: 'Events checked (when the chain is intact)' }) count?: number;
  @ApiPropertyOptional({ description: 'Hash of the last event, 64 hex characters (64 zeros when the log is empty); compare with the published head' }) head?: string;
  @ApiPropertyOptional({ description: 'seq of the first row whose link is broken (when the chain is broken)' }) brokenAtSeq?: number;
  @ApiPropertyOptional({ description: 'Why that link is broken (English, technical)' }) reason?: string;
  @ApiProperty({ type: StatesVerifyDto }) states: StatesVerifyDto;
  @ApiPropertyOptional({ type: KeptHeadVerifyDto, description: 'Present when a kept head was given' }) kept?: KeptHeadVerdict;

  static from(v: FullVerdict): AuditVerifyDto {
    return { ok: v.ok, ...chainFields(v.chain), states: v.states, ...(v.kept ? { kept: v.kept } : {}) };
  }
}

function chainFields(verdict: ChainVerdict) {
  return verdict.ok ? { count: verdict.count, head: verdict.head } : { brokenAtSeq: verdict.seq, reason: verdict.reason };
}

export class AuditHeadDto {
  @ApiProperty({ example: 1024, description: 'Sequence number of the last event' }) seq: number;
  @ApiProperty({ example: 'f93676ca0fa946cdd7859c09299ca52df07c3f4c5e33be63cf7168ac5410ccb9', description: 'Its chain hash. Kept by outsiders, it exposes a later rewrite of the history: the event with this seq must keep this hash' }) hash: string;
  @ApiProperty({ example: '2025-03-01T08:00:00.000Z', description: 'When it was recorded (UTC)' }) at: string;
}
