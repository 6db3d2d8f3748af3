import { describe, expect, it } from 'vitest';
import { compileVerifyOptions } from '../src/compile-verify-options.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, normalizeTyp } from '../src/index.js';

describe('compileVerifyOptions', () => {
  it('applies the documented defaults', () => {
    expect(compileVerifyOptions({ algorithms: ['RS256'] })).toMatchObject({
      typ: undefined,
      issuer: undefined,
      audience: undefined,
      requiredClaims: ['exp'],
      clockToleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: undefined,
      claimValues: undefined,
      principalClaims: ['sub'],
    });
  });

  it('builds the lookups once: normalized types, a set of audiences, a principal list', () => {
    const compiled = compileVerifyOptions({
      algorithms: ['RS256'],
      typ: ['AT+JWT', 'application/jwt'],
      audience: ['a', 'b', 'a'],
      principalClaim: ['username', 'cognito:username'],
    });
    expect(compiled.typ).toEqual(new Set(['application/at+jwt', 'application/jwt']));
    expect(compiled.audience).toEqual(new Set(['a', 'b']));
    expect(compiled.principalClaims).toEqual(['username', 'cognito:username']);
  });

  it('refuses options that could only refuse every token or make no sense', () => {
    expect(() => compileVerifyOptions({ algorithms: ['RS256'], principalClaim: [] })).toThrow(TypeError);
    expect(() => compileVerifyOptions({ algorithms: ['RS256'], maxTokenAgeSeconds: -1 })).toThrow(TypeError);
    expect(() => compileVerifyOptions({ algorithms: ['RS256'], maxTokenAgeSeconds: Number.NaN })).toThrow(TypeError);
    expect(compileVerifyOptions({ algorithms: ['RS256'], maxTokenAgeSeconds: 0 }).maxTokenAgeSeconds).toBe(0);
    expect(() => compileVerifyOptions({ algorithms: ['RS256'], claimValues: { a: [] } })).toThrow(TypeError);
  });
});

describe('normalizeTyp', () => {
  it('reads a typ as its media type: case-insensitive, application/ implied without a slash (RFC 7515 §4.1.9)', () => {
    expect(normalizeTyp('at+jwt')).toBe('application/at+jwt');
    expect(normalizeTyp('AT+JWT')).toBe('application/at+jwt');
    expect(normalizeTyp('Application/At+JWT')).toBe('application/at+jwt');
    expect(normalizeTyp('JWT')).toBe('application/jwt');
  });

  it('keeps another top-level type as it is, so text/at+jwt is not at+jwt', () => {
    expect(normalizeTyp('text/at+jwt')).toBe('text/at+jwt');
    expect(normalizeTyp('text/at+jwt')).not.toBe(normalizeTyp('at+jwt'));
  });
});
