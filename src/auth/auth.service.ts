import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { DomainError, UnauthenticatedError } from '../common/errors';
import { RuntimeConfig } from '../config/runtime-config';
import { SECURITY } from '../config/security';
import { chinaTime } from '../common/validation';
import { User } from '../users/user.entity';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { AuthUser } from './roles';

interface TokenPayload {
  sub: string;
  role: string;
  iat: number;
}

/** Verified against when the username is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<RuntimeConfig, true>,
  ) {}

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const username = dto.username.trim().toLowerCase();
    const user = await this.users.findOne({ where: { username } });
    if (!user) {
      await argon2.verify(await (dummyHash ??= argon2.hash('not-a-password')), dto.password);
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new DomainError('too_many_requests', 'ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${chinaTime(user.lockedUntil)}；可等待解锁，或请管理员重置密码`);
    }
    const ok = await argon2.verify(user.passwordHash, dto.password);
    if (!ok || !user.active) {
      if (!ok) await this.recordFailure(user.id);
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role }, { expiresIn });
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
    // iat has second precision: tokens from the second of the change itself are still accepted.
    if (!user || !user.active || payload.iat * 1000 < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000) {
      throw new UnauthenticatedError('INVALID_TOKEN', '令牌无效或已过期');
    }
    return { id: user.id, username: user.username, role: user.role, departmentId: user.departmentId };
  }

  /** Atomic increment, so parallel wrong guesses are all counted. */
  private async recordFailure(userId: string): Promise<void> {
    await this.users.query(
      `UPDATE users
          SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1`,
      [userId, SECURITY.loginMaxFailures, SECURITY.loginLockMinutes],
    );
  }
}
