import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseRouteScopes, ROUTE_METHODS } from '../src/index.js';

function configError(run: () => unknown): ConfigError {
  return thrownBy(run, ConfigError);
}

const scope = (...values: string[]) => [{ claim: 'scope', reference: { kind: 'scopes' }, values }];

describe('parseRouteScopes', () => {
  it('reads methods, literal paths, a last-segment wildcard, and scopes as an array or one string', () => {
    expect(
      parseRouteScopes('{"GET /pets": ["pets:read", "pets:admin"], "ANY /admin/*": "admin", "GET /": []}'),
    ).toEqual([
      {
        route: 'GET /pets',
        methods: ['GET'],
        path: 'pets',
        segments: [{ kind: 'literal', text: 'pets' }],
        conditions: scope('pets:read', 'pets:admin'),
      },
      {
        route: 'ANY /admin/*',
        methods: [...ROUTE_METHODS],
        path: 'admin/*',
        segments: [{ kind: 'literal', text: 'admin' }, { kind: 'wildcard' }],
        conditions: scope('admin'),
      },
      { route: 'GET /', methods: ['GET'], path: '', segments: [], conditions: [] },
    ]);
  });

  it.each([
    ['not json', 'is not JSON'],
    ['[]', 'must be a JSON object'],
    ['{}', 'has no rule'],
    ['{"GET pets": []}', 'not of the form'],
    ['{"FETCH /pets": []}', 'unknown method'],
    ['{"get /pets": []}', 'not of the form'],
    ['{"GET /users/*/profile": []}', 'only a last segment'],
    ['{"GET /admin*": []}', 'only a last segment'],
    ['{"GET /pets/{id}": []}', 'only a last segment'],
    ['{"GET /pets/?": []}', 'only a last segment'],
    ['{"GET /pets//x": []}', 'only a last segment'],
    ['{"GET /pets/": []}', 'only a last segment'],
    ['{"GET /pets": [1]}', 'scopes must be'],
    ['{"GET /pets": ["a b"]}', 'scopes must be'],
    ['{"GET /pets": {"scope": "a"}}', 'scopes must be'],
  ])('refuses %s at cold start, naming ROUTE_SCOPES', (raw, message) => {
    const error = configError(() => parseRouteScopes(raw));
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_SCOPES' });
    expect(error.message).toContain(message);
  });

  it('points a {claim} placeholder at ROUTE_RULES, where placeholders are', () => {
    expect(configError(() => parseRouteScopes('{"GET /tenants/{tenant_id}": []}')).message).toContain(
      'placeholders are for ROUTE_RULES',
    );
  });

  it("refuses a rule whose resource could exceed IAM's 512 characters", () => {
    const error = configError(() => parseRouteScopes(JSON.stringify({ [`GET /${'a'.repeat(310)}`]: [] })));
    expect(error.message).toMatch(/over IAM's 512/);
    expect(parseRouteScopes(JSON.stringify({ [`GET /${'a'.repeat(290)}`]: [] }))).toHaveLength(1);
  });

  it("refuses a rule set whose policy could exceed API Gateway's 8 KiB response", () => {
    const rules = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`ANY /service-${i}/*`, ['s']]));
    const error = configError(() => parseRouteScopes(JSON.stringify(rules)));
    expect(error.message).toMatch(/8 KiB/);
    const fits = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`GET /service-${i}/*`, ['s']]));
    expect(parseRouteScopes(JSON.stringify(fits))).toHaveLength(20);
  });
});

describe('parseRouteScopes at its edges', () => {
  const refused = (raw: string) => () => parseRouteScopes(raw);

  it('takes a JSON object only', () => {
    for (const raw of ['[]', '"GET /a"', 'null', '1', 'true']) {
      expect(refused(raw)).toThrow(expect.objectContaining({ code: 'invalid_value', variable: 'ROUTE_SCOPES' }));
    }
  });

  it('accepts each HTTP method API Gateway routes, and refuses a rule with text around it', () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(parseRouteScopes(JSON.stringify({ [`${method} /a`]: [] }))[0]?.methods).toEqual([method]);
    }
    for (const rule of ['xGET /a', 'GET /a\n/b', 'GET /$a', 'GET /a/$b']) {
      expect(refused(JSON.stringify({ [rule]: [] }))).toThrow(expect.objectContaining({ variable: 'ROUTE_SCOPES' }));
    }
  });

  it('measures a resource against the longest ARN prefix API Gateway sends (201 characters) and IAM 512', () => {
    // 201 + "GET".length + "/".length + path = 512 at a path of 307 characters.
    expect(parseRouteScopes(JSON.stringify({ [`GET /${'a'.repeat(307)}`]: [] }))).toHaveLength(1);
    expect(refused(JSON.stringify({ [`GET /${'a'.repeat(308)}`]: [] }))).toThrow(
      /resource of 513 characters, over IAM's 512 by 1$/,
    );
  });

  it('fits a rule set of exactly 5,632 bytes of resources, and refuses one byte more', () => {
    // Each GET rule costs its path + 201 + 3 + 1 + 3 (quotes and comma): 16 paths of 144 bytes make 5,632.
    const rules = (extra: number) =>
      Object.fromEntries(
        Array.from({ length: 16 }, (_, i) => [
          `GET /${String(i).padStart(3, '0')}${'a'.repeat(141 + (i === 0 ? extra : 0))}`,
          [],
        ]),
      );
    expect(parseRouteScopes(JSON.stringify(rules(0)))).toHaveLength(16);
    expect(refused(JSON.stringify(rules(1)))).toThrow(/policy of 5633 bytes of resources, over the 5632 .* by 1:/);
  });
});
