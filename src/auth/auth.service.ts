import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { UnauthenticatedError } from '../common/errors';
import { RuntimeConfig } from '../config/runtime-config';
import { User } from '../users/user.entity';
import { hashPassword } from '../users/users.service';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import { clientKey } from './login-throttle/throttle-rules';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { AuthUser } from './roles';
import { SessionsService } from './sessions/sessions.service';

/** A login or refresh: the answer's body and the refresh token for the cookie. */
export interface IssuedSession {
  body: LoginResponseDto;
  refreshToken: string;
}

interface TokenPayload {
  sub: string;
  role: string;
  /** users.token_version when the token was issued: any later bump (password, deactivation, role) revokes it. */
  ver: number;
  iat: number;
}

/**
 * The one answer to every refused login — unknown username, wrong password, inactive account,
 * throttled attempt — so that none of them tells which usernames exist or are being throttled.
 */
const LOGIN_REFUSED = ['INVALID_CREDENTIALS', '用户名或密码错误；连续失败后须稍候再试'] as const;

/** Verified against when the username is unknown, so every refusal costs the same argon2 time. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<RuntimeConfig, true>,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionsService,
  ) {}

  async login(dto: LoginDto, ip: string | undefined): Promise<IssuedSession> {
    const username = dto.username.trim().toLowerCase();
    const user = await this.users.findOne({ where: { username } });
    // The throttle's key fits its column even when lower-casing lengthened the name (e.g. 'İ').
    const attempt = { username: username.slice(0, 64), address: clientKey(ip), user };
    const slot = await this.throttle.begin(attempt);
    // Always verified, also when throttled or unknown: the answer's time does not tell them apart.
    const ok = await argon2.verify(user?.passwordHash ?? (await (dummyHash ??= hashPassword('not-a-password'))), dto.password);
    if (!slot) throw new UnauthenticatedError(...LOGIN_REFUSED);
    if (!user || !ok || !user.active) {
      await this.throttle.failed(attempt, slot);
      throw new UnauthenticatedError(...LOGIN_REFUSED);
    }
    await this.throttle.succeeded({ ...attempt, user });
    // Every login also starts a browser session (the refresh cookie); API clients just ignore it.
    return { body: await this.accessFor(user), refreshToken: await this.sessions.start(user) };
  }

  /** A new access token for the session of the refresh cookie, which is rotated (ADR 0014). */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    const { user, token } = await this.sessions.rotate(refreshToken);
    return { body: await this.accessFor(user), refreshToken: token };
  }

  /** Ends the session of the refresh cookie (access tokens already issued run out on their own). */
  logout(refreshToken: string | undefined): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  private async accessFor(user: User): Promise<LoginResponseDto> {
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, ver: user.tokenVersion }, { expiresIn });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId },
    };
  }

  /** Verifies a bearer token and loads the caller as the database sees them now. */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthenticatedError('INVALID_TOKEN', '令牌无效或已过期');
    }
    const user = await this.users.findOne({ where: { id: payload.sub } });
    // A version, not a time: a token issued in the same second as a password change is revoked too.
    if (!user || !user.active || payload.ver !== user.tokenVersion) {
      throw new UnauthenticatedError('INVALID_TOKEN', '令牌无效或已过期');
    }
    return { id: user.id, username: user.username, role: user.role, departmentId: user.departmentId };
  }
}
