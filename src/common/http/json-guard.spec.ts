import { JSON_MAX_DEPTH, jsonTextProblem } from './json-guard';
import { prototypeKeys } from './validation';

describe('jsonTextProblem', () => {
  const arrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it.each([
    ['{}', null],
    [arrays(JSON_MAX_DEPTH), null],
    [arrays(JSON_MAX_DEPTH + 1), 'too_deep'],
    ['{"a":'.repeat(JSON_MAX_DEPTH + 1) + '1' + '}'.repeat(JSON_MAX_DEPTH + 1), 'too_deep'],
    [`["${'['.repeat(500)}"]`, null], // brackets inside a string
    [`["\\"${'{'.repeat(500)}"]`, null], // an escaped quote does not end the string
    [`["\\\\", ${arrays(JSON_MAX_DEPTH)}]`, 'too_deep'], // an escaped backslash does
    [arrays(40) + arrays(40), null], // siblings do not add up
    ['"\\ud83d\\ude00"', null],
    ['"\u{1f600}"', null],
    ['"\\ud800"', 'lone_surrogate'],
    ['"\\uD800x"', 'lone_surrogate'],
    ['"\\udc00"', 'lone_surrogate'],
    ['"a\\ud83d"', 'lone_surrogate'],
    ['"\\ude00\\ud83d"', 'lone_surrogate'],
    ['"\ud800"', 'lone_surrogate'],
    ['"\\\\ud800"', null], // a backslash, then the letters "ud800"
    ['"\\u00e9\\n"', null],
  ])('%s → %s', (text, problem) => expect(jsonTextProblem(text)).toBe(problem));
});

describe('prototypeKeys', () => {
  it('names every prototype key as a field path, however nested', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"x":1},"b":{"constructor":2,"c":[{"prototype":3}]}}') as unknown;
    expect(prototypeKeys(parsed)).toEqual(['__proto__', 'b.constructor', 'b.c[0].prototype']);
    expect(prototypeKeys({ a: { b: [1, 'x', null] } })).toEqual([]);
    expect(prototypeKeys('__proto__')).toEqual([]);
  });
});
