import { DataSource, QueryFailedError } from 'typeorm';
import { likeContains, poolQuery } from './sql';

/** A DataSource whose pool records each query's name and answers with `answer`. */
function fakeDataSource(answer: (q: { text: string; name?: string }) => unknown) {
  const calls: { text: string; name?: string }[] = [];
  const master = {
    query: async (q: { text: string; name?: string; values: unknown[] }) => {
      calls.push({ text: q.text, name: q.name });
      const a = answer(q);
      if (a instanceof Error) throw a;
      return { rows: a };
    },
  };
  return { dataSource: { driver: { master } } as unknown as DataSource, calls };
}

describe('poolQuery', () => {
  it('names a prepared statement by its text: the same text, the same name; another text, another name', async () => {
    const { dataSource, calls } = fakeDataSource(() => [{ n: 1 }]);
    expect(await poolQuery(dataSource, 'SELECT 1 AS n WHERE $1::int = 1', [1], { prepared: true })).toEqual([{ n: 1 }]);
    await poolQuery(dataSource, 'SELECT 1 AS n WHERE $1::int = 1', [2], { prepared: true });
    await poolQuery(dataSource, 'SELECT 2 AS n WHERE $1::int = 1', [1], { prepared: true });
    await poolQuery(dataSource, 'SELECT 3', []);
    expect(calls[0].name).toMatch(/^ssgk_\d+_\d+$/);
    expect(calls[1].name).toBe(calls[0].name);
    expect(calls[2].name).not.toBe(calls[0].name);
    expect(calls[3].name).toBeUndefined();
  });

  it('after "cached plan must not change result type" runs the call unnamed and renames every statement', async () => {
    let refuse = true;
    const { dataSource, calls } = fakeDataSource((q) => (q.name && refuse ? Object.assign(new Error('cached plan must not change result type'), { code: '0A000' }) : [{ ok: true }]));
    expect(await poolQuery(dataSource, 'SELECT a FROM t WHERE b = $1', ['x'], { prepared: true })).toEqual([{ ok: true }]);
    expect(calls.map((c) => c.name === undefined)).toEqual([false, true]);
    refuse = false;
    await poolQuery(dataSource, 'SELECT a FROM t WHERE b = $1', ['x'], { prepared: true });
    expect(calls[2].name).toBeDefined();
    expect(calls[2].name).not.toBe(calls[0].name);
  });

  it("wraps other failures as TypeORM's QueryFailedError, as dataSource.query would", async () => {
    const { dataSource } = fakeDataSource(() => Object.assign(new Error('invalid input syntax'), { code: '22P02' }));
    await expect(poolQuery(dataSource, 'SELECT $1::int', ['x'], { prepared: true })).rejects.toBeInstanceOf(QueryFailedError);
  });
});

describe('likeContains', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
