import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Omittable, PublicText, Trim } from '../../common/validation';
import { arrayOf, objectSchema, oneOf } from '../../common/http/api-docs';
import { RANDOMNESS_SOURCES } from '../../plans/plan.entity';
import { PUBLICATION_RECORD_FORMAT } from '../publication-record';

/** The future public event whose result is the commit-reveal entropy, named at publication (or a redraw request). */
export class PublicEventDto {
  @ApiProperty({ example: '中国体育彩票排列5 第26330期开奖号码', description: 'The event, precisely enough for anyone to look its result up (public)' })
  @Trim()
  @IsString()
  @PublicText()
  @MinLength(4)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-21T12:30:00Z', description: 'When its result becomes public, with a time zone; at least 60 s after the publication. The draw is refused before it.' })
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'at must be a date-time with a time zone (e.g. 2026-12-21T20:30:00+08:00)' })
  at: string;

  @ApiPropertyOptional({ example: 'https://www.lottery.gov.cn/', description: 'Where anyone can check the official result (shown beside the entered value)' })
  @Omittable()
  @IsString()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  checkUrl?: string;
}

/** A witness's commitment: SHA-256 (hex) of the UTF-8 bytes of the value they will reveal at the draw. */
export class WitnessCommitmentDto {
  @ApiProperty({ example: '见证人：市公证处', description: 'Who commits (public; no personal data)' })
  @Trim()
  @IsString()
  @PublicText()
  @MinLength(2)
  @MaxLength(100)
  label: string;

  @ApiProperty({ pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 of the value, 64 hex characters' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'commitment must be 64 hex characters (SHA-256)' })
  commitment: string;
}

/** Randomness fields shared by publication and redraw requests (besides source and round). */
export class RandomnessRequestFields {
  @ApiPropertyOptional({ type: PublicEventDto, description: 'commit-reveal (required): the future public event whose result the witnesses enter at the draw' })
  @Omittable()
  @ValidateNested()
  @Type(() => PublicEventDto)
  event?: PublicEventDto;

  @ApiPropertyOptional({ type: [WitnessCommitmentDto], description: 'commit-reveal (optional, at most 10): witnesses\' commitments; each reveals their value at the draw' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WitnessCommitmentDto)
  witnessCommitments?: WitnessCommitmentDto[];
}

const STRING = { type: 'string' } as const;
const EVENT_SCHEMA = objectSchema({ name: STRING, at: { type: 'string', format: 'date-time' }, checkUrl: STRING }, { optional: ['checkUrl'] });
const WITNESSES_SCHEMA = arrayOf(objectSchema({ label: STRING, commitment: STRING }));

/** The public view of fixed randomness (plans and redraws). */
export function randomnessViewSchema(options: { nullable?: boolean; description: string }) {
  return objectSchema(
    { source: { type: 'string', enum: [...RANDOMNESS_SOURCES] }, round: { type: 'integer' }, roundTime: { type: 'string', format: 'date-time' }, chainHash: STRING, commitment: STRING, event: EVENT_SCHEMA, witnesses: WITNESSES_SCHEMA },
    { optional: ['round', 'roundTime', 'chainHash', 'commitment', 'event', 'witnesses'], ...options },
  );
}

/** The randomness rule as the publication record and the parameters hold it. */
export const RANDOMNESS_SPEC_SCHEMA = oneOf(
  objectSchema({ source: { type: 'string', enum: ['drand-quicknet'] }, chainHash: STRING, round: { type: 'integer' } }),
  objectSchema({ source: { type: 'string', enum: ['commit-reveal'] }, commitment: STRING, event: EVENT_SCHEMA, witnesses: WITNESSES_SCHEMA }, { optional: ['event', 'witnesses'] }),
);

/** ssgk-publication-record-v1 (publication-record.ts). */
export function publicationRecordSchema(options: { nullable?: boolean; description: string }) {
  return objectSchema(
    {
      format: { type: 'string', enum: [PUBLICATION_RECORD_FORMAT] },
      planId: { type: 'string', format: 'uuid' },
      publishedAt: { type: 'string', format: 'date-time' },
      algorithm: STRING,
      parametersHash: STRING,
      candidatePoolHash: STRING,
      inspectorPoolHash: STRING,
      conflictsHash: STRING,
      randomness: RANDOMNESS_SPEC_SCHEMA,
      marginSeconds: { type: 'integer' },
      drawNotBefore: { type: 'string', format: 'date-time' },
    },
    options,
  );
}
