import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable, Trim } from '../../common/validation';

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

export class DrawSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() algorithm: string;
  @ApiProperty() seed: string;
  @ApiProperty() randomness: string;
  @ApiProperty() strata: { stratum: string; candidates: number; excluded: number; eligible: number; quota: number; selected: number }[];
  @ApiProperty() tasks: number;
  @ApiProperty() unstaffedTasks: number;
  @ApiProperty({ description: 'Where anyone can download the transcript (no account needed)' }) transcriptUrl: string;
  @ApiProperty() createdAt: string;
}
