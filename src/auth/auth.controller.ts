import { Body, Controller, Get, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginRateLimit } from '../common/http/public-rate-limit.guard';
import { Page } from '../common/http/paging';
import { UsersService } from '../users/users.service';
import { ChangePasswordDto, UserDto } from '../users/dto/user.dto';
import { Auth, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LockEventDto, LockEventPageDto, LockEventQueryDto } from './login-throttle/login-throttle.dto';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import type { AuthUser } from './roles';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  @Post('login')
  @Public()
  @LoginRateLimit()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with username and password; returns a short-lived bearer token',
    description: 'Every refusal (unknown user, wrong password, inactive, throttled) is the same 401 INVALID_CREDENTIALS.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(dto, ip);
  }

  @Get('lock-events')
  @Auth('admin')
  @ApiOperation({ summary: 'Login throttles that started (brute-force defence), newest first' })
  @ApiOkResponse({ type: LockEventPageDto })
  lockEvents(@Query() query: LockEventQueryDto): Promise<Page<LockEventDto>> {
    return this.throttle.listEvents(query);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The calling account' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.get(user, user.id);
  }

  @Post('password')
  @Auth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one\'s own password; existing tokens stop working' })
  @ApiNoContentResponse({ description: '密码已修改' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changeOwnPassword(user, dto);
  }
}
