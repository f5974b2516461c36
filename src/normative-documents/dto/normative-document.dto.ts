import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IsDateOnly, Nullable, Omittable, PublicText, Trim } from '../../common/validation';
import { nullable } from '../../common/http/api-docs';

export class CreateNormativeDocumentDto {
  @ApiProperty({ example: '天津市滨海新区科学技术局关于印发《科技企业双随机抽查实施细则》的通知' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(300)
  title: string;

  @ApiProperty({ example: '津滨科规〔2023〕1号', description: '文号, unique in the department' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(100)
  documentNumber: string;

  @ApiProperty({ example: '2023-03-01', description: '印发日期' }) @IsDateOnly()
  issuedOn: string;

  @ApiProperty({ example: '2023-04-01', description: '施行日期 (not before the issue)' }) @IsDateOnly()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: '2028-03-31', nullable: true, type: String, description: '有效期至' }) @Nullable() @IsDateOnly()
  expiresOn?: string | null;

  @ApiProperty({ format: 'uuid', description: 'The 法制审核 of kind normative_document, passed, reviewed on or before the issue (GET /legal-reviews?kind=normative_document)' }) @IsUUID()
  legalReviewId: string;

  @ApiPropertyOptional({ example: '2023-03-05', nullable: true, type: String, description: '公布日期 (may follow later: POST /normative-documents/{id}/publication)' }) @Nullable() @IsDateOnly()
  publishedOn?: string | null;

  @ApiPropertyOptional({ example: '滨海新区人民政府网站', nullable: true, type: String, description: '公布载体 (required with publishedOn)' }) @Nullable() @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  publicationChannel?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins name the department' }) @Omittable() @IsUUID()
  departmentId?: string;
}

export class PublishNormativeDocumentDto {
  @ApiProperty({ example: '2023-03-05', description: '公布日期' }) @IsDateOnly()
  publishedOn: string;

  @ApiProperty({ example: '滨海新区人民政府网站', description: '公布载体' }) @Trim() @IsString() @PublicText() @MinLength(2) @MaxLength(200)
  publicationChannel: string;

  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1)
  version: number;
}

export class NormativeDocumentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Issued in this year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;
}

export class NormativeDocumentReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() reviewedOn: string;
  @ApiProperty() reviewerName: string;
}

export class NormativeDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() title: string;
  @ApiProperty() documentNumber: string;
  @ApiProperty() issuedOn: string;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty(nullable('string')) expiresOn: string | null;
  @ApiProperty({ type: NormativeDocumentReviewDto, description: 'The 法制审核 that cleared it' }) legalReview: NormativeDocumentReviewDto;
  @ApiProperty(nullable('string')) publishedOn: string | null;
  @ApiProperty(nullable('string')) publicationChannel: string | null;
  @ApiProperty({ enum: ['unpublished', 'pending', 'in_force', 'expired'], description: 'On the server\'s today: not yet published, published but not in force yet, in force, past its expiry' }) status: 'unpublished' | 'pending' | 'in_force' | 'expired';
  @ApiProperty() version: number;
}

export class NormativeDocumentPageDto {
  @ApiProperty({ type: [NormativeDocumentDto] }) items: NormativeDocumentDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
