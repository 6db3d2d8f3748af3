import { describe, expect, it } from 'vitest';
import { checkRouteBudget, LONGEST_ARN_PREFIX_LENGTH, parseRoute, type RouteRule } from '../src/index.js';

const rule = (route: string): RouteRule => ({
  ...parseRoute(route, { variable: 'ROUTE_RULES', placeholders: true }),
  conditions: [],
});

describe('checkRouteBudget', () => {
  it('counts the longest ARN prefix API Gateway sends: aws-us-gov, 20-character region, 128-character stage', () => {
    expect(LONGEST_ARN_PREFIX_LENGTH).toBe(201);
  });

  it('counts each placeholder at 64 characters, whatever its name', () => {
    // Same length for a short and a long claim name: 201 + 4 + 64 + 1 + 242 = 512.
    expect(() => checkRouteBudget([rule(`GET /{t}/${'a'.repeat(242)}`)], 'ROUTE_RULES')).not.toThrow();
    expect(() =>
      checkRouteBudget([rule(`GET /{a-very-long-claim-name}/${'a'.repeat(242)}`)], 'ROUTE_RULES'),
    ).not.toThrow();
    expect(() => checkRouteBudget([rule(`GET /{t}/${'a'.repeat(243)}`)], 'ROUTE_RULES')).toThrow(/by 1 /);
  });

  it('adds every method of every rule, as if every rule permitted the token at once, and says by how much', () => {
    // Per rule "ANY /sN/*": 7 * (201 + 1 + "sN/*".length + 3) + 32 (the 7 method names) = 1,495; four make 5,980.
    const rules = Array.from({ length: 4 }, (_, i) => rule(`ANY /s${i}/*`));
    expect(() => checkRouteBudget(rules, 'ROUTE_RULES')).toThrow(
      "ROUTE_RULES: the rules can make a policy of 5980 bytes of resources, over the 5632 that fit API Gateway's 8 KiB " +
        'response by 348: use fewer rules, a wildcard path, or methods instead of ANY',
    );
    expect(() => checkRouteBudget(rules.slice(0, 3), 'ROUTE_RULES')).not.toThrow();
  });

  it('names the variable it was given, with the code of a value that cannot be used', () => {
    expect(() => checkRouteBudget([rule(`GET /${'a'.repeat(400)}`)], 'ROUTE_SCOPES')).toThrow(
      expect.objectContaining({
        code: 'invalid_value',
        variable: 'ROUTE_SCOPES',
        message: expect.stringMatching(/^ROUTE_SCOPES: /),
      }),
    );
    const many = Array.from({ length: 4 }, (_, i) => rule(`ANY /s${i}/*`));
    expect(() => checkRouteBudget(many, 'ROUTE_RULES')).toThrow(expect.objectContaining({ code: 'invalid_value' }));
  });
});
