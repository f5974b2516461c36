import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QueryFailedError } from 'typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import { INITIAL_ADMIN_PASSWORD_FILE, UsersService } from './users.service';

/**
 * First boot: when no account exists, create the first admin from ADMIN_USERNAME/ADMIN_PASSWORD.
 * Without ADMIN_PASSWORD a random one is generated and written to DATA_DIR/initial-admin-password
 * (mode 600), never to the log.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<RuntimeConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const username = this.config.get('ADMIN_USERNAME', { infer: true });
    let password = this.config.get('ADMIN_PASSWORD', { infer: true });
    let passwordFile: string | undefined;
    if (!password) {
      password = randomBytes(12).toString('base64url');
      passwordFile = path.resolve(this.config.get('DATA_DIR', { infer: true }), INITIAL_ADMIN_PASSWORD_FILE);
      fs.mkdirSync(path.dirname(passwordFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    }
    try {
      await this.users.create({ username, displayName: '系统管理员', password, role: 'admin', departmentId: null });
    } catch (err) {
      // Another instance booting at the same moment created it first.
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') return;
      throw err;
    }
    this.logger.warn(
      passwordFile
        ? `created the first admin account "${username}"; its password is in ${passwordFile} — change it after logging in`
        : `created the first admin account "${username}" from ADMIN_USERNAME/ADMIN_PASSWORD`,
    );
  }
}
