import { describe, expect, it } from 'vitest';
import { ConfigError, parseRouteRules } from '../src/index.js';

function refusal(raw: string): ConfigError {
  try {
    parseRouteRules(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
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
