import { Body, Controller, Get, HttpCode, Ip, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiCookieAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/http/api-docs';
import { RuntimeConfig } from '../config/runtime-config';
import { LoginRateLimit } from '../common/http/public-rate-limit.guard';
import { Page } from '../common/http/paging';
import { UsersService } from '../users/users.service';
import { ChangePasswordDto, UserDto } from '../users/dto/user.dto';
import { Auth, CurrentUser, Public } from './auth.decorators';
import { AuthService, IssuedSession } from './auth.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LockEventDto, LockEventPageDto, LockEventQueryDto } from './login-throttle/login-throttle.dto';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import type { AuthUser } from './roles';
import { clearRefreshCookie, REFRESH_COOKIE, RefreshCookie, SESSION_HEADER, SESSION_HEADER_VALUE, SessionRequestGuard, setRefreshCookie } from './sessions/session-cookie';

/** Documents the refresh cookie an answer sets. */
const SETS_COOKIE = {
  'Set-Cookie': { description: `${REFRESH_COOKIE}=<refresh token>; Path=/auth; HttpOnly; SameSite=Strict (Secure in production)`, schema: { type: 'string' } },
};
/** The custom header of the cookie routes (CSRF defence, ADR 0014). */
const SESSION_HEADER_DOC = ApiHeader({ name: SESSION_HEADER, required: true, description: 'CSRF defence: a cross-site form cannot send it', schema: { type: 'string', enum: [SESSION_HEADER_VALUE] } });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
    private readonly config: ConfigService<RuntimeConfig, true>,
  ) {}

  @Post('login')
  @Public()
  @LoginRateLimit()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with username and password; returns a short-lived bearer token and sets the refresh cookie',
    description:
      'Every refusal (unknown user, wrong password, inactive, throttled) is the same 401 INVALID_CREDENTIALS. ' +
      `Also starts a browser session: the ${REFRESH_COOKIE} cookie (httpOnly, SameSite=Strict, Path=/auth), exchanged at POST /auth/refresh; API clients may ignore it.`,
  })
  @ApiOkResponse({ type: LoginResponseDto, headers: SETS_COOKIE })
  @ApiErrors([401, '用户名或密码错误'])
  login(@Body() dto: LoginDto, @Ip() ip: string, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    return this.withCookie(res, this.auth.login(dto, ip));
  }

  @Post('refresh')
  @Public()
  @LoginRateLimit()
  @UseGuards(SessionRequestGuard)
  @HttpCode(200)
  @ApiCookieAuth('refreshCookie')
  @SESSION_HEADER_DOC
  @ApiOperation({
    summary: 'Exchange the refresh cookie for a new access token and a new cookie (rotation)',
    description:
      `Reads only the ${REFRESH_COOKIE} cookie; requires the header ${SESSION_HEADER}: ${SESSION_HEADER_VALUE} and, when sent, an Origin of this site. ` +
      'A refresh token works once: presented again later, the whole session is revoked (401 SESSION_REUSED); within seconds of its rotation it is taken for another tab refreshing (409 SESSION_REFRESH_RACE, retry). ' +
      'Refused (401) after logout, a password change or reset, deactivation, a role change, SESSION_IDLE_MINUTES without a refresh, or SESSION_MAX_HOURS after the login.',
  })
  @ApiOkResponse({ type: LoginResponseDto, headers: SETS_COOKIE })
  @ApiErrors([401, '会话不存在、已过期或已失效（SESSION_MISSING、SESSION_EXPIRED、SESSION_REVOKED、SESSION_REUSED）'], [403, '缺少会话请求头或来自其他站点'], [409, '会话刚在其他窗口续期，请重试'])
  refresh(@RefreshCookie() token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    return this.withCookie(res, this.auth.refresh(token));
  }

  @Post('logout')
  @Public()
  @LoginRateLimit()
  @UseGuards(SessionRequestGuard)
  @HttpCode(204)
  @ApiCookieAuth('refreshCookie')
  @SESSION_HEADER_DOC
  @ApiOperation({
    summary: 'End the browser session of the refresh cookie and clear the cookie',
    description: `Needs only the cookie (no bearer token) and the header ${SESSION_HEADER}: ${SESSION_HEADER_VALUE}. Without a cookie it just clears it. Access tokens already issued run out on their own (JWT_EXPIRES_IN_SECONDS).`,
  })
  @ApiNoContentResponse({ description: '已退出', headers: SETS_COOKIE })
  @ApiErrors([403, '缺少会话请求头或来自其他站点'])
  async logout(@RefreshCookie() token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(token);
    clearRefreshCookie(res, this.cookieConfig());
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

  /** Sets the refresh cookie of a login or refresh and answers its body. */
  private async withCookie(res: Response, issued: Promise<IssuedSession>): Promise<LoginResponseDto> {
    const { body, refreshToken } = await issued;
    setRefreshCookie(res, refreshToken, this.cookieConfig());
    return body;
  }

  private cookieConfig() {
    return { NODE_ENV: this.config.get('NODE_ENV', { infer: true }) };
  }
}
