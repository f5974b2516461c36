import { cappedCountSql, cappedTotal, nameContains, nameContainsNamed, NAME_SEARCH_COUNT_CAP, trigramServes } from './name-search';

describe('name search shapes', () => {
  it.each([
    ['天津', false],
    ['天', false],
    ['天 津', false],
    ['a%b', false],
    ['ab', false],
    ['生物科', true],
    ['有限公司', true],
    ['abc', true],
    ['100%', true],
    ['A-B-C', false],
  ])('%s: trigram index serves it = %s', (q, expected) => {
    expect(trigramServes(q)).toBe(expected);
  });

  it('a fragment pg_trgm cannot serve asks the pair index first, then the same ILIKE', () => {
    expect(nameContains('p.entity_name', '天_', 3)).toEqual({ sql: `name_grams(p.entity_name) @> name_search_grams(CAST($4 AS text)) AND p.entity_name ILIKE $3 ESCAPE '\\'`, params: ['%天\\_%', '天_'] });
    expect(nameContains('p.entity_name', '有限公司', 1)).toEqual({ sql: `p.entity_name ILIKE $1 ESCAPE '\\'`, params: ['%有限公司%'] });
    expect(nameContainsNamed('e.name', 'ab')).toEqual({ sql: `name_grams(e.name) @> name_search_grams(CAST(:nameText AS text)) AND e.name ILIKE :nameLike ESCAPE '\\'`, params: { nameLike: '%ab%', nameText: 'ab' } });
  });

  it.each([
    [0, 0, false],
    [NAME_SEARCH_COUNT_CAP, NAME_SEARCH_COUNT_CAP, false],
    [NAME_SEARCH_COUNT_CAP + 1, NAME_SEARCH_COUNT_CAP, true],
  ])('a count of %i reads as %i, capped %s', (n, totalCount, totalCountCapped) => {
    expect(cappedTotal(n)).toEqual({ totalCount, totalCountCapped });
  });

  it('counts at most one row past the cap', () => {
    expect(cappedCountSql('SELECT 1 FROM t')).toBe(`SELECT count(*)::int AS n FROM (SELECT 1 FROM t LIMIT ${NAME_SEARCH_COUNT_CAP + 1}) capped`);
  });
});
