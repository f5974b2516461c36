import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PUBLIC_PAGE_SIZE_MAX, PublicMetaDto } from './public.dto';
import { mapOf, nullable, objectSchema, oneOf, perKey } from '../../common/http/api-docs';

/** Every filter is named here: anything else in the query is refused (400 naming it). */
export class PublicItemsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this department\'s items' }) @IsOptional() @IsUUID() department?: string;
}

export class PublicDepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** One version of an item as published (事前公开): an allow-list, nothing else of the version. */
export class PublicItemVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty({ enum: ['key', 'general'] }) category: string;
  @ApiProperty({ example: '重点' }) categoryLabel: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ enum: ['on_site', 'documentary', 'online'] }) method: string;
  @ApiProperty({ example: '现场检查' }) methodLabel: string;
  @ApiProperty(perKey(['A', 'B', 'C', 'D'], { type: 'number' }, { description: 'Default sampling ratio per credit-risk class, percent', example: { A: 3, B: 5, C: 20, D: 100 } })) ratios: Record<'A' | 'B' | 'C' | 'D', number>;
  @ApiProperty() frequency: string;
  @ApiProperty({ description: 'Date this version took effect (Beijing)' }) effectiveFrom: string;
  @ApiProperty(nullable('string', { format: 'date', description: 'Date a newer version replaced it (Beijing); null for the current version' })) effectiveUntil: string | null;
}

export class PublicItemDto extends PublicItemVersionDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: PublicDepartmentDto }) department: PublicDepartmentDto;
  @ApiProperty({ type: [PublicItemVersionDto], description: 'Earlier versions, oldest first' }) pastVersions: PublicItemVersionDto[];
}

export class PublicItemListDto {
  @ApiProperty({ type: [PublicItemDto], description: 'Current versions, by department and code' }) items: PublicItemDto[];
  @ApiProperty() extractDate: string;
}

export class PublicPlansQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Lead or joint department' }) @IsOptional() @IsUUID() department?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) pageNumber: number = 1;
  @ApiPropertyOptional({ default: 20, maximum: PUBLIC_PAGE_SIZE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PUBLIC_PAGE_SIZE_MAX) pageSize: number = 20;
}

export const PUBLIC_PLAN_STATES = ['published', 'drawn', 'in_progress', 'completed'] as const;
export type PublicPlanState = (typeof PUBLIC_PLAN_STATES)[number];

export class PublicPlanSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: PUBLIC_PLAN_STATES }) state: PublicPlanState;
  @ApiProperty({ type: PublicDepartmentDto, description: 'Lead department' }) department: PublicDepartmentDto;
  @ApiProperty({ type: [PublicDepartmentDto] }) jointDepartments: PublicDepartmentDto[];
  @ApiProperty() windowStart: string;
  @ApiProperty() windowEnd: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty(nullable('string', { format: 'uuid', description: 'The current draw (not superseded), once drawn' })) currentDrawId: string | null;
}

export class PublicPlanPageDto {
  @ApiProperty({ type: [PublicPlanSummaryDto] }) items: PublicPlanSummaryDto[];
  @ApiProperty({ type: PublicMetaDto }) meta: PublicMetaDto;
}

export class PublicPlanItemDto {
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() legalBasis: string;
}

export class PublicEventViewDto {
  @ApiProperty({ description: 'The event, e.g. a lottery draw' }) name: string;
  @ApiProperty({ format: 'date-time', description: 'When its result becomes public; the draw is not before' }) at: string;
  @ApiPropertyOptional({ description: 'Where anyone can check the official result' }) checkUrl?: string;
}

export class PublicWitnessViewDto {
  @ApiProperty() label: string;
  @ApiProperty({ description: 'SHA-256 of the UTF-8 bytes of the value revealed at the draw' }) commitment: string;
}

export class PublicRandomnessDto {
  @ApiProperty({ enum: ['drand-quicknet', 'commit-reveal'] }) source: 'drand-quicknet' | 'commit-reveal';
  @ApiPropertyOptional() chainHash?: string;
  @ApiPropertyOptional({ description: 'drand round fixed at publication' }) round?: number;
  @ApiPropertyOptional({ description: 'When that round is published' }) roundTime?: string;
  @ApiPropertyOptional({ description: 'commit-reveal: SHA-256 of the secret revealed at the draw' }) commitment?: string;
  @ApiPropertyOptional({ type: PublicEventViewDto, description: 'commit-reveal: the future public event named at publication, whose result is the entropy' }) event?: PublicEventViewDto;
  @ApiPropertyOptional({ type: [PublicWitnessViewDto], description: 'commit-reveal: the witnesses\' commitments published in advance' }) witnesses?: PublicWitnessViewDto[];
}

export class PublicRedrawDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Why the draw was redone (public)' }) reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: PublicRandomnessDto, description: 'Fixed when the redraw was requested, for the replacement draw' }) randomness: PublicRandomnessDto;
  @ApiProperty(nullable('string', { format: 'uuid', description: 'The replacement draw, once made' })) replacementDrawId: string | null;
}

export class PublicSupersededDrawDto {
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty() drawnAt: string;
  @ApiProperty() supersededAt: string;
  @ApiProperty({ type: PublicRedrawDto, nullable: true }) redraw: PublicRedrawDto | null;
}

export class PublicPlanDto extends PublicPlanSummaryDto {
  @ApiProperty({ type: [PublicPlanItemDto], description: 'The item versions the plan checks' }) items: PublicPlanItemDto[];
  @ApiProperty() teamSize: number;
  @ApiProperty(mapOf(oneOf(objectSchema({ ratioPercent: { type: 'number' } }), objectSchema({ count: { type: 'integer' } })), { description: 'Per credit-risk class: a ratio (percent) or a fixed count', example: { A: { ratioPercent: 3 }, B: { count: 4 } } })) sampling: Record<string, { ratioPercent: number } | { count: number }>;
  @ApiProperty(mapOf(objectSchema({ candidates: { type: 'integer' }, excluded: { type: 'integer' }, eligible: { type: 'integer' } }), { description: 'Per class, frozen at publication: candidates, excluded, eligible' })) stratumCounts: Record<string, { candidates: number; excluded: number; eligible: number }>;
  @ApiProperty() candidatePoolHash: string;
  @ApiProperty() inspectorPoolHash: string;
  @ApiProperty() parametersHash: string;
  @ApiProperty({ type: PublicRandomnessDto, description: 'The named randomness source, fixed at publication' }) randomness: PublicRandomnessDto;
  @ApiProperty({ type: [PublicSupersededDrawDto], description: 'Earlier draws replaced by redraws, oldest first' }) supersededDraws: PublicSupersededDrawDto[];
  @ApiProperty() extractDate: string;
}

export class PublicDrawQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) pageNumber: number = 1;
  @ApiPropertyOptional({ default: 100, maximum: PUBLIC_PAGE_SIZE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PUBLIC_PAGE_SIZE_MAX) pageSize: number = 100;
}

/** The randomness as the transcript proves it: the fixed source and the value it produced. */
export class PublicRandomnessProofDto extends PublicRandomnessDto {
  @ApiPropertyOptional({ description: 'drand: the round\'s BLS signature' }) signature?: string;
  @ApiPropertyOptional({ description: 'commit-reveal: the secret, revealed at the draw' }) secret?: string;
  @ApiPropertyOptional({ description: 'commit-reveal: the result of the named public event, entered at the draw' }) witnessEntropy?: string;
  @ApiPropertyOptional({ type: [String], description: 'commit-reveal: the witnesses\' revealed values, in the order of their commitments' }) witnessReveals?: string[];
  @ApiProperty() randomness: string;
}

export class PublicDrawTeamDto {
  @ApiProperty({ type: PublicDepartmentDto }) department: PublicDepartmentDto;
  @ApiProperty({ description: 'Certificate numbers, leader first; substitute: joined by a substitution' }) members: { certificateNumber: string; leader: boolean; substitute: boolean }[];
}

export class PublicDrawTargetDto {
  @ApiProperty({ description: '1 = smallest ticket' }) position: number;
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty() stratum: string;
  @ApiProperty({ description: 'false: a department\'s pool could not fill its team' }) staffed: boolean;
  @ApiProperty({ type: [PublicDrawTeamDto], description: 'The teams as they stand (after substitutions); empty when unstaffed' }) teams: PublicDrawTeamDto[];
}

export class PublicDrawRedrawDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ format: 'uuid' }) replacedDrawId: string;
  @ApiProperty(nullable('string', { format: 'uuid' })) replacementDrawId: string | null;
  @ApiProperty({ type: PublicRandomnessDto }) randomness: PublicRandomnessDto;
}

export class PublicDrawDto {
  @ApiProperty({ format: 'uuid' }) drawId: string;
  @ApiProperty({ type: PublicPlanSummaryDto }) plan: PublicPlanSummaryDto;
  @ApiProperty() algorithm: string;
  @ApiProperty() createdAt: string;
  @ApiProperty(nullable('string', { format: 'date-time', description: 'Set when a redraw replaced this draw' })) supersededAt: string | null;
  @ApiProperty({ type: PublicDrawRedrawDto, nullable: true, description: 'This draw replaced an earlier one' }) redraw: PublicDrawRedrawDto | null;
  @ApiProperty({ type: PublicDrawRedrawDto, nullable: true, description: 'A later redraw replaced this draw' }) supersededBy: PublicDrawRedrawDto | null;
  @ApiProperty({ type: PublicRandomnessProofDto }) randomness: PublicRandomnessProofDto;
  @ApiProperty() seed: string;
  @ApiProperty({ description: 'Per class: candidates, excluded, eligible, quota, selected' }) strata: { stratum: string; candidates: number; excluded: number; eligible: number; quota: number; selected: number }[];
  @ApiProperty() unstaffedTargets: number;
  @ApiProperty({ description: 'Members replaced after the draw, in order' }) substitutions: { uscc: string; department: PublicDepartmentDto; leaving: string; joining: string | null; reason: string; at: string }[];
  @ApiProperty({ type: [PublicDrawTargetDto], description: 'The selected entities in ticket order, paged' }) targets: PublicDrawTargetDto[];
  @ApiProperty({ type: PublicMetaDto, description: 'Paging of targets' }) meta: PublicMetaDto;
  @ApiProperty({ description: 'The full transcript, to re-run the draw with npm run verify-draw' }) transcriptUrl: string;
}
