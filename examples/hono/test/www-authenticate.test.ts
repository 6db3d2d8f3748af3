import { describe, expect, it } from 'vitest';
import { wwwAuthenticate } from '../src/www-authenticate.ts';

describe('wwwAuthenticate', () => {
  it('gives a bare challenge when no error is known', () => {
    expect(wwwAuthenticate({ realm: 'api' })).toBe('Bearer realm="api"');
  });

  it('keeps quotes, backslashes, control and non-ASCII characters out of quoted values (RFC 6750 §3)', () => {
    const header = wwwAuthenticate({ realm: 'a"b', error: 'invalid_token', errorDescription: '"alg" \\ é\r\nx' });
    expect(header).toBe(`Bearer realm="a'b", error="invalid_token", error_description="'alg' ' ???x"`);
  });

  it('names the scopes needed', () => {
    expect(wwwAuthenticate({ realm: 'api', error: 'insufficient_scope', scope: ['a', 'b'] })).toBe(
      'Bearer realm="api", error="insufficient_scope", scope="a b"',
    );
  });
});
