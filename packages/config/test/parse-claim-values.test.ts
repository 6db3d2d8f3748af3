import { ConfigError, createClaimValuesCheck, TokenError } from '@jwt-authorizer/core';
import { thrownBy } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClaimValues } from '../src/parse-claim-values.js';

function refusal(raw: string): ConfigError {
  return thrownBy(() => parseClaimValues(raw), ConfigError);
}

describe('parseClaimValues', () => {
  it('reads claim names to one value or an array of values', () => {
    expect(parseClaimValues('{"token_use":"access","tid":["t1","t2"],"ver":2,"email_verified":true}')).toEqual({
      token_use: 'access',
      tid: ['t1', 't2'],
      ver: 2,
      email_verified: true,
    });
  });

  it('takes names literally: colons, dots and URLs are top-level claims', () => {
    expect(parseClaimValues('{"cognito:groups":"admins","https://example.com/org":"acme","a.b":1}')).toEqual({
      'cognito:groups': 'admins',
      'https://example.com/org': 'acme',
      'a.b': 1,
    });
  });

  it('keeps "__proto__" and "constructor" as rules of their own, never as a prototype', () => {
    const rules = parseClaimValues('{"__proto__":["x"],"constructor":"y"}');
    expect(Object.getPrototypeOf(rules)).toBe(Object.prototype);
    expect(Object.keys(rules)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(rules, '__proto__')).toBe(true);
  });

  it.each([
    ['not JSON', '{token_use: access}', /JWT_CLAIM_VALUES: is not JSON: expected an object such as/],
    ['an array', '["token_use"]', /must be a JSON object of claim names to values/],
    ['a string', '"access"', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['an empty name', '{"":"x"}', /a claim name is empty/],
    ['a pointer-like name', '{"/realm_access/roles":"admin"}', /claim "\/realm_access\/roles": names are top-level/],
    ['null as a value', '{"a":null}', /claim "a": the value must be a string, a number, a boolean, or an array/],
    ['an object as a value', '{"a":{"b":1}}', /claim "a": the value must be/],
    ['an empty array', '{"a":[]}', /claim "a": an empty array accepts no value, so no token/],
    ['a nested array', '{"a":[["b"]]}', /claim "a": array items must be strings, numbers or booleans/],
    ['null in an array', '{"a":["b",null]}', /claim "a": array items must be/],
  ])('refuses %s, naming the variable', (_name, raw, message) => {
    const error = refusal(raw);
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'JWT_CLAIM_VALUES' });
    expect(error.message).toMatch(message);
  });

  it('gives, for any JSON, either a clear ConfigError or rules core compiles and applies as documented (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), fc.jsonValue(), (raw, claim) => {
        let rules: ReturnType<typeof parseClaimValues>;
        try {
          rules = parseClaimValues(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).message).toMatch(/^JWT_CLAIM_VALUES: /);
          return;
        }
        const check = createClaimValuesCheck(rules); // never throws on what the parser accepted
        for (const [name, accepted] of Object.entries(rules)) {
          const values = [accepted].flat();
          const claims = JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify(claim)}}`) as Record<string, unknown>;
          const holds = (value: unknown) => values.some((each) => each === value);
          const expected = Array.isArray(claim) ? claim.some(holds) : holds(claim);
          const only = createClaimValuesCheck(Object.fromEntries([[name, accepted]]));
          let accepts = true;
          try {
            only(claims);
          } catch (error) {
            expect(error).toBeInstanceOf(TokenError);
            accepts = false;
          }
          expect(accepts).toBe(expected);
          expect(() => check({})).toThrow(TokenError); // a missing claim never passes
        }
      }),
    );
  });
});
