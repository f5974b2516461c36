import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Role } from '../../src/auth/roles';
import { DepartmentsService } from '../../src/departments/departments.service';
import { UsersService } from '../../src/users/users.service';
import { http } from './app';

/** Factories: every suite makes its own uniquely named data, so suites never depend on each other. */
export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export const PASSWORD = 'correct-horse-battery';

export async function makeDepartment(app: NestExpressApplication, name = unique('测试局')) {
  return app.get(DepartmentsService).create({ code: unique('D'), name });
}

export interface TestAccount {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  token: string;
}

export async function makeAccount(app: NestExpressApplication, role: Role, departmentId: string | null): Promise<TestAccount> {
  const username = unique(`${role.replace('_', '')}.`);
  const user = await app.get(UsersService).create({ username, displayName: `测试${role}`, password: PASSWORD, role, departmentId });
  const res = await http(app).post('/auth/login').send({ username, password: PASSWORD }).expect(200);
  return { id: user.id, username, role, departmentId, token: (res.body as { accessToken: string }).accessToken };
}

/** One department with one account per role, plus an admin. */
export async function makeDepartmentWithStaff(app: NestExpressApplication) {
  const department = await makeDepartment(app);
  const [admin, supervisor, inspector, legalReviewer] = await Promise.all([
    makeAccount(app, 'admin', null),
    makeAccount(app, 'supervisor', department.id),
    makeAccount(app, 'inspector', department.id),
    makeAccount(app, 'legal_reviewer', department.id),
  ]);
  return { department, admin, supervisor, inspector, legalReviewer };
}

export const bearer = (account: { token: string }) => ({ Authorization: `Bearer ${account.token}` });
