import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable, PublicText, Trim } from '../../common/validation';
import { RANDOMNESS_SOURCES, type RandomnessSource } from '../../plans/plan.entity';
import { nullable, objectSchema } from '../../common/http/api-docs';

export class DrawRequestDto {
  @ApiPropertyOptional({ description: 'drand: the round fixed at publication' }) @Omittable() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  round?: number;

  @ApiPropertyOptional({ description: 'drand: the round\'s BLS signature (96 hex characters), verified offline against the pinned chain key' })
  @Omittable()
  @IsString()
  @Matches(/^[0-9a-fA-F]{96}$/, { message: 'signature must be 96 hex characters' })
  signature?: string;

  @ApiPropertyOptional({ description: 'commit-reveal: entropy entered by the witnesses at the ceremony (e.g. a public lottery result)' })
  @Omittable()
  @Trim()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  witnessEntropy?: string;
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

export class RedrawRequestDto {
  @ApiProperty({ description: 'Why the draw is redone (public, at least 4 characters), e.g. a procedural error at the ceremony' })
  @Trim()
  @IsString()
  @PublicText({ multiline: true })
  @MinLength(4)
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ enum: RANDOMNESS_SOURCES, description: 'Randomness of the replacement draw, fixed now: a future drand round or a new commitment' }) @IsIn(RANDOMNESS_SOURCES)
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
  @ApiProperty(objectSchema({ source: { type: 'string', enum: [...RANDOMNESS_SOURCES] }, round: { type: 'integer' }, roundTime: { type: 'string', format: 'date-time' }, chainHash: { type: 'string' }, commitment: { type: 'string' } }, { optional: ['round', 'roundTime', 'chainHash', 'commitment'], description: 'Fixed at the request' })) randomness: { source: RandomnessSource; chainHash?: string; round?: number; roundTime?: string; commitment?: string };
}
