import { QueryFailedError } from 'typeorm';
import { likeContains, preparedQuery, Queryable } from './sql';

/** A pool that records each query's name and answers with `answer`. */
function fakePool(answer: (q: { text: string; name?: string }) => unknown) {
  const calls: { text: string; name?: string }[] = [];
  const pool: Queryable = {
    query: async (q) => {
      calls.push({ text: q.text, name: q.name });
      const a = answer(q);
      if (a instanceof Error) throw a;
      return { rows: a as unknown[] };
    },
  };
  return { pool, calls };
}

describe('preparedQuery', () => {
  it('names a prepared statement by its text: the same text, the same name; another text, another name', async () => {
    const { pool, calls } = fakePool(() => [{ n: 1 }]);
    expect(await preparedQuery(pool, 'SELECT 1 AS n WHERE $1::int = 1', [1])).toEqual([{ n: 1 }]);
    await preparedQuery(pool, 'SELECT 1 AS n WHERE $1::int = 1', [2]);
    await preparedQuery(pool, 'SELECT 2 AS n WHERE $1::int = 1', [1]);
    await preparedQuery(pool, 'SELECT 3', [], false);
    expect(calls[0].name).toMatch(/^ssgk_\d+_\d+$/);
    expect(calls[1].name).toBe(calls[0].name);
    expect(calls[2].name).not.toBe(calls[0].name);
    expect(calls[3].name).toBeUndefined();
  });

  it('after "cached plan must not change result type" runs the call unnamed and renames every statement', async () => {
    let refuse = true;
    const { pool, calls } = fakePool((q) => (q.name && refuse ? Object.assign(new Error('cached plan must not change result type'), { code: '0A000' }) : [{ ok: true }]));
    expect(await preparedQuery(pool, 'SELECT a FROM t WHERE b = $1', ['x'])).toEqual([{ ok: true }]);
    expect(calls.map((c) => c.name === undefined)).toEqual([false, true]);
    refuse = false;
    await preparedQuery(pool, 'SELECT a FROM t WHERE b = $1', ['x']);
    expect(calls[2].name).toBeDefined();
    expect(calls[2].name).not.toBe(calls[0].name);
  });

  it("wraps other failures as TypeORM's QueryFailedError, as dataSource.query would", async () => {
    const { pool } = fakePool(() => Object.assign(new Error('invalid input syntax'), { code: '22P02' }));
    await expect(preparedQuery(pool, 'SELECT $1::int', ['x'])).rejects.toBeInstanceOf(QueryFailedError);
  });
});

describe('likeContains', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
