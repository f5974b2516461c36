import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { arrayOf, nullable, objectSchema, oneOf } from '../../common/http/api-docs';
import { ALGORITHM, STRATA } from '../draw-v1';
import type { DrawResult } from '../draw-v1';
import type { Substitution } from '../substitution';
import { TRANSCRIPT_FORMAT } from '../transcript';
import type { RandomnessProof, RedrawRecord } from '../transcript';
import { publicationRecordSchema, RANDOMNESS_SPEC_SCHEMA } from './randomness.dto';
import { REDRAW_RECORD_FORMAT } from '../publication-record';
import type { PublicationRecord, RedrawAnnouncement } from '../publication-record';

// Documentation of transcript.ts's Transcript (the route returns that object as it is).
const STRING = { type: 'string' } as const;
const INTEGER = { type: 'integer' } as const;
const SKIPS = arrayOf(objectSchema({ certificateNumber: STRING, draw: INTEGER, reasons: arrayOf({ type: 'string', enum: ['DECLARED_CONFLICT', 'SAME_SUPERVISING_UNIT', 'LAST_INSPECTOR'] }) }));
const RANDOMNESS_SPEC = RANDOMNESS_SPEC_SCHEMA;
const REDRAW = objectSchema({ id: { type: 'string', format: 'uuid' }, replacedDrawId: { type: 'string', format: 'uuid' }, reason: STRING, requestedAt: { type: 'string', format: 'date-time' }, randomness: RANDOMNESS_SPEC });

export class TranscriptDto {
  @ApiProperty({ enum: [TRANSCRIPT_FORMAT] }) format: typeof TRANSCRIPT_FORMAT;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ ...REDRAW, selfRequired: false, description: 'Present when this draw replaced another' } as typeof REDRAW) redraw?: RedrawRecord;
  @ApiProperty({ ...REDRAW, selfRequired: false, description: 'Present when a later redraw replaced this draw' } as typeof REDRAW) supersededBy?: RedrawRecord;
  @ApiProperty({ description: 'The frozen parameters, canonical JSON text' }) parametersJson: string;
  @ApiProperty() parametersHash: string;
  @ApiProperty({ description: 'The frozen candidate pool, canonical TSV text' }) candidates: string;
  @ApiProperty() candidatePoolHash: string;
  @ApiProperty({ description: 'The frozen inspector pool, canonical TSV text' }) inspectors: string;
  @ApiProperty() inspectorPoolHash: string;
  @ApiProperty({ description: 'The frozen declared conflicts, canonical TSV text' }) conflicts: string;
  @ApiProperty(
    oneOf(
      objectSchema({ source: { type: 'string', enum: ['drand-quicknet'] }, chainHash: STRING, round: INTEGER, signature: STRING, randomness: STRING }),
      objectSchema({ source: { type: 'string', enum: ['commit-reveal'] }, commitment: STRING, secret: STRING, witnessEntropy: STRING, witnessReveals: arrayOf(STRING), randomness: STRING }, { optional: ['witnessReveals'] }),
    ),
  )
  randomness: RandomnessProof;
  @ApiProperty() seed: string;
  @ApiProperty(
    objectSchema({
      algorithm: { type: 'string', enum: [ALGORITHM] },
      seed: STRING,
      strata: arrayOf(objectSchema({ stratum: { type: 'string', enum: [...STRATA] }, candidates: INTEGER, excluded: INTEGER, eligible: INTEGER, quota: INTEGER, selected: INTEGER })),
      selections: arrayOf(objectSchema({ uscc: STRING, stratum: { type: 'string', enum: [...STRATA] }, ticket: STRING })),
      teams: arrayOf(objectSchema({ uscc: STRING, department: STRING, poolSize: INTEGER, members: arrayOf(objectSchema({ certificateNumber: STRING, draw: INTEGER })), skips: SKIPS, filled: { type: 'boolean' } })),
    }),
  )
  result: DrawResult;
  @ApiPropertyOptional(arrayOf(objectSchema({ uscc: STRING, department: STRING, leaving: STRING, joining: nullable('string'), draw: nullable('integer'), skips: SKIPS, reason: STRING, at: { type: 'string', format: 'date-time' } }), { description: 'Members replaced after the draw' }))
  substitutions?: Substitution[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the plan was published (absent for plans published before publication records)' }) publishedAt?: string;
  @ApiProperty({ ...publicationRecordSchema({ description: 'The plan\'s publication record as this server holds it; a verifier compares it with one kept elsewhere (absent for older plans)' }), selfRequired: false } as object) publication?: PublicationRecord;
}

const REDRAW_ANNOUNCEMENT = objectSchema({
  format: { type: 'string', enum: [REDRAW_RECORD_FORMAT] },
  planId: { type: 'string', format: 'uuid' },
  id: { type: 'string', format: 'uuid' },
  replacedDrawId: { type: 'string', format: 'uuid' },
  reason: STRING,
  requestedAt: { type: 'string', format: 'date-time' },
  randomness: RANDOMNESS_SPEC,
  marginSeconds: INTEGER,
  drawNotBefore: { type: 'string', format: 'date-time' },
});

/** What /public/plans/{id}/publication returns: the anchor verify-draw compares a transcript with. */
export class AnchorDto {
  @ApiProperty(publicationRecordSchema({ description: 'ssgk-publication-record-v1, fixed at publication' })) publication: PublicationRecord;
  @ApiProperty(arrayOf(REDRAW_ANNOUNCEMENT, { description: 'ssgk-redraw-record-v1 announcements, oldest first' })) redraws: RedrawAnnouncement[];
}
