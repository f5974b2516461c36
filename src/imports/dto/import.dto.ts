import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { IMPORT_KINDS, IMPORT_MODES, IMPORT_STATES } from '../import-job.entity';
import type { ImportKind, ImportMode, ImportState } from '../import-job.entity';

const bool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class ImportKindParamDto {
  @ApiProperty({ enum: IMPORT_KINDS }) @IsIn(IMPORT_KINDS)
  kind: ImportKind;
}

export class StartImportQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all-or-nothing', description: 'all-or-nothing: any bad row → nothing written; valid-only: bad rows skipped' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;

  @ApiPropertyOptional({ default: false, description: 'Import again a file (same SHA-256) that was already imported' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Answer when the job has finished (small files); otherwise 202 at once' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  wait?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' }) @IsOptional() @IsUUID()
  departmentId?: string;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' }) @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class ImportJobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_KINDS }) @IsOptional() @IsIn(IMPORT_KINDS)
  kind?: ImportKind;
}

export class ImportJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKind;
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty() fileName: string;
  @ApiProperty() fileSha256: string;
  @ApiProperty() fileSize: number;
  @ApiProperty({ nullable: true, type: String }) encoding: string | null;
  @ApiProperty({ enum: IMPORT_STATES }) state: ImportState;
  @ApiProperty({ nullable: true, type: Number, description: 'Data rows in the file, known when parsing has finished' }) rowsTotal: number | null;
  @ApiProperty() rowsDone: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Share of the file read so far (0-1); 1 once finished. For a progress bar' }) progress: number;
  @ApiProperty() rowsFailed: number;
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'Where the error report is (CSV)' }) errorsUrl: string;
}

export class ImportJobPageDto {
  @ApiProperty({ type: [ImportJobDto] }) items: ImportJobDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class ImportErrorDto {
  @ApiProperty() rowNumber: number;
  @ApiProperty({ nullable: true, type: String }) column: string | null;
  @ApiProperty({ nullable: true, type: String }) value: string | null;
  @ApiProperty() message: string;
}
