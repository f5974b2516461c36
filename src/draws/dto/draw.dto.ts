import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RandomnessRequestFields, randomnessViewSchema } from './randomness.dto';
import type { PublicRandomness } from '../randomness';
import { Omittable, PublicText, Trim } from '../../common/validation';
import { RANDOMNESS_SOURCES, type RandomnessSource } from '../../plans/plan.entity';
import { nullable } from '../../common/http/api-docs';

export class DrawRequestDto {
  @ApiPropertyOptional({ description: 'drand: the round fixed at publication' }) @Omittable() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  round?: number;

  @ApiPropertyOptional({ description: 'drand: the round\'s BLS signature (96 hex characters), verified offline against the pinned chain key' })
  @Omittable()
  @IsString()
  @Matches(/^[0-9a-fA-F]{96}$/, { message: 'signature must be 96 hex characters' })
  signature?: string;

  @ApiPropertyOptional({ description: 'commit-reveal: the result of the public event named at publication (e.g. the lottery numbers), entered at the ceremony; the draw is refused before the event\'s time' })
  @Omittable()
  @Trim()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  witnessEntropy?: string;

  @ApiPropertyOptional({ type: [String], description: 'commit-reveal with witnesses: each witness\'s revealed value, in the order of the commitments published (SHA-256 of its UTF-8 bytes must equal the commitment)' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  witnessReveals?: string[];
}

export class DrawStratumDto {
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] }) stratum: string;
  @ApiProperty() candidates: number;
  @ApiProperty() excluded: number;
  @ApiProperty() eligible: number;
  @ApiProperty() quota: number;
  @ApiProperty() selected: number;
}

export class DrawSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() algorithm: string;
  @ApiProperty() seed: string;
  @ApiProperty() randomness: string;
  @ApiProperty({ type: [DrawStratumDto] }) strata: { stratum: string; candidates: number; excluded: number; eligible: number; quota: number; selected: number }[];
  @ApiProperty() tasks: number;
  @ApiProperty() unstaffedTasks: number;
  @ApiProperty({ description: 'Where anyone can download the transcript (no account needed)' }) transcriptUrl: string;
  @ApiProperty({ type: () => RedrawDto, nullable: true, description: 'Set when this draw replaced another' }) redraw: RedrawDto | null;
  @ApiProperty({ type: () => RedrawDto, nullable: true, description: 'Set when a redraw replaced this draw' }) supersededBy: RedrawDto | null;
  @ApiProperty() createdAt: string;
}

export class RedrawRequestDto extends RandomnessRequestFields {
  @ApiProperty({ description: 'Why the draw is redone (public, at least 4 characters), e.g. a procedural error at the ceremony' })
  @Trim()
  @IsString()
  @PublicText({ multiline: true })
  @MinLength(4)
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ enum: RANDOMNESS_SOURCES, description: 'Randomness of the replacement draw, fixed now: a new future drand round, or a new commitment with a new named public event (event required)' }) @IsIn(RANDOMNESS_SOURCES)
  source: RandomnessSource;

  @ApiPropertyOptional({ description: 'drand round; must lie in the future (default: 15 minutes from now)' }) @Omittable() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  round?: number;
}

export class SubstitutionRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The team member who cannot attend (inspector id)' }) @IsUUID() inspectorId: string;
  @ApiProperty({ description: 'Why (public, at least 4 characters, no personal data)' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(4) @MaxLength(500) reason: string;
}

export class SubstitutionDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty() leaving: string;
  @ApiProperty({ description: 'Certificate number of the substitute' }) joining: string;
  @ApiProperty({ description: 'The draw counter that picked the substitute' }) draw: number;
  @ApiProperty() skips: { certificateNumber: string; draw: number; reasons: string[] }[];
  @ApiProperty() reason: string;
  @ApiProperty() at: string;
  @ApiProperty({ description: 'The task\'s team after the substitution' }) team: { inspectorId: string; certificateNumber: string; departmentId: string; leader: boolean }[];
}

export class RedrawDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) replacedDrawId: string;
  @ApiProperty(nullable('string', { format: 'uuid', description: 'The replacement draw, once made' })) drawId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty(randomnessViewSchema({ description: 'Fixed at the request' })) randomness: PublicRandomness;
}
