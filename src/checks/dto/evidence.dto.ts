import { ApiProperty } from '@nestjs/swagger';

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ description: 'SHA-256 of the content, kept on the record' }) sha256: string;
  @ApiProperty({ description: 'Recognised from the bytes' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() originalName: string;
  @ApiProperty() createdAt: string;
}

export class EvidenceUploadDto extends EvidenceDto {
  @ApiProperty({ description: "The record's version after this upload (uploads bump it; the team's next write may carry it or the version read before)" }) recordVersion: number;
}
