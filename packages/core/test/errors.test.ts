import { describe, expect, it } from 'vitest';
import { ConfigError, KeySourceError, MethodArnError, TokenError, UnsupportedEventError } from '../src/index.js';

describe('coded errors', () => {
  it.each([
    ['TokenError', 'expired', () => new TokenError('expired', 'x')],
    ['KeySourceError', 'key_source_unavailable', () => new KeySourceError('key_source_unavailable', 'x')],
    ['ConfigError', 'invalid_value', () => new ConfigError('invalid_value', 'JWT_ISSUER', 'x')],
    ['MethodArnError', 'invalid_method_arn', () => new MethodArnError('x')],
    ['UnsupportedEventError', 'unsupported_event', () => new UnsupportedEventError('x')],
    ['UnsupportedEventError', 'incompatible_event', () => new UnsupportedEventError('x', 'incompatible_event')],
  ])('a %s carries its name and the code %s', (name, code, create) => {
    const error = create();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name, code });
    expect(error.message).toMatch(/x$/);
  });

  it('names the variable a ConfigError is about, in its message too', () => {
    const error = new ConfigError('invalid_value', 'JWT_ISSUER', 'x');
    expect(error.variable).toBe('JWT_ISSUER');
    expect(error.message).toContain('JWT_ISSUER');
  });
});
