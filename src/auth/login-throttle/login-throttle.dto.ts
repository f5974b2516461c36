import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { LOCK_EVENT_KINDS } from './login-throttle.entity';
import type { LockEventKind } from './login-throttle.entity';

export class LockEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the events of this username' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;
}

export class LockEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LOCK_EVENT_KINDS, description: 'address: one address for one username; account: every address not known for the account' })
  kind: LockEventKind;
  @ApiProperty({ nullable: true, type: String, description: 'null when the username does not exist (what was typed is not kept: it is often a password)' })
  username: string | null;
  @ApiProperty({ description: 'Client address (IPv6: its /64)' }) address: string;
  @ApiProperty({ description: 'Failures counted when the throttle started' }) failures: number;
  @ApiProperty({ nullable: true, type: String, description: 'Attempts from the address are refused until then (address events)' })
  blockedUntil: string | null;
  @ApiProperty() createdAt: string;
}

export class LockEventPageDto {
  @ApiProperty({ type: [LockEventDto] }) items: LockEventDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
