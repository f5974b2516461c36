import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { bearer, makeAccount, makeDepartmentWithStaff, PASSWORD } from './support/fixtures';

describe('department scoping: one department cannot see another', () => {
  let app: NestExpressApplication;
  let a: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let b: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  beforeAll(async () => {
    app = await bootApp();
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers 404, not 403, for another department's records", async () => {
    const dept = await http(app).get(`/departments/${b.department.id}`).set(bearer(a.supervisor)).expect(404);
    expect(dept.body).toMatchObject({ statusCode: 404, code: 'DEPARTMENT_NOT_FOUND' });
    const user = await http(app).get(`/users/${b.inspector.id}`).set(bearer(a.supervisor)).expect(404);
    expect(user.body.code).toBe('USER_NOT_FOUND');
    // The same answer as for an id that does not exist at all.
    const none = await http(app).get('/users/00000000-0000-4000-8000-000000000000').set(bearer(a.supervisor)).expect(404);
    expect(none.body.code).toBe(user.body.code);
    await http(app).get(`/departments/${b.department.id}`).set(bearer(a.inspector)).expect(404);
  });

  it('lists only the own department', async () => {
    const depts = await http(app).get('/departments').set(bearer(a.supervisor)).expect(200);
    expect(depts.body.items.map((d: { id: string }) => d.id)).toEqual([a.department.id]);
    const users = await http(app).get('/users').set(bearer(a.supervisor)).expect(200);
    expect(users.body.items.length).toBe(3);
    expect(users.body.items.every((u: { departmentId: string }) => u.departmentId === a.department.id)).toBe(true);
    const other = await http(app).get(`/users?departmentId=${b.department.id}`).set(bearer(a.supervisor)).expect(200);
    expect(other.body).toMatchObject({ items: [], meta: { totalCount: 0 } });
  });

  it('lets an admin see and filter every department', async () => {
    await http(app).get(`/departments/${b.department.id}`).set(bearer(a.admin)).expect(200);
    const users = await http(app).get(`/users?departmentId=${b.department.id}&role=inspector`).set(bearer(a.admin)).expect(200);
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([b.inspector.id]);
    // The console's account search: part of the username or the name, whatever the case.
    const found = await http(app).get(`/users?q=${encodeURIComponent(b.inspector.username.slice(-6).toUpperCase())}`).set(bearer(a.admin)).expect(200);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([b.inspector.id]);
    const byName = await http(app).get(`/users?q=${encodeURIComponent('测试')}&departmentId=${b.department.id}`).set(bearer(a.admin)).expect(200);
    expect(byName.body.meta.totalCount).toBe(3);
    expect((await http(app).get('/users?q=%25').set(bearer(a.admin)).expect(200)).body.items).toEqual([]);
  });

  it('lets an admin manage accounts, keeping at least one admin', async () => {
    const created = await http(app)
      .post('/users')
      .set(bearer(a.admin))
      .send({ username: 'Wang.Fang' + Date.now(), displayName: '王芳', password: 'long-enough-password', role: 'inspector', departmentId: a.department.id })
      .expect(201);
    expect(created.body.username).toMatch(/^wang\.fang/);
    const dup = await http(app)
      .post('/users')
      .set(bearer(a.admin))
      .send({ username: created.body.username, displayName: '重复', password: 'long-enough-password', role: 'inspector', departmentId: a.department.id })
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ field: 'username' }] });
    const noDept = await http(app).post('/users').set(bearer(a.admin)).send({ username: 'nodept.user', displayName: '无部门', password: 'long-enough-password', role: 'supervisor' }).expect(400);
    expect(noDept.body.code).toBe('VALIDATION_FAILED');
    const badDept = await http(app)
      .post('/users')
      .set(bearer(a.admin))
      .send({ username: 'baddept.user', displayName: '错部门', password: 'long-enough-password', role: 'supervisor', departmentId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(badDept.body.code).toBe('DEPARTMENT_NOT_FOUND');

    const moved = await http(app).patch(`/users/${created.body.id}`).set(bearer(a.admin)).send({ departmentId: b.department.id, role: 'supervisor' }).expect(200);
    expect(moved.body).toMatchObject({ departmentId: b.department.id, role: 'supervisor' });
    await http(app).patch(`/users/${created.body.id}`).set(bearer(a.admin)).send({ departmentId: null }).expect(400);
    const self = await http(app).patch(`/users/${a.admin.id}`).set(bearer(a.admin)).send({ active: false }).expect(409);
    expect(self.body.code).toBe('CANNOT_DEMOTE_SELF');
    const other = await makeAccount(app, 'admin', null);
    await http(app).patch(`/users/${other.id}`).set(bearer(a.admin)).send({ role: 'inspector', departmentId: a.department.id }).expect(200);
    await http(app).get('/auth/me').set(bearer(other)).expect(401); // the role change revoked the admin's tokens
    const relogged = await http(app).post('/auth/login').send({ username: other.username, password: PASSWORD }).expect(200);
    await http(app).get('/users').set(bearer({ token: relogged.body.accessToken as string })).expect(403); // an inspector now
  });
});
