import { ApiProperty } from '@nestjs/swagger';

/** What a 检查码 shows the public: an allow-list, nothing else of the task or its record. */
export class PublicCheckCodeMemberDto {
  @ApiProperty() name: string;
  @ApiProperty() certificateNumber: string;
  @ApiProperty({ description: 'The member\'s department' }) department: string;
  @ApiProperty({ description: 'Leader of their department\'s team' }) leader: boolean;
  @ApiProperty({ format: 'date' }) certificateValidFrom: string;
  @ApiProperty({ format: 'date' }) certificateValidUntil: string;
  @ApiProperty({ description: 'Certificate in its validity period and not suspended or revoked on `validOn`' }) certificateValid: boolean;
}

export class PublicCheckCodeItemDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '抽查依据' }) legalBasis: string;
}

export class PublicCheckCodePlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() year: number;
  @ApiProperty() url: string;
}

export class PublicCheckCodeDrawDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', description: 'Date of the draw (Beijing time)' }) drawnOn: string;
  @ApiProperty() url: string;
}

export class PublicCheckCodeEntityDto {
  @ApiProperty() name: string;
  @ApiProperty({ description: '统一社会信用代码' }) uscc: string;
}

export class PublicCheckCodeDto {
  @ApiProperty({ example: 'mzxw6ytboi2dkmzxw6ytboi2dk' }) code: string;
  @ApiProperty({ description: 'The public page of this code' }) url: string;
  @ApiProperty({ enum: ['assigned', 'unstaffed', 'cancelled'], description: 'assigned: a real, current inspection; cancelled: superseded by a redraw (the code no longer stands for a valid inspection)' }) taskState: string;
  @ApiProperty({ description: 'Lead department (实施部门)' }) department: string;
  @ApiProperty({ type: PublicCheckCodePlanDto, description: 'The plan it comes from, with its public page' }) plan: PublicCheckCodePlanDto;
  @ApiProperty() draw: PublicCheckCodeDrawDto;
  @ApiProperty() entity: PublicCheckCodeEntityDto;
  @ApiProperty({ type: [PublicCheckCodeItemDto] }) items: PublicCheckCodeItemDto[];
  @ApiProperty({ format: 'date' }) windowStart: string;
  @ApiProperty({ format: 'date' }) windowEnd: string;
  @ApiProperty({ format: 'date', description: 'The date the certificates are checked on: the check date once recorded, else today within the window' }) validOn: string;
  @ApiProperty({ type: [PublicCheckCodeMemberDto] }) team: PublicCheckCodeMemberDto[];
}

export class CheckCodeRefDto {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'Public page of the code (PUBLIC_BASE_URL + /portal/check-code/{code}): print it or show it as a QR code' }) url: string;
}
