import { Omittable, PublicText, Trim } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto } from '../../common/http/paging';
import { Department } from '../department.entity';


export class CreateDepartmentDto {
  @ApiProperty({ example: 'BHKJJ', description: 'Short code, unique; letters, digits, _ and -' })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: 'code must be 2-32 characters of A-Z, a-z, 0-9, _ or -' })
  code: string;

  @ApiProperty({ example: '天津市滨海新区科学技术局' })
  @Trim()
  @IsString()
  @PublicText()
  @MinLength(2)
  @MaxLength(100)
  name: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional({ example: '天津市滨海新区科学技术局' })
  @Omittable()
  @Trim()
  @IsString()
  @PublicText()
  @MinLength(2)
  @MaxLength(100)
  name?: string;
}

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(d: Department): DepartmentDto {
    return { id: d.id, code: d.code, name: d.name, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() };
  }
}

export class DepartmentPageDto {
  @ApiProperty({ type: [DepartmentDto] }) items: DepartmentDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
