import { describe, expect, it } from 'vitest';
import { ConfigError, type Env, parseConfig } from '../src/index.js';

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----';

function configError(env: Env): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig at its edges', () => {
  it('reads CONTEXT_CLAIMS=* as every claim, not as a claim named "*"', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, CONTEXT_CLAIMS: ' * ' }).contextClaims).toBe('*');
  });

  it('trims single values and drops empty list items', () => {
    const config = parseConfig({ JWT_PUBLIC_KEY: PEM, PRINCIPAL_CLAIM: ' email ', JWT_AUDIENCE: 'a,, b ,' });
    expect(config.principalClaim).toBe('email');
    expect(config.audience).toEqual(['a', 'b']);
  });

  it('accepts the largest values of its ranges', () => {
    const config = parseConfig({
      JWT_PUBLIC_KEY: PEM,
      JWT_CLOCK_TOLERANCE_SECONDS: '300',
      KEY_CACHE_TTL_SECONDS: '86400',
    });
    expect(config).toMatchObject({ clockToleranceSeconds: 300, keyCacheTtlSeconds: 86_400 });
  });

  it('accepts http for loopback hosts only, matched whole', () => {
    expect(parseConfig({ JWKS_URI: 'http://127.0.0.10:8080/jwks' }).keySource.kind).toBe('jwks');
    for (const uri of [
      'http://xlocalhost/jwks',
      'http://localhost.evil.example/jwks',
      'http://127.0.0.1.evil.example/jwks',
      'ftp://localhost/jwks',
    ]) {
      expect(configError({ JWKS_URI: uri })).toMatchObject({ code: 'invalid_value', variable: 'JWKS_URI' });
    }
  });

  it('accepts literal patterns of every partition and region shape, for one API only', () => {
    for (const pattern of [
      'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/*/*/*',
      'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/prod/GET/*',
      'arn:aws:execute-api:ap-southeast-10:123456789012:abcdef1234/prod/*/*',
    ]) {
      expect(parseConfig({ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: pattern }).policyResource).toEqual({ pattern });
    }
    for (const pattern of [
      'arn:aws:execute-api:us-east-1:123456789012:*',
      'arn:aws:execute-api:us-east-1:123456789012:abcdef1234',
      'xarn:aws:execute-api:us-east-1:123456789012:abcdef1234/*',
      'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod\n/*',
    ]) {
      expect(configError({ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: pattern }).variable).toBe('POLICY_RESOURCE');
    }
  });

  it('says why each value is refused', () => {
    const cases: Array<[Env, RegExp]> = [
      [
        {},
        /^JWT_PUBLIC_KEY \| JWT_PUBLIC_KEY_SSM_PARAMETER \| JWKS_URI: set exactly one key source, or JWT_ISSUER alone/,
      ],
      [{ JWT_PUBLIC_KEY: PEM, JWKS_URI: 'https://x.example/' }, /not several/],
      [{ JWKS_URI: 'not a url' }, /is not a URL/],
      [{ JWKS_URI: 'http://idp.example/' }, /https URL/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'None' }, /"none" is never accepted/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'hs256' }, /hs256 is never accepted: every key source holds public keys/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HS1024' }, /HS1024 is never accepted/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'xHS256' }, /unknown algorithm "xHS256"/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HS256x' }, /unknown algorithm "HS256x"/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HSabc' }, /unknown algorithm "HSabc"/],
      [{ JWT_PUBLIC_KEY: PEM, KEY_CACHE_TTL_SECONDS: '86401' }, /whole number from 0 to 86400, got "86401"/],
      [{ JWT_PUBLIC_KEY: PEM, HTTP_API_RESPONSE: 'iam' }, /must be one of simple, policy, got "iam"/],
      [{ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: '*' }, /"stage", "method", or an execute-api ARN naming one API/],
    ];
    for (const [env, message] of cases) expect(configError(env).message).toMatch(message);
  });
});
