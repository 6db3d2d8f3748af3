import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseRoute, ROUTE_METHODS } from '../src/index.js';

const RULES = { variable: 'ROUTE_RULES', placeholders: true };
const SCOPES = { variable: 'ROUTE_SCOPES', placeholders: false };

function refusal(route: string, options = RULES): ConfigError {
  return thrownBy(() => parseRoute(route, options), ConfigError);
}

describe('parseRoute', () => {
  it('reads a method, literal segments, placeholders and a last-segment wildcard', () => {
    expect(parseRoute('GET /tenants/{tenant_id}/*', RULES)).toEqual({
      route: 'GET /tenants/{tenant_id}/*',
      methods: ['GET'],
      path: 'tenants/{tenant_id}/*',
      segments: [
        { kind: 'literal', text: 'tenants' },
        { kind: 'placeholder', claim: 'tenant_id', reference: { kind: 'claim', name: 'tenant_id' } },
        { kind: 'wildcard' },
      ],
    });
    expect(parseRoute('ANY /', RULES)).toMatchObject({ methods: [...ROUTE_METHODS], path: '', segments: [] });
    expect(parseRoute('GET /*', RULES).segments).toEqual([{ kind: 'wildcard' }]);
  });

  it('takes a placeholder naming a claim as a condition does: dots, colons, slashes, or a JSON Pointer', () => {
    const segment = (route: string) => parseRoute(route, RULES).segments[1];
    expect(segment('GET /t/{custom:tenant}')).toMatchObject({ reference: { kind: 'claim', name: 'custom:tenant' } });
    expect(segment('GET /t/{https://example.com/tenant}/x')).toMatchObject({
      claim: 'https://example.com/tenant',
      reference: { kind: 'claim', name: 'https://example.com/tenant' },
    });
    expect(segment('GET /t/{/org/id}/x')).toMatchObject({ reference: { kind: 'pointer', tokens: ['org', 'id'] } });
    expect(parseRoute('GET /t/{/org/id}/x', RULES).segments).toHaveLength(3);
  });

  it.each([
    ['GET /t/{}', 'names no claim'],
    ['GET /t/{/a~2}', 'names no claim'],
    ['GET /t/{a{b}', 'names no claim'],
    ['GET /t/{scope}', 'a placeholder takes one'],
    ['GET /t/{id', 'without its closing "}"'],
    ['GET /t/{id}x', 'not a whole path segment'],
    ['GET /t/x{id}', 'a {claim} placeholder is a whole path segment'],
    ['GET /t/{id}/*/x', 'only a last segment'],
    ['GET /*/x', 'only a last segment'],
    ['GET /t/', 'only a last segment'],
    ['GET //t', 'only a last segment'],
    ['GET /t?x=1', 'only a last segment'],
    ['GET /a b', 'only a last segment'],
    ['GET t', 'not of the form'],
    ['GET  /t', 'not of the form'],
    ['get /t', 'not of the form'],
    ['CONNECT /t', 'unknown method'],
  ])('refuses %j: %s', (route, message) => {
    const error = refusal(route);
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_RULES' });
    expect(error.message).toContain(message);
    expect(error.message).toContain(`rule "${route}"`);
  });

  it('says exactly what is wrong', () => {
    expect(refusal('GET /a b').message).toBe(
      'ROUTE_RULES: rule "GET /a b" has a path segment "a b" that is not allowed; paths are literal, and only a last ' +
        'segment "*" is a wildcard (IAM\'s "*" would cross "/")',
    );
    expect(refusal('GET /t/{id').message).toBe(
      'ROUTE_RULES: rule "GET /t/{id" has a placeholder "{id" without its closing "}"',
    );
    expect(refusal('GET /t/{id}x/y').message).toBe(
      'ROUTE_RULES: rule "GET /t/{id}x/y" has a placeholder "{id}" that is not a whole path segment',
    );
    expect(refusal('FETCH /t').message).toBe(
      'ROUTE_RULES: rule "FETCH /t" has an unknown method "FETCH" (use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY)',
    );
  });

  it('refuses placeholders where they are not allowed, naming the variable', () => {
    expect(refusal('GET /t/{tenant_id}', SCOPES)).toMatchObject({ variable: 'ROUTE_SCOPES' });
  });
});
