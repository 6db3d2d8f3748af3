import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClaimValue, createClaimValuesCheck, TokenError } from '../src/index.js';

/** The reason a check gives for `claims`, or `accepted`. */
function outcome(check: ReturnType<typeof createClaimValuesCheck>, claims: Record<string, unknown>): string {
  try {
    check(claims);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return (error as TokenError).code;
  }
}

describe('createClaimValuesCheck', () => {
  it('accepts a claim equal to its one required value, or to one of a list', () => {
    const check = createClaimValuesCheck({ token_use: 'access', tid: ['tenant-a', 'tenant-b'] });
    expect(outcome(check, { token_use: 'access', tid: 'tenant-b' })).toBe('accepted');
    expect(outcome(check, { token_use: 'id', tid: 'tenant-b' })).toBe('claim_value_not_accepted');
    expect(outcome(check, { token_use: 'access', tid: 'tenant-c' })).toBe('claim_value_not_accepted');
  });

  it('accepts an array claim holding one of the accepted values', () => {
    const check = createClaimValuesCheck({ 'cognito:groups': ['admins', 'operators'] });
    expect(outcome(check, { 'cognito:groups': ['readers', 'operators'] })).toBe('accepted');
    expect(outcome(check, { 'cognito:groups': ['readers'] })).toBe('claim_value_not_accepted');
    expect(outcome(check, { 'cognito:groups': [] })).toBe('claim_value_not_accepted');
    expect(outcome(check, { 'cognito:groups': [['admins']] })).toBe('claim_value_not_accepted');
  });

  it('compares numbers and booleans by type and value: "1" is not 1, "true" is not true', () => {
    const check = createClaimValuesCheck({ ver: 2, email_verified: true });
    expect(outcome(check, { ver: 2, email_verified: true })).toBe('accepted');
    expect(outcome(check, { ver: '2', email_verified: true })).toBe('claim_value_not_accepted');
    expect(outcome(check, { ver: 2, email_verified: 'true' })).toBe('claim_value_not_accepted');
    expect(outcome(check, { ver: 2.0, email_verified: 1 })).toBe('claim_value_not_accepted');
  });

  it('refuses a missing claim, an object, and null, naming the claim but not its value', () => {
    const check = createClaimValuesCheck({ org: 'acme' });
    expect(() => check({})).toThrow(/claim "org" is missing; JWT_CLAIM_VALUES requires it/);
    expect(() => check({ org: { name: 'acme' } })).toThrow(/claim "org" holds no value JWT_CLAIM_VALUES accepts/);
    expect(outcome(check, { org: null })).toBe('claim_value_not_accepted');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'never lets a rule named %s pass by an Object.prototype member',
    (name) => {
      const rules = JSON.parse(`{${JSON.stringify(name)}: ["x"]}`) as Record<string, string[]>;
      const check = createClaimValuesCheck(rules);
      expect(outcome(check, {})).toBe('claim_value_not_accepted');
      expect(outcome(check, JSON.parse(`{${JSON.stringify(name)}: "x"}`))).toBe('accepted');
    },
  );

  it('never takes an accepted value from the prototype of the rules either', () => {
    // "constructor" is not a value of the rule, though Object.prototype has one of that name.
    const check = createClaimValuesCheck({ role: ['admin'] });
    expect(outcome(check, { role: 'constructor' })).toBe('claim_value_not_accepted');
  });

  it('accepts every token with no rules', () => {
    expect(outcome(createClaimValuesCheck({}), {})).toBe('accepted');
  });

  it.each([
    ['an empty list', { a: [] }],
    ['null', { a: null }],
    ['an object', { a: { b: 1 } }],
    ['a nested list', { a: [['b']] }],
    ['NaN', { a: Number.NaN }],
    ['Infinity', { a: [1, Number.POSITIVE_INFINITY] }],
  ])('refuses rules holding %s when compiled', (_name, rules) => {
    expect(() => createClaimValuesCheck(rules as never)).toThrow(TypeError);
  });

  it('decides as the documented rule says, for any rules and claims (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean());
    const rules = fc.dictionary(
      fc.constantFrom('a', 'b', 'constructor', '__proto__'),
      fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 })),
    );
    const claim = fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(null), fc.object({ maxDepth: 1 }));
    const claims = fc.dictionary(fc.constantFrom('a', 'b', 'constructor', '__proto__'), claim);
    fc.assert(
      fc.property(rules, claims, (ruleSet, claimSet) => {
        const expected = Object.entries(ruleSet).every(([name, accepted]) => {
          if (!Object.hasOwn(claimSet, name)) return false;
          const list: ClaimValue[] = Array.isArray(accepted) ? accepted : [accepted];
          const held = claimSet[name];
          const holds = (each: unknown) => list.some((one) => one === each);
          return Array.isArray(held) ? held.some(holds) : holds(held);
        });
        const got = outcome(createClaimValuesCheck(ruleSet), claimSet);
        expect(got).toBe(expected ? 'accepted' : 'claim_value_not_accepted');
      }),
    );
  });
});
