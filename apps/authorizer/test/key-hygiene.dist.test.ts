import {
  constants,
  createPrivateKey,
  generateKeyPairSync,
  type RSAPSSKeyPairKeyObjectOptions,
  sign,
} from 'node:crypto';
import {
  b64json,
  createRocaKey,
  createRsaKeyWithExponent,
  createTestKey,
  forgeExponentOneToken,
  type JwksServer,
  METHOD_ARN,
  type SsmServer,
  signToken,
  startJwksServer,
  startSsmServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuilt, invokeBuiltAsync } from './support/built-handler.js';

// RSA keys a trusted key source could hand out and that must never verify anything, on the built bundle, from
// every kind of source: an e = 1 key (a token forged for it without any private key), and a ROCA key generated
// with its private key (so the tokens it signs are genuinely valid, and still refused).
const tokenEvent = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });
const UNAUTHORIZED = { error: { name: 'Error', message: 'Unauthorized' } };
const exp = () => Math.floor(Date.now() / 1000) + 600;

let good: TestKey;
let roca: TestKey;
const exponentOne = createRsaKeyWithExponent(1n);
let jwks: JwksServer | undefined;
let ssm: SsmServer | undefined;
beforeAll(async () => {
  good = await createTestKey('RS256');
  roca = createRocaKey();
});
afterEach(async () => {
  await jwks?.close();
  await ssm?.close();
  jwks = undefined;
  ssm = undefined;
});

describe('the built authorizer and weak RSA keys', () => {
  it('fails the init, naming the variable and the check, for an inline e = 1 or ROCA key', () => {
    for (const [material, why] of [
      [exponentOne.publicPem, /^JWT_PUBLIC_KEY: .*its public exponent is 1: below 3/],
      [roca.publicPem, /^JWT_PUBLIC_KEY: .*ROCA fingerprint \(CVE-2017-15361\)/],
    ] as const) {
      const forged = forgeExponentOneToken(exponentOne, { sub: 'attacker', exp: exp() });
      const { results } = invokeBuilt({ JWT_PUBLIC_KEY: material }, [tokenEvent(forged)]);
      expect(results).toEqual([{ initError: { name: 'ConfigError', message: expect.stringMatching(why) } }]);
    }
  });

  it('keeps serving the good key of a JWKS that also holds an e = 1 and a ROCA key, and refuses their tokens', async () => {
    jwks = await startJwksServer({
      keys: [
        { ...exponentOne.publicJwk, kid: 'weak' },
        { ...roca.publicJwk, kid: 'roca' },
        { ...good.publicJwk, kid: 'good' },
        // routine members: left out at INFO, not as warnings
        { ...good.publicJwk, kid: 'encryption', use: 'enc' },
        { ...good.publicJwk, kid: 'another-algorithm', alg: 'RS512' },
      ],
    });
    const forged = forgeExponentOneToken(exponentOne, { sub: 'attacker', exp: exp() }, { kid: 'weak' });
    const signedByRoca = await signToken(roca, { sub: 'roca-holder' }, { header: { kid: 'roca' } });
    const valid = await signToken(good, { sub: 'user-1' }, { header: { kid: 'good' } });
    const { results, logs } = await invokeBuiltAsync(
      { JWKS_URI: jwks.url.href },
      [forged, signedByRoca, valid].map(tokenEvent),
    );
    expect(results.slice(0, 2)).toEqual([UNAUTHORIZED, UNAUTHORIZED]);
    expect(results[2]?.response).toMatchObject({ principalId: 'user-1' });
    expect(logs.filter((line) => line['message'] === 'key left out')).toEqual([
      expect.objectContaining({
        level: 'WARN',
        source: 'jwks',
        detail: expect.stringMatching(/kid "weak".*exponent is 1/),
      }),
      expect.objectContaining({
        level: 'WARN',
        source: 'jwks',
        detail: expect.stringMatching(/kid "roca".*ROCA fingerprint/),
      }),
      expect.objectContaining({
        level: 'INFO',
        source: 'jwks',
        detail: expect.stringMatching(/kid "encryption".*"use"/),
      }),
      expect.objectContaining({
        level: 'INFO',
        source: 'jwks',
        detail: expect.stringMatching(/kid "another-algorithm"/),
      }),
    ]);
    expect(logs.filter((line) => line['reason'] === 'unknown_key')).toHaveLength(2);
    expect(jwks.count).toBe(1);
  });

  it('answers 500, never Allow, when the only key of an SSM parameter is a ROCA key', async () => {
    ssm = await startSsmServer({ '/auth/key': roca.publicPem });
    const token = await signToken(roca, { sub: 'roca-holder' });
    const { results, logs } = await invokeBuiltAsync({ ...ssm.env, JWT_PUBLIC_KEY_SSM_PARAMETER: '/auth/key' }, [
      tokenEvent(token),
    ]);
    expect(results[0]?.error).toMatchObject({ name: 'KeySourceError' });
    expect(logs).toContainEqual(
      expect.objectContaining({
        outcome: 'error',
        reason: 'invalid_key_material',
        detail: expect.stringMatching(/ROCA/),
      }),
    );
  });
});

describe('the built authorizer and RSASSA-PSS-typed keys', () => {
  // @types/node types saltLength as a string; Node takes the number of bytes.
  const restricted = { modulusLength: 2048, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256', saltLength: 32 };
  const { publicKey, privateKey } = generateKeyPairSync(
    'rsa-pss',
    restricted as unknown as RSAPSSKeyPairKeyObjectOptions,
  );
  const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  // jose will not sign with an RSASSA-PSS-typed key; node:crypto does, within the key's own parameters.
  const ps256 = (claims: Record<string, unknown>) => {
    const input = `${b64json({ alg: 'PS256', typ: 'JWT' })}.${b64json({ exp: exp(), ...claims })}`;
    const key = { key: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })) };
    const signature = sign('sha256', Buffer.from(input), {
      ...key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    return `${input}.${signature.toString('base64url')}`;
  };

  it('verifies PS256 with a PSS-typed PEM restricted to SHA-256', () => {
    const { results } = invokeBuilt({ JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'PS256' }, [
      tokenEvent(ps256({ sub: 'pss' })),
    ]);
    expect(results[0]?.response).toMatchObject({ principalId: 'pss' });
  });

  it('fails the init with a ConfigError naming the variable when its parameters fit no configured algorithm', () => {
    const { results } = invokeBuilt({ JWT_PUBLIC_KEY: pem, JWT_ALGORITHMS: 'RS256,PS512' }, [
      tokenEvent(ps256({ sub: 'pss' })),
    ]);
    expect(results).toEqual([
      {
        initError: {
          name: 'ConfigError',
          message: expect.stringMatching(
            /^JWT_PUBLIC_KEY: PEM holds an RSASSA-PSS key \(sha256, MGF1 sha256, salt 32 bytes\)/,
          ),
        },
      },
    ]);
  });
});
