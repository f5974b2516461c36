import { completeUscc, normaliseUscc, orgCodeCheckCharacter, usccCheckCharacter, validateUscc } from './uscc';

describe('USCC (GB 32100-2015)', () => {
  // Published, real-format codes.
  it.each(['91350100M000100Y43', '91110108551385082Q', '911201163409833307'])('accepts %s', (code) => {
    expect(validateUscc(code)).toBeNull();
  });

  it('computes the check characters', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4');
    // GB 11714 maps remainder 10 to X and 11 to 0.
    expect(orgCodeCheckCharacter('D2143569')).toBe('X');
  });

  it('names the wrong length', () => {
    expect(validateUscc('91350100M000100Y4')).toMatchObject({ kind: 'length', message: expect.stringContaining('17位') });
  });

  it('names an illegal character and its position', () => {
    expect(validateUscc('91350100M0001O0Y43')).toMatchObject({ kind: 'character', position: 14, actual: 'O' });
    expect(validateUscc('9135010OM000100Y43')).toMatchObject({ kind: 'character', position: 8 });
  });

  it('requires digits in the division code', () => {
    expect(validateUscc('913501A0M000100Y43')).toMatchObject({ kind: 'division', position: 7, actual: 'A' });
  });

  it('checks the embedded organisation code', () => {
    expect(validateUscc('91350100M000100Y53')).toMatchObject({ kind: 'org_check', position: 17, expected: '4', actual: '5' });
  });

  it('checks the final check character', () => {
    const err = validateUscc('91350100M000100Y44');
    expect(err).toMatchObject({ kind: 'check', position: 18, expected: '3', actual: '4' });
    expect(err!.message).toContain('第18位');
  });

  it('every single-character change of a valid code is detected', () => {
    const good = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
        if (ch === good[i]) continue;
        expect(validateUscc(good.slice(0, i) + ch + good.slice(i + 1))).not.toBeNull();
      }
    }
  });

  it('normalises typing variants', () => {
    expect(normaliseUscc(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normaliseUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it('completes generated codes', () => {
    expect(validateUscc(completeUscc('9112011600000001'))).toBeNull();
  });
});
