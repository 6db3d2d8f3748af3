import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { importedKeys, parseKeySet } from '../src/parse-key-set.js';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, createPublicKey: vi.fn(original.createPublicKey) };
});

describe('parseKeySet importing keys', () => {
  it('imports an RSA PEM once: its members are checked as the key object the PEM was read as', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    vi.mocked(crypto.createPublicKey).mockClear();
    const [jwk] = parseKeySet(pem, { algorithms: ['RS256'] }).keys;
    expect(crypto.createPublicKey).toHaveBeenCalledTimes(1);
    expect(importedKeys.get(jwk as never)).toBe(vi.mocked(crypto.createPublicKey).mock.results[0]?.value);
  });

  it('keeps the key object each JWKS member was checked as, RSA and not', () => {
    const publicKeys = [
      crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      crypto.generateKeyPairSync('ed25519').publicKey,
    ];
    const jwks = JSON.stringify({ keys: publicKeys.map((key) => key.export({ format: 'jwk' })) });
    vi.mocked(crypto.createPublicKey).mockClear();
    const { keys } = parseKeySet(jwks, { algorithms: ['RS256', 'EdDSA'] });
    const imported = vi.mocked(crypto.createPublicKey).mock.results.map((result) => result.value);
    expect(imported).toHaveLength(2);
    for (const [i, jwk] of keys.entries()) expect(importedKeys.get(jwk)).toBe(imported[i]);
  });

  it('imports each member of a JWKS to check it', () => {
    const jwks = JSON.stringify({
      keys: [1, 2].map(() => crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' })),
    });
    vi.mocked(crypto.createPublicKey).mockClear();
    expect(parseKeySet(jwks, { algorithms: ['EdDSA'] }).keys).toHaveLength(2);
    expect(crypto.createPublicKey).toHaveBeenCalledTimes(2);
  });
});
