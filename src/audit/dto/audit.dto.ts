import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainVerdict } from '../audit-chain';

export class AuditVerifyDto {
  @ApiProperty({ description: 'true when every link of the chain recomputes' }) ok: boolean;
  @ApiPropertyOptional({ description: 'Events checked (when ok)' }) count?: number;
  @ApiPropertyOptional({ description: 'Hash of the last event, 64 hex characters (64 zeros when the log is empty); compare with the published head' }) head?: string;
  @ApiPropertyOptional({ description: 'seq of the first row whose link is broken (when not ok)' }) brokenAtSeq?: number;
  @ApiPropertyOptional({ description: 'Why that link is broken (English, technical)' }) reason?: string;

  static from(verdict: ChainVerdict): AuditVerifyDto {
    return verdict.ok ? { ok: true, count: verdict.count, head: verdict.head } : { ok: false, brokenAtSeq: verdict.seq, reason: verdict.reason };
  }
}

export class AuditHeadDto {
  @ApiProperty({ example: 1024, description: 'Sequence number of the last event' }) seq: number;
  @ApiProperty({ example: 'f93676ca0fa946cdd7859c09299ca52df07c3f4c5e33be63cf7168ac5410ccb9', description: 'Its chain hash. Kept by outsiders, it exposes a later rewrite of the history: the event with this seq must keep this hash' }) hash: string;
  @ApiProperty({ example: '2025-03-01T08:00:00.000Z', description: 'When it was recorded (UTC)' }) at: string;
}
