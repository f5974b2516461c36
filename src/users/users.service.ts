import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { RuntimeConfig } from '../config/runtime-config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, Role } from '../auth/roles';
import { BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { likeContains } from '../common/sql';
import { ChangePasswordDto, CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { LoginThrottleService } from '../auth/login-throttle/login-throttle.service';
import { User } from './user.entity';
import './users.errors';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<RuntimeConfig, true>,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /** actorId: the admin creating it; null for the system (the first admin at boot). */
  async create(dto: CreateUserDto | NewUser, actorId: string | null = null): Promise<UserDto> {
    if (dto.role !== 'admin' && !dto.departmentId) {
      throw new BadRequestError('DEPARTMENT_REQUIRED', '非管理员账号必须属于一个部门', [{ field: 'departmentId' }]);
    }
    const user = this.users.create({
      username: dto.username.trim().toLowerCase(),
      displayName: dto.displayName,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      departmentId: dto.departmentId ?? null,
    });
    return this.dataSource.transaction(async (em) => {
      const saved = await em.getRepository(User).save(user);
      await this.audit.append(em, { actorId, action: 'user.create', subjectType: 'user', subjectId: saved.id, after: accountState(saved) });
      return UserDto.from(saved);
    });
  }

  /** Admins see everyone; supervisors see their department; other roles only reach /auth/me. */
  async list(caller: AuthUser, query: UserQueryDto): Promise<Page<UserDto>> {
    const scope = departmentScope(caller);
    if (scope && query.departmentId && query.departmentId !== scope) return toPage([], 0, query);
    const qb = this.users.createQueryBuilder('u').orderBy('u.username', 'ASC').skip(pageWindow(query).skip).take(query.pageSize);
    const departmentId = scope ?? query.departmentId;
    if (departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.q) qb.andWhere(`(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, { q: likeContains(query.q) });
    const [rows, total] = await qb.getManyAndCount();
    return toPage(rows.map(UserDto.from), total, query);
  }

  async get(caller: AuthUser, id: string): Promise<UserDto> {
    return UserDto.from(await this.findVisible(caller, id));
  }

  async update(caller: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    const updated = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(User);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('用户', 'USER_NOT_FOUND');
      const before = accountState(user);
      const losesAdmin = user.role === 'admin' && user.active && ((dto.role !== undefined && dto.role !== 'admin') || dto.active === false);
      if (losesAdmin) {
        if (user.id === caller.id) throw new ConflictError('CANNOT_DEMOTE_SELF', '不能停用或降级自己的管理员账号');
        // Serialise admin changes so two concurrent demotions cannot remove the last admin.
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('users:admins'))`);
        const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND active AND id <> $1`, [user.id]);
        if (count === 0) throw new ConflictError('LAST_ADMIN', '至少需要保留一个有效的管理员账号');
      }
      // Revokes every token issued before, whatever second it was issued in.
      if ((dto.role !== undefined && dto.role !== user.role) || (dto.active === false && user.active) || passwordHash) user.tokenVersion += 1;
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.departmentId !== undefined) user.departmentId = dto.departmentId;
      if (dto.active !== undefined) user.active = dto.active;
      if (passwordHash) {
        user.passwordHash = passwordHash;
        user.passwordChangedAt = new Date();
      }
      if (user.role !== 'admin' && !user.departmentId) {
        throw new BadRequestError('DEPARTMENT_REQUIRED', '非管理员账号必须属于一个部门', [{ field: 'departmentId' }]);
      }
      const saved = await repo.save(user);
      await this.audit.append(em, { actorId: caller.id, action: 'user.update', subjectType: 'user', subjectId: id, before, after: accountState(saved), details: { changed: changedFields(before, accountState(saved)), passwordReset: passwordHash !== undefined } });
      return UserDto.from(saved);
    });
    // Re-activating or resetting the password is how an admin unlocks a throttled username.
    if (dto.active === true || passwordHash) await this.throttle.releaseAccount(updated.username);
    return updated;
  }

  async changeOwnPassword(caller: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findOneOrFail({ where: { id: caller.id } });
    if (!(await argon2.verify(user.passwordHash, dto.currentPassword))) {
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '当前密码错误');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(User).update({ id: user.id }, { passwordHash, passwordChangedAt: new Date(), tokenVersion: () => 'token_version + 1' });
      // That it happened and by whom; never the hash.
      await this.audit.append(em, { actorId: caller.id, action: 'user.password_changed', subjectType: 'user', subjectId: user.id });
    });
    // The generated first-admin password is no longer valid: do not leave it lying in DATA_DIR.
    if (user.role === 'admin') rmSync(path.resolve(this.config.get('DATA_DIR', { infer: true }), INITIAL_ADMIN_PASSWORD_FILE), { force: true });
  }

  async count(): Promise<number> {
    return this.users.count();
  }

  private async findVisible(caller: AuthUser, id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    const scope = departmentScope(caller);
    const visible = user && (caller.id === id || !scope || (caller.role === 'supervisor' && user.departmentId === scope));
    if (!visible) throw new NotFoundError('用户', 'USER_NOT_FOUND');
    return user;
  }
}

/** What the audit chain records of an account: never its password hash or login counters. */
function accountState(u: User) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId, active: u.active };
}

function changedFields<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Where the first admin's generated password is written (in DATA_DIR), until it is changed. */
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
