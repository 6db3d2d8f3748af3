import { thrownBy } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, isClaimValue, parseRouteRules, type RouteRule } from '../src/index.js';

function refusal(raw: string): ConfigError {
  return thrownBy(() => parseRouteRules(raw), ConfigError);
}

describe('parseRouteRules', () => {
  it('reads conditions on scopes, top-level claims and JSON Pointers, one value or several', () => {
    const rules = parseRouteRules(
      JSON.stringify({
        'GET /pets': { scope: ['pets:read', 'pets:admin'] },
        'ANY /admin/*': { 'cognito:groups': 'admins', '/realm_access/roles': ['admin'], email_verified: true },
        'GET /tenants/{tenant_id}/*': {},
        'GET /level': { level: [1, 2] },
      }),
    );
    expect(rules.map((rule) => rule.conditions)).toEqual([
      [{ claim: 'scope', reference: { kind: 'scopes' }, values: ['pets:read', 'pets:admin'] }],
      [
        { claim: 'cognito:groups', reference: { kind: 'claim', name: 'cognito:groups' }, values: ['admins'] },
        {
          claim: '/realm_access/roles',
          reference: { kind: 'pointer', tokens: ['realm_access', 'roles'] },
          values: ['admin'],
        },
        { claim: 'email_verified', reference: { kind: 'claim', name: 'email_verified' }, values: [true] },
      ],
      [],
      [{ claim: 'level', reference: { kind: 'claim', name: 'level' }, values: [1, 2] }],
    ]);
    expect(rules[2]).toMatchObject({
      route: 'GET /tenants/{tenant_id}/*',
      methods: ['GET'],
      path: 'tenants/{tenant_id}/*',
    });
  });

  it.each([
    ['not json', 'is not JSON'],
    ['[]', 'must be a JSON object'],
    ['null', 'must be a JSON object'],
    ['5', 'must be a JSON object'],
    ['"GET /pets"', 'must be a JSON object'],
    ['{}', 'has no rule'],
    ['{"GET /pets": []}', 'conditions must be an object'],
    ['{"GET /pets": "admin"}', 'conditions must be an object'],
    ['{"GET /pets": null}', 'conditions must be an object'],
    ['{"GET /pets": {"": "x"}}', 'names no claim'],
    ['{"GET /pets": {"/a~2": "x"}}', 'names no claim'],
    ['{"GET /pets": {"groups": []}}', 'has no value; for a rule every valid token passes, use {}'],
    ['{"GET /pets": {"groups": null}}', 'takes a string, a number, a boolean'],
    ['{"GET /pets": {"groups": {"a": 1}}}', 'takes a string, a number, a boolean'],
    ['{"GET /pets": {"groups": [["a"]]}}', 'takes a string, a number, a boolean'],
    ['{"GET /pets": {"groups": ["a", null]}}', 'takes a string, a number, a boolean'],
    ['{"GET /pets": {"scope": ["a", "b c"]}}', 'takes scopes, strings without spaces'],
    ['{"GET /pets": {"scope": "a b"}}', 'takes scopes, strings without spaces'],
    ['{"GET /pets": {"scope": 1}}', 'takes scopes'],
    ['{"GET /pets/{scope}": {}}', 'a placeholder takes one'],
    ['{"GET pets": {}}', 'not of the form'],
  ])('refuses %s at cold start, naming ROUTE_RULES', (raw, message) => {
    const error = refusal(raw);
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_RULES' });
    expect(error.message).toContain(message);
  });

  it('checks the size of the largest policy, each placeholder at 64 characters', () => {
    // 201 + "GET/" + "t/" + 64 + "/" + path = 512 at a path of 240 characters.
    expect(parseRouteRules(JSON.stringify({ [`GET /t/{id}/${'a'.repeat(240)}`]: {} }))).toHaveLength(1);
    expect(refusal(JSON.stringify({ [`GET /t/{id}/${'a'.repeat(241)}`]: {} })).message).toMatch(
      /resource of 513 characters, over IAM's 512 by 1 \(each \{claim\} counted at its longest, 64 characters\)/,
    );
  });
});

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

// Route keys near the grammar, mostly well formed so that many rule sets are accepted: good and bad methods,
// literal, placeholder and wildcard segments, and pieces not allowed anywhere in a path (a wildcard mid-path, "?",
// "$", stray braces, spaces, empty segments, non-ASCII, "{scope}", a pointer with a bad escape).
const good = fc.constantFrom('pets', 'v1', 'a.b~c', '*', '{tenant_id}', '{/org/id}', '{https://e.x/t}');
const bad = fc.constantFrom('{scope}', '{}', '{a', 'b}', '?', '$x', 'a b', '', 'ä', '{/bad~2}', 'a*');
const piece = fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
const method = fc.oneof(
  { arbitrary: fc.constantFrom(...VERBS, 'ANY'), weight: 12 },
  { arbitrary: fc.constantFrom('get', 'FETCH', ''), weight: 1 },
);
const routeKey = fc
  .tuple(method, fc.array(piece, { maxLength: 3 }), fc.integer({ min: 0, max: 12 }))
  .map(([verb, pieces, slash]) => `${verb}${slash > 0 ? ' /' : ' '}${pieces.join('/')}`);
const conditionName = fc.oneof(
  { arbitrary: fc.constantFrom('scope', 'cognito:groups', '/realm_access/roles', '/a~1b', 'n'), weight: 8 },
  { arbitrary: fc.constantFrom('', '/bad~2'), weight: 1 },
);
const conditionValue = fc.oneof(
  { arbitrary: fc.constantFrom('admins', 'orders:write', 7, true, -0.5), weight: 8 },
  { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
  { arbitrary: fc.constantFrom('two words', ''), weight: 1 },
);
const conditions = fc.oneof(
  {
    arbitrary: fc.dictionary(conditionName, fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 })), {
      maxKeys: 2,
    }),
    weight: 12,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
);
const nearRules = fc.dictionary(routeKey, conditions, { maxKeys: 3 }).map((rules) => JSON.stringify(rules));

/** The rule set, or undefined when parseRouteRules refuses it, always with a ConfigError on ROUTE_RULES. */
function parsedOrRefused(raw: string): RouteRule[] | undefined {
  try {
    return parseRouteRules(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_RULES' });
    expect((error as ConfigError).message).toMatch(/^ROUTE_RULES: ./);
    return undefined;
  }
}

/** A path written back from its segments, as the grammar reads it. */
function written(rule: RouteRule): string {
  return rule.segments
    .map((segment) =>
      segment.kind === 'literal' ? segment.text : segment.kind === 'wildcard' ? '*' : `{${segment.claim}}`,
    )
    .join('/');
}

describe('parseRouteRules (properties)', () => {
  it('gives, for any JSON or text, either a ConfigError on ROUTE_RULES or rules exactly as written', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), nearRules), (raw) => {
        const rules = parsedOrRefused(raw);
        if (!rules) return;
        const object = JSON.parse(raw) as Record<string, Record<string, unknown>>;
        expect(rules.map((rule) => rule.route)).toEqual(Object.keys(object));
        for (const rule of rules) {
          const [method, path] = [
            rule.route.slice(0, rule.route.indexOf(' ')),
            rule.route.slice(rule.route.indexOf(' /') + 2),
          ];
          expect(rule.methods).toEqual(method === 'ANY' ? VERBS : [method]);
          expect(rule.path).toBe(path);
          expect(written(rule)).toBe(path);
          rule.segments.forEach((segment, index) => {
            if (segment.kind === 'wildcard') expect(index).toBe(rule.segments.length - 1);
            if (segment.kind === 'literal') expect(segment.text).toMatch(/^[A-Za-z0-9._~!&'()+,;=:@%-]+$/);
            if (segment.kind === 'placeholder') expect(segment.reference.kind).not.toBe('scopes');
          });
          const accepted = object[rule.route] as Record<string, unknown>;
          expect(rule.conditions.map((condition) => condition.claim)).toEqual(Object.keys(accepted));
          for (const condition of rule.conditions) {
            expect(condition.values).toEqual([accepted[condition.claim]].flat());
            expect(condition.values.length).toBeGreaterThan(0);
            expect(condition.values.every(isClaimValue)).toBe(true);
            if (condition.claim === 'scope') for (const scope of condition.values) expect(scope).toMatch(/^\S+$/);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every rule set written by the grammar, small enough to fit a policy', () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9._~!&'()+,;=:@%-]{1,8}$/),
      fc.constantFrom('{tenant_id}', '{/org/id}', '{https://e.x/t}'),
    );
    const key = fc
      .tuple(fc.constantFrom(...VERBS, 'ANY'), fc.array(segment, { maxLength: 3 }), fc.boolean())
      .map(([method, segments, wildcard]) => `${method} /${[...segments, ...(wildcard ? ['*'] : [])].join('/')}`);
    const value = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), fc.boolean());
    const name = fc.oneof(
      fc.constantFrom('cognito:groups', '/realm_access/roles', 'tid'),
      fc.stringMatching(/^[a-z]{1,6}$/).filter((n) => n !== 'scope'),
    );
    const condition = fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 }));
    // Two rules at most: three ANY rules with placeholders can make a policy too large for a response (a refusal
    // tested above, not a grammar error).
    const rules = fc.dictionary(key, fc.dictionary(name, condition, { maxKeys: 2 }), { minKeys: 1, maxKeys: 2 });
    fc.assert(
      fc.property(rules, (object) => {
        expect(parseRouteRules(JSON.stringify(object)).map((rule) => rule.route)).toEqual(Object.keys(object));
      }),
      { numRuns: RUNS },
    );
  });
});
