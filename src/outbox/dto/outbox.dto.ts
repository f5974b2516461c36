import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { FORMATS } from '../event-format';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { DELIVERY_STATES } from '../outbox.entity';
import type { DeliveryState } from '../outbox.entity';
import { nullable, perKey } from '../../common/http/api-docs';

export class OutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES }) @IsOptional() @IsIn(DELIVERY_STATES) state?: DeliveryState;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Sent as X-SSGK-Event-Id: receivers deduplicate on it' }) eventId: string;
  @ApiProperty() kind: string;
  @ApiProperty(nullable('string', { format: 'uuid' })) publicationId: string | null;
  @ApiProperty() endpoint: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state: DeliveryState;
  @ApiProperty() attempts: number;
  @ApiProperty() nextAttemptAt: string;
  @ApiProperty(nullable('integer')) lastStatus: number | null;
  @ApiProperty(nullable('string')) lastError: string | null;
  @ApiProperty(nullable('string', { format: 'date-time' })) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
}

export class OutboxEndpointDto {
  @ApiProperty({ example: 'province' }) name: string;
  @ApiProperty({ example: 'https://platform.example.gov.cn/ssgk/events' }) url: string;
  @ApiProperty({ enum: FORMATS, description: 'Body format: ssgk-event-v1 (our envelope), a preset mapping, or custom' }) format: string;
}

export class OutboxPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  @ApiProperty(perKey(DELIVERY_STATES)) counts: Record<DeliveryState, number>;
  @ApiProperty({ type: [OutboxEndpointDto], description: 'Configured platforms (secrets never shown)' }) endpoints: { name: string; url: string }[];
}

export class BackfillDto {
  @ApiPropertyOptional({ description: 'One configured platform (OUTBOX_ENDPOINTS name); default: all' }) @IsOptional() @IsString() @Length(1, 100) endpoint?: string;
}

export class BackfillQueuedDto {
  @ApiProperty() endpoint: string;
  @ApiProperty({ description: 'Deliveries queued now (events this platform had not received)' }) deliveries: number;
}

export class BackfillResultDto {
  @ApiProperty({ description: 'Events written for changes that had none (results published before events were kept)' }) eventsCreated: number;
  @ApiProperty({ type: [BackfillQueuedDto] }) queued: BackfillQueuedDto[];
}
