import { verifyToken } from '@jwt-authorizer/core';
import {
  createTestKey,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIssuerKeySource } from '../src/index.js';

let keyA: TestKey;
let keyB: TestKey;
let idpA: JwksServer;
let idpB: JwksServer;
beforeAll(async () => {
  [keyA, keyB] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
});
afterEach(async () => {
  await Promise.all([idpA?.close(), idpB?.close()]);
});

const algorithms = ['RS256'] as const;

describe('createIssuerKeySource', () => {
  it('verifies each issuer with its own discovered keys, discovering once per issuer', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    idpB = await startJwksServer({ keys: [{ ...keyB.publicJwk, kid: 'b' }] });
    const issuers = [idpA.issuer, idpB.issuer];
    const keySource = createIssuerKeySource(issuers, { algorithms });
    const verify = (token: string) => verifyToken(token, keySource, { algorithms, issuer: issuers });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        verify(await signToken(keyA, { iss: idpA.issuer }, { header: { kid: 'a' } })),
      ).resolves.toBeDefined();
      await expect(
        verify(await signToken(keyB, { iss: idpB.issuer }, { header: { kid: 'b' } })),
      ).resolves.toBeDefined();
    }
    expect([idpA.discoveryCount, idpA.count, idpB.discoveryCount, idpB.count]).toEqual([1, 1, 1, 1]);
    // B's key does not verify a token claiming A as issuer: A's keys are asked, and do not have it
    const forged = await signToken(keyB, { iss: idpA.issuer }, { header: { kid: 'b' } });
    await expect(verify(forged)).rejects.toMatchObject({ code: 'unknown_key' });
  });

  it('refuses a token of an unknown issuer without any request', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    const keySource = createIssuerKeySource([idpA.issuer], { algorithms });
    for (const iss of ['https://evil.example', undefined]) {
      const token = await signToken(keyA, iss === undefined ? {} : { iss }, { header: { kid: 'a' } });
      await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({ code: 'wrong_issuer' });
    }
    expect(idpA.discoveryCount + idpA.count).toBe(0);
  });

  it('fails closed when the discovery document names another issuer', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    const claimed = `${idpA.issuer}/tenant`; // the server's document names its origin, not this
    const keySource = createIssuerKeySource([claimed], { algorithms });
    const token = await signToken(keyA, { iss: claimed }, { header: { kid: 'a' } });
    await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({
      name: 'KeySourceError',
      code: 'invalid_key_material',
    });
    expect([idpA.discoveryCount, idpA.count]).toEqual([1, 0]);
  });

  it('refuses at creation an issuer it could only reach over plain http or not at all', () => {
    for (const issuer of ['http://idp.example/', 'urn:example:idp']) {
      expect(() => createIssuerKeySource([issuer], { algorithms })).toThrow(
        expect.objectContaining({ code: 'invalid_key_material' }),
      );
    }
  });
});
