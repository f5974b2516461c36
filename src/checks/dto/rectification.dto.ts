import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Nullable, PublicText, Trim } from '../../common/validation';
import { nullable } from '../../common/http/api-docs';

export class CreateRectificationDto {
  @ApiProperty({ example: '按规定公示实验动物许可证信息' }) @Trim() @IsString() @PublicText({ multiline: true }) @MinLength(4) @MaxLength(2000) requirement: string;
  @ApiProperty({ example: 20, description: 'Deadline in working days after issuedOn (holidays and 调休 counted)' }) @IsInt() @Min(1) @Max(365) workingDays: number;
  @ApiProperty({ example: '2024-02-05' }) @IsDateOnly() issuedOn: string;
}

export class FollowUpDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @IsDateOnly() followedUpOn: string;
  @ApiProperty({ description: 'Whether the problem was rectified' }) @IsBoolean() rectified: boolean;
  @ApiPropertyOptional(nullable('string')) @Nullable() @Trim() @IsString() @PublicText({ multiline: true }) @MaxLength(2000) note?: string | null;
}

export class RectificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only orders past their deadline without a follow-up' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead department (narrows; admins: any, others: their own only)' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class RectificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty() requirement: string;
  @ApiProperty() workingDays: number;
  @ApiProperty() issuedOn: string;
  @ApiProperty({ description: 'issuedOn + workingDays working days' }) dueOn: string;
  @ApiProperty({ description: "dueOn counts days of a year whose holiday notice is not out yet (statutory holidays only): it is recomputed when the notice is entered" }) deadlineProvisional: boolean;
  @ApiProperty(nullable('string', { format: 'date' })) followedUpOn: string | null;
  @ApiProperty(nullable('boolean')) rectified: boolean | null;
  @ApiProperty(nullable('string')) followUpNote: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() version: number;
}

export class RectificationPageDto {
  @ApiProperty({ type: [RectificationDto] }) items: RectificationDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
