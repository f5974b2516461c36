import { Nullable, Omittable, Trim } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/paging';
import { SECURITY } from '../../config/security';
import { ROLES } from '../../auth/roles';
import type { Role } from '../../auth/roles';
import { User } from '../user.entity';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei', description: '3-64 characters of a-z, 0-9, _ . - (stored lower-case)' })
  @Transform(lower)
  @IsString()
  @Matches(/^[a-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 characters of a-z, 0-9, _ . -' })
  username: string;

  @ApiProperty({ example: '张伟' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: SECURITY.passwordMinLength })
  @IsString()
  @MinLength(SECURITY.passwordMinLength)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for every role but admin' })
  @ValidateIf((o: CreateUserDto) => o.role !== 'admin' || o.departmentId !== undefined)
  @IsUUID()
  departmentId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @Omittable() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES }) @Omittable() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @Nullable() @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (and revokes its tokens); true re-activates and also ends the login throttles of the username' }) @Omittable() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Sets a new password and revokes the account\'s existing tokens' })
  @Omittable() @IsString() @MinLength(SECURITY.passwordMinLength) @MaxLength(256)
  password?: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: SECURITY.passwordMinLength }) @IsString() @MinLength(SECURITY.passwordMinLength) @MaxLength(256)
  newPassword: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Username or name contains' }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(u: User): UserDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentId: u.departmentId,
      active: u.active,
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
